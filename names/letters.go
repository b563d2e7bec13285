package names

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The folded alphabet. Every code is one ASCII byte so that the edit distance
// works on bytes. Lower-case Latin letters keep their plain meaning; upper-case
// letters and a few lower-case ones stand for sounds that romanisations spell
// in several ways:
//
//	E  Azerbaijani ə (written a or e elsewhere)
//	S  ш sh š ş sz sch        Z  ж zh ž ż j(az)
//	C  ч ch č ç cz tsch       J  дж dzh dž c(az) dj
//	X  х kh x(az)             c  ц ts tz c ć
//	x  Latin x outside Azerbaijani: kh or ks
//	j  Latin j that may be a glide (Jurij) or dzh (Jafar)
//	q  Turkic q, қ: Russian writes г or к (Qara, Кара; Qənimət, Ганимат)
//	w  ў, or u after a vowel: Russian в (Makarau) or French ou (Boulat)
//	Y  German s before a vowel: с or з (Sergej, Sachar)
//	H  Armenian h that Russian drops (Hakobyan, Акопян)
//
// The glide (й, y, j before a vowel) folds to i; Latin w to v.

// isVowelCode reports whether c is a vowel of the folded alphabet.
func isVowelCode(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'E':
		return true
	}
	return false
}

// cyrillicFold maps lower-case Cyrillic letters (Russian, Belarusian,
// Ukrainian, Kazakh, Kyrgyz, Tatar, Tajik, Uzbek, Serbian) to codes. Cyrillic
// spelling is unambiguous, so its output goes straight to the rule pass.
var cyrillicFold = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e",
	'ё': "io", 'ж': "Z", 'з': "z", 'и': "i", 'і': "i", 'ї': "i", 'й': "i",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ў': "u", 'ф': "f", 'х': "X", 'ц': "c",
	'ч': "C", 'ш': "S", 'щ': "SC", 'ъ': "", 'ы': "i", 'ь': "", 'э': "e",
	'ю': "iu", 'я': "ia", 'є': "ie",
	// Turkic and Iranian languages written in Cyrillic.
	'ә': "E", 'ғ': "g", 'қ': "q", 'ҡ': "q", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "J", 'ӣ': "i", 'ӯ': "u", 'җ': "J", 'ҙ': "z",
	'ҫ': "s", 'ӑ': "a", 'ӗ': "e", 'ӧ': "o", 'ӱ': "u", 'ҕ': "g", 'ӄ': "k",
	// South Slavic and old letters.
	'ђ': "J", 'ј': "i", 'љ': "l", 'њ': "n", 'ћ': "C", 'џ': "J", 'ѓ': "g",
	'ќ': "k", 'ѕ': "dz", 'ѣ': "e", 'ѳ': "f", 'ѵ': "i",
}

// latinSpecial maps lower-case Latin letters with diacritics whose sound is
// not that of the bare letter. Letters absent here lose their diacritics
// (é → e, â → a) through canonical decomposition.
var latinSpecial = map[rune]string{
	'ə': "E", 'ä': "E", 'ı': "i", 'ğ': "g", 'ş': "S", 'ș': "S", 'ç': "C",
	'ö': "o", 'ü': "u", 'ł': "l", 'ś': "s", 'ź': "z", 'ż': "Z", 'ć': "c",
	'ń': "n", 'č': "C", 'š': "S", 'ž': "Z", 'ř': "r", 'ŭ': "u", 'ñ': "n",
	'ý': "i", 'ĭ': "i", 'ț': "c", 'ţ': "c", 'ß': "ss", 'æ': "ae", 'ø': "o",
	'œ': "oe", 'đ': "J", 'þ': "t", 'ð': "d", 'ħ': "h", 'ŋ': "n", 'ǵ': "g",
	'ǧ': "g", 'ǩ': "k", 'ơ': "o", 'ư': "u",
	'ę': "en", 'ą': "on", // Polish nasals: Wałęsa, Валенса
}

// letterClass tells how the scorer treats a rune.
type letterClass uint8

const (
	classOther    letterClass = iota // separator: spaces, punctuation, digits, controls
	classSkip                        // ignored inside a word: marks, apostrophes
	classHyphen                      // joins the parts of a word (Kara-Murza)
	classLatin                       // a Latin letter, returned folded to lower case
	classCyrillic                    // a Cyrillic letter, returned folded
	classUnknown                     // a letter of a script the scorer does not fold
)

// classify returns how r is treated and, for Latin and Cyrillic letters, the
// folded text. az selects the Azerbaijani (and Turkish, Crimean Tatar)
// reading of c, j, q and x.
func classify(r rune, az bool) (letterClass, string) {
	switch r {
	case '\'', '’', 'ʼ', 'ʻ', '`', '´', '‘', 'ʹ', 'ʽ', '\u00ad':
		return classSkip, ""
	case '-', '‐', '‑':
		return classHyphen, ""
	case 'İ', 'I':
		return classLatin, "i"
	}
	if r < 0x80 {
		switch {
		case r >= 'a' && r <= 'z':
			return classLatin, asciiFold(r, az)
		case r >= 'A' && r <= 'Z':
			return classLatin, asciiFold(r+('a'-'A'), az)
		}
		return classOther, ""
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) {
		return classSkip, ""
	}
	if !unicode.IsLetter(r) {
		return classOther, ""
	}
	lr := unicode.ToLower(r)
	if unicode.Is(unicode.Cyrillic, lr) {
		if f, ok := cyrillicFold[lr]; ok {
			return classCyrillic, f
		}
		return classUnknown, ""
	}
	if !unicode.Is(unicode.Latin, lr) {
		return classUnknown, ""
	}
	if f, ok := latinSpecial[lr]; ok {
		return classLatin, f
	}
	// Strip diacritics: the first rune of the canonical decomposition.
	var buf [8]byte
	n := norm.NFD.AppendString(buf[:0], string(lr))
	if len(n) > 0 && n[0] < 0x80 {
		c := rune(n[0])
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' {
			return classLatin, asciiFold(c, az)
		}
	}
	return classUnknown, ""
}

// asciiFold handles the plain Latin letters whose reading depends on the
// Azerbaijani context; digraphs are resolved later by parseLatin.
func asciiFold(r rune, az bool) string {
	if az {
		switch r {
		case 'c':
			return "J"
		case 'j':
			return "Z"
		case 'x':
			return "X"
		}
	}
	return asciiLetters[r-'a' : r-'a'+1]
}

const asciiLetters = "abcdefghijklmnopqrstuvwxyz"

// azMarkers are letters that show a name is written in Azerbaijani (or
// Turkish, Crimean Tatar) Latin, where c, j and x have their own values.
const azMarkers = "əƏıİğĞşŞçÇ"
