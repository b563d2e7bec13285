package store

import (
	"encoding/json"

	"codeberg.org/habeas/habeas"
)

// storedTranslations is what a *_translations column holds: the language
// a text is written in and the text in other languages, as JSON; "" for
// neither.
type storedTranslations struct {
	Lang  string              `json:"lang,omitempty"`
	Texts habeas.Translations `json:"texts,omitempty"`
}

// translationsColumn returns the column's value for a text in lang with
// translations tr: sealed, for field ("table.column"), when the record is
// confidential.
func (st *Store) translationsColumn(v habeas.Visibility, field, lang string, tr habeas.Translations) string {
	if lang == "" && len(tr) == 0 {
		return ""
	}
	b, err := json.Marshal(storedTranslations{Lang: lang, Texts: tr})
	if err != nil {
		panic(err) // a struct of strings always encodes
	}
	text := string(b)
	if v == habeas.Confidential {
		st.seal.sealText(&text, field)
	}
	return text
}

// openTranslations reads a column written by translationsColumn. A value
// that does not open or decode (a damaged row) reads as no translations:
// the text itself still shows.
func (st *Store) openTranslations(v, field string) (lang string, tr habeas.Translations) {
	if v == "" {
		return "", nil
	}
	st.seal.openText(&v, field)
	var t storedTranslations
	if json.Unmarshal([]byte(v), &t) != nil {
		return "", nil
	}
	return t.Lang, t.Texts
}

// bioTranslations is the bio_translations column of p.
func (st *Store) bioTranslations(p *habeas.Person) string {
	return st.translationsColumn(p.Visibility, "people.bio_translations", p.BioLang, p.BioTranslations)
}

// facilityTranslations is the description_translations column of f.
func (st *Store) facilityTranslations(f *habeas.Facility) string {
	return st.translationsColumn(f.Visibility, "facilities.description_translations", f.DescriptionLang, f.DescriptionTranslations)
}

// organizationTranslations is the description_translations column of o.
func (st *Store) organizationTranslations(o *habeas.Organization) string {
	return st.translationsColumn(o.Visibility, "organizations.description_translations", o.DescriptionLang, o.DescriptionTranslations)
}
