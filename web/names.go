package web

import (
	"context"

	"codeberg.org/habeas/habeas"
)

// renames gathers the names a page lists people by, to write each one as
// the page's language writes them (Мустафаев on a Russian page), as their
// own page does: every list of a page in one query.
type renames struct {
	ids   []int64
	names []*string
}

// add notes the name a list holds of person id.
func (r *renames) add(id int64, name *string) {
	r.ids = append(r.ids, id)
	r.names = append(r.names, name)
}

// people notes each person of a list of people.
func (r *renames) people(list []habeas.PersonSummary) {
	for i := range list {
		r.add(list[i].ID, &list[i].Name)
	}
}

// apply writes each name noted in t's language, where the person has one.
func (r *renames) apply(ctx context.Context, s *Server, t *tr) error {
	found, err := s.store.NamesIn(ctx, public, t.Lang, r.ids)
	if err != nil {
		return err
	}
	for i, id := range r.ids {
		if v, ok := found[id]; ok {
			*r.names[i] = v
		}
	}
	return nil
}

// textIn is a record's text (a biography, a description) as a page in t's
// language shows it: in that language, in its translation, or as written
// with a visible "not yet translated" (see habeas.Translations.In).
func (s *Server) textIn(ctx context.Context, t *tr, text, lang string, tr habeas.Translations) habeas.TextIn {
	main := "en"
	if l := s.site(ctx).Languages; len(l) > 0 {
		main = l[0]
	}
	return tr.In(text, lang, t.Lang, main)
}

// citedText is a record's text with the citations of its facts, for the
// "translated" template.
type citedText struct {
	Text  habeas.TextIn
	Cites cites
}
