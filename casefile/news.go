package casefile

import "codeberg.org/habeas/habeas"

// NewsKinds are the event kinds that count as news of the person: signs of
// life and first-hand word of their condition, which stop the silence clock.
//
//   - family_visit, lawyer_visit: someone saw them.
//   - call, letter: they spoke or wrote.
//   - health, news: word of their condition.
//   - hearing: they were seen in court.
//   - release: they are out.
//   - hunger_strike_start, hunger_strike_end: their own act, reported by
//     those in touch with them.
//   - ill_treatment: an account of what is being done to them.
//
// Not news: a statement (a third party speaking about them, such as the
// union's statement of 14 May, says nothing of how they are now); a
// transfer (the authorities moved them; even to a named facility it is an
// administrative fact, and to an undisclosed place it is the opposite of
// news); charge, verdict and appeal (documents that can be issued without
// anyone seeing them); arrest (the start of the detention; the silence
// clock counts from it when there is no later news); pardon and death.
var NewsKinds = []string{
	habeas.EventFamilyVisit,
	habeas.EventLawyerVisit,
	habeas.EventCall,
	habeas.EventLetter,
	habeas.EventHealth,
	habeas.EventNews,
	habeas.EventHearing,
	habeas.EventRelease,
	habeas.EventHungerStrikeStart,
	habeas.EventHungerStrikeEnd,
	habeas.EventIllTreatment,
}

// newsKind is NewsKinds as a set, fixed when the package starts.
var newsKind = func() map[string]bool {
	m := make(map[string]bool, len(NewsKinds))
	for _, k := range NewsKinds {
		m[k] = true
	}
	return m
}()

// IsNews reports whether an event of the given kind counts as news of the
// person (one of NewsKinds).
func IsNews(kind string) bool { return newsKind[kind] }

// lastNews keeps the news event with the latest possible day. On a tie a
// precise date beats an imprecise one ("2025-05-31" over "2025-05" or
// "2025-05-31~"); otherwise the later one in timeline order wins.
func lastNews(cur, e *entry) *entry {
	switch {
	case !IsNews(e.ev.Kind):
		return cur
	case cur == nil || e.last > cur.last:
		return e
	case e.last == cur.last && (cur.vague || !e.vague):
		return e
	}
	return cur
}
