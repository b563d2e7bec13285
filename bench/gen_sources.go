package bench

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Sources are written in order of publication, so that an event can cite
// what was published soon after it.

type publisher struct{ name, domain string }

var publishers = []publisher{
	{"Caspian Monitor", "caspian-monitor.example.org"}, {"Kura Bulletin", "kura-bulletin.example.org"},
	{"Azad Söz", "azad-soz.example.org"}, {"Xəbər Xətti", "xeber-xetti.example.org"},
	{"Free Minsk Daily", "free-minsk.example.org"}, {"Neman News", "neman-news.example.org"},
	{"Вольны Голас", "volny-holas.example.org"}, {"Volga Report", "volga-report.example.org"},
	{"Новая хроника", "novaya-khronika.example.org"}, {"Правовой вестник", "pravovoy-vestnik.example.org"},
	{"Steppe Review", "steppe-review.example.org"}, {"Rights Watch Digest", "rights-digest.example.org"},
	{"Court Chronicle", "court-chronicle.example.org"}, {"Northern Ledger", "northern-ledger.example.org"},
}

var (
	headlines = []string{
		"Court extends pre-trial detention of activist", "Relatives concerned after days without news",
		"Journalist sentenced after closed trial", "Trade unionist transferred to a penal colony",
		"Political prisoner on hunger strike", "Lawyer denied access to client", "New arrests of opposition members",
		"Appeal court upholds sentence", "Detainee’s health deteriorating, family says", "Prisoner moved to unknown location",
		"Суд продлил арест активисту", "Политзаключённого этапировали в колонию", "Родные не получают писем",
		"Суд вынес приговор журналисту", "Jurnalistin həbs müddəti uzadıldı", "Həbsdə olan fəalın vəkili ilə görüşünə icazə verilmir",
		"Палітвязня перавялі ў калонію", "Суд вынес прысуд актывісту",
	}
	documentTitles = []string{
		"Indictment", "Court ruling on pre-trial detention", "Appeal court decision", "Verdict", "Medical certificate",
		"Reply of the penitentiary service", "Letter from prison", "Complaint to the prosecutor", "Lawyer’s notes of a visit",
	}
	testimonyTitles = []string{
		"Testimony of a relative", "Account of a former cellmate", "Testimony of a released detainee",
		"Account of a lawyer", "Testimony of an eyewitness to the arrest",
	}
	testimonyIdentities = []string{
		"Sister of the detained person, reached by phone", "Former cellmate, released last year; asked not to be named",
		"Lawyer of the family; speaks only off the record", "Neighbour who saw the arrest", "Wife of the detained person",
	}
	statementTitles = []string{
		"Joint statement of human rights organizations on political prisoners", "Statement of the union on the arrest of its member",
		"Statement of the editorial board", "Appeal of the families of political prisoners", "Statement of the party leadership",
	}
	sourceKinds   = weights[string]{{"article", 50}, {"url", 20}, {"document", 12}, {"testimony", 10}, {"statement", 8}}
	reliabilities = weights[string]{{"confirmed", 20}, {"reliable", 50}, {"unverified", 25}, {"doubtful", 5}}
)

// sourceIndex holds the publication day of each source, by id-1.
type sourceIndex struct {
	days []day
}

// cite returns up to n ids of sources published on or soon after d (or,
// for the days after the last source, the latest ones).
func (x *sourceIndex) cite(r *rand.Rand, d day, n int) []int64 {
	ids := make([]int64, 0, n)
	if len(x.days) == 0 {
		return ids
	}
	i := sort.Search(len(x.days), func(i int) bool { return x.days[i] >= d })
	for range n {
		j := i + r.IntN(12)
		if j >= len(x.days) {
			j = len(x.days) - 1 - r.IntN(min(12, len(x.days)))
		}
		if id := int64(j + 1); !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (g *generator) genSources(r *rand.Rand) error {
	n := g.opt.sources()
	days := make([]day, n)
	for i := range days {
		days[i] = g.today - day(recentDaysAgo(r, 0, 3650))
	}
	slices.Sort(days)
	g.srcs = sourceIndex{days: days}
	for i, d := range days {
		s := habeas.Source{ID: int64(i + 1), Kind: sourceKinds.pick(r), Reliability: reliabilities.pick(r), Visibility: habeas.Public}
		created := d.time()
		pub := pick(r, publishers)
		switch s.Kind {
		case "article", "url":
			s.Title = pick(r, headlines)
			s.Publisher = pub.name
			s.URL = "https://" + pub.domain + "/" + d.time().Format("2006/01/02") + "/" + strconv.Itoa(i+1)
			if s.Kind == "article" && chance(r, 0.3) {
				s.URL = ""
			}
			if chance(r, 0.05) {
				s.Visibility = habeas.Internal
			}
		case "document":
			s.Title = pick(r, documentTitles)
			s.Visibility = weights[habeas.Visibility]{{habeas.Public, 60}, {habeas.Internal, 35}, {habeas.Confidential, 5}}.pick(r)
		case "testimony":
			s.Title = pick(r, testimonyTitles)
			s.Identity = pick(r, testimonyIdentities)
			s.Visibility = weights[habeas.Visibility]{{habeas.Public, 10}, {habeas.Internal, 50}, {habeas.Confidential, 40}}.pick(r)
		case "statement":
			s.Title = pick(r, statementTitles)
			s.Publisher = pub.name
		}
		if s.Kind != "testimony" || chance(r, 0.5) {
			s.PublishedOn = dayText(d)
		}
		s.CreatedAt, s.UpdatedAt = created, created
		if err := g.out.sources.write(&s); err != nil {
			return err
		}
	}
	g.counts.Sources = n
	return nil
}
