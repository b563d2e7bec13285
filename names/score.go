package names

// Threshold is the score at and above which two names are probably the same
// person.
const Threshold = 0.85

// Factors applied to the product of word similarities.
const (
	capConflict      = 0.5  // different given names of the table; other gender; other surname family
	capInitialsOnly  = 0.5  // a name made of initials only can't be more than a hint
	initialMatch     = 0.9  // "I." against "Ilham"
	initialMismatch  = 0.3  // "I." against "Mehriban"
	missingInitial   = 0.97 // a word of one name that the other lacks: an initial
	missingWord      = 0.93 // … a given name or other word
	missingSurname   = 0.75 // … the surname: the names share only given names
	otherFather      = 0.5  // both have patronymics and they differ
	otherGender      = 0.5  // one name is a man's, the other a woman's
	patronymicAgrees = 0.8  // similarity of the fathers' names that counts as the same
	formSimFloor     = 0.4  // below this, a word is not compared with the forms of a given name
	joinNear         = 0.85 // two words written as one must come this close to a word of the other name
)

// Result is a score with how it was reached.
type Result struct {
	Score float64
	// Exact is true when a name has letters of a script the scorer does not
	// fold (Arabic, Georgian, Han…): Score is then 1 for the same normalised
	// text (case-folded, word order ignored) and 0 otherwise.
	Exact bool
}

// Score compares two personal names; result in [0,1], >= Threshold means
// probably the same person.
func Score(a, b string) float64 {
	return Prepare(a).Score(Prepare(b))
}

// Compare is Score with the Result flags.
func Compare(a, b string) Result {
	return Prepare(a).Compare(Prepare(b))
}

// Score compares n with o; see Score.
func (n Name) Score(o Name) float64 {
	return n.Compare(o).Score
}

// Compare compares n with o; see Result.
func (n Name) Compare(o Name) Result {
	if n.unknown || o.unknown {
		if n.unknown && o.unknown && n.exact != "" && n.exact == o.exact {
			return Result{Score: 1, Exact: true}
		}
		return Result{Score: 0, Exact: true}
	}
	if len(n.toks) == 0 || len(o.toks) == 0 {
		return Result{}
	}
	// Score the pair in a canonical order so that Score(a,b) == Score(b,a)
	// exactly, ties in the alignment included.
	if n.key > o.key {
		n, o = o, n
	}
	s := score(&n, &o)
	if s < Threshold {
		s = max(s, joinedScore(&n, &o), joinedScore(&o, &n))
	}
	return Result{Score: clamp01(s)}
}

// joinedScore scores o against n with two neighbouring words of n written
// as one, as the other name may write them: with a hyphen or run together
// (Emir Usein, Emir-Usein; Ter Petrosyan, Ter-Petrosyan; Mustafa Zadeh,
// Mustafazade; Бюльбюль оглы, Bülbüloğlu). Only joins that come close to a
// word of o are tried.
func joinedScore(n, o *Name) float64 {
	best := 0.0
	var buf [2 * maxTokenCodes]byte
	for i := 0; i+1 < len(n.words); i++ {
		a, b := n.words[i], n.words[i+1]
		if a.initial || b.initial {
			continue
		}
		joined := dedupe(append(append(buf[:0], a.code...), b.code...))
		if len(joined) > maxTokenCodes {
			joined = joined[:maxTokenCodes]
		}
		if !nearWord(string(joined), o) {
			continue
		}
		words := make([]word, 0, len(n.words)-1)
		words = append(words, n.words[:i]...)
		words = append(words, word{code: string(joined)})
		words = append(words, n.words[i+2:]...)
		v := prepareWords(words)
		x, y := &v, o
		if x.key > y.key {
			x, y = y, x
		}
		best = max(best, score(x, y))
	}
	return best
}

// nearWord reports whether a word of o is close to code.
func nearWord(code string, o *Name) bool {
	for i := range o.toks {
		t := &o.toks[i]
		if t.initial || len(t.code)+3 < len(code) || len(t.code) > len(code)+3 ||
			editCosts.sub[t.code[0]&0x7f][code[0]&0x7f] > 30 {
			continue
		}
		if codeSim(t.code, code) >= joinNear {
			return true
		}
	}
	return false
}

func score(n, o *Name) float64 {
	a, b := n.toks, o.toks
	if len(a) > len(b) {
		a, b = b, a
	}
	var sim [maxTokens][maxTokens]float64
	for i := range a {
		for j := range b {
			sim[i][j] = pairSim(&a[i], &b[j])
		}
	}
	// Greedy alignment: the best remaining pair first. Every word of the
	// shorter name is paired; the longer name's extra words are missing.
	var usedA, usedB [maxTokens]bool
	s := 1.0
	for range a {
		bi, bj, best := -1, -1, -1.0
		for i := range a {
			if usedA[i] {
				continue
			}
			for j := range b {
				if !usedB[j] && sim[i][j] > best {
					bi, bj, best = i, j, sim[i][j]
				}
			}
		}
		usedA[bi], usedB[bj] = true, true
		s *= best
	}
	for j := range b {
		if !usedB[j] {
			s *= missingFactor(&b[j])
		}
	}
	if allInitials(a) {
		s = min(s, capInitialsOnly)
	}
	if n.patr != "" && o.patr != "" {
		if n.patrGender != o.patrGender || codeSim(n.patr, o.patr) < patronymicAgrees {
			s *= otherFather
		}
	}
	if n.gender != genderUnknown && o.gender != genderUnknown && n.gender != o.gender {
		s *= otherGender
	}
	return s
}

// pairSim is the similarity of two words taken as the same part of a name.
func pairSim(a, b *token) float64 {
	if a.initial || b.initial {
		return initialSim(a, b)
	}
	if a.given > 0 && b.given > 0 {
		if a.given == b.given {
			return 1
		}
		return min(codeSim(a.code, b.code), capConflict)
	}
	s := codeSim(a.code, b.code)
	// A given name of the table against an unlisted spelling: compare with
	// its closest form (Nicolai against the forms of Mykola). Skipped for
	// words that are far apart or surnames, which no form will be close to.
	if s >= formSimFloor {
		if a.given > 0 && b.family == familyNone {
			s = max(s, bestFormSim(a.given, b.code))
		} else if b.given > 0 && a.family == familyNone {
			s = max(s, bestFormSim(b.given, a.code))
		}
	}
	if genderConflict(a, b) || familyConflict(a, b) {
		s = min(s, capConflict)
	}
	return s
}

// bestFormSim is the similarity of code to the closest form of a given name.
func bestFormSim(num int16, code string) float64 {
	best := 0.0
	for _, f := range given.names[num-1].forms {
		if s := codeSim(f, code); s > best {
			best = s
		}
	}
	return best
}

// initialSim compares an initial with a word or another initial by the
// first code.
func initialSim(a, b *token) float64 {
	ca, cb := a.code[0], b.code[0]
	if ca == cb || editCosts.sub[ca&0x7f][cb&0x7f] <= 25 {
		if a.initial && b.initial {
			return 1
		}
		return initialMatch
	}
	return initialMismatch
}

// genderConflict tells a man's word from a woman's: by suffix (-ov/-ova,
// -ski/-skaya), by the table (Aleksandr/Aleksandra), by a final a added to
// the same word (Ramil/Ramila, Putin/Putina) or an adjectival ending
// (Navalny/Navalnaya, Tolstoy/Tolstaya).
func genderConflict(a, b *token) bool {
	if a.gender != genderUnknown && b.gender != genderUnknown && a.gender != b.gender {
		return true
	}
	return plusA(a.code, b.code) || plusA(b.code, a.code) ||
		adjectivePair(a.code, b.code) || adjectivePair(b.code, a.code)
}

func plusA(m, f string) bool {
	return len(m) >= 3 && len(f) == len(m)+1 && f[len(m)] == 'a' && f[:len(m)] == m
}

func adjectivePair(m, f string) bool {
	if len(f) < 6 || f[len(f)-3:] != "aia" {
		return false
	}
	stem := f[:len(f)-3]
	for _, end := range []string{"i", "oi", "ei"} {
		if len(m) == len(stem)+len(end) && m[:len(stem)] == stem && m[len(stem):] == end {
			return true
		}
	}
	return false
}

func familyConflict(a, b *token) bool {
	return a.family != familyNone && b.family != familyNone && a.family != b.family
}

// missingFactor is the factor for a word of one name that the other lacks.
func missingFactor(t *token) float64 {
	switch {
	case t.initial:
		return missingInitial
	case t.surname:
		return missingSurname
	}
	return missingWord
}

func allInitials(ts []token) bool {
	for i := range ts {
		if !ts[i].initial {
			return false
		}
	}
	return true
}

func clamp01(s float64) float64 {
	if !(s > 0) { // also NaN
		return 0
	}
	if s > 1 {
		return 1
	}
	return s
}
