// Package demo loads the case habeas was born from: the news post of
// 15 May 2025 about Elvin Mustafayev, a detained member of the "Workers'
// Table" Confederation of Trade Unions. Every fact here is a fact of that
// post and cites it; what the post does not say stays unknown.
package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
)

// AsOf is the day the post was published: the demo's "today".
var AsOf = time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)

// Slugs of the demo's main records, for tests and links.
const (
	PersonSlug       = "elvin-mustafayev"
	OrganizationSlug = "workers-table"
	FacilitySlug     = "correctional-facility-no-3"
)

// Load adds the demo records to an empty store. It refuses to load twice.
func Load(ctx context.Context, s *store.Store) error {
	if _, err := s.PersonBySlug(ctx, habeas.Confidential, PersonSlug); err == nil {
		return habeas.Errorf(habeas.ECONFLICT, "the demo data is already loaded")
	}
	d := &loader{ctx: ctx, s: s}
	d.load()
	return d.err
}

// loader keeps the first error so the demo reads as a list of facts.
type loader struct {
	ctx context.Context
	s   *store.Store
	err error
	// members are the other people the post names, for its links.
	members []int64
}

func (d *loader) do(what string, f func() error) {
	if d.err == nil {
		if err := f(); err != nil {
			d.err = fmt.Errorf("demo: %s: %w", what, err)
		}
	}
}

func (d *loader) load() {
	post := &habeas.Source{Kind: "article", Title: "Relatives of Elvin Mustafayev Concerned After 8 Days Without News",
		Publisher: "IHR", PublishedOn: "2025-05-15", Reliability: "reliable"}
	statement := &habeas.Source{Kind: "statement", Title: "Statement of the “Workers’ Table” on Elvin Mustafayev (as reported by IHR)",
		Publisher: "“Workers’ Table” Confederation of Trade Unions", PublishedOn: "2025-05-14", Reliability: "reliable"}
	d.do("sources", func() error { return d.s.CreateSource(d.ctx, habeas.Operator, post) })
	d.do("sources", func() error { return d.s.CreateSource(d.ctx, habeas.Operator, statement) })
	cite := []int64{post.ID}

	union := &habeas.Organization{Slug: OrganizationSlug, Name: "“Workers’ Table” Confederation of Trade Unions",
		OtherNames: []string{"Workers’ Table"}, Kind: "trade_union", Country: "AZ", Founded: "2022",
		Description: "According to IHR’s post of 15 May 2025, the confederation was founded in 2022 to advocate for " +
			"labor rights in Azerbaijan. Four of its members — chairman Afieddin Mammadov and members Aykhan Israfilov, " +
			"Elvin Mustafayev and Mohyaddin Orujov — are currently behind bars. Although they face different charges, " +
			"they all insist the accusations are fabricated and politically motivated.", SourceIDs: cite,
		// In the words of the post's own Russian version (see seedPostBodyRU);
		// the Azerbaijani page shows the English text, marked untranslated.
		DescriptionLang: "en", DescriptionTranslations: habeas.Translations{"ru": "Согласно публикации IHR от 15 мая 2025 года, " +
			"конфедерация была основана в 2022 году для защиты трудовых прав в Азербайджане. Четверо её членов — " +
			"председатель Афиеддин Мамедов и члены Айхан Исрафилов, Эльвин Мустафаев и Мохьяддин Оруджов — сейчас " +
			"находятся за решёткой. Хотя им предъявлены разные обвинения, все они настаивают на том, что обвинения " +
			"сфабрикованы и политически мотивированы."}}
	d.do("organization", func() error { return d.s.CreateOrganization(d.ctx, habeas.Operator, union) })

	// The post names the facility and nothing else about it: not its kind,
	// town or address.
	colony := &habeas.Facility{Slug: FacilitySlug, Name: "Correctional Facility No. 3", Kind: "unknown", Country: "AZ",
		SourceIDs: cite}
	d.do("facility", func() error { return d.s.CreateFacility(d.ctx, habeas.Operator, colony) })

	elvin := d.person("Elvin Mustafayev", "Эльвин Мустафаев", "Elvin Mustafayev is a detained member of the “Workers’ "+
		"Table” Confederation of Trade Unions, arrested in August 2023 on charges of drug trafficking and sentenced "+
		"to three years in prison. He has denied the accusations, linking them to his work with the “Workers’ Table”.", cite)
	elvin.BioLang = "en"
	elvin.BioTranslations = habeas.Translations{"ru": "Эльвин Мустафаев — задержанный член Конфедерации профсоюзов " +
		"«Рабочий стол». Он был арестован в августе 2023 года по обвинению в незаконном обороте наркотиков и приговорён " +
		"к трём годам лишения свободы. Мустафаев отрицает обвинения и связывает их со своей работой в «Рабочем столе»."}
	d.do("person", func() error { return d.s.CreatePerson(d.ctx, habeas.Operator, elvin) })
	d.membership(elvin, union, "member", cite)

	c := &habeas.Case{SourceIDs: cite, PersonID: elvin.ID, Country: "AZ", Status: habeas.StatusSentenced, ArrestDate: "2023-08",
		Charges: []habeas.Charge{{Text: "drug trafficking"}}, Court: "Baku Serious Crimes Court",
		Sentence: habeas.Sentence{Years: 3}, SentenceDate: "2024-01-31",
		// Azerbaijan's Criminal Code (art. 72) counts pre-trial detention towards the sentence.
		PretrialCredited: true, FacilityID: colony.ID, Classification: "not_assessed",
		Position: "denies",
		PositionNote: "“As I was leaving the store, four men violently attacked me. They immediately took my phone. " +
			"I was taken to the station. They told me that if I didn’t confess, they would bring a woman to testify " +
			"against me and accuse me of rape. Or they would charge me with being an ‘Iranian agent’ and imprison me for that...”",
		Summary: "Mustafayev has denied the accusations, linking them to his work with the “Workers’ Table”."}
	d.do("case", func() error { return d.s.CreateCase(d.ctx, habeas.Operator, c) })

	d.event(c, habeas.EventArrest, "2023-08", 0, "Arrested on charges of drug trafficking.", cite)
	d.event(c, habeas.EventVerdict, "2024-01-31", 0, "The Baku Serious Crimes Court sentenced him to three years in prison.", cite)
	d.event(c, habeas.EventHungerStrikeStart, "2025-05-06", colony.ID, "Began a hunger strike at Correctional Facility "+
		"No. 3 in response to reported violations of prisoners’ rights and to demand the release of political "+
		"detainees, including Tofig Yagublu.", cite)
	d.event(c, habeas.EventNews, "2025-05-07~", 0, "The last news of him reached his relatives and colleagues "+
		"around this day: on 15 May they had heard nothing for 8 days.", cite)
	// The post dates the transfer only as after the strike began (6 May) and
	// before the union's statement (14 May): some day between the two.
	d.event(c, habeas.EventTransfer, "2025-05-06/2025-05-14", 0, "After the hunger strike began he was subjected to pressure and "+
		"transferred to an unknown location; the authorities have not disclosed where he is held.", []int64{statement.ID, post.ID})
	st := &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement, Date: "2025-05-14", Speaker: "“Workers’ Table” Confederation of Trade Unions",
		Summary:   "The confederation reported that Mustafayev had been transferred to an unknown location following his hunger strike.",
		SourceIDs: []int64{statement.ID, post.ID}}
	d.do("event", func() error { return d.s.CreateEvent(d.ctx, habeas.Operator, st) })

	iv := &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: "Relatives and colleagues",
		Recipient: "Penitentiary Service", SentOn: "2025-05", AnswerStatus: "none",
		Summary:   "Inquiries about his situation. Neither the Penitentiary Service nor any other official body has responded.",
		SourceIDs: cite}
	d.do("intervention", func() error { return d.s.CreateIntervention(d.ctx, habeas.Operator, iv) })
	// The silence clock has opened its alerts on the case; staff publish
	// the three the post itself raises (the silence, the strike, the
	// unanswered inquiry), not the absence of recorded family contact,
	// which the post does not speak of.
	d.do("alerts", func() error { return d.publishAlerts(c.ID, "no_news", "hunger_strike", "unanswered_intervention") })
	// The family's worry, as the post words it: a concern they voiced (a
	// statement, which is not news of him), not a fact about his health.
	worry := &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement, Date: "2025-05-15", Speaker: "His family and friends",
		Summary: "His family and friends are worried about his health and overall well-being.", SourceIDs: cite}
	d.do("event", func() error { return d.s.CreateEvent(d.ctx, habeas.Operator, worry) })

	// The other members behind bars: the post gives their names and roles and
	// that they all insist the accusations are fabricated, nothing more. That
	// is the post's wording, not theirs: it is reported, never quoted.
	for _, m := range []struct{ name, cyrillic, role, as string }{
		{"Afieddin Mammadov", "", "chairman", "its chairman"},
		{"Aykhan Israfilov", "", "member", "a member"},
		{"Mohyaddin Orujov", "", "member", "a member"},
	} {
		p := d.person(m.name, m.cyrillic, "", cite)
		d.do("person", func() error { return d.s.CreatePerson(d.ctx, habeas.Operator, p) })
		d.members = append(d.members, p.ID)
		d.membership(p, union, m.role, cite)
		d.do("case", func() error {
			return d.s.CreateCase(d.ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained,
				Charges: []habeas.Charge{}, Classification: "not_assessed", Position: "denies", SourceIDs: cite,
				Summary: "According to IHR’s post of 15 May 2025, " + m.name + ", " + m.as + ", is one of four members of " +
					"the “Workers’ Table” Confederation of Trade Unions currently behind bars. Although they face different " +
					"charges, they all insist the accusations are fabricated and politically motivated."})
		})
	}

	// The political detainee whose release the hunger strike demanded.
	ty := d.person("Tofig Yagublu", "Тофиг Ягублу", "", cite)
	d.do("person", func() error { return d.s.CreatePerson(d.ctx, habeas.Operator, ty) })
	d.members = append(d.members, ty.ID)
	d.do("case", func() error {
		return d.s.CreateCase(d.ctx, habeas.Operator, &habeas.Case{PersonID: ty.ID, Country: "AZ", Status: habeas.StatusDetained,
			Charges: []habeas.Charge{}, Classification: "not_assessed", Position: "unknown", SourceIDs: cite,
			Summary: "Named in IHR’s post of 15 May 2025, “Relatives of Elvin Mustafayev Concerned After 8 Days Without " +
				"News”, among the political detainees whose release Elvin Mustafayev’s hunger strike demanded."})
	})
	d.news(elvin, union, post, statement)

	// The site is set up as the post's publisher would set it up; its
	// about page says what the demo is, and claims nothing for IHR.
	d.do("settings", func() error {
		return d.s.UpdateSettings(d.ctx, habeas.Operator, &habeas.SiteSettings{Name: "IHR", DefaultCountry: "AZ",
			Languages: []string{"en", "ru", "az"},
			About: "This is a demonstration of habeas, set up as the publisher of the news post it holds, IHR, might set it up.\n\n" +
				"Every record here comes from one post, IHR’s “Relatives of Elvin Mustafayev Concerned After 8 Days Without News” " +
				"of 15 May 2025, worded as the post words it. Nothing here is IHR’s own beyond that post."})
	})

	// The post's count of political prisoners in the country, and the
	// government's answer, as the post words them.
	d.do("estimate", func() error {
		return d.s.CreateEstimate(d.ctx, habeas.Operator, &habeas.Estimate{Country: "AZ", Count: 350,
			Qualifier: habeas.EstimateAround, Of: "political_prisoner", By: "local human rights organizations", AsOf: "2025-05-15",
			Counter: "Government officials reject this classification, claiming that all convictions are based solely on " +
				"the individuals’ actions, not political motives.", CounterBy: "Government officials", SourceIDs: cite})
	})
}

// person makes a person with their name as the post writes it and, where
// the Russian spelling is well established, that spelling too.
func (d *loader) person(latin, cyrillic, bio string, sources []int64) *habeas.Person {
	p := &habeas.Person{Country: "AZ", Bio: bio, SourceIDs: sources, Names: []habeas.PersonName{
		{Name: latin, Kind: habeas.NamePrimary, Script: "Latn", Lang: "en"}}}
	if cyrillic != "" {
		p.Names = append(p.Names, habeas.PersonName{Name: cyrillic, Kind: habeas.NameTransliteration, Script: "Cyrl", Lang: "ru"})
	}
	return p
}

func (d *loader) membership(p *habeas.Person, o *habeas.Organization, role string, sources []int64) {
	d.do("membership", func() error {
		return d.s.CreateMembership(d.ctx, habeas.Operator, &habeas.Membership{PersonID: p.ID, OrganizationID: o.ID, Role: role,
			SourceIDs: sources})
	})
}

func (d *loader) event(c *habeas.Case, kind, date string, facility int64, summary string, sources []int64) {
	d.do("event", func() error {
		return d.s.CreateEvent(d.ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: kind, Date: date, FacilityID: facility,
			Summary: summary, SourceIDs: sources})
	})
}

// publishAlerts publishes the unresolved alerts of the given rules on a case.
func (d *loader) publishAlerts(caseID int64, rules ...string) error {
	page, err := d.s.ListAlerts(d.ctx, habeas.Confidential, habeas.AlertFilter{CaseID: caseID})
	if err != nil {
		return err
	}
	for _, a := range page.Items {
		if slices.Contains(rules, a.Rule) {
			if _, err := d.s.PublishAlert(d.ctx, habeas.Operator, a.ID, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// The post as the demo site publishes it: IHR's own words, on the day it
// was published, its quote set apart with its speaker, about the people it
// names, with Elvin Mustafayev's live fact box; and its Russian version.
func (d *loader) news(elvin *habeas.Person, union *habeas.Organization, post, statement *habeas.Source) {
	quote := "As I was leaving the store, four men violently attacked me. They immediately took my phone. I was taken " +
		"to the station. They told me that if I didn’t confess, they would bring a woman to testify against me and " +
		"accuse me of rape. Or they would charge me with being an ‘Iranian agent’ and imprison me for that..."
	people := append([]int64{elvin.ID}, d.members...)
	en := &habeas.Post{Slug: NewsSlug, Lang: "en", Title: "Relatives of Elvin Mustafayev Concerned After 8 Days Without News",
		Author: "IHR", Summary: "Relatives and colleagues of Elvin Mustafayev, a detained member of the “Workers’ Table” " +
			"Confederation of Trade Unions, say they have not received any information about him for more than a week.",
		Body: SeedPostBody, Tags: []string{"hunger-strike", "workers-table", "azerbaijan"},
		Quotes:    []habeas.PullQuote{{Text: quote, Speaker: "Elvin Mustafayev", SourceIDs: []int64{post.ID}}},
		PersonIDs: people, OrganizationIDs: []int64{union.ID}, FactPersonID: elvin.ID,
		SourceIDs: []int64{post.ID, statement.ID}, State: habeas.PostPublished, PublishAt: AsOf}
	d.do("news", func() error { return d.s.CreatePost(d.ctx, habeas.Operator, en) })
	ru := &habeas.Post{Slug: NewsSlug + "-ru", Lang: "ru", TranslationOf: en.ID,
		Title:  "Родные Эльвина Мустафаева обеспокоены: 8 дней без вестей",
		Author: "IHR", Summary: "Родные и коллеги Эльвина Мустафаева, задержанного члена Конфедерации профсоюзов " +
			"«Рабочий стол», говорят, что больше недели не получают о нём никаких сведений.",
		Body: seedPostBodyRU, Tags: en.Tags,
		Quotes: []habeas.PullQuote{{Text: "Когда я выходил из магазина, на меня жестоко напали четверо мужчин. Они сразу " +
			"забрали мой телефон. Меня доставили в отделение. Мне сказали, что если я не признаюсь, то приведут " +
			"женщину, которая даст против меня показания и обвинит в изнасиловании. Или обвинят в том, что я " +
			"«иранский агент», и посадят за это...", Speaker: "Эльвин Мустафаев", SourceIDs: []int64{post.ID}}},
		PersonIDs: people, OrganizationIDs: []int64{union.ID}, FactPersonID: elvin.ID,
		SourceIDs: en.SourceIDs, State: habeas.PostPublished, PublishAt: AsOf}
	d.do("news", func() error { return d.s.CreatePost(d.ctx, habeas.Operator, ru) })
	d.comments(en)
}

// DemoComments are the readers' comments on the seed post: one approved,
// shown under it, and one pending, which no public page shows. Both are
// invented illustration, not words anyone wrote: the seed post's own
// comments are not part of the demo, and no real person is quoted.
var DemoComments = []habeas.Comment{
	{Name: "A reader in Baku", Status: habeas.CommentApproved,
		Text: "Thank you for keeping his name in the news.\nHas his lawyer been able to see him since he was moved?"},
	{Name: "A reader", Status: habeas.CommentPending,
		Text: "Is there an address where letters can reach him now?"},
}

// comments adds the demo's comments to the seed post, as an import would
// carry them: in their states, through one batch.
func (d *loader) comments(post *habeas.Post) {
	d.do("comments", func() error {
		return d.s.InBatch(d.ctx, habeas.Operator, func(b habeas.Batch) error {
			for _, c := range DemoComments {
				c.PostID = post.ID
				if err := b.CreateComment(&c); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// NewsSlug is the address of the seed post on the demo site.
const NewsSlug = "relatives-of-elvin-mustafayev-concerned-after-8-days-without-news"

// SeedPostBody is the seed post's text as IHR published it, in Markdown;
// its quote is the post's pull quote.
const SeedPostBody = `Relatives and colleagues of Elvin Mustafayev, a detained member of the “Workers’ Table” Confederation of Trade Unions, say they have not received any information about him for more than a week.

On May 14, the “Workers’ Table” issued a statement reporting that Mustafayev had been transferred to an unknown location following a hunger strike he began on May 6. The protest was launched at Correctional Facility No. 3 in response to reported violations of prisoners’ rights and to demand the release of political detainees, including Tofig Yagublu.

According to the statement, after the hunger strike began, Mustafayev was subjected to pressure and relocated, but authorities have not disclosed which facility he is currently being held in. His family and friends are worried about his health and overall well-being.

So far, neither the Penitentiary Service nor any other official body has responded to inquiries about his situation.

Elvin Mustafayev was arrested in August 2023 on charges of drug trafficking. On January 31, 2024, the Baku Serious Crimes Court sentenced him to three years in prison. Mustafayev has denied the accusations, linking them to his work with the “Workers’ Table.”

The “Workers’ Table” Confederation of Trade Unions was founded in 2022 to advocate for labor rights in Azerbaijan. Four of its members — chairman Afieddin Mammadov and members Aykhan Israfilov, Elvin Mustafayev, and Mohyaddin Orujov — are currently behind bars. Although they face different charges, they all insist the accusations are fabricated and politically motivated.

According to local human rights organizations, there are currently around 350 political prisoners in Azerbaijan. Government officials reject this classification, claiming that all convictions are based solely on the individuals' actions, not political motives. However, international human rights groups, the U.S. State Department, and several Western diplomats based in Baku have urged the Azerbaijani government to release those unjustly imprisoned and to end pressure on independent media and civil society.
`

// seedPostBodyRU is the demo's Russian version of the post.
const seedPostBodyRU = `Родные и коллеги Эльвина Мустафаева, задержанного члена Конфедерации профсоюзов «Рабочий стол», говорят, что больше недели не получают о нём никаких сведений.

14 мая «Рабочий стол» выступил с заявлением, в котором сообщил, что Мустафаев был переведён в неизвестное место после голодовки, начатой им 6 мая. Протест начался в исправительном учреждении № 3 в ответ на сообщения о нарушениях прав заключённых и с требованием освободить политических заключённых, в том числе Тофига Ягублу.

Согласно заявлению, после начала голодовки на Мустафаева оказывали давление и перевели его, но власти не раскрывают, в каком учреждении он сейчас содержится. Его родные и друзья беспокоятся о его здоровье и самочувствии.

Пока ни Пенитенциарная служба, ни какой-либо другой официальный орган не ответили на запросы о его положении.

Эльвин Мустафаев был арестован в августе 2023 года по обвинению в незаконном обороте наркотиков. 31 января 2024 года Бакинский суд по тяжким преступлениям приговорил его к трём годам лишения свободы. Мустафаев отрицает обвинения и связывает их со своей работой в «Рабочем столе».

Конфедерация профсоюзов «Рабочий стол» была основана в 2022 году для защиты трудовых прав в Азербайджане. Четверо её членов — председатель Афиеддин Мамедов и члены Айхан Исрафилов, Эльвин Мустафаев и Мохьяддин Оруджов — сейчас находятся за решёткой. Хотя им предъявлены разные обвинения, все они настаивают на том, что обвинения сфабрикованы и политически мотивированы.

По данным местных правозащитных организаций, сейчас в Азербайджане около 350 политических заключённых. Правительственные чиновники отвергают эту классификацию, утверждая, что все приговоры основаны исключительно на действиях самих людей, а не на политических мотивах. Тем не менее международные правозащитные группы, Государственный департамент США и ряд западных дипломатов в Баку призвали правительство Азербайджана освободить несправедливо заключённых и прекратить давление на независимые СМИ и гражданское общество.
`
