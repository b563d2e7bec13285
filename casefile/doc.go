// Package casefile says what a case's timeline means today: the status,
// where the person is held, when there was last news of them, whether they
// are on hunger strike, and the counters the public pages and the alert
// rules show (days in detention, days without news, days on hunger strike,
// days to the expected release).
//
// Everything here is a pure function of (case, events, today): no I/O, no
// clock. Today is passed in as a day (normally midnight UTC).
//
// # The timeline
//
// Events are read in Sorted order: by date as edtf.Compare orders dates
// (earliest possible day, then latest possible day, then a time of day
// before none, then the EDTF text), ties by ID. So an event known to the
// month ("2025-05") sorts on the first of the month, after the events of 1
// May, and one known as an interval ("2025-05-06/2025-05-14", some day in
// it) on its first day, after the events of 6 May. For the derivation:
//
//   - an event whose Date is empty or not valid EDTF is ignored;
//   - an event certainly in the future (its earliest possible day is after
//     today) is ignored: a hearing set for next month is neither news nor a
//     change of status. An event that may already have happened ("2025-05"
//     on 15 May 2025) counts.
//
// # Status
//
// The walk starts from the case's stored Status and applies, event by
// event, this table (statusRules in status.go):
//
//	arrest          → pre_trial, unless already held or deceased
//	charge, hearing → pre_trial, unless sentenced, free or deceased
//	verdict         → sentenced, unless deceased
//	release         → released, unless pardoned or deceased
//	pardon          → pardoned, unless deceased
//	death           → deceased
//
// Held means detained, pre_trial or sentenced; free means released,
// pardoned or deceased. An arrest while already held leaves the stage
// alone, so a case stored as sentenced whose timeline holds only the arrest
// stays sentenced; an arrest after a release or pardon is a new detention
// (pre_trial) and DetainedSince becomes its date. When no event on the
// timeline bears on the status, the stored status stands
// (State.StatusEventID is then 0). An empty or unknown stored status is
// neither held nor free: Detained is false, but the silence clock and the
// other counters run, so bad data never hides a silence.
//
// # Whereabouts
//
// The walk starts from the case's stored FacilityID (see PlacingKinds).
// Moves — a transfer, an arrest naming a facility, a release, pardon or
// death — apply in timeline order: a transfer with FacilityID 0 means an
// undisclosed place (WhereaboutsUnknown, FacilityID 0, UnknownSince = its
// date); a transfer or arrest with a facility places the person there;
// release, pardon and death leave FacilityID 0 with the whereabouts not
// unknown. A family or lawyer visit naming a facility is a sighting: it
// places the person only when it certainly happened after the last move
// (the move's latest possible day is before the visit's earliest). So a
// visit on 20 May does not end the unknown whereabouts that began with a
// transfer "in May 2025" — the transfer may have come on the 25th — but a
// visit on 2 June does; staff who know the visit came later record the new
// place as a transfer. This never hides an unknown whereabouts on
// ambiguous dates. Other events' FacilityID says where they happened and
// moves no one. When the person is free, FacilityID is 0.
//
// # News and the silence clock
//
// NewsKinds lists the kinds that count as news of the person. LastNews is
// the news event with the latest possible day (on a tie, the precise date).
// DaysWithoutNews counts from the latest possible day of the last news —
// or of the current arrest when that is later or there is no news — to
// today: last news "2025-05" on 15 June is 15 days, at least. It is -1 when
// there is neither, and -1 when the person is free: the clock stops.
//
// # Hunger strike
//
// The latest hunger_strike_start is ongoing unless a hunger_strike_end,
// release, pardon or death that is not certainly before it closes it (an
// end on the start's day closes it; an end certainly before it does not).
// An end known only to the month ("2025-05") sorts before a start on 6 May
// yet closes it; each end closes one strike at most.
// HungerStrikeDays = today − the start's latest possible day: 0 on the
// first day, so a strike begun on 6 May is 9 days old on 15 May (the UI
// may say "day 10"). A start known as an interval ("2025-05-06/2025-05-14")
// counts from its end, an "at least" figure. HungerStrikeUnconfirmed is set
// when the last news is older than today: the counter then says how long
// the strike has lasted if it continues, which no one has confirmed since
// LastNews. None when the person is free.
//
// # Detention and release
//
// DaysDetained runs from the arrest's latest possible day to today, or to
// the earliest possible day of the release, pardon or death that ended the
// detention. ReleaseDate gives ExpectedRelease; DaysToRelease runs from
// today to its earliest possible day, 0 when due or overdue, and
// ReleaseOverdue is set when its latest possible day has passed while the
// person is still held.
//
// # Partial dates
//
// Every counter is a lower bound: a silence, a detention or a strike counts
// from the latest day its start may mean, and a release counts to the
// earliest day it may mean, so no counter overstates. A date that may lie
// ahead of today counts as today (counters never go below 0, except -1 for
// unknown). State.Approximate marks a counter whose dates may mean more
// than one day (a month, a season, an interval) or carry a '~' or '?'
// qualifier. An open or unknown end of an interval stands for the whole
// range of years: a strike begun "2025-05/.." counts from today, at least
// 0 days.
package casefile
