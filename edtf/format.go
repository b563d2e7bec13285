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
	spanMonth               // 2023-08, 2023-08-XX
	spanDay                 // 2024-01-31
)

func (d Date) span() span {
	switch d.yearX {
	case 2:
		return spanCentury
	case 1:
		return spanDecade
	}
	switch d.Precision() {
	case PrecisionMonth:
		return spanMonth
	case PrecisionDay:
		return spanDay
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
	switch baseLanguage(lang) {
	case "az":
		return d.formatAz()
	case "ru":
		return d.formatRu()
	}
	return d.formatEn()
}

// baseLanguage returns the lowercased primary subtag of a language tag.
func baseLanguage(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

var monthsEn = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

func (d Date) formatEn() string {
	y := strconv.Itoa(int(d.year))
	var s string
	switch d.span() {
	case spanCentury:
		s = "the " + ordinalEn(int(d.year)/100+1) + " century"
	case spanDecade:
		s = "the " + y + "s"
	case spanYear:
		s = y
	case spanMonth:
		s = monthsEn[d.month-1] + " " + y
	case spanDay:
		s = strconv.Itoa(int(d.day)) + " " + monthsEn[d.month-1] + " " + y
	}
	switch d.qual {
	case '~':
		return "around " + s
	case '?':
		return "possibly " + s
	case '%':
		return "possibly around " + s
	}
	return s
}

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

// Azerbaijani writes month names in lowercase.
var monthsAz = [...]string{"yanvar", "fevral", "mart", "aprel", "may", "iyun",
	"iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"}

func (d Date) formatAz() string {
	y := strconv.Itoa(int(d.year))
	var s string
	switch d.span() {
	case spanCentury:
		s = roman(int(d.year)/100+1) + " əsr"
	case spanDecade:
		s = y + "-" + ordinalSuffixAz(int(d.year)) + " illər"
	case spanYear:
		s = y
	case spanMonth:
		s = monthsAz[d.month-1] + " " + y
	case spanDay:
		s = strconv.Itoa(int(d.day)) + " " + monthsAz[d.month-1] + " " + y
	}
	switch d.qual {
	case '~':
		return "təxminən " + s
	case '?':
		return "ehtimal ki, " + s
	case '%':
		return "ehtimal ki, təxminən " + s
	}
	return s
}

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

// Russian: nominative month names stand alone with a year ("август 2023"),
// genitive ones follow a day or "около" ("31 января 2024", "около августа
// 2023"). Lowercase is the Russian convention.
var (
	monthsRuNominative = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь",
		"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	monthsRuGenitive = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря"}
)

func (d Date) formatRu() string {
	y := strconv.Itoa(int(d.year))
	// nominative for a plain or uncertain date, genitive after "около"
	var nom, gen string
	switch d.span() {
	case spanCentury:
		c := roman(int(d.year)/100 + 1)
		nom, gen = c+" век", c+" века"
	case spanDecade:
		nom, gen = y+"-е годы", y+"-х годов"
	case spanYear:
		nom, gen = y, y+" года"
	case spanMonth:
		nom, gen = monthsRuNominative[d.month-1]+" "+y, monthsRuGenitive[d.month-1]+" "+y
	case spanDay:
		nom = strconv.Itoa(int(d.day)) + " " + monthsRuGenitive[d.month-1] + " " + y
		gen = nom
	}
	switch d.qual {
	case '~':
		return "около " + gen
	case '?':
		return "предположительно " + nom
	case '%':
		return "предположительно около " + gen
	}
	return nom
}

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
