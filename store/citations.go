package store

import (
	"context"
	"encoding/json"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// citing are the queries of the sources one kind of record cites for its
// own facts (see migration 0010): a person's, a case's, a membership's, an
// organization's or a facility's.
type citing struct {
	what                         string // the record, for messages
	insert, del, hidden, citedBy query
}

func (s *Store) personCiting() citing {
	return citing{"person", s.q.InsertPersonSource, s.q.DeletePersonSources, s.q.HiddenCitationsOfPerson, s.q.PersonCitations}
}

func (s *Store) caseCiting() citing {
	return citing{"case", s.q.InsertCaseSource, s.q.DeleteCaseSources, s.q.HiddenCitationsOfCase, s.q.CaseCitations}
}

func (s *Store) membershipCiting() citing {
	return citing{"membership", s.q.InsertMembershipSource, s.q.DeleteMembershipSources, s.q.HiddenCitationsOfMembership, s.q.MembershipCitations}
}

func (s *Store) organizationCiting() citing {
	return citing{"organization", s.q.InsertOrganizationSource, s.q.DeleteOrganizationSources, s.q.HiddenCitationsOfOrganization, s.q.OrganizationCitations}
}

func (s *Store) facilityCiting() citing {
	return citing{"facility", s.q.InsertFacilitySource, s.q.DeleteFacilitySources, s.q.HiddenCitationsOfFacility, s.q.FacilityCitations}
}

// checkCitations refuses sources the writer cannot see (in the words used
// for sources that do not exist) and sources cited twice.
func (w *wtx) checkCitations(c citing, ids []int64) error {
	pr := habeas.Problems{}
	if err := w.checkSources(pr, ids); err != nil {
		return err
	}
	return pr.Err(c.what)
}

// cite writes the citations of a new record.
func (w *wtx) cite(c citing, id int64, ids []int64) error {
	return w.s.writeCitations(w.ctx, w.tx, c.insert, id, ids)
}

// recite replaces the citations of a record; those of sources the writer
// may not see are kept, after the given ones.
func (w *wtx) recite(c citing, id int64, ids []int64) error {
	hidden, err := w.ids(c.hidden, id, w.shared())
	if err != nil {
		return err
	}
	if err := w.exec(c.del, id); err != nil {
		return err
	}
	return w.cite(c, id, append(append([]int64{}, ids...), hidden...))
}

// citation is what a record cites, as one reader sees it.
type citation struct {
	ids      []int64
	withheld int
}

// citations returns, for each record of ids, the sources it cites that the
// reader may see, in citation order, and how many it cites that they may
// not: one query for all the records.
func (s *Store) citations(ctx context.Context, a habeas.Access, c citing, ids []int64) (map[int64]*citation, error) {
	out := make(map[int64]*citation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	type row struct {
		record, source int64
		visible        int
	}
	rows, err := queryAll(ctx, s, c.citedBy, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.record, &x.source, &x.visible)
	}, a, string(list))
	if err != nil {
		return nil, fmt.Errorf("sources of %s: %w", c.what, err)
	}
	for _, x := range rows {
		ct := out[x.record]
		if ct == nil {
			ct = &citation{}
			out[x.record] = ct
		}
		if x.visible == 1 {
			ct.ids = append(ct.ids, x.source)
		} else {
			ct.withheld++ // the id of a source the reader may not see never leaves the store
		}
	}
	return out, nil
}

// attachCitations fills the SourceIDs and WithheldSources of n records:
// id(i) is the id of the i-th, set(i, ids, withheld) fills it.
func (s *Store) attachCitations(ctx context.Context, a habeas.Access, c citing, n int, id func(int) int64,
	set func(i int, ids []int64, withheld int)) error {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = id(i)
	}
	cts, err := s.citations(ctx, a, c, ids)
	if err != nil {
		return err
	}
	for i := range n {
		if ct := cts[ids[i]]; ct != nil {
			set(i, ct.ids, ct.withheld)
		}
	}
	return nil
}
