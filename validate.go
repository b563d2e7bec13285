package habeas

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/habeas/habeas/edtf"
)

func itoa(i int) string { return strconv.Itoa(i) }

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// validSlug checks a URL slug; empty is allowed when optional (the store
// then makes one from the name).
func validSlug(pr Problems, field, s string, required bool) {
	if s == "" {
		if required {
			pr.Add(field, "is required")
		}
		return
	}
	if !IsSlug(s) {
		pr.Add(field, "must be lowercase letters a-z, digits and single hyphens, at most 100 characters")
	}
}

// validText checks that s is valid UTF-8 without control characters
// (newlines and tabs allowed) and between min and max characters long.
func validText(pr Problems, field, s string, min, max int) {
	if !utf8.ValidString(s) {
		pr.Add(field, "is not valid UTF-8")
		return
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && r != '\r' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			pr.Add(field, "contains a control character")
			return
		}
		// Embeddings, overrides and isolates can make text display as
		// something else than it is; marks (U+200E, U+200F) stay allowed.
		if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			pr.Add(field, "contains a bidirectional control character")
			return
		}
	}
	n := utf8.RuneCountInString(s)
	if min > 0 && strings.TrimSpace(s) == "" {
		pr.Add(field, "is required")
	} else if n > max {
		pr.Add(field, "is longer than "+itoa(max)+" characters")
	}
}

// validLine checks one line of text (a name, an address): validText,
// without line breaks or tabs.
func validLine(pr Problems, field, s string, min, max int) {
	if strings.ContainsAny(s, "\n\r\t") {
		pr.Add(field, "must be one line: it contains a line break or a tab")
	}
	validText(pr, field, s, min, max)
}

func validEnum[T ~string](pr Problems, field, v string, allowed []T) {
	if slices.Contains(allowed, T(v)) {
		return
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	if v == "" {
		pr.Add(field, "is required (one of "+strings.Join(names, ", ")+")")
		return
	}
	pr.Add(field, "unknown value "+strconv.Quote(truncate(v, 40))+" (want one of "+strings.Join(names, ", ")+")")
}

var countryRE = regexp.MustCompile(`^[A-Z]{2}$`)

// IsCountryCode reports whether c has the form of an ISO 3166-1 alpha-2
// code in capitals (AZ, BY).
func IsCountryCode(c string) bool { return countryRE.MatchString(c) }

// IsSlug reports whether s has the form of a slug: a-z, digits and single
// hyphens, at most 100 characters.
func IsSlug(s string) bool { return len(s) <= 100 && slugRE.MatchString(s) }

func validCountry(pr Problems, field, c string) {
	if c == "" {
		pr.Add(field, "is required (an ISO 3166-1 alpha-2 code such as AZ)")
	} else if !IsCountryCode(c) {
		pr.Add(field, "must be an ISO 3166-1 alpha-2 code in capitals, such as AZ")
	}
}

func validDate(pr Problems, field, d string) {
	if d == "" {
		return
	}
	if _, err := edtf.Parse(d); err != nil {
		pe, ok := err.(*edtf.ParseError)
		if ok {
			pr.Add(field, pe.Reason+" (in "+strconv.Quote(truncate(d, 40))+")")
		} else {
			pr.Add(field, err.Error())
		}
	}
}

// validOrder reports field when the later date is certainly before the earlier.
func validOrder(pr Problems, field, earlier, later, reason string) {
	if earlier == "" || later == "" {
		return
	}
	a, err1 := edtf.Parse(earlier)
	b, err2 := edtf.Parse(later)
	if err1 != nil || err2 != nil {
		return // reported by validDate
	}
	if b.Before(a) {
		pr.Add(field, reason)
	}
}

func validVisibility(pr Problems, field string, v Visibility) {
	if v == noVisibility {
		pr.Add(field, "is required: public, internal or confidential")
	} else if !v.Valid() {
		pr.Add(field, "must be public, internal or confidential")
	}
}

// validURL accepts empty or an absolute http(s) URL.
func validURL(pr Problems, field, s string) {
	if s == "" {
		return
	}
	validText(pr, field, s, 0, 2000)
	if strings.ContainsRune(s, '\\') {
		// Browsers read a backslash as a slash; Go's parser does not.
		pr.Add(field, "must not contain a backslash (\\)")
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		pr.Add(field, "must be an absolute http or https URL")
	}
}

// validLocalURL accepts empty or a path on this site ("/media/x.jpg"):
// public pages load nothing from another origin.
func validLocalURL(pr Problems, field, s string) {
	if s == "" {
		return
	}
	validText(pr, field, s, 0, 500)
	if strings.ContainsRune(s, '\\') {
		// Browsers read /\evil.example/x.png as //evil.example/x.png,
		// another origin.
		pr.Add(field, "must not contain a backslash (\\)")
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
		pr.Add(field, "must be a path on this site starting with /")
	}
}

// Slugify makes a URL slug from a name: ASCII letters and digits joined by
// hyphens. Letters outside ASCII are folded where a plain equivalent exists
// (ə→e, ş→s …); a name with none gives "".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := slugFold[r]; ok {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteString(f)
			continue
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

var slugFold = map[rune]string{
	'ə': "e", 'ı': "i", 'ş': "sh", 'ç': "ch", 'ğ': "g", 'ö': "o", 'ü': "u", 'â': "a", 'é': "e", 'è': "e", 'ä': "a",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'ї': "yi", 'є': "ye", 'ў': "u", 'ґ': "g",
}

// validSources checks the source ids a record cites: at most 50, each a
// source id (the store checks that each exists and is cited once).
func validSources(pr Problems, field string, ids []int64) {
	if len(ids) > 50 {
		pr.Add(field, "at most 50 sources")
	}
	for _, id := range ids {
		if id <= 0 {
			pr.Add(field, "must be source ids")
			return
		}
	}
}
