package habeas

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Translations are a text of a record (a person's biography, an
// organization's or a place's description) in other languages than the one
// it was written in: a language of PostLanguages → the text.
type Translations map[string]string

// TextIn is a record's text as a page in one language shows it.
type TextIn struct {
	Text string
	// Lang is the language Text is in.
	Lang string
	// Untranslated is set when the page's language has no translation and
	// the text is shown as written, in Lang.
	Untranslated bool
}

// In returns text, written in lang ("" for the site's main language,
// mainLang), as a page in page shows it: the text itself on a page of its
// own language, else its translation into page, else the text as written,
// marked untranslated.
func (tr Translations) In(text, lang, page, mainLang string) TextIn {
	if lang == "" {
		lang = mainLang
	}
	if text == "" || SameLanguage(lang, page) {
		return TextIn{Text: text, Lang: lang}
	}
	for l, t := range tr {
		if SameLanguage(l, page) {
			return TextIn{Text: t, Lang: l}
		}
	}
	return TextIn{Text: text, Lang: lang, Untranslated: true}
}

// Languages returns the languages of the translations, in the order of
// PostLanguages.
func (tr Translations) Languages() []string {
	var out []string
	for l := range tr {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		return slices.Index(PostLanguages, out[i]) < slices.Index(PostLanguages, out[j])
	})
	return out
}

// validTranslations checks the language of a text and its translations:
// each in a language of PostLanguages, none in the text's own, none of an
// empty text, none empty, each as long as the text may be.
func validTranslations(pr Problems, field, text, langField, lang string, tr Translations, max int) {
	if lang != "" {
		validEnum(pr, langField, lang, PostLanguages)
	}
	if len(tr) == 0 {
		return
	}
	if text == "" {
		pr.Add(field, "translations of an empty text: write the text first")
		return
	}
	for _, l := range tr.Languages() {
		f := field + "." + l
		switch {
		case !slices.Contains(PostLanguages, l):
			pr.Add(field, "unknown language "+strconv.Quote(truncate(l, 16))+" (want one of "+strings.Join(PostLanguages, ", ")+")")
		case l == lang:
			pr.Add(f, "the text itself is in this language ("+langField+")")
		default:
			validText(pr, f, tr[l], 1, max)
		}
	}
}
