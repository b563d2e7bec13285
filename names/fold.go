package names

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits that bound the work done for one name, whatever the input. A name
// longer than maxInputBytes is cut (at a rune boundary) before anything else
// runs, so a 10,000-character name costs no more than a 200-character one.
const (
	maxInputBytes = 512 // bytes of input looked at
	maxWords      = 10  // words kept, patronymic markers included
	maxTokens     = 8   // words compared, after patronymics are set apart
	maxTokenCodes = 24  // codes kept per word
)

// word is one word of a name folded to codes.
type word struct {
	code    string
	initial bool // written as a single letter ("I." in "I. Aliyev")
}

// clip cuts s to maxInputBytes, drops invalid UTF-8 and applies NFKC, which
// folds compatibility forms (full-width letters, ligatures) and composes
// letters with their diacritics.
func clip(s string) string {
	s = cutBytes(s, maxInputBytes)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if !norm.NFKC.IsNormalString(s) {
		s = cutBytes(norm.NFKC.String(s), 2*maxInputBytes)
	}
	return s
}

// cutBytes returns at most n bytes of s, not splitting a UTF-8 sequence.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > n-utf8.UTFMax && i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// folder turns the text of a name into words of codes.
type folder struct {
	az      bool
	style   uint8  // styleFrench, styleChKh, styleGerman: how the name's Latin letters read
	latin   []byte // pending Latin letters, parsed as a run for digraphs
	cur     []byte // codes of the current part of a hyphenated word
	word    []byte // codes of the finished parts of the current word
	letters int    // letters seen in the current word
	words   []word
	unknown bool
}

// scanWords folds s into at most maxWords words. unknown reports letters of
// a script the scorer does not fold (Arabic, Georgian, Han…).
func scanWords(s string) (words []word, unknown bool) {
	s = clip(s)
	var latin, cur, word [64]byte
	f := folder{
		az:    strings.ContainsAny(s, azMarkers),
		style: latinStyle(s),
		latin: latin[:0],
		cur:   cur[:0],
		word:  word[:0],
	}
	for _, r := range s {
		class, text := classify(r, f.az)
		switch class {
		case classSkip:
		case classHyphen:
			f.endPart()
		case classLatin:
			f.latin = append(f.latin, text...)
			f.letters++
		case classCyrillic:
			f.endLatin()
			f.cur = append(f.cur, text...)
			f.letters++
		case classUnknown:
			f.unknown = true
			f.letters++
		default:
			f.endWord()
		}
	}
	f.endWord()
	return f.words, f.unknown
}

func (f *folder) endLatin() {
	if len(f.latin) > 0 {
		f.cur = parseLatin(f.cur, f.latin, f.style)
		f.latin = f.latin[:0]
	}
}

// endPart applies the spelling rules to one part of a word: the parts of
// Kassym-Jomart or Kara-Murza are folded as words of their own, then joined.
func (f *folder) endPart() {
	f.endLatin()
	if len(f.cur) > 0 {
		f.word = append(f.word, applyRules(f.cur)...)
	}
	f.cur = f.cur[:0]
}

func (f *folder) endWord() {
	f.endPart()
	if len(f.word) > 0 && len(f.words) < maxWords {
		code := dedupe(f.word)
		if len(code) > maxTokenCodes {
			code = code[:maxTokenCodes]
		}
		f.words = append(f.words, word{code: string(code), initial: f.letters == 1})
	}
	f.word = f.word[:0]
	f.letters = 0
}

// Romanisation styles a name's Latin letters show, which decide how the
// letter groups that styles read differently are parsed.
const (
	// styleFrench: ï or ë, tch (not German tsch), iou, ou at the start of a
	// word, gue/gui, a long word in consonant+ine or +yne (Chichkine,
	// Soljenitsyne, Ziouganov, Oulitskaïa). ch reads as ш, ou as у, j as ж.
	styleFrench uint8 = 1 << iota
	// styleChKh: German, Polish, Czech and Belarusian Łacinka, where ch is х
	// (Prochorow, Cichan, Chadanovič) and dj is д+й (Gundjajew).
	styleChKh
	// styleGerman: German proper, where s before a vowel may be з as well as
	// с (Sabuschko, Abljasow; Sergej) and ss is с (Gerassimow).
	styleGerman
	// styleArmenian: a word ends in -yan, -ian or -ян. Russian drops the
	// Armenian h at the start of a word and between vowels (Hakobyan,
	// Акопян; Sahakyan, Саакян; Vahagn, Ваагн): there h becomes H, which the
	// edit costs let go cheaply.
	styleArmenian
)

// minFrenchIne is the shortest word whose -ine is read as the French
// spelling of -ин (Eltsine, Chichkine), so that given names in -ine stay
// (Emine, Karine).
const minFrenchIne = 7

// latinStyle looks for the marks of French, German and West Slavic
// romanisation in s. German marks are sch, tz and w; Slavic ones are sz,
// cz, a c standing alone before a vowel (Łacinka and Polish ц) and the
// letters ł ś ć ź ż ń č š ž ŭ ř. Either makes ch read as х; German rules
// need German marks and no other letters outside ASCII but ä ö ü (Turkmen
// also writes w: Nyýazow).
func latinStyle(s string) uint8 {
	var style uint8
	german, slavic, other := false, false, false
	var h [4]byte // the current word's last letters, h[3] the latest
	n := 0        // letters in the current word
	endWord := func() {
		if n >= minFrenchIne && (h[1] == 'i' || h[1] == 'y') && h[2] == 'n' && h[3] == 'e' && isConsonantLetter(h[0]) {
			style |= styleFrench
		}
		if n >= 2 && h[2] == 't' && h[3] == 'z' {
			german = true
		}
		if n >= 5 && (h[1] == 'y' || h[1] == 'i') && h[2] == 'a' && h[3] == 'n' ||
			n >= 4 && h[2] == '\x02' && h[3] == 'n' {
			style |= styleArmenian
		}
		h, n = [4]byte{}, 0
	}
	for _, r := range s {
		var c byte
		switch {
		case r == 'я' || r == 'Я':
			c = '\x02'
			other = true
		case r == 'н' || r == 'Н':
			c = 'n'
			other = true
		case r >= 'a' && r <= 'z':
			c = byte(r)
		case r >= 'A' && r <= 'Z':
			c = byte(r) + 'a' - 'A'
		case r < 0x80:
			endWord()
			continue
		case strings.ContainsRune("ïëÏË", r):
			style |= styleFrench
			c = '*'
		case strings.ContainsRune("łśćźżńčšžŭřŁŚĆŹŻŃČŠŽŬŘ", r):
			slavic = true
			c = '*'
		default:
			if cl, _ := classify(r, false); cl == classOther || cl == classHyphen {
				endWord()
				continue
			} else if cl == classSkip {
				continue
			}
			if !strings.ContainsRune("äöüÄÖÜ", r) {
				other = true // Turkic, Cyrillic…: not German
			}
			c = '*'
		}
		h[0], h[1], h[2], h[3] = h[1], h[2], h[3], c
		n++
		switch {
		case c == 'w',
			c == 'h' && h[2] == 'c' && h[1] == 's', // sch
			c != 'h' && h[2] == 'z' && h[1] == 't': // tz, not tzh (Bakhytzhan)
			german = true
		case c == 'z' && (h[2] == 's' || h[2] == 'c'), // sz, cz
			isVowelLetter(c) && h[2] == 'c' && h[1] != 's': // Łacinka, Polish c
			slavic = true
		}
		switch {
		case c == 'h' && h[2] == 'c' && h[1] == 't' && h[0] != 's', // tch
			n == 2 && h[2] == 'o' && c == 'u',                    // Oulitskaïa
			n >= 4 && h[0] == 'i' && h[1] == 'o' && h[2] == 'u',  // Iouri, Ziouganov
			h[1] == 'g' && h[2] == 'u' && (c == 'e' || c == 'i'): // Guennadi
			style |= styleFrench
		}
	}
	endWord()
	if german || slavic {
		style |= styleChKh
	}
	if german && !slavic && !other {
		style |= styleGerman
	}
	return style
}

func isVowelLetter(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isConsonantLetter(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowelLetter(c)
}

// latinDigraphs lists the letter groups of romanisations in the wild, longest
// first for each leading letter: English/BGN (kh zh sh shch ts), German (sch
// tsch dsch tz w), Polish (sz cz szcz w) and others. ch and dj depend on the
// style (parseLatin).
var latinDigraphs = [...]struct{ from, to string }{
	{"shch", "SC"}, {"szcz", "SC"}, {"sch", "S"}, {"sh", "S"}, {"sz", "S"},
	{"tsch", "C"}, {"tch", "C"}, {"tzh", "tZ"}, {"ts", "c"}, {"tz", "c"}, {"th", "t"},
	{"dzh", "J"}, {"dsch", "J"}, {"dj", "J"},
	{"zh", "Z"}, {"kh", "X"}, {"ch", "C"}, {"cz", "C"},
	{"gh", "g"}, {"ph", "f"},
}

// parseLatin appends to dst the codes for a run of Latin letters src (lower
// case, with Azerbaijani and other special letters already mapped to codes).
// style tells how ch, ou, j and dj read (see styleFrench, styleChKh). Some
// rules hold in every style: gu before e or i is g (Guennadi, Sergueï), and
// the French -ine, -yne of surnames in -ин, -ын is -in (Chichkine, Eltsine,
// Soljenitsyne).
func parseLatin(dst, src []byte, style uint8) []byte {
	if n := len(src); n >= minFrenchIne && src[n-1] == 'e' && src[n-2] == 'n' && (src[n-3] == 'i' || src[n-3] == 'y') && isConsonantLetter(src[n-4]) {
		src = src[:n-1]
	}
	french := style&styleFrench != 0
	chKh := style&styleChKh != 0
	german := style&styleGerman != 0
	armenian := style&styleArmenian != 0
	for i := 0; i < len(src); {
		c := src[i]
		var next byte
		if i+1 < len(src) {
			next = src[i+1]
		}
		switch {
		case c == 'c' && next == 'h' && (chKh || french):
			if chKh {
				dst = append(dst, 'X')
			} else {
				dst = append(dst, 'S')
			}
			i += 2
			continue
		case c == 'd' && next == 'j' && chKh:
			dst = append(dst, 'd')
			i++
			continue
		case c == 'o' && next == 'u' && french:
			dst = append(dst, 'u')
			i += 2
			continue
		case c == 'g' && next == 'u' && i+2 < len(src) && (src[i+2] == 'e' || src[i+2] == 'i' || src[i+2] == 'y'):
			dst = append(dst, 'g')
			i += 2
			continue
		case c == 'j' && french && !chKh:
			dst = append(dst, 'Z')
			i++
			continue
		case c == 'h' && armenian && isVowelLetter(next) && (i == 0 || isVowelLetter(src[i-1])):
			dst = append(dst, 'H')
			i++
			continue
		case c == 's' && german:
			switch {
			case next == 's':
				i++ // ss is с
			case next != 0 && isVowelLetter(next) && (i == 0 || isVowelLetter(src[i-1])):
				dst = append(dst, 'Y') // с or з
				i++
				continue
			}
		}
		matched := false
		for _, d := range latinDigraphs {
			if d.from[0] == c && hasPrefix(src[i:], d.from) {
				dst = append(dst, d.to...)
				i += len(d.from)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		switch c {
		case 'y':
			c = 'i'
		case 'w':
			c = 'v'
		case 'c':
			if next == 't' { // Victor, Victoria
				c = 'k'
			}
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// applyRules rewrites a word's codes in place so that the usual spellings of
// one sound sequence meet: it resolves the ambiguous j, merges d+ж into дж,
// reads Belarusian ў written as u, drops glides that romanisations add or
// omit (Aliyev/Aliev, Mustafayev/Mustafaev), reads я ю ё е after a consonant
// as plain vowels (Siarhei/Sergei, Lyudmila/Ludmila, Pyotr/Petr) and removes
// doubled letters.
func applyRules(b []byte) []byte {
	b = resolveJ(b)
	b = mergeAffricates(b)
	b = dedupe(b)
	// u after a vowel and before a consonant is Belarusian ў (Tsikhanouskaya,
	// Makarau), which Russian writes в, or the second letter of a French ou
	// (Boulat, Toumanian, Teimour): it becomes w, which the edit costs read
	// as v or, with the o before it, as u.
	for k := 1; k < len(b); k++ {
		if b[k] == 'u' && isOpenVowel(b[k-1]) && (k+1 == len(b) || !isVowelCode(b[k+1])) {
			b[k] = 'w'
		}
	}
	// A glide between a vowel and e is spelt or not: Mustafayev, Mustafaev.
	n := 0
	for k := 0; k < len(b); k++ {
		if b[k] == 'i' && k > 0 && isOpenVowel(b[k-1]) && k+1 < len(b) && b[k+1] == 'e' {
			continue
		}
		b[n] = b[k]
		n++
	}
	b = dedupe(b[:n])
	// Consonant + glide + vowel + consonant: я ю е ё after a consonant.
	n = 0
	for k := 0; k < len(b); k++ {
		if b[k] == 'i' && k > 0 && !isVowelCode(b[k-1]) && k+2 < len(b) &&
			isGlidedVowel(b[k+1]) && !isVowelCode(b[k+2]) {
			if b[k+1] == 'o' {
				b[k+1] = 'e'
			}
			continue
		}
		b[n] = b[k]
		n++
	}
	b = b[:n]
	// Initial ye/ie/je: Yevgeny, Evgeny.
	if len(b) > 2 && b[0] == 'i' && b[1] == 'e' {
		b = b[1:]
	}
	// Persian-style -zadeh.
	if len(b) > 5 && string(b[len(b)-5:]) == "zadeh" {
		b = b[:len(b)-1]
	}
	b = dedupe(b)
	// Azerbaijani -bəyov is -беков in Russian (Hacıbəyov, Гаджибеков;
	// İbrahimbəyov, Ибрагимбеков).
	for k := 3; k+4 < len(b); k++ {
		if b[k] == 'b' && (b[k+1] == 'E' || b[k+1] == 'e') && b[k+2] == 'i' && b[k+3] == 'o' && b[k+4] == 'v' {
			b[k+1], b[k+2] = 'e', 'k'
		}
	}
	return b
}

func isOpenVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'o' || c == 'E'
}

func isGlidedVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'o' || c == 'u'
}

// resolveJ reads the Latin j as a glide (i) where Slavic spellings put it:
// at the start before e and a consonant (Jelzin, Jewgeni), at the end after
// e or i (Andrej, Jurij), between a consonant and u, o or e
// (Ljudmila, Semjon, Jazenjuk) and between a vowel and e (Alijew). Elsewhere it stays ambiguous (j) and
// the edit costs let it stand for a glide, дж or ж: Jafar or Jelena, Hajiyev
// or Sergejew, Burjanadze or Tatjana, Eltaj or Nikolaj.
func resolveJ(b []byte) []byte {
	for k, c := range b {
		if c != 'j' {
			continue
		}
		if k == 0 {
			// Word-initial je before a consonant: Jelzin, Jewgeni, Jelena.
			if len(b) > 2 && b[1] == 'e' && !isVowelCode(b[2]) {
				b[k] = 'i'
			}
			continue
		}
		prev := b[k-1]
		switch {
		case k+1 == len(b):
			if prev == 'e' || prev == 'i' {
				b[k] = 'i'
			}
		case !isVowelCode(prev) && prev != 'j':
			if next := b[k+1]; next == 'u' || next == 'o' || next == 'e' {
				b[k] = 'i'
			}
		case b[k+1] == 'e': // German -ijew, -ajew: Alijew, Sergejew
			b[k] = 'i'
		}
	}
	return b
}

// mergeAffricates merges d+ж and d+дж into дж (Dž, Джафаров), t+ч into ч,
// t+s into ц (Магнитский), and reads Belarusian дз (Dzmitry, Uladzimir) and
// German ds before a vowel (Schewardnadse) as d.
func mergeAffricates(b []byte) []byte {
	n := 0
	for k := 0; k < len(b); k++ {
		c := b[k]
		if k+1 < len(b) {
			next := b[k+1]
			switch {
			case c == 'd' && (next == 'Z' || next == 'J'):
				c = 'J'
				k++
			case c == 't' && next == 'C':
				continue
			case c == 't' && next == 's':
				c = 'c'
				k++
			case c == 'd' && next == 'z':
				k++
			case c == 'd' && next == 's' && k+2 < len(b) && isVowelCode(b[k+2]):
				k++
			}
		}
		b[n] = c
		n++
	}
	return b[:n]
}

// dedupe removes repeated codes: Mammadov, Mamadov.
func dedupe(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	n := 1
	for k := 1; k < len(b); k++ {
		if b[k] != b[n-1] {
			b[n] = b[k]
			n++
		}
	}
	return b[:n]
}

// codeSpelling renders codes as plain ASCII for Fold.
var codeSpelling = map[byte]string{
	'E': "a", 'w': "v", 'Y': "s", 'H': "h", 'S': "sh", 'Z': "zh", 'C': "ch", 'J': "dzh", 'X': "kh", 'c': "ts",
}

// spell appends the ASCII spelling of a code string.
func spell(dst []byte, code string) []byte {
	for i := 0; i < len(code); i++ {
		if s, ok := codeSpelling[code[i]]; ok {
			dst = append(dst, s...)
		} else {
			dst = append(dst, code[i])
		}
	}
	return dst
}
