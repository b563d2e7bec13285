package edtf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTypedLen is the longest input ParseTyped looks at, in bytes.
const MaxTypedLen = 64

// ParseTyped reads a date the way people type it in a spreadsheet and
// returns it as an EDTF Date:
//
//	2024-01-31, 2024-01, 2014         EDTF as it is (any form Parse accepts)
//	31.01.2024, 1.2.2024, 01.2024     day first when written with dots
//	2024/01/31, 2024.01.31            year first
//	31/01/2024, 01/31/2024            with slashes or dashes only when one
//	                                  number cannot be a month
//	Jan 2024, January 31st, 2024      English month names and abbreviations
//	31 January 2024, 31st Jan. 2024
//	31 января 2024, январь 2024 г.    Russian, either case of the month
//	31 yanvar 2024, yanvar 2024       Azerbaijani
//	2014?  ~2014  2014~  2014?~       uncertain, approximate, both (%)
//	spring 2023, весной 2023 года,    a season (EDTF 2023-21 … 2023-24); a
//	yaz 2023, winter 2023/24          winter names the two years it spans
//
// It refuses, with the reason, what it cannot read for certain: a date
// whose day and month could be swapped (01/02/2024), a two-digit year, a
// day that does not exist (31.02.2024), a day and month without a year,
// a winter named by one year ("winter 2023": which one?),
// and anything else. Errors are *ParseError; Pos is 0 unless Parse gave it.
func ParseTyped(s string) (Date, error) {
	fail := func(format string, args ...any) (Date, error) {
		return Date{}, &ParseError{Input: s, Reason: fmt.Sprintf(format, args...)}
	}
	if len(s) > MaxTypedLen {
		return fail("longer than %d bytes: not a date", MaxTypedLen)
	}
	if !utf8.ValidString(s) {
		return fail("not valid UTF-8")
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return fail("empty")
	}
	if d, err := Parse(t); err == nil {
		return d, nil
	}
	t, qual := typedQualifier(t)
	if t == "" {
		return fail("a qualifier without a date")
	}
	var d Date
	var reason string
	if strings.IndexFunc(t, unicode.IsLetter) < 0 {
		d, reason = typedNumeric(t)
	} else {
		d, reason = typedWords(t)
	}
	if reason != "" {
		return fail("%s", reason)
	}
	if qual != 0 && d.season != 0 {
		return fail("a season cannot be marked approximate or uncertain: write it alone, such as spring 2023")
	}
	d.qual = qual
	return d, nil
}

// typedQualifier takes the qualifiers off t: a leading or trailing '~'
// (approximate), a trailing '?' (uncertain), or '%' at the end (both).
func typedQualifier(t string) (string, byte) {
	approx, uncertain := false, false
	for {
		switch {
		case strings.HasPrefix(t, "~"):
			approx, t = true, t[1:]
		case strings.HasSuffix(t, "~"):
			approx, t = true, t[:len(t)-1]
		case strings.HasSuffix(t, "?"):
			uncertain, t = true, t[:len(t)-1]
		case strings.HasSuffix(t, "%"):
			approx, uncertain, t = true, true, t[:len(t)-1]
		default:
			t = strings.TrimSpace(t)
			switch {
			case approx && uncertain:
				return t, '%'
			case approx:
				return t, '~'
			case uncertain:
				return t, '?'
			}
			return t, 0
		}
		t = strings.TrimSpace(t)
	}
}

// typedNumeric reads a date of digits and one kind of separator.
func typedNumeric(t string) (Date, string) {
	var sep rune
	for _, r := range t {
		if r < '0' || r > '9' {
			if sep != 0 && r != sep {
				return Date{}, "mixes separators: write it as 2024-01-31"
			}
			if r != '.' && r != '/' && r != '-' {
				return Date{}, fmt.Sprintf("%q is not a date separator: write it as 2024-01-31", r)
			}
			sep = r
		}
	}
	parts := strings.Split(t, string(sep))
	if sep == 0 {
		parts = []string{t}
	}
	for _, p := range parts {
		if p == "" {
			return Date{}, "a part of the date is missing"
		}
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) > 4 {
			return Date{}, fmt.Sprintf("%q is too long for a day, a month or a year", p)
		}
		nums[i], _ = strconv.Atoi(p)
		if len(p) == 3 {
			return Date{}, fmt.Sprintf("%q is neither a day, a month nor a four-digit year", p)
		}
		if nums[i] == 0 && len(p) <= 2 {
			return Date{}, fmt.Sprintf("%q is neither a day nor a month", p)
		}
	}
	yearAt := -1
	for i, p := range parts {
		if len(p) == 4 {
			if yearAt >= 0 {
				return Date{}, "two years in one date"
			}
			yearAt = i
		}
	}
	if yearAt < 0 {
		if len(parts) == 1 {
			return Date{}, "a year has four digits"
		}
		return Date{}, "no four-digit year: write the year in full (2024, not 24)"
	}
	switch {
	case len(parts) == 1:
		return makeDate(nums[0], 0, 0)
	case len(parts) == 2 && yearAt == 1: // 01.2024
		return makeDate(nums[1], nums[0], 0)
	case len(parts) == 2 && yearAt == 0: // 2024.01
		return makeDate(nums[0], nums[1], 0)
	case len(parts) == 3 && yearAt == 0: // 2024/01/31
		return makeDate(nums[0], nums[1], nums[2])
	case len(parts) == 3 && yearAt == 2:
		a, b := nums[0], nums[1]
		if sep == '.' { // day first, as dotted dates are written
			return makeDate(nums[2], b, a)
		}
		switch {
		case a > 12 && b > 12:
			return Date{}, fmt.Sprintf("neither %d nor %d is a month", a, b)
		case a == b || b > 12 && a <= 12: // a is the month (or it does not matter)
			return makeDate(nums[2], a, b)
		case a > 12 && b <= 12:
			return makeDate(nums[2], b, a)
		case a <= 12 && b <= 12:
			y := nums[2]
			return Date{}, fmt.Sprintf("day and month could be swapped; write %04d-%02d-%02d or %d %s %d (or %04d-%02d-%02d)",
				y, b, a, a, monthAbbr[b-1], y, y, a, b)
		}
	}
	return Date{}, "not a date: write it as 2024-01-31, 31.01.2024 or 31 Jan 2024"
}

// typedWords reads a date with a month name: day month year, month day
// year, month year.
func typedWords(t string) (Date, string) {
	var nums []string
	month, monthWords := 0, 0
	season, seasonWords := 0, 0
	for _, tok := range typedTokens(t) {
		if tok[0] >= '0' && tok[0] <= '9' {
			tok = strings.TrimSuffix(tok, ".")
			n := strings.TrimRightFunc(tok, unicode.IsLetter)
			suffix := strings.ToLower(tok[len(n):])
			if suffix != "" && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th" && suffix != "г" {
				return Date{}, fmt.Sprintf("%q is not a number", tok)
			}
			if strings.IndexFunc(n, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
				return Date{}, fmt.Sprintf("%q is not a number", tok)
			}
			nums = append(nums, n)
			continue
		}
		w := strings.ToLower(strings.TrimSuffix(tok, "."))
		if m, ok := monthNames[w]; ok {
			month, monthWords = m, monthWords+1
			continue
		}
		if n, ok := seasonNames[w]; ok {
			season, seasonWords = n, seasonWords+1
			continue
		}
		if yearWords[w] || w == "of" {
			continue
		}
		return Date{}, fmt.Sprintf("%q is not a month name (write the date as 2024-01-31)", tok)
	}
	if seasonWords > 0 {
		return typedSeason(season, seasonWords+monthWords, nums)
	}
	if monthWords != 1 {
		return Date{}, "write one month name and a four-digit year, such as 31 Jan 2024"
	}
	var day, year int
	switch len(nums) {
	case 1:
	case 2:
	default:
		return Date{}, "write a day, a month name and a four-digit year, such as 31 Jan 2024"
	}
	for _, n := range nums {
		v, _ := strconv.Atoi(n)
		if len(n) == 4 {
			if year != 0 {
				return Date{}, "two years in one date"
			}
			year = v
		} else if len(n) <= 2 {
			if day != 0 {
				return Date{}, "two days in one date"
			}
			day = v
			if day == 0 {
				return Date{}, "day 0 does not exist"
			}
		} else {
			return Date{}, fmt.Sprintf("%q is neither a day nor a four-digit year", n)
		}
	}
	if year == 0 {
		return Date{}, "no four-digit year: write the year in full (2024, not 24)"
	}
	return makeDate(year, month, day)
}

// typedSeason makes the season of a year ("spring 2023") or, for a winter,
// of the two years it spans ("winter 2023/24"): a winter named by one year
// could be the one that begins or the one that ends in it.
func typedSeason(season, words int, nums []string) (Date, string) {
	if words != 1 {
		return Date{}, "write one season and a four-digit year, such as spring 2023"
	}
	year := -1
	if len(nums) > 0 && len(nums[0]) == 4 {
		year, _ = strconv.Atoi(nums[0])
	}
	switch {
	case year < 0:
		return Date{}, "no four-digit year: write the season and the year in full, such as spring 2023"
	case season == Winter && len(nums) == 1:
		return Date{}, fmt.Sprintf("winter %d could be the winter that begins or the one that ends in %d: write winter %d/%02d or winter %d/%02d",
			year, year, year, (year+1)%100, year-1, year%100)
	case season == Winter && len(nums) == 2:
		next, _ := strconv.Atoi(nums[1])
		if !(len(nums[1]) == 2 && next == (year+1)%100) && !(len(nums[1]) == 4 && next == year+1) {
			return Date{}, fmt.Sprintf("a winter spans two years that follow each other, such as winter %d/%02d", year, (year+1)%100)
		}
	case len(nums) != 1:
		return Date{}, "write one season and a four-digit year, such as spring 2023"
	}
	if season == Winter && year == 9999 {
		return Date{}, "the winter of 9999 ends after 9999"
	}
	return Date{point: point{year: int16(year), season: uint8(season), parts: 2}}, ""
}

// seasonNames maps season names (lowercase) to the EDTF season: English,
// Russian (nominative, instrumental as in "весной 2023", genitive) and
// Azerbaijani (nominative and locative, "yazda").
var seasonNames = map[string]int{
	"spring": Spring, "весна": Spring, "весной": Spring, "весны": Spring, "yaz": Spring, "yazda": Spring,
	"summer": Summer, "лето": Summer, "летом": Summer, "лета": Summer, "yay": Summer, "yayda": Summer,
	"autumn": Autumn, "fall": Autumn, "осень": Autumn, "осенью": Autumn, "осени": Autumn, "payız": Autumn, "payızda": Autumn,
	"winter": Winter, "зима": Winter, "зимой": Winter, "зимы": Winter, "qış": Winter, "qışda": Winter,
}

// typedTokens splits t at spaces and commas, and between digits and the
// letters of a month name written against them ("31jan2024").
func typedTokens(t string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range t {
		switch {
		case unicode.IsSpace(r) || r == ',' || r == '-' || r == '/':
			flush()
		case len(cur) > 0 && unicode.IsLetter(r) && unicode.IsDigit(cur[len(cur)-1]) && !ordinalStart(r):
			flush()
			cur = append(cur, r)
		case len(cur) > 0 && unicode.IsDigit(r) && unicode.IsLetter(cur[len(cur)-1]) && cur[len(cur)-1] != '.':
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// ordinalStart reports whether r may begin an ordinal suffix (31st, 2nd,
// 3rd, 4th) or the Russian "г." after a year.
func ordinalStart(r rune) bool {
	switch unicode.ToLower(r) {
	case 's', 'n', 'r', 't', 'г':
		return true
	}
	return false
}

// makeDate checks a year, month (0: none) and day (0: none) and makes the
// Date; the reason says why it cannot be one.
func makeDate(y, m, d int) (Date, string) {
	if y < 0 || y > 9999 {
		return Date{}, fmt.Sprintf("year %d is out of range", y)
	}
	if m < 0 || m > 12 || (m == 0 && d != 0) {
		return Date{}, fmt.Sprintf("month %d does not exist", m)
	}
	date := Date{point: point{year: int16(y), parts: 1}}
	if m > 0 {
		date.month, date.parts = uint8(m), 2
	}
	if d != 0 {
		if n := daysIn(y, m); d < 1 || d > n {
			return Date{}, fmt.Sprintf("day %d does not exist: %s %d has %d days", d, monthAbbr[m-1], y, n)
		}
		date.day, date.parts = uint8(d), 3
	}
	return date, ""
}

var monthAbbr = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// yearWords may follow a year: "2024 г.", "2024 года", "2024-cü il".
var yearWords = map[string]bool{"г": true, "год": true, "года": true, "il": true, "ili": true}

// monthNames maps month names (lowercase, without a trailing dot) to
// their numbers: English, Russian (nominative, genitive, abbreviated) and
// Azerbaijani.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [][]string{
		{"january", "jan", "января", "январь", "янв", "yanvar"},
		{"february", "feb", "февраля", "февраль", "фев", "fevral"},
		{"march", "mar", "марта", "март", "mart"},
		{"april", "apr", "апреля", "апрель", "апр", "aprel"},
		{"may", "мая", "май"},
		{"june", "jun", "июня", "июнь", "iyun"},
		{"july", "jul", "июля", "июль", "iyul"},
		{"august", "aug", "августа", "август", "авг", "avqust"},
		{"september", "sep", "sept", "сентября", "сентябрь", "сен", "сент", "sentyabr"},
		{"october", "oct", "октября", "октябрь", "окт", "oktyabr"},
		{"november", "nov", "ноября", "ноябрь", "ноя", "noyabr"},
		{"december", "dec", "декабря", "декабрь", "дек", "dekabr"},
	} {
		for _, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()
