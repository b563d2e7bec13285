// Package search turns what a reader types into a full-text query, and
// text into the words an index keeps, so that spelling, script and
// diacritics do not matter: each word is kept as its sound (names.WordSound),
// and Mammadov finds Məmmədov and Мамедов. It is pure: no I/O.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// Limits of a query.
const (
	MaxQueryBytes = 200
	MaxTerms      = 8
	// minPrefix is the least length of a token searched as a prefix:
	// shorter ones begin too many words.
	minPrefix = names.MinPrefix
)

// Query is a parsed search: every term must match.
type Query struct {
	Text  string // as typed, trimmed
	Terms []Term
}

// Term is one word, or a phrase in quotation marks, of a query.
type Term struct {
	Tokens []string // the index tokens of its words, in order
	Phrase bool     // quoted: the words together, in this order
	Prefix bool     // the last token may begin a longer word
}

// Parse reads a query. Words match as prefixes (Mustaf finds Mustafayev);
// "words in quotation marks" match together in that order, and a * at the
// end of a word makes it a prefix even in a phrase. A query that cannot be
// searched is refused with a message a reader understands, naming the
// field "q".
func Parse(q string) (Query, error) {
	q = strings.TrimSpace(q)
	bad := func(msg string) (Query, error) {
		return Query{}, &habeas.Error{Code: habeas.EINVALID, Message: msg, Fields: map[string]string{"q": msg}}
	}
	switch {
	case q == "":
		return bad("Type a name, or some words, to search for.")
	case !utf8.ValidString(q) || strings.ContainsFunc(q, unicode.IsControl):
		return bad("The search holds characters that are not text: type it again.")
	case len(q) > MaxQueryBytes:
		return bad("The search is too long: use at most 200 characters.")
	case strings.Count(q, `"`)%2 == 1:
		return bad("A quotation mark is not closed: close it to search for the words together, or remove it.")
	}
	query := Query{Text: q}
	for i, part := range strings.Split(q, `"`) {
		quoted := i%2 == 1
		if quoted {
			if t, ok := term(part, true); ok {
				query.Terms = append(query.Terms, t)
			}
			continue
		}
		for _, w := range strings.Fields(part) {
			if t, ok := term(w, false); ok {
				query.Terms = append(query.Terms, t)
			}
		}
	}
	switch {
	case len(query.Terms) == 0:
		return bad("Type at least one word of letters or digits.")
	case len(query.Terms) > MaxTerms:
		return bad("Use at most 8 words or phrases.")
	}
	return query, nil
}

// term makes one term of a word or a quoted phrase. An unquoted word that
// splits into several tokens (234.4.3, Kara-Murza) is a phrase of them.
func term(s string, quoted bool) (Term, bool) {
	star := strings.HasSuffix(strings.TrimSpace(s), "*")
	toks := Tokens(s)
	if len(toks) == 0 {
		return Term{}, false
	}
	last := toks[len(toks)-1]
	return Term{Tokens: toks, Phrase: len(toks) > 1, Prefix: (star || !quoted) && len(last) >= minPrefix}, true
}

// Tokens returns the index tokens of text's words, in order: a word's
// sound when the scorer folds its letters, else the word case-folded
// (digits stay as they are). The index keeps these, and queries ask for them.
func Tokens(text string) []string {
	var out []string
	for _, w := range words(text) {
		if t := token(text[w.start:w.end]); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// token is the index token of one word.
func token(w string) string {
	if s, ok := names.WordSound(w); ok && s != "" {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// span is where a word lies in a text, in bytes.
type span struct{ start, end int }

// words finds the words of text: runs of letters, digits and marks, with
// the apostrophes inside them (Workers’); anything else separates them.
func words(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			(start >= 0 && strings.ContainsRune("'’ʼ", r))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// FTS5 writes the query as an SQLite FTS5 match expression. Tokens hold
// only letters and digits, so they need no escaping inside quotes.
func (q Query) FTS5() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = `"` + strings.Join(t.Tokens, " ") + `"`
		if t.Prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}

// TSQuery writes the query for PostgreSQL's to_tsquery with the simple
// configuration: <-> joins a phrase, :* marks a prefix.
func (q Query) TSQuery() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		toks := append([]string{}, t.Tokens...)
		if t.Prefix {
			toks[len(toks)-1] += ":*"
		}
		parts[i] = strings.Join(toks, " <-> ")
		if len(toks) > 1 {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " & ")
}

// snippetWords is about how many words a snippet shows.
const snippetWords = 32

// Snippet returns a short passage of text around the first word the query
// found, with the words it found marked; the start of text when none.
func Snippet(q Query, text string) []habeas.Segment {
	ws := words(text)
	if len(ws) == 0 {
		return nil
	}
	marked := make([]bool, len(ws))
	first := -1
	for i, w := range ws {
		if q.finds(token(text[w.start:w.end])) {
			marked[i] = true
			if first < 0 {
				first = i
			}
		}
	}
	from := 0
	if first > snippetWords/3 {
		from = first - snippetWords/3
	}
	to := min(from+snippetWords, len(ws))
	var out []habeas.Segment
	add := func(s string, mark bool) {
		switch n := len(out); {
		case s == "":
		case n > 0 && !mark && !out[n-1].Mark:
			out[n-1].Text += s // unmarked text runs together
		default:
			out = append(out, habeas.Segment{Text: s, Mark: mark})
		}
	}
	if from > 0 {
		add("…", false)
	}
	pos := ws[from].start
	for i := from; i < to; i++ {
		add(text[pos:ws[i].start], false)
		add(text[ws[i].start:ws[i].end], marked[i])
		pos = ws[i].end
	}
	if to < len(ws) {
		add(text[pos:ws[to].start], false)
		add("…", false)
	} else {
		add(text[pos:], false)
	}
	return out
}

// finds reports whether a word of token t is one a term of the query asks
// for: one of its tokens, or begun by its prefix.
func (q Query) finds(t string) bool {
	if t == "" {
		return false
	}
	for _, term := range q.Terms {
		for i, want := range term.Tokens {
			if t == want || (term.Prefix && i == len(term.Tokens)-1 && strings.HasPrefix(t, want)) {
				return true
			}
		}
	}
	return false
}
