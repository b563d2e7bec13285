package bench

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Organizations are invented: a word with its translation, put into the
// shapes real names take ("“Unity” Confederation of Trade Unions").

// orgWords are words for names, English and in the country's language.
var orgWords = map[string][][2]string{
	"AZ": {{"Solidarity", "Həmrəylik"}, {"Dignity", "Ləyaqət"}, {"Labour Voice", "Əmək Səsi"}, {"New Dawn", "Yeni Şəfəq"},
		{"Unity", "Birlik"}, {"Justice", "Ədalət"}, {"Freedom", "Azadlıq"}, {"Hope", "Ümid"}, {"Future", "Gələcək"},
		{"Truth", "Həqiqət"}, {"Caspian", "Xəzər"}, {"Homeland", "Vətən"}, {"Open Word", "Açıq Söz"}, {"Bridge", "Körpü"}},
	"RU": {{"Dawn", "Рассвет"}, {"Voice", "Голос"}, {"Memory", "Память"}, {"Freedom", "Свобода"}, {"Future", "Будущее"},
		{"Truth", "Правда"}, {"Northern Light", "Северный свет"}, {"Open Road", "Открытая дорога"}, {"Unity", "Единство"},
		{"Conscience", "Совесть"}, {"Justice", "Справедливость"}, {"Horizon", "Горизонт"}, {"Beacon", "Маяк"}},
	"BY": {{"Dawn", "Світанак"}, {"Voice", "Голас"}, {"Memory", "Памяць"}, {"Freedom", "Воля"}, {"Future", "Будучыня"},
		{"Truth", "Праўда"}, {"Unity", "Еднасць"}, {"Conscience", "Сумленне"}, {"Justice", "Справядлівасць"},
		{"Homeland", "Радзіма"}, {"Light", "Святло"}, {"Path", "Шлях"}, {"Stork", "Бусел"}},
}

// orgShapes are name templates by kind: the English name and, for the
// countries of orgWords, the name in the country's language ({w} the word,
// {l} its translation, {p} a trade).
var orgShapes = map[string][][2]string{
	"trade_union": {{"“{w}” Confederation of Trade Unions", ""}, {"Independent Union of {p}", ""}, {"“{w}” Trade Union", "local-union"}},
	"media":       {{"{w} Media", "local-media"}, {"{w} TV", ""}, {"Radio {w}", ""}, {"{w} Daily", ""}},
	"party":       {{"{w} Party", "local-party"}, {"Popular Front “{w}”", ""}, {"Party of {w}", ""}},
	"ngo":         {{"Centre for {t}", ""}, {"“{w}” Human Rights Centre", "local-ngo"}, {"“{w}” Legal Initiative", ""}},
	"movement":    {{"{w} Movement", "local-movement"}, {"Youth Movement “{w}”", ""}},
	"religious":   {{"{c} Religious Community", ""}, {"Believers of {c}", ""}},
	"other":       {{"{w} Club", ""}, {"{w} Foundation", ""}, {"{w} Student Union", ""}},
}

var localOrgShapes = map[string]map[string]string{
	"AZ": {"local-union": "“{l}” Həmkarlar İttifaqı", "local-media": "{l} Media", "local-party": "{l} Partiyası",
		"local-ngo": "“{l}” Hüquq Mərkəzi", "local-movement": "“{l}” Hərəkatı"},
	"RU": {"local-union": "Профсоюз «{l}»", "local-media": "«{l}» Медиа", "local-party": "Партия «{l}»",
		"local-ngo": "Правозащитный центр «{l}»", "local-movement": "Движение «{l}»"},
	"BY": {"local-union": "Прафсаюз «{l}»", "local-media": "«{l}» Медыя", "local-party": "Партыя «{l}»",
		"local-ngo": "Праваабарончы цэнтр «{l}»", "local-movement": "Рух «{l}»"},
}

var (
	orgTrades = []string{"Teachers", "Oil Workers", "Couriers", "Miners", "Doctors", "Railway Workers", "Journalists", "Builders", "Farmers"}
	orgTopics = []string{"Human Rights", "Legal Aid", "Media Freedom", "Election Monitoring", "Democracy Studies", "Women’s Rights", "Prisoners’ Rights"}
	orgKinds  = weights[string]{{"trade_union", 12}, {"media", 22}, {"party", 14}, {"ngo", 22}, {"movement", 14}, {"religious", 8}, {"other", 8}}
	// people and organizations come from these countries
	homeCountries = weights[string]{{"AZ", 45}, {"BY", 25}, {"RU", 25}, {"KZ", 3}, {"TJ", 2}}
)

// orgRef is what a membership needs of an organization.
type orgRef struct {
	id   int64
	kind string
	vis  habeas.Visibility
}

// orgIndex lists the organizations by country, most members first.
type orgIndex struct {
	all       []orgRef
	byCountry map[string][]orgRef
	zipf      map[string]*rand.Zipf // made with the people's stream
}

func (g *generator) genOrganizations(r *rand.Rand) error {
	g.orgs = orgIndex{byCountry: map[string][]orgRef{}, zipf: map[string]*rand.Zipf{}}
	seen := map[string]bool{}
	created := g.opt.Now.AddDate(-10, 0, 0)
	for i := range g.opt.Organizations {
		code, kind := homeCountries.pick(r), orgKinds.pick(r)
		o := habeas.Organization{
			ID: int64(i + 1), Kind: kind, Country: code, Visibility: orgVisibility.pick(r),
			CreatedAt: created, UpdatedAt: created,
		}
		ct := pick(r, countryByCode(code).cities)
		shape := pick(r, orgShapes[kind])
		words := orgWords[code]
		if words == nil {
			words = orgWords["RU"]
		}
		w := pick(r, words)
		fillOrg := strings.NewReplacer("{w}", w[0], "{l}", w[1], "{p}", pick(r, orgTrades), "{t}", pick(r, orgTopics), "{c}", ct.en).Replace
		o.Name = fillOrg(shape[0])
		if seen[o.Name] {
			o.Name += " (" + ct.en + ")"
		}
		for n := 2; seen[o.Name]; n++ {
			o.Name = fillOrg(shape[0]) + " (" + ct.en + " " + strconv.Itoa(n) + ")"
		}
		seen[o.Name] = true
		if local := localOrgShapes[code][shape[1]]; local != "" {
			o.OtherNames = []string{fillOrg(local)}
		}
		switch {
		case chance(r, 0.05):
			o.Founded = strconv.Itoa(between(r, 199, 201)) + "X" // only the decade is known
		case chance(r, 0.8):
			o.Founded = strconv.Itoa(between(r, 1991, 2023))
		}
		if chance(r, 0.5) {
			o.Description = orgDescription(kind, ct.en, o.Founded)
		}
		if err := g.out.organizations.write(&o); err != nil {
			return err
		}
		ref := orgRef{id: o.ID, kind: kind, vis: o.Visibility}
		g.orgs.all = append(g.orgs.all, ref)
		g.orgs.byCountry[code] = append(g.orgs.byCountry[code], ref)
	}
	g.counts.Organizations = g.opt.Organizations
	return nil
}

var orgVisibility = weights[habeas.Visibility]{{habeas.Public, 92}, {habeas.Internal, 6}, {habeas.Confidential, 2}}

func orgDescription(kind, city, founded string) string {
	what := map[string]string{
		"trade_union": "An independent trade union", "media": "An independent newsroom", "party": "An opposition party",
		"ngo": "A human rights organization", "movement": "A civic movement", "religious": "A religious community",
		"other": "An association",
	}[kind]
	s := what + " based in " + city
	if founded != "" && !strings.HasSuffix(founded, "X") {
		s += ", founded in " + founded
	}
	return s + ". Several of its members have been detained."
}

// pickOrg draws an organization for a member from country: a few are
// very large, most small (a Zipf law over the country's organizations).
func (x *orgIndex) pickOrg(r *rand.Rand, country string) (orgRef, bool) {
	list := x.byCountry[country]
	if len(list) == 0 {
		list, country = x.all, ""
	}
	if len(list) == 0 {
		return orgRef{}, false
	}
	z := x.zipf[country]
	if z == nil {
		z = rand.NewZipf(r, 1.3, 1, uint64(len(list)-1))
		x.zipf[country] = z
	}
	return list[z.Uint64()], true
}

// memberRoles are the roles people hold, by kind of organization.
var memberRoles = map[string]weights[string]{
	"trade_union": {{"member", 85}, {"activist", 10}, {"deputy chairman", 3}, {"chairman", 1}, {"founder", 1}},
	"media":       {{"journalist", 60}, {"editor", 15}, {"camera operator", 10}, {"contributor", 12}, {"editor-in-chief", 3}},
	"party":       {{"member", 75}, {"activist", 15}, {"board member", 6}, {"deputy chairman", 3}, {"chairman", 1}},
	"ngo":         {{"staff member", 40}, {"volunteer", 30}, {"coordinator", 20}, {"lawyer", 6}, {"director", 4}},
	"movement":    {{"activist", 60}, {"member", 30}, {"coordinator", 10}},
	"religious":   {{"member", 80}, {"believer", 15}, {"community leader", 5}},
	"other":       {{"member", 100}},
}

// genMemberships writes the person's memberships: none for a third of
// people, up to three, each at least as restricted as the person and the
// organization.
func (g *generator) genMemberships(r *rand.Rand, p *habeas.Person, joinedBefore day) error {
	n := weights[int]{{0, 35}, {1, 45}, {2, 15}, {3, 5}}.pick(r)
	var taken []int64
	for range n {
		o, ok := g.orgs.pickOrg(r, p.Country)
		if !ok {
			return nil
		}
		if containsID(taken, o.id) {
			continue
		}
		taken = append(taken, o.id)
		g.counts.Memberships++
		since := joinedBefore - day(between(r, 30, 4000))
		m := habeas.Membership{
			ID: int64(g.counts.Memberships), PersonID: p.ID, OrganizationID: o.id,
			Role:       memberRoles[o.kind].pick(r),
			Visibility: max(p.Visibility, o.vis, memberVisibility.pick(r)),
		}
		if chance(r, 0.85) {
			m.Since = render(since, precisionsOld.pick(r)).text
		}
		if chance(r, 0.08) {
			until := since + day(between(r, 100, 2000))
			if until < g.today {
				m.Until = render(until, precYear).text
			}
		}
		if err := g.out.memberships.write(&m); err != nil {
			return err
		}
	}
	return nil
}

var memberVisibility = weights[habeas.Visibility]{{habeas.Public, 94}, {habeas.Internal, 5}, {habeas.Confidential, 1}}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
