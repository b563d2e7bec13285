package web

import (
	"context"
	"html/template"
	"sort"
	"strings"
	"sync"

	"codeberg.org/habeas/habeas"
)

// choiceCache keeps the organizations and facilities the filter form of
// the people list offers, every one of them by name: the same for every
// request until something is written, and thousands of rows to read (the
// form listed only the first 500 of each before, and read them on every
// request).
type choiceCache struct {
	mu   sync.Mutex
	at   uint64 // the store generation they were read at
	ok   bool
	list formChoices
}

type formChoices struct {
	organizations, facilities []option
	// The <option> elements of each, rendered once: thousands of them
	// through the template on every request cost more than the list.
	organizationHTML, facilityHTML string
	labels                         map[string]string // "o:" or "f:" + slug → name
}

// renderOptions renders options as <option> elements, none selected.
func renderOptions(opts []option) string {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<option value="` + template.HTMLEscapeString(o.Value) + `">` + template.HTMLEscapeString(o.Label) + "</option>")
	}
	return b.String()
}

// selected returns rendered options with the one of value selected.
func selected(rendered, value string) template.HTML {
	if value != "" {
		v := `<option value="` + template.HTMLEscapeString(value) + `">`
		rendered = strings.Replace(rendered, v, strings.TrimSuffix(v, ">")+" selected>", 1)
	}
	return template.HTML(rendered) // built by renderOptions from escaped text
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
	for _, o := range orgs {
		next.organizations = append(next.organizations, option{Value: o.Slug, Label: o.Name})
	}
	facs, err := allPages(ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Facility], error) {
		return st.ListFacilities(ctx, public, habeas.FacilityFilter{ListOptions: o})
	})
	if err != nil {
		return next, err
	}
	for _, f := range facs {
		next.facilities = append(next.facilities, option{Value: f.Slug, Label: f.Name})
	}
	for _, opts := range [][]option{next.organizations, next.facilities} {
		sort.SliceStable(opts, func(i, j int) bool { return opts[i].Label < opts[j].Label })
	}
	next.organizationHTML, next.facilityHTML = renderOptions(next.organizations), renderOptions(next.facilities)
	next.labels = map[string]string{}
	for _, o := range next.organizations {
		next.labels["o:"+o.Value] = o.Label
	}
	for _, f := range next.facilities {
		next.labels["f:"+f.Value] = f.Label
	}
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
