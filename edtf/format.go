package edtf

import (
	"strconv"
	"strings"
)

// span is what a Date names when shown to people.
type span int

const (
	spanCentury span = iota // 19XX
	spanDecade              // 201X
	spanYear                // 2023, 2023-XX, 2023-XX-XX
	spanSeason              // 2023-21
	spanMonth               // 2023-08, 2023-08-XX
	spanDay                 // 2024-01-31
	spanTime                // 2025-05-14T09:30
)

func (p point) span() span {
	switch p.yearX {
	case 2:
		return spanCentury
	case 1:
		return spanDecade
	}
	switch p.precision() {
	case PrecisionSeason:
		return spanSeason
	case PrecisionMonth:
		return spanMonth
	case PrecisionDay:
		return spanDay
	case PrecisionTime:
		return spanTime
	}
	return spanYear
}

// Format returns d as people write it in the language lang: "en", "az" or
// "ru" (see the package documentation for examples). A tag with a region or
// script ("ru-RU", "az-Latn") counts as its language; any other language
// gets English. The zero Date gives "".
func (d Date) Format(lang string) string {
	if d.IsZero() {
		return ""
	}
	var l language
	switch baseLanguage(lang) {
	case "az":
		l = az{}
	case "ru":
		l = ru{}
	default:
		l = en{}
	}
	if !d.interval {
		return l.single(d.point)
	}
	switch {
	case d.startAs != endDate:
		return l.orEarlier(d.end)
	case d.endAs != endDate:
		return l.orLater(d.point)
	case sameMonthDays(d.point, d.end):
		return l.daysOfMonth(d.point, d.end)
	}
	return l.between(d.point, d.end)
}

// sameMonthDays reports whether a and b are plain days (no qualifier, no
// time) of the same month, as in "between 6 and 14 May 2025".
func sameMonthDays(a, b point) bool {
	return a.span() == spanDay && b.span() == spanDay && a.qual == 0 && b.qual == 0 &&
		a.year == b.year && a.month == b.month
}

// language writes dates and intervals in one language.
type language interface {
	single(p point) string
	between(a, b point) string
	daysOfMonth(a, b point) string // a and b are plain days of the same month
	orLater(a point) string
	orEarlier(b point) string
}

// baseLanguage returns the lowercased primary subtag of a language tag.
func baseLanguage(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// clockText writes a time of day as "09:30" or "09:30:15", with " UTC" or
// " UTC+04:00" when the source gave the zone.
func (p point) clockText() string {
	b := []byte{'0' + p.hour/10, '0' + p.hour%10}
	b = appendComponent(b, ':', p.minute, false)
	if p.clock == 3 {
		b = appendComponent(b, ':', p.second, false)
	}
	switch p.zone {
	case 'Z':
		b = append(b, " UTC"...)
	case '+', '-':
		b = append(b, " UTC"...)
		b = appendComponent(b, p.zone, p.zoneH, false)
		b = appendComponent(b, ':', p.zoneM, false)
	}
	return string(b)
}

type en struct{}

var monthsEn = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

var seasonsEn = [...]string{"spring", "summer", "autumn", "winter"}

// seasonYears writes the year of a season, "2023", or for a winter the two
// years it spans, "2023/24".
func seasonYears(p point) string {
	y := strconv.Itoa(int(p.year))
	if p.season == Winter {
		next := (int(p.year) + 1) % 100
		y += "/" + string([]byte{byte('0' + next/10), byte('0' + next%10)})
	}
	return y
}

func (en) plain(p point) string {
	y := strconv.Itoa(int(p.year))
	switch p.span() {
	case spanCentury:
		return "the " + ordinalEn(int(p.year)/100+1) + " century"
	case spanDecade:
		return "the " + y + "s"
	case spanSeason:
		return seasonsEn[p.season-Spring] + " " + seasonYears(p)
	case spanMonth:
		return monthsEn[p.month-1] + " " + y
	case spanDay:
		return strconv.Itoa(int(p.day)) + " " + monthsEn[p.month-1] + " " + y
	case spanTime:
		return strconv.Itoa(int(p.day)) + " " + monthsEn[p.month-1] + " " + y + ", " + p.clockText()
	}
	return y
}

func (l en) single(p point) string {
	s := l.plain(p)
	switch p.qual {
	case '~':
		return "around " + s
	case '?':
		return "possibly " + s
	case '%':
		return "possibly around " + s
	}
	return s
}

func (l en) between(a, b point) string { return "between " + l.single(a) + " and " + l.single(b) }

func (en) daysOfMonth(a, b point) string {
	return "between " + strconv.Itoa(int(a.day)) + " and " + strconv.Itoa(int(b.day)) + " " +
		monthsEn[b.month-1] + " " + strconv.Itoa(int(b.year))
}

func (l en) orLater(a point) string   { return l.single(a) + " or later" }
func (l en) orEarlier(b point) string { return l.single(b) + " or earlier" }

// ordinalEn returns 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st.
func ordinalEn(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

type az struct{}

// Azerbaijani writes month and season names in lowercase.
var monthsAz = [...]string{"yanvar", "fevral", "mart", "aprel", "may", "iyun",
	"iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"}

var seasonsAz = [...]string{"yaz", "yay", "payız", "qış"}

func (az) plain(p point) string {
	y := strconv.Itoa(int(p.year))
	switch p.span() {
	case spanCentury:
		return roman(int(p.year)/100+1) + " əsr"
	case spanDecade:
		return y + "-" + ordinalSuffixAz(int(p.year)) + " illər"
	case spanSeason:
		return seasonsAz[p.season-Spring] + " " + seasonYears(p)
	case spanMonth:
		return monthsAz[p.month-1] + " " + y
	case spanDay:
		return strconv.Itoa(int(p.day)) + " " + monthsAz[p.month-1] + " " + y
	case spanTime:
		return strconv.Itoa(int(p.day)) + " " + monthsAz[p.month-1] + " " + y + ", " + p.clockText()
	}
	return y
}

func (l az) single(p point) string {
	s := l.plain(p)
	switch p.qual {
	case '~':
		return "təxminən " + s
	case '?':
		return "ehtimal ki, " + s
	case '%':
		return "ehtimal ki, təxminən " + s
	}
	return s
}

func (l az) between(a, b point) string { return l.single(a) + " ilə " + l.single(b) + " arasında" }

func (az) daysOfMonth(a, b point) string {
	return strconv.Itoa(int(a.day)) + " ilə " + strconv.Itoa(int(b.day)) + " " +
		monthsAz[b.month-1] + " " + strconv.Itoa(int(b.year)) + " arasında"
}

func (l az) orLater(a point) string   { return l.single(a) + " və ya daha sonra" }
func (l az) orEarlier(b point) string { return l.single(b) + " və ya daha əvvəl" }

// The Azerbaijani ordinal suffix written after a numeral (-ci, -cı, -cu,
// -cü) follows the vowel harmony of the last word spoken: 2010 is
// "iki min on", so "2010-cu"; 2020 ends in "iyirmi", so "2020-ci"; 1900
// ends in "yüz", so "1900-cü"; 2000 ends in "min", so "2000-ci".
var (
	// bir, iki, üç, dörd, beş, altı, yeddi, səkkiz, doqquz
	unitSuffixAz = [...]string{1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
	// on, iyirmi, otuz, qırx, əlli, altmış, yetmiş, səksən, doxsan
	tensSuffixAz = [...]string{1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
)

// ordinalSuffixAz returns the suffix for 0 ≤ n ≤ 9999 written as digits.
func ordinalSuffixAz(n int) string {
	switch {
	case n == 0:
		return "cı" // sıfır
	case n%10 != 0:
		return unitSuffixAz[n%10]
	case n%100 != 0:
		return tensSuffixAz[n/10%10]
	case n%1000 != 0:
		return "cü" // yüz
	}
	return "ci" // min
}

type ru struct{}

// Russian: nominative month names stand alone with a year ("август 2023"),
// genitive ones follow a day or "около" ("31 января 2024", "около августа
// 2023"). Lowercase is the Russian convention.
var (
	monthsRuNominative = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь",
		"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	monthsRuGenitive = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря"}
	seasonsRu = [...]string{"весна", "лето", "осень", "зима"}
)

// forms returns p in the nominative, the genitive (after "около", "с") and
// the accusative (after "по").
func (ru) forms(p point) (nom, gen, acc string) {
	y := strconv.Itoa(int(p.year))
	switch p.span() {
	case spanCentury:
		c := roman(int(p.year)/100 + 1)
		return c + " век", c + " века", c + " век"
	case spanDecade:
		return y + "-е годы", y + "-х годов", y + "-е годы"
	case spanSeason:
		// seasons are never qualified nor in an interval: only the nominative is used
		s := seasonsRu[p.season-Spring] + " " + seasonYears(p)
		return s, s, s
	case spanMonth:
		return monthsRuNominative[p.month-1] + " " + y, monthsRuGenitive[p.month-1] + " " + y, monthsRuNominative[p.month-1] + " " + y
	case spanDay:
		s := strconv.Itoa(int(p.day)) + " " + monthsRuGenitive[p.month-1] + " " + y
		return s, s, s
	case spanTime:
		s := strconv.Itoa(int(p.day)) + " " + monthsRuGenitive[p.month-1] + " " + y + ", " + p.clockText()
		return s, s, s
	}
	return y, y + " года", y + " год"
}

func (l ru) single(p point) string {
	nom, gen, _ := l.forms(p)
	switch p.qual {
	case '~':
		return "около " + gen
	case '?':
		return "предположительно " + nom
	case '%':
		return "предположительно около " + gen
	}
	return nom
}

// adverb is the qualifier of an interval's end as an adverb, which leaves
// the case the preposition asks for alone: "с примерно мая 2023".
func (ru) adverb(p point) string {
	switch p.qual {
	case '~':
		return "примерно "
	case '?':
		return "предположительно "
	case '%':
		return "предположительно примерно "
	}
	return ""
}

func (l ru) between(a, b point) string {
	_, gen, _ := l.forms(a)
	_, _, acc := l.forms(b)
	return "в период с " + l.adverb(a) + gen + " по " + l.adverb(b) + acc
}

func (ru) daysOfMonth(a, b point) string {
	return "между " + strconv.Itoa(int(a.day)) + " и " + strconv.Itoa(int(b.day)) + " " +
		monthsRuGenitive[b.month-1] + " " + strconv.Itoa(int(b.year))
}

func (l ru) orLater(a point) string   { return l.single(a) + " или позже" }
func (l ru) orEarlier(b point) string { return l.single(b) + " или раньше" }

// roman returns n (1–3999) in Roman numerals, as Russian and Azerbaijani
// write centuries.
func roman(n int) string {
	values := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	symbols := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range values {
		for n >= v {
			b.WriteString(symbols[i])
			n -= v
		}
	}
	return b.String()
}
