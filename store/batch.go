package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
)

// InBatch runs fn in one write transaction as u (see habeas.BatchService).
// Each record is checked exactly as its Create method checks it, against
// the rows as the batch has left them; the derived state of the cases the
// batch touched and the lists are computed once, before it commits. Unlike
// a single Create, a batch keeps the created_at and updated_at a record
// carries (an import reproduces the records of an export); a zero time is
// stamped now.
func (s *Store) InBatch(ctx context.Context, u *habeas.User, fn func(habeas.Batch) error) error {
	if s.dialect == SQLite {
		// A batch touches far more pages than SQLite's default cache of
		// 2 MB holds: every miss is a read of the file, and every dirty
		// page pushed out is written to the WAL again and again. The
		// writer's cache grows for the batch and shrinks back after it.
		if _, err := s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", batchCacheKiB)); err != nil {
			return err
		}
		defer s.writer.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
	}
	cases := 0
	err := s.write(ctx, u, "import", func(w *wtx) error {
		w.pending, w.memo, w.keepTimes = map[int64]bool{}, map[memoKey]any{}, true
		s.holdRows(ctx, w.tx)
		if err := fn(batch{w}); err != nil {
			return err
		}
		cases = len(w.pending)
		if err := s.deriveCases(ctx, w.tx, slices.Collect(maps.Keys(w.pending)), w.touch); err != nil {
			return err
		}
		// One entry for the whole batch, with what it created: an import of
		// 1,300,000 records is one change, not 1,300,000.
		return w.audit(habeas.AuditImport, "", 0, nil, map[string]any{"created": w.counts})
	})
	if err == nil && s.dialect == Postgres && cases >= freshStatsAfter {
		s.refreshStatistics(ctx)
	}
	return err
}

// freshStatsAfter is how many cases a batch touches before PostgreSQL's
// statistics are brought up to date at its end.
var freshStatsAfter = 1000

// refreshStatistics has PostgreSQL sample the tables a large batch wrote,
// and marks the people lists' pages all-visible. Until autovacuum comes
// by, the planner would otherwise take a table of 300,000 rows for one of
// 700 and read every page of the lists to count them (the home page's
// counters: 2.3 s on its first read after importing 100,000 people, 0.1 s
// after). The batch has committed: a failure here changes nothing and
// autovacuum does the same later, so it is not the batch's error.
func (s *Store) refreshStatistics(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	s.writer.ExecContext(ctx, "ANALYZE people, person_names, name_keys, name_words, person_sources, memberships, membership_sources, "+
		"cases, case_sources, charges, events, "+
		"event_sources, interventions, intervention_sources, person_list, member_list, member_counts")
	s.writer.ExecContext(ctx, "VACUUM person_list, member_list")
}

// batchCacheKiB is the size of SQLite's page cache during a batch.
const batchCacheKiB = 16 << 10

// batch is the habeas.Batch of one write transaction.
type batch struct{ w *wtx }

func (b batch) CreateFacility(f *habeas.Facility) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return b.w.imported("facility", b.w.createFacility(f))
}

func (b batch) CreateOrganization(o *habeas.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return b.w.imported("organization", b.w.createOrganization(o))
}

func (b batch) CreateSource(src *habeas.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return b.w.imported("source", b.w.createSource(src))
}

func (b batch) CreatePerson(p *habeas.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return b.w.imported("person", b.w.createPerson(p))
}

func (b batch) CreateMembership(m *habeas.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return b.w.imported("membership", b.w.createMembership(m))
}

func (b batch) CreateCase(c *habeas.Case) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return b.w.imported("case", b.w.createCase(c))
}

func (b batch) CreateEvent(e *habeas.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return b.w.imported("event", b.w.createEvent(e))
}

func (b batch) CreatePost(p *habeas.Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return b.w.imported("post", b.w.createPost(p))
}

func (b batch) CreateEstimate(e *habeas.Estimate) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return b.w.imported("estimate", b.w.createEstimate(e))
}

func (b batch) CreateIntervention(iv *habeas.Intervention) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return b.w.imported("intervention", b.w.createIntervention(iv))
}

func (b batch) CreateComment(c *habeas.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return b.w.imported("comment", b.w.createComment(c))
}

// CreateMedia takes in a file in the batch. Who uploaded it is not
// known: an export does not carry the accounts.
func (b batch) CreateMedia(m *habeas.Media, data []byte) error {
	if err := m.Validate(); err != nil {
		return err
	}
	f, err := media.Ingest(data)
	if err != nil {
		return err
	}
	return b.w.createMedia(m, f, data, 0)
}

func (b batch) CreateTip(t *habeas.Tip) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return b.w.imported("tip", b.w.createTip(t))
}

// imported counts a record of kind the batch created, when err says it did.
func (w *wtx) imported(kind string, err error) error {
	if err == nil {
		if w.counts == nil {
			w.counts = map[string]int{}
		}
		w.counts[kind]++
	}
	return err
}
