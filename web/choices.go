package web

import (
	"context"
	"html/template"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// maxSelect is the most choices the people list's form offers in a
// <select>. Past it the field is a text box and the reader types a name:
// nobody scrolls through two thousand places on a phone, and their
// <option>s were 240 KB of every list page, compressed anew each time.
const maxSelect = 150

// maxSuggestions is the most records named when a typed name fits several.
const maxSuggestions = 12

// choiceCache keeps the organizations and facilities the filter form of
// the people list offers or matches typed names against: the same for
// every request until something is written, and thousands of rows to read.
type choiceCache struct {
	mu   sync.Mutex
	at   uint64 // the store generation they were read at
	ok   bool
	list formChoices
}

type formChoices struct {
	organizations, facilities *choiceSet
}

// choiceSet is the public records of one kind, by name.
type choiceSet struct {
	items []choice
	// html is the <option> elements, rendered once (short lists only):
	// thousands of them through the template cost more than the list.
	html   string
	bySlug map[string]string // slug → name

	// What typed names are compared with, read on the first lookup.
	once   sync.Once
	read   []names.Place
	folded []string
}

type choice struct {
	slug, name string
}

func newChoiceSet(items []choice) *choiceSet {
	sort.SliceStable(items, func(i, j int) bool { return items[i].name < items[j].name })
	c := &choiceSet{items: items, bySlug: make(map[string]string, len(items))}
	for _, it := range items {
		c.bySlug[it.slug] = it.name
	}
	if c.short() {
		var b strings.Builder
		for _, it := range items {
			b.WriteString(`<option value="` + template.HTMLEscapeString(it.slug) + `">` + template.HTMLEscapeString(it.name) + "</option>")
		}
		c.html = b.String()
	}
	return c
}

// short reports whether the set is offered as a <select>.
func (c *choiceSet) short() bool { return len(c.items) <= maxSelect }

// options returns the rendered options with the one of slug selected.
func (c *choiceSet) options(slug string) template.HTML {
	rendered := c.html
	if slug != "" {
		v := `<option value="` + template.HTMLEscapeString(slug) + `">`
		rendered = strings.Replace(rendered, v, strings.TrimSuffix(v, ">")+" selected>", 1)
	}
	return template.HTML(rendered) // built by newChoiceSet from escaped text
}

// find returns the records a typed name means: those the names machinery
// reads as the same place or organization ("SIZO-1" for "Investigative
// Isolator No. 1"), or else those whose name holds the typed letters in
// any case and with or without diacritics. Different numbers are never
// the same record.
func (c *choiceSet) find(typed string) []choice {
	c.once.Do(func() {
		c.read = make([]names.Place, len(c.items))
		c.folded = make([]string, len(c.items))
		for i, it := range c.items {
			c.read[i], c.folded[i] = names.PreparePlace(it.name), names.Fold(it.name)
		}
	})
	var same, holds []choice
	read, folded := names.PreparePlace(typed), names.Fold(typed)
	for i, it := range c.items {
		if read.Same(c.read[i]) {
			same = append(same, it)
		} else if utf8.RuneCountInString(folded) >= 3 && strings.Contains(c.folded[i], folded) && sameNumbers(typed, it.name) {
			holds = append(holds, it)
		}
	}
	if len(same) > 0 {
		return same
	}
	return holds
}

// sameNumbers reports whether every number written in typed is one of
// the numbers of name: "Colony 60" is part of no name but "Colony No. 60".
func sameNumbers(typed, name string) bool {
	have := numbers(name)
	for _, n := range numbers(typed) {
		if !slices.Contains(have, n) {
			return false
		}
	}
	return true
}

// numbers returns the runs of ASCII digits in s, without leading zeros.
func numbers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n := strings.TrimLeft(s[i:j], "0")
		if n == "" {
			n = "0"
		}
		out = append(out, n)
		i = j
	}
	return out
}

// get returns the choices, reading them again after a write.
func (c *choiceCache) get(ctx context.Context, st Store) (formChoices, error) {
	gen := st.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ok && c.at == gen {
		return c.list, nil
	}
	var next formChoices
	orgs, err := allPages(ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Organization], error) {
		return st.ListOrganizations(ctx, public, habeas.OrganizationFilter{ListOptions: o})
	})
	if err != nil {
		return next, err
	}
	items := make([]choice, 0, len(orgs))
	for _, o := range orgs {
		items = append(items, choice{slug: o.Slug, name: o.Name})
	}
	next.organizations = newChoiceSet(items)
	facs, err := allPages(ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Facility], error) {
		return st.ListFacilities(ctx, public, habeas.FacilityFilter{ListOptions: o})
	})
	if err != nil {
		return next, err
	}
	items = make([]choice, 0, len(facs))
	for _, f := range facs {
		items = append(items, choice{slug: f.Slug, name: f.Name})
	}
	next.facilities = newChoiceSet(items)
	c.list, c.at, c.ok = next, gen, true
	return next, nil
}

// allPages reads every page of a list.
func allPages[T any](ctx context.Context, list func(habeas.ListOptions) (habeas.Page[T], error)) ([]T, error) {
	var out []T
	o := habeas.ListOptions{Limit: habeas.MaxLimit}
	for {
		page, err := list(o)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" || ctx.Err() != nil {
			return out, ctx.Err()
		}
		o.Cursor = page.NextCursor
	}
}
