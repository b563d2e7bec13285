package store

import (
	"context"
	"fmt"
	"math"
	"slices"

	"codeberg.org/habeas/habeas"
)

// FormerDetainees returns a page of the people whose visible timeline puts
// them at a facility but who are not held there now, latest case first,
// with the dates of their stay and the sources that give them.
func (s *Store) FormerDetainees(ctx context.Context, a habeas.Access, facilityID int64, o habeas.ListOptions) (habeas.Page[habeas.Stay], error) {
	page := habeas.Page[habeas.Stay]{Items: []habeas.Stay{}}
	before, err := idCursor(o.Cursor)
	if err != nil {
		return page, err
	}
	if before == 0 {
		before = math.MaxInt64
	}
	limit := limitOf(o)
	stays, err := queryAll(ctx, s, s.q.FormerAtFacility, func(r scanner) (habeas.Stay, error) {
		var x habeas.Stay
		err := r.Scan(&x.CaseID, &x.PersonID, &x.PersonSlug, &x.PersonName, &x.FirstEventID, &x.First,
			&x.LeftEventID, &x.LeftKind, &x.Left, &x.LeftTo)
		s.seal.openText(&x.PersonName, "people.name")
		return x, err
	}, a, facilityID, before, limit)
	if err != nil {
		return page, fmt.Errorf("former detainees of facility %d: %w", facilityID, err)
	}
	var events []int64
	for _, x := range stays {
		events = append(events, x.FirstEventID)
		if x.LeftEventID != 0 {
			events = append(events, x.LeftEventID)
		}
	}
	cited, err := s.citations(ctx, a, citing{what: "event", citedBy: s.q.EventCitations}, events)
	if err != nil {
		return page, err
	}
	for i := range stays {
		x := &stays[i]
		for _, e := range []int64{x.FirstEventID, x.LeftEventID} {
			if ct := cited[e]; ct != nil && e != 0 {
				x.SourceIDs = append(x.SourceIDs, ct.ids...)
				x.WithheldSources += ct.withheld
			}
		}
		slices.Sort(x.SourceIDs)
		x.SourceIDs = slices.Compact(x.SourceIDs)
	}
	if stays != nil {
		page.Items = stays
	}
	if len(stays) > 0 {
		page.NextCursor = nextIDCursor(len(stays), limit, stays[len(stays)-1].CaseID)
	}
	return page, nil
}
