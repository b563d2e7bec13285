package bench

import (
	"math"
	"math/rand/v2"

	"codeberg.org/habeas/habeas"
)

// eventBudget shares the total number of events among the people: each
// draws around what is left per person (skewed: many short timelines, a
// few long ones) and the last takes the rest, so the total is exact.
type eventBudget struct {
	left, people int64
}

func (b *eventBudget) next(r *rand.Rand) int {
	if b.people <= 1 {
		n := b.left
		b.left, b.people = 0, 0
		return int(n)
	}
	mean := float64(b.left) / float64(b.people)
	x := math.Exp(r.NormFloat64()*0.7 - 0.245) // log-normal with mean 1
	n := min(int64(math.Round(mean*x)), b.left, int64(mean*12)+1)
	b.left -= n
	b.people--
	return int(n)
}

var (
	personVisibility = weights[habeas.Visibility]{{habeas.Public, 88}, {habeas.Internal, 10}, {habeas.Confidential, 2}}
	genders          = weights[string]{{"male", 79}, {"female", 20}, {"", 1}}
	// the status of a person's current case
	currentStatuses = weights[string]{
		{habeas.StatusDetained, 6}, {habeas.StatusPretrial, 20}, {habeas.StatusSentenced, 47},
		{habeas.StatusReleased, 20}, {habeas.StatusPardoned, 5}, {habeas.StatusDeceased, 2},
	}
)

// personOut is one person with everything that refers to them, generated
// before any of it is written (the person's dates come from the cases).
type personOut struct {
	cases [2]caseOut
	n     int
}

func (g *generator) genPeople(r *rand.Rand) error {
	budget := eventBudget{left: g.opt.totalEvents(), people: int64(g.opt.People)}
	var out personOut
	for i := range g.opt.People {
		if err := g.genPerson(r, int64(i+1), budget.next(r), &out); err != nil {
			return err
		}
	}
	g.counts.People = g.opt.People
	return nil
}

func (g *generator) genPerson(r *rand.Rand, id int64, events int, out *personOut) error {
	home := homeCountries.pick(r)
	gender := genders.pick(r)
	p := habeas.Person{
		ID: id, Names: genPersonNames(r, home, gender), Gender: gender, Country: home,
		Occupation: pick(r, occupations), Visibility: personVisibility.pick(r),
	}
	// where the current case happens: mostly at home
	where := home
	if chance(r, 0.03) {
		where = pick(r, countries).code
	}
	status := currentStatuses.pick(r)
	if events < 2 && (status == habeas.StatusReleased || status == habeas.StatusPardoned) {
		status = habeas.StatusSentenced // a release needs its event
	}
	arrest := g.today - day(arrestDaysAgo(r, status))
	out.n = 0
	if events >= 4 && chance(r, 0.10) {
		// an earlier detention, over before this one began
		early := between(r, 2, max(2, events*between(r, 15, 35)/100))
		first := arrest - day(between(r, 400, 3000))
		prior := habeas.StatusReleased
		if chance(r, 0.2) {
			prior = habeas.StatusPardoned
		}
		g.genCase(r, &p, caseSpec{status: prior, country: home, arrest: first, until: arrest - 30, events: early}, &out.cases[0])
		events -= early
		out.n++
	}
	g.genCase(r, &p, caseSpec{status: status, country: where, arrest: arrest, until: g.today, events: events, current: true}, &out.cases[out.n])
	out.n++

	firstArrest := out.cases[0].arrest
	age := between(r, 18, 30) + recentDaysAgo(r, 0, 40)
	p.BirthYear = max(1930, firstArrest.time().Year()-age)
	if chance(r, 0.4) {
		p.Bio = "A " + p.Occupation + " from " + pick(r, countryByCode(home).cities).en + "."
	}
	if chance(r, 0.05) {
		p.InternalNotes = "Contact through the family only; do not call the home number."
	}
	p.CreatedAt = out.cases[0].c.CreatedAt
	p.UpdatedAt = out.cases[out.n-1].c.UpdatedAt
	if err := g.out.people.write(&p); err != nil {
		return err
	}
	if err := g.genMemberships(r, &p, firstArrest); err != nil {
		return err
	}
	for i := range out.n {
		if err := g.writeCase(&out.cases[i]); err != nil {
			return err
		}
	}
	return nil
}

// arrestDaysAgo is how long ago a case of the given status began.
func arrestDaysAgo(r *rand.Rand, status string) int {
	switch status {
	case habeas.StatusDetained:
		return recentDaysAgo(r, 2, 500)
	case habeas.StatusPretrial:
		return recentDaysAgo(r, 3, 700)
	case habeas.StatusSentenced:
		return 150 + recentDaysAgo(r, 0, 3500)
	case habeas.StatusReleased:
		return 200 + recentDaysAgo(r, 0, 3500)
	case habeas.StatusPardoned:
		return 300 + recentDaysAgo(r, 0, 3400)
	}
	return 60 + recentDaysAgo(r, 0, 3500)
}

// writeCase writes a generated case with its events and interventions,
// numbering them in file order.
func (g *generator) writeCase(co *caseOut) error {
	if err := g.out.cases.write(&co.c); err != nil {
		return err
	}
	for i := range co.events {
		e := &co.events[i]
		e.CaseID = co.c.ID
		g.counts.Events++
		e.ID = int64(g.counts.Events)
		if err := g.out.events.write(e); err != nil {
			return err
		}
	}
	for i := range co.interventions {
		iv := &co.interventions[i]
		iv.CaseID = co.c.ID
		g.counts.Interventions++
		iv.ID = int64(g.counts.Interventions)
		if err := g.out.interventions.write(iv); err != nil {
			return err
		}
	}
	return nil
}
