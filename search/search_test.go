package search

import (
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestParse(t *testing.T) {
	tests := []struct {
		q            string
		fts, tsquery string
		err          string // part of the message; "" when it parses
	}{
		{q: "Mammadov", fts: `"mamataf"*`, tsquery: `mamataf:*`},
		{q: "Məmmədov", fts: `"mamataf"*`, tsquery: `mamataf:*`},
		{q: "Мамедов", fts: `"mamataf"*`, tsquery: `mamataf:*`},
		{q: "  hunger   strike ", fts: `"kankar"* AND "straka"*`, tsquery: `kankar:* & straka:*`},
		{q: `"hunger strike"`, fts: `"kankar straka"`, tsquery: `(kankar <-> straka)`},
		{q: `"hunger str*"`, fts: `"kankar str"*`, tsquery: `(kankar <-> str:*)`},
		{q: "234.4.3", fts: `"234 4 3"`, tsquery: `(234 <-> 4 <-> 3)`},
		{q: "of", fts: `"af"`, tsquery: `af`}, // too short to be a prefix
		{q: "", err: "Type a name"},
		{q: "   ", err: "Type a name"},
		{q: `"unclosed`, err: "quotation mark is not closed"},
		{q: "!!! ...", err: "at least one word"},
		{q: strings.Repeat("a", 201), err: "too long"},
		{q: "one two three four five six seven eight nine", err: "at most 8"},
		{q: "tab\there", err: "not text"},
		{q: "bad \xff utf8", err: "not text"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || habeas.ErrorFields(err)["q"] == "" {
				t.Errorf("Parse(%q) = %v; want an error on q saying %q", tt.q, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		if got := q.FTS5(); got != tt.fts {
			t.Errorf("Parse(%q).FTS5() = %s; want %s", tt.q, got, tt.fts)
		}
		if got := q.TSQuery(); got != tt.tsquery {
			t.Errorf("Parse(%q).TSQuery() = %s; want %s", tt.q, got, tt.tsquery)
		}
	}
}

// Whatever a reader types reaches the database only as letters and digits
// inside the expression's own syntax.
func TestHostileQueriesStayInert(t *testing.T) {
	for _, q := range []string{`x" OR 1=1 --`, `a' ); DROP TABLE people; --`, `NEAR(a b)`, `a:* | b`, `col:word`, `^start`, `a AND NOT b`, `(x)`, `'; <script>`} {
		parsed, err := Parse(q)
		if err != nil {
			continue // refused is fine too
		}
		for _, term := range parsed.Terms {
			for _, tok := range term.Tokens {
				if strings.ContainsAny(tok, `"'():*|&!<>-;^ `) {
					t.Errorf("Parse(%q) keeps token %q", q, tok)
				}
			}
		}
	}
}

func TestTokensAcrossScripts(t *testing.T) {
	a, b, c := Tokens("Afieddin Mammadov"), Tokens("Афиеддин Мамедов"), Tokens("Afieddin Məmmədov")
	if strings.Join(a, " ") != strings.Join(b, " ") || strings.Join(a, " ") != strings.Join(c, " ") {
		t.Errorf("the same name gives %v, %v and %v", a, b, c)
	}
	if got := Tokens("Article 234.4.3, “Workers’ Table”"); len(got) != 6 || got[1] != "234" {
		t.Errorf("Tokens = %v; want article, 234, 4, 3, workers', table", got)
	}
}

func TestSnippet(t *testing.T) {
	q, _ := Parse("Mustaf")
	text := "On 6 May 2025, Elvin Mustafayev began a hunger strike; his relatives have heard nothing of Мустафаев since."
	var marked []string
	var all strings.Builder
	for _, s := range Snippet(q, text) {
		all.WriteString(s.Text)
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if all.String() != text {
		t.Errorf("snippet %q; want the whole short text", all.String())
	}
	if strings.Join(marked, ",") != "Mustafayev,Мустафаев" {
		t.Errorf("marked %v; want both spellings", marked)
	}
	long := strings.Repeat("word ", 40) + "Mammadov " + strings.Repeat("more ", 40)
	q, _ = Parse("Məmmədov")
	segs := Snippet(q, long)
	if !strings.HasPrefix(segs[0].Text, "…") || !strings.HasSuffix(segs[len(segs)-1].Text, "…") {
		t.Errorf("a long text's snippet is not cut at both ends: %q … %q", segs[0].Text, segs[len(segs)-1].Text)
	}
	if len(segs) != 3 || !segs[1].Mark || segs[1].Text != "Mammadov" || segs[0].Mark || segs[2].Mark {
		t.Errorf("the snippet is %+v; want the text before, the word found marked, the text after", segs)
	}
	if Snippet(q, "") != nil {
		t.Error("a snippet of nothing")
	}
}
