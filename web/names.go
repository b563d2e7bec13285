package web

import (
	"context"

	"codeberg.org/habeas/habeas"
)

// namer gives each listed person the name the page's language writes them
// by (Мустафаев on a Russian page), as their own page does.
type namer map[int64]string

// name returns the person's name in the page's language, else the name the
// list holds.
func (n namer) name(id int64, listed string) string {
	if v, ok := n[id]; ok {
		return v
	}
	return listed
}

// namesIn reads, in one query, the names in t's language of the people
// with ids.
func (s *Server) namesIn(ctx context.Context, t *tr, ids []int64) (namer, error) {
	return s.store.NamesIn(ctx, public, t.Lang, ids)
}

// renamePeople writes each person of list by their name in t's language.
func (s *Server) renamePeople(ctx context.Context, t *tr, list []habeas.PersonSummary) error {
	ids := make([]int64, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	n, err := s.namesIn(ctx, t, ids)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Name = n.name(list[i].ID, list[i].Name)
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
