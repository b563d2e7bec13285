// Package alerts holds the rules of the silence clock (SPEC §3): pure
// functions that read one case — its derived casefile.State, its events,
// its interventions — on a given day and say which alarming conditions
// hold, how grave each is, and, in one sentence a reader understands, why.
//
// Nothing here does I/O or reads a clock: today and the thresholds are
// passed in, and facility names come from a lookup the caller gives. The
// life cycle of alerts (open, acknowledged, resolved), the sweep and the
// notifications are built on Evaluate and EndedBy.
//
// # Rules
//
//   - no_news: no news event (casefile.NewsKinds) for N days (default 7):
//     warning at N, high at 2N, critical at 4N. A transfer to an
//     undisclosed place with no news certainly after it makes it critical
//     at once, whatever the count.
//   - no_contact: no family or lawyer contact for N days (default 14), even
//     when others report on the person: warning at N, high at 2N, critical
//     at 4N. Contact is an event of ContactKinds (family_visit,
//     lawyer_visit, call, letter; see ContactKinds for the limits of that).
//   - hunger_strike: the ongoing strike (casefile) has lasted N days
//     (default 7): warning, high a week later, critical two weeks later.
//     A hunger_strike_end, release, pardon or death ends it.
//   - unanswered_intervention: an inquiry, appeal or letter with no answer
//     past its due day: DueOn, or SentOn + N days (default 10, or the
//     authority's own figure from Thresholds.AnswerDays). Warning; high
//     once a whole answer period more has certainly passed.
//   - release_overdue: the whole expected release date has passed while the
//     person is still held: high, critical after N days (default 30).
//   - coming_up: a hearing or an appeal dated within the next N days
//     (default 7), or the expected release: info.
//
// Severities order Info < Warning < High < Critical.
//
// # Keys
//
// Every Finding has a Key: the rule, the case and the condition's anchor
// (the last news event, the strike's start event, the intervention and its
// due day, …). The same condition gives the same key however often it is
// evaluated and however its severity changes; a condition that ends and
// comes back has a new anchor and so a new key.
//
// # Dates
//
// Counters follow casefile: a silence counts from the latest day its start
// may mean, so it never overstates, and a sentence says "at least" when the
// date is partial ("2025-05") and "about" when it is approximate or
// uncertain ("2025-05-07~"). Dates are written with edtf's English Format.
// Deadlines are the exception: an answer "due from 11 May 2025 at the
// earliest" is reported once its earliest possible due day has passed, so
// a partial date never delays a reminder.
//
// # What a sentence may reveal
//
// A Finding quotes the dates, places and recipients of the events,
// interventions and facility names it was given. A caller that shows
// findings to an audience must evaluate what that audience may see.
package alerts
