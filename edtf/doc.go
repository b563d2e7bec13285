// Package edtf parses, orders and displays partial and uncertain dates
// written in the Extended Date/Time Format (EDTF, ISO 8601-2).
//
// Case files are full of dates like "in August 2023" or "around May 6".
// habeas stores them as EDTF strings, computes on them with their precision,
// and shows them the way people write them.
//
// # Supported subset
//
// Level 0 and level 1, except level-1 forms no case file needs:
//
//	2023            a year (four digits, 0000–9999)
//	2023-08         a month
//	2024-01-31      a day
//	2023?           uncertain: '?' at the very end
//	2025-05-06~     approximate: '~'
//	2023-08%        uncertain and approximate: '%'
//	201X  20XX      a decade, a century: unspecified trailing year digits
//	2023-XX         a year whose month is unspecified
//	2023-08-XX      a month whose day is unspecified
//	2023-XX-XX      a year whose month and day are unspecified
//	2023-21 … -24   a season: spring, summer, autumn, winter of 2023
//	2025-05-14T09:30, 2025-05-14T09:30:15
//	                a day and the time of day a source gives, with Z or an
//	                offset (+04, +0400, +04:00) when it gives the zone
//	2025-05-06/2025-05-14
//	                an interval of two of the above (not seasons, not with X)
//	2025-05/..  ../2025
//	                an interval with an open end
//	2025-05/  /2025 an interval with an unknown end
//
// Everything else is rejected with a *ParseError that says where and why:
// negative or five-digit years, lowercase x, a known day in an unspecified
// month (2023-XX-15), a month after an unspecified year digit (201X-05),
// qualifiers on one component (2004?-06), more than one qualifier, a
// qualified season or time of day, seasons 25–41, an interval whose end
// does not begin after its start begins (2025-05-14/2025-05-06), an
// interval with no known end (../..), an hour without minutes, fractions
// of a second, the offset -00:00, sets, surrounding whitespace, invalid
// UTF-8 and anything longer than MaxLen bytes. Parse accepts only the
// canonical form, so an accepted string comes back unchanged from String.
//
// The strings of testdata/reference.txt are checked against the recorded
// verdicts of an independent implementation (edtf.js); the few deliberate
// differences are listed with their reasons in reference_test.go.
//
// ParseTyped is the lenient reader for imports: it takes dates as people
// type them in their lists ("31.01.2024", "Jan 2024", "31 января 2024",
// "~2014", "spring 2023", "весной 2023 года") and gives the EDTF Date, or
// refuses with the reason a date that cannot be read for certain
// ("01/02/2024": day and month could be swapped; "winter 2023": which one).
//
// # Spans, precision and order
//
// A Date covers the days from Earliest to Latest: 2023-08 and 2023-08-XX
// cover August 2023, 201X covers 2010-01-01 to 2019-12-31, 19XX covers
// 1900–1999. Seasons are the meteorological seasons of the northern
// hemisphere: 2023-21 (spring) is March–May 2023, 2023-22 June–August,
// 2023-23 September–November and 2023-24 (winter) December 2023 to February
// 2024. A date with a time covers its own calendar day as the source wrote
// it (Time gives the instant). An interval, as the date of an event, means
// the event happened on some day within it: it covers the first day of its
// start to the last day of its end, and an open or unknown end stands for
// the whole range (0000-01-01 or 9999-12-31). Qualifiers do not widen the
// span; they are reported by Approximate and Uncertain. Precision is that
// of the known part: 2023-08-XX has PrecisionMonth, 2023-XX and 201X have
// PrecisionYear (the decade or century shows only in the span), an
// interval that of its coarser known end.
//
// Compare orders Dates totally: by Earliest, then by Latest (narrower
// first), then a date with a time of day before one without and times by
// their clock, then by String. So an event known only to the month sorts
// among the days by its first day, after the events known to that first
// day: 2025-05-01 < 2025-05 < 2025-05-02, and the interval
// 2025-05-06/2025-05-14 comes after 2025-05-06 and before 2025-05-07.
// Before answers "certainly before": the whole span of one ends before the
// other starts.
//
// # Display
//
// Format writes a Date in English, Azerbaijani (Latin script) or Russian:
//
//	EDTF         en                    az                      ru
//	2024-01-31   31 January 2024       31 yanvar 2024          31 января 2024
//	2023-08      August 2023           avqust 2023             август 2023
//	2023         2023                  2023                    2023
//	201X         the 2010s             2010-cu illər           2010-е годы
//	19XX         the 20th century      XX əsr                  XX век
//	2025-05-06~  around 6 May 2025     təxminən 6 may 2025     около 6 мая 2025
//	2023-08~     around August 2023    təxminən avqust 2023    около августа 2023
//	2023~        around 2023           təxminən 2023           около 2023 года
//	2023?        possibly 2023         ehtimal ki, 2023        предположительно 2023
//
//	2023-21      spring 2023           yaz 2023                весна 2023
//	2023-24      winter 2023/24        qış 2023/24             зима 2023/24
//	2025-05-14T09:30+04
//	             14 May 2025, 09:30 UTC+04:00 (az, ru likewise)
//	2025-05-06/2025-05-14
//	             between 6 and 14 May 2025
//	                                   6 ilə 14 may 2025 arasında
//	                                                           между 6 и 14 мая 2025
//	2023-08/2024-01
//	             between August 2023 and January 2024
//	                                   avqust 2023 ilə yanvar 2024 arasında
//	                                                           в период с августа 2023 по январь 2024
//	2025-05/..   May 2025 or later     may 2025 və ya daha sonra
//	                                                           май 2025 или позже
//	../2025      2025 or earlier       2025 və ya daha əvvəl   2025 или раньше
//
// and 2023% (both qualifiers) gives "possibly around 2023", "ehtimal ki,
// təxminən 2023" and "предположительно около 2023 года".
//
// Unspecified components are shown as the known part: 2023-XX as "2023",
// 2023-08-XX as "August 2023". Month names are lowercase in Azerbaijani and
// Russian, as those languages write them; Russian uses the genitive after a
// day and after "около" ("около августа 2023", "около 2010-х годов"). The
// Azerbaijani ordinal suffix after a decade follows vowel harmony:
// "2010-cu", "2020-ci", "1990-cı", "1900-cü", "2000-ci illər". A century
// is named the way people speak of it (19XX is "the 20th century", "XX əsr",
// "XX век"), not by the strict 1901–2000 reckoning.
package edtf
