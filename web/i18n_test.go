package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// testTr returns the words of one interface language, from the catalogues
// the site embeds.
func testTr(t *testing.T, lang string) *tr {
	t.Helper()
	_, trs, err := loadCatalogues(localeFiles)
	if err != nil {
		t.Fatal(err)
	}
	return trs[lang]
}

// catalogue reads one message file as go-i18n does.
func catalogue(t *testing.T, lang string) map[string]*i18n.Message {
	t.Helper()
	b, err := fs.ReadFile(localeFiles, "locales/"+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := i18n.ParseMessageFileBytes(b, lang+".toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatalf("%s.toml: %v", lang, err)
	}
	out := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		out[m.ID] = m
	}
	return out
}

// forms returns a message's plural forms that are set, by name.
func forms(m *i18n.Message) map[string]string {
	out := map[string]string{}
	for name, v := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if v != "" {
			out[name] = v
		}
	}
	return out
}

// pluralForms are the CLDR plural categories each language's counts need.
var pluralForms = map[string][]string{"en": {"one", "other"}, "az": {"one", "other"}, "ru": {"few", "many", "one", "other"}}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(m *i18n.Message) []string {
	set := map[string]bool{}
	for _, text := range forms(m) {
		for _, sub := range placeholder.FindAllStringSubmatch(text, -1) {
			set[sub[1]] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The keys a page asks for by a name made at run time: a prefix and a
// stable code of the domain.
func dynamicKeys() []string {
	var keys []string
	add := func(prefix string, codes ...string) {
		for _, c := range codes {
			keys = append(keys, prefix+c)
		}
	}
	add("status_", habeas.Statuses...)
	add("status_filter_", habeas.Statuses...)
	add("classification_", habeas.Classifications...)
	add("position_", habeas.Positions...)
	add("event_", habeas.EventKinds...)
	add("facility_kind_", habeas.FacilityKinds...)
	add("organization_kind_", habeas.OrganizationKinds...)
	add("intervention_kind_", habeas.InterventionKinds...)
	add("source_kind_", habeas.SourceKinds...)
	add("left_", habeas.EventTransfer, habeas.EventRelease, habeas.EventPardon, habeas.EventDeath)
	add("sort_", habeas.PeopleSorts...)
	add("people_title_sort_", "news", "detention")
	add("alert_title_", alerts.Rules...)
	add("language_", habeas.PostLanguages...)
	add("country_", countryCodes...)
	for _, kind := range habeas.InterventionKinds {
		add("intervention_sent_"+kind, "", "_undated")
	}
	add("intervention_answer_", "partial", "partial_undated", "full", "full_undated")
	for _, q := range habeas.EstimateQualifiers {
		add("estimate_"+q+"_", "political_prisoner", "prisoner_of_conscience", "at_risk")
	}
	for _, p := range []string{"person_write_", "person_no_address_", "tip_intro_"} {
		add(p, "him", "her", "them")
	}
	add("stats_", "by_status", "by_country", "by_classification", "by_organization", "by_charge", "by_facility", "by_region")
	add("stats_col_", "status", "country", "classification", "organization", "charge", "facility", "region")
	add("filter_", "country", "status", "classification")
	add("form_field_", "name", "contact", "text")
	add("form_not_sent_", "comment", "message")
	add("form_rate_limited_", "comment", "message")
	add("problem_no_", "organization", "facility")
	return keys
}

// usedKeys returns the message keys the templates and the Go code of the
// package name literally: t "key", .T("key", .N("key" and the like; and
// every string literal of the Go code, which may be a key passed on
// (mentioned).
func usedKeys(t *testing.T) (used, mentioned map[string]bool) {
	t.Helper()
	call := regexp.MustCompile(`(?:\{\{-?\s*\(?|\()(?:t|tn|th|thn)\s+"(\w+)"|\.(?:T|N|H|HN)\("(\w+)"`)
	literal := regexp.MustCompile(`"(\w+)"`)
	used, mentioned = map[string]bool{}, map[string]bool{}
	var files []string
	for _, glob := range []string{"*.go", "templates/*.html"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sub := range call.FindAllStringSubmatch(string(b), -1) {
			if k := sub[1] + sub[2]; !strings.HasSuffix(k, "_") { // a prefix: see dynamicKeys
				used[k] = true
			}
		}
		if strings.HasSuffix(f, ".go") {
			for _, sub := range literal.FindAllStringSubmatch(string(b), -1) {
				mentioned[sub[1]] = true
			}
		}
	}
	for _, k := range dynamicKeys() {
		used[k] = true
	}
	return used, mentioned
}

// Every catalogue has every key the pages use, each with the placeholders
// the site fills in and the plural forms its language needs; the English
// one has no key nothing uses. A translator's slip fails here, not on a
// reader's screen.
func TestCatalogues(t *testing.T) {
	en := catalogue(t, "en")
	used, mentioned := usedKeys(t)
	for k := range used {
		if en[k] == nil {
			t.Errorf("en.toml lacks %q, which the site uses", k)
		}
	}
	for k := range en {
		if !used[k] && !mentioned[k] {
			t.Errorf("en.toml has %q, which nothing uses", k)
		}
	}
	for _, lang := range siteLangs {
		cat := catalogue(t, lang)
		for k, want := range en {
			m := cat[k]
			if m == nil {
				t.Errorf("%s.toml lacks %q", lang, k)
				continue
			}
			if got, wantPh := placeholders(m), placeholders(want); !slices.Equal(got, wantPh) {
				t.Errorf("%s.toml %q fills in %v, want %v as in English", lang, k, got, wantPh)
			}
			f := forms(m)
			if len(forms(want)) > 1 { // a count
				for _, form := range pluralForms[lang] {
					if f[form] == "" {
						t.Errorf("%s.toml %q lacks its %q form", lang, k, form)
					}
				}
			} else if len(f) != 1 || f["other"] == "" {
				t.Errorf("%s.toml %q is a plain message in English: write it as key = \"text\"", lang, k)
			}
			if strings.HasSuffix(k, "_html") {
				for name, text := range f {
					if strings.Count(text, "<") != strings.Count(text, ">") || strings.Count(text, "<a ") != strings.Count(text, "</a>") ||
						strings.Count(text, "<strong>") != strings.Count(text, "</strong>") {
						t.Errorf("%s.toml %q (%s) has unbalanced markup: %s", lang, k, name, text)
					}
				}
			}
		}
		for k := range cat {
			if en[k] == nil {
				t.Errorf("%s.toml has %q, which English has not: a key renamed or misspelt?", lang, k)
			}
		}
	}
}

// Every message of every catalogue fills in, for each count a plural
// form covers, without a template error or an empty value.
func TestCataloguesFillIn(t *testing.T) {
	for _, lang := range siteLangs {
		tr := testTr(t, lang)
		for k, m := range catalogue(t, lang) {
			data := map[string]any{}
			for _, p := range placeholders(m) {
				data[p] = "X"
			}
			counts := []any{nil}
			if len(forms(m)) > 1 {
				counts = []any{1, 2, 5, 21, 111}
			}
			for _, n := range counts {
				s, err := tr.loc.Localize(&i18n.LocalizeConfig{MessageID: k, TemplateData: data, PluralCount: n})
				if err != nil || s == "" || strings.Contains(s, "<no value>") {
					t.Errorf("%s %q (count %v) = %q, %v", lang, k, n, s, err)
				}
			}
		}
	}
}
