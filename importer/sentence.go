package importer

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
)

// maxSentenceLen bounds the text ParseSentence looks at.
const maxSentenceLen = 100

// ParseSentence reads a prison term as people write it: an ISO 8601
// duration ("P3Y", "P1Y6M", "P45D"), or numbers (digits or English words)
// with units — "5 years", "5.5 years", "five years and six months", "3
// years 6 months", "6 months", "2 weeks", "3 года 6 месяцев", "5 il 6 ay".
// A fraction of a year is taken only when it is a whole number of months
// (5.5 years is 5 years 6 months); a fraction of a month or a day is
// refused, as are ranges, life terms and anything else, with the reason.
// The empty string is no term.
func ParseSentence(s string) (habeas.Sentence, error) {
	var out habeas.Sentence
	fail := func(format string, args ...any) (habeas.Sentence, error) {
		return habeas.Sentence{}, fmt.Errorf(format, args...)
	}
	if len(s) > maxSentenceLen {
		return fail("longer than %d bytes: not a prison term", maxSentenceLen)
	}
	if !utf8.ValidString(s) {
		return fail("not valid UTF-8")
	}
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return out, nil
	}
	if strings.HasPrefix(t, "p") && !strings.ContainsFunc(t, unicode.IsSpace) {
		return isoDuration(t)
	}
	for _, life := range []string{"life", "пожизн", "ömürlük"} {
		if strings.Contains(t, life) {
			return fail("a life term is not a number of years; leave sentence empty and say so in notes")
		}
	}
	toks := sentenceTokens(t)
	seen := map[string]bool{}
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if tok == "to" || tok == "or" || tok == "до" {
			return fail("a range is not one term; write the term the court gave")
		}
		if tok == "and" || tok == "и" || tok == "və" {
			continue
		}
		n, frac, ok := sentenceNumber(tok)
		if !ok {
			if strings.ContainsAny(tok, "-–") || tok == "to" || tok == "or" {
				return fail("a range is not one term; write the term the court gave")
			}
			return fail("%q is not a number (write the term as 3 years 6 months, or P3Y6M)", tok)
		}
		if i+1 < len(toks) && frac == 0 {
			if m, _, ok2 := sentenceNumber(toks[i+1]); ok2 && n >= 20 && n%10 == 0 && m < 10 && tokIsWord(toks[i+1]) {
				n += m
				i++
			}
		}
		if i+1 >= len(toks) {
			return fail("%q has no unit (years, months, weeks or days)", tok)
		}
		i++
		unit, ok := sentenceUnits[toks[i]]
		if !ok && (toks[i] == "to" || toks[i] == "or" || toks[i] == "до") {
			return fail("a range is not one term; write the term the court gave")
		}
		if !ok {
			return fail("%q is not a unit: write years, months, weeks or days", toks[i])
		}
		if seen[unit] {
			return fail("%s given twice", unit)
		}
		seen[unit] = true
		switch unit {
		case "years":
			months := frac * 12
			if months != float64(int(months)) {
				return fail("%s years is not a whole number of months; write it as years and months (5 years 6 months)", strings.TrimRight(strconv.FormatFloat(float64(n)+frac, 'f', 4, 64), "0"))
			}
			out.Years += n
			out.Months += int(months)
		case "months", "weeks", "days":
			if frac != 0 {
				return fail("a fraction of %s is not a term a court gives; write it in whole %s or days", unit, unit)
			}
			switch unit {
			case "months":
				out.Months += n
			case "weeks":
				out.Days += 7 * n
			default:
				out.Days += n
			}
		}
	}
	if out.IsZero() {
		return fail("a term of zero; leave sentence empty when there is none")
	}
	return out, nil
}

// isoDuration reads PnYnMnD (a subset of ISO 8601 durations: no weeks, no
// time of day).
func isoDuration(t string) (habeas.Sentence, error) {
	var out habeas.Sentence
	rest := t[1:]
	if rest == "" {
		return out, fmt.Errorf("%q is not a duration: write P3Y, P1Y6M or P45D", t)
	}
	order := "ymd"
	for rest != "" {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 {
			return habeas.Sentence{}, fmt.Errorf("%q is not a duration: write P3Y, P1Y6M or P45D", t)
		}
		if i > 5 {
			return habeas.Sentence{}, fmt.Errorf("%q: a number too large for a prison term", t)
		}
		n, _ := strconv.Atoi(rest[:i])
		u := strings.IndexByte(order, rest[i])
		if u < 0 {
			return habeas.Sentence{}, fmt.Errorf("%q is not a duration of years, months and days in that order (P1Y6M, P45D)", t)
		}
		switch order[u] {
		case 'y':
			out.Years = n
		case 'm':
			out.Months = n
		case 'd':
			out.Days = n
		}
		order = order[u+1:]
		rest = rest[i+1:]
	}
	if out.IsZero() {
		return habeas.Sentence{}, fmt.Errorf("a term of zero; leave sentence empty when there is none")
	}
	return out, nil
}

// sentenceTokens splits a term at spaces and commas, and between a number
// and a unit written against it ("5y", "6mo").
func sentenceTokens(t string) []string {
	var out []string
	var cur []rune
	rs := []rune(t)
	for i := 1; i+1 < len(rs); i++ { // a decimal comma: 5,5 years
		if rs[i] == ',' && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			rs[i] = '.'
		}
	}
	t = string(rs)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.TrimSuffix(string(cur), "."))
			cur = cur[:0]
		}
	}
	for _, r := range t {
		switch {
		case unicode.IsSpace(r) || r == ',' || r == ';' || (r == '-' && len(cur) > 0 && unicode.IsLetter(cur[len(cur)-1])):
			flush()
		case len(cur) > 0 && unicode.IsLetter(r) && unicode.IsDigit(cur[len(cur)-1]),
			len(cur) > 0 && unicode.IsDigit(r) && unicode.IsLetter(cur[len(cur)-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// sentenceNumber reads "5", "5.5", "5,5" or a number word; frac is the
// part after the decimal point.
func sentenceNumber(tok string) (n int, frac float64, ok bool) {
	if v, ok := numberWords[tok]; ok {
		return v, 0, true
	}
	tok = strings.Replace(tok, ",", ".", 1)
	whole, dec, hasDec := strings.Cut(tok, ".")
	if whole == "" || len(whole) > 5 || strings.ContainsFunc(whole, func(r rune) bool { return r < '0' || r > '9' }) {
		return 0, 0, false
	}
	n, _ = strconv.Atoi(whole)
	if hasDec {
		if dec == "" || len(dec) > 4 || strings.ContainsFunc(dec, func(r rune) bool { return r < '0' || r > '9' }) {
			return 0, 0, false
		}
		f, err := strconv.ParseFloat("0."+dec, 64)
		if err != nil {
			return 0, 0, false
		}
		frac = f
	}
	return n, frac, true
}

func tokIsWord(tok string) bool { _, ok := numberWords[tok]; return ok }

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a": 1, "an": 1,
}

var sentenceUnits = map[string]string{
	"year": "years", "years": "years", "yr": "years", "yrs": "years", "y": "years",
	"год": "years", "года": "years", "лет": "years", "г": "years", "il": "years",
	"month": "months", "months": "months", "mo": "months", "mos": "months", "m": "months",
	"месяц": "months", "месяца": "months", "месяцев": "months", "мес": "months", "ay": "months",
	"week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
	"неделя": "weeks", "недели": "weeks", "недель": "weeks", "həftə": "weeks",
	"day": "days", "days": "days", "d": "days",
	"день": "days", "дня": "days", "дней": "days", "gün": "days",
}
