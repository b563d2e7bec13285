package web

import (
	"context"
	"sort"
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
