package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

// CreateCase stores a new case with its charges, as u. Its person and
// facility must be visible to u.
func (s *Store) CreateCase(ctx context.Context, u *habeas.User, c *habeas.Case) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "case", c, &c.ID, func(w *wtx) error { return w.createCase(c) })
}

// createCase writes a new case in the write transaction (see CreateCase).
func (w *wtx) createCase(c *habeas.Case) error {
	if err := w.checkCase(c); err != nil {
		return err
	}
	created, updated := w.stamps(c.CreatedAt, c.UpdatedAt)
	err := w.s.insertID(w.ctx, w.tx, w.s.q.InsertCase, &c.ID, append(w.s.caseArgs(c), w.s.timeArg(created), w.s.timeArg(updated))...)
	if err != nil {
		return mapError(err, "create case")
	}
	c.CreatedAt, c.UpdatedAt = created, updated
	w.know(w.s.q.GetCase, c.ID, true)
	w.know(w.s.q.CaseVisibility, c.ID, c.Visibility) // at least its person's (checkCase)
	w.know(w.s.q.CaseArrest, c.ID, c.ArrestDate)
	if err := w.s.writeCharges(w.ctx, w.tx, c); err != nil {
		return err
	}
	if err := w.cite(w.s.caseCiting(), c.ID, c.SourceIDs); err != nil {
		return err
	}
	w.reindex(indexCases, c.ID)
	return w.refreshCase(c.ID)
}

// UpdateCase replaces a case's fields and charges, as u.
func (s *Store) UpdateCase(ctx context.Context, u *habeas.User, c *habeas.Case) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "case", c.ID, s.Case, c, func(w *wtx) error {
		if err := w.target("case", s.q.GetCase, c.ID); err != nil {
			return err
		}
		if err := w.notPublic("case", s.q.GetCase, c.ID); err != nil {
			return err
		}
		if err := w.checkCase(c); err != nil {
			return err
		}
		if err := w.eventsAfterArrest(c); err != nil {
			return err
		}
		if err := w.touchPersonOfCase(c.ID); err != nil { // the case may move to another person
			return err
		}
		now := s.clock.Now()
		res, err := w.stmt(s.q.UpdateCase).ExecContext(ctx, append(append([]any{c.ID}, s.caseArgs(c)...), s.timeArg(now))...)
		if err := expectOne(res, err, "case", c.ID); err != nil {
			return mapError(err, "update case")
		}
		c.UpdatedAt = now.UTC()
		w.sealed = w.sealed || c.Visibility == habeas.Confidential // the old row may have been in clear
		if err := w.exec(s.q.DeleteCharges, c.ID); err != nil {
			return err
		}
		if err := s.writeCharges(ctx, w.tx, c); err != nil {
			return err
		}
		if err := w.recite(s.caseCiting(), c.ID, c.SourceIDs); err != nil {
			return err
		}
		if err := w.capCase(c.ID); err != nil {
			return err
		}
		w.reindex(indexCases, c.ID)
		return w.refreshCase(c.ID)
	})
}

// checkCase checks what a case would leave behind: its visibility, its
// dates against today, and that its person and facility are visible to
// the writer (a hidden one is named as missing).
func (w *wtx) checkCase(c *habeas.Case) error {
	if err := w.mayLeave("visibility", c.Visibility); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if err := w.ref(pr, "person_id", "person", w.s.q.GetPerson, c.PersonID); err != nil {
		return err
	}
	if err := w.ref(pr, "facility_id", "facility", w.s.q.GetFacility, c.FacilityID); err != nil {
		return err
	}
	if err := w.checkSources(pr, c.SourceIDs); err != nil {
		return err
	}
	if err := pr.Err("case"); err != nil {
		return err
	}
	if err := w.atLeast(&c.Visibility, w.s.q.PersonVisibility, c.PersonID); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", c.Visibility); err != nil {
		return err
	}
	return c.CheckDates(w.today())
}

// eventsAfterArrest refuses an arrest date that would put events of the
// case before it.
func (w *wtx) eventsAfterArrest(c *habeas.Case) error {
	rows, err := w.stmt(w.s.q.CaseEventDates).QueryContext(w.ctx, c.ID)
	if err != nil {
		return fmt.Errorf("dates of case %d: %w", c.ID, err)
	}
	defer rows.Close()
	today := w.today()
	for rows.Next() {
		e := habeas.Event{CaseID: c.ID}
		if err := rows.Scan(&e.Kind, &e.Date); err != nil {
			return fmt.Errorf("dates of case %d: %w", c.ID, err)
		}
		if habeas.CheckEventDate(c, &e, today) != nil && habeas.CheckEventDate(&habeas.Case{}, &e, today) == nil {
			return &habeas.Error{Code: habeas.EINVALID, Message: "invalid case", Fields: map[string]string{
				"arrest_date": fmt.Sprintf("is after an event of this case (%s on %s): correct that event first", e.Kind, e.Date)}}
		}
	}
	return rows.Err()
}

// caseArgs are the stored columns of a case, sealed when it is
// confidential, in the order of InsertCase and UpdateCase (after the id).
func (s *Store) caseArgs(c *habeas.Case) []any {
	if c.Visibility == habeas.Confidential {
		sc := *c
		sc.Charges = nil
		s.sealCase(&sc)
		c = &sc
	}
	return []any{c.PersonID, c.Country, c.Status, c.ArrestDate, c.Court, c.Sentence.Years, c.Sentence.Months,
		c.Sentence.Days, c.SentenceDate, c.PretrialCredited, c.ExpectedRelease, nullID(c.FacilityID),
		c.Classification, c.ClassifiedBy, c.ClassifiedOn, c.Position, c.PositionNote, c.Summary,
		c.InternalNotes, c.Visibility}
}

func (s *Store) writeCharges(ctx context.Context, tx *sql.Tx, c *habeas.Case) error {
	for i, ch := range c.Charges {
		if c.Visibility == habeas.Confidential {
			s.seal.sealText(&ch.Article, "charges.article")
			s.seal.sealText(&ch.Text, "charges.text")
		}
		if err := s.insert(ctx, tx, s.q.InsertCharge, c.ID, i, ch.Article, ch.Text); err != nil {
			return fmt.Errorf("store charge of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// DeleteCase deletes a case with its events, charges and interventions,
// as u. It refuses when any of them is hidden from u.
func (s *Store) DeleteCase(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "case", id, s.Case, nil, func(w *wtx) error {
		if err := w.target("case", s.q.GetCase, id); err != nil {
			return err
		}
		if err := w.notPublic("case", s.q.GetCase, id); err != nil {
			return err
		}
		if err := w.noHiddenDependants(s.q.HiddenDependantsOfCase, "case", id); err != nil {
			return err
		}
		if err := w.touchPersonOfCase(id); err != nil {
			return err
		}
		if err := w.unindexCasesOf(0, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteCase).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "case", id), "delete case")
	})
}

func (s *Store) scanCase(r scanner) (habeas.Case, int64, error) {
	var c habeas.Case
	err := r.Scan(&c.ID, &c.PersonID, &c.Country, &c.Status, &c.ArrestDate, &c.Court, &c.Sentence.Years,
		&c.Sentence.Months, &c.Sentence.Days, &c.SentenceDate, &c.PretrialCredited, &c.ExpectedRelease,
		&c.FacilityID, &c.Classification, &c.ClassifiedBy, &c.ClassifiedOn, &c.Position, &c.PositionNote,
		&c.Summary, &c.InternalNotes, &c.Visibility, dbTime{&c.CreatedAt}, dbTime{&c.UpdatedAt})
	s.openCase(&c)
	return c, c.ID, err
}

// Case returns the case with id, with its charges, if the reader may see it.
func (s *Store) Case(ctx context.Context, a habeas.Access, id int64) (*habeas.Case, error) {
	c, _, err := s.scanCase(s.read(s.q.GetCase).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("case", id)
	} else if err != nil {
		return nil, fmt.Errorf("load case %d: %w", id, err)
	}
	if err := s.loadCharges(ctx, []*habeas.Case{&c}); err != nil {
		return nil, err
	}
	if err := s.caseCitations(ctx, a, []*habeas.Case{&c}); err != nil {
		return nil, err
	}
	return &c, nil
}

// loadCharges fills the charges of cases, in one query.
func (s *Store) loadCharges(ctx context.Context, cs []*habeas.Case) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*habeas.Case, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		c.Charges = []habeas.Charge{}
		byID[c.ID], ids[i] = c, c.ID
	}
	list, _ := json.Marshal(ids)
	type row struct {
		caseID int64
		habeas.Charge
	}
	rows, err := queryAll(ctx, s, s.q.ChargesOfCases, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.caseID, &x.Article, &x.Text)
	}, string(list))
	for _, x := range rows {
		s.seal.openText(&x.Article, "charges.article")
		s.seal.openText(&x.Text, "charges.text")
		byID[x.caseID].Charges = append(byID[x.caseID].Charges, x.Charge)
	}
	return err
}

// ListCases returns a page of cases with their charges.
func (s *Store) ListCases(ctx context.Context, a habeas.Access, f habeas.CaseFilter) (habeas.Page[habeas.Case], error) {
	q := s.q.ListCases
	if f.PersonID != 0 {
		q = s.q.ListCasesOfPerson
	}
	page, err := listByID(ctx, s, q, f.ListOptions, s.scanCase, a, f.PersonID, f.Country, f.Status, f.Classification)
	if err != nil {
		return page, err
	}
	ptrs := make([]*habeas.Case, len(page.Items))
	for i := range page.Items {
		ptrs[i] = &page.Items[i]
	}
	if err := s.loadCharges(ctx, ptrs); err != nil {
		return page, err
	}
	return page, s.caseCitations(ctx, a, ptrs)
}

// caseCitations fills the sources the cases cite, in one query.
func (s *Store) caseCitations(ctx context.Context, a habeas.Access, cs []*habeas.Case) error {
	return s.attachCitations(ctx, a, s.caseCiting(), len(cs), func(i int) int64 { return cs[i].ID },
		func(i int, ids []int64, n int) { cs[i].SourceIDs, cs[i].WithheldSources = ids, n })
}

// refreshCases refreshes the derived columns of the cases a query names.
func (w *wtx) refreshCases(query query, id int64) error {
	ids, err := w.ids(query, id)
	if err != nil {
		return err
	}
	for _, c := range ids {
		if err := w.refreshCase(c); err != nil {
			return err
		}
	}
	return nil
}

// touchPersonOfCase marks the person a case belongs to now.
func (w *wtx) touchPersonOfCase(caseID int64) error {
	ids, err := w.ids(w.s.q.PersonOfCase, caseID)
	for _, id := range ids {
		w.touch(id)
	}
	return err
}

// refreshCase refreshes the derived columns of a case, and its person's
// rows of the lists when the write commits.
func (w *wtx) refreshCase(id int64) error {
	w.markAlerts(id)
	if w.pending != nil {
		w.pending[id] = true
		return nil
	}
	personID, err := w.s.deriveCase(w.ctx, w.tx, id)
	w.touch(personID)
	return err
}

// deriveCase recomputes what the public timeline of a case means (status,
// facility, whereabouts, reference days for silence and detention) and
// stores it for lists to filter and sort on. Only public events and public
// facilities count, so lists never reveal what the public may not see. It
// returns the case's person.
func (s *Store) deriveCase(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var c habeas.Case
	var facilityVis habeas.Visibility
	err := s.tx(ctx, tx, s.q.GetCaseForDerive).QueryRowContext(ctx, id).Scan(&c.ID, &c.PersonID, &c.Status, &c.ArrestDate,
		&c.Sentence.Years, &c.Sentence.Months, &c.Sentence.Days, &c.SentenceDate, &c.PretrialCredited,
		&c.ExpectedRelease, &c.FacilityID, &facilityVis)
	if err != nil {
		return 0, fmt.Errorf("refresh case %d: %w", id, err)
	}
	rows, err := s.tx(ctx, tx, s.q.AllCaseEvents).QueryContext(ctx, id)
	if err != nil {
		return 0, fmt.Errorf("refresh case %d: %w", id, err)
	}
	var events []habeas.Event
	for rows.Next() {
		var e habeas.Event
		var fv habeas.Visibility
		if err := rows.Scan(&e.ID, &e.Kind, &e.Date, &e.FacilityID, &e.Visibility, &fv); err != nil {
			rows.Close()
			return 0, err
		}
		events = appendPublic(events, e, id, fv)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	_, err = s.tx(ctx, tx, s.q.UpdateCaseDerived).ExecContext(ctx, s.derived(&c, facilityVis, events)...)
	if err != nil {
		return 0, fmt.Errorf("refresh case %d: %w", id, err)
	}
	return c.PersonID, nil
}

// appendPublic appends e, an event of case caseID whose facility has
// visibility fv, to events if the public may see it: only what the public
// sees counts in the derived columns.
func appendPublic(events []habeas.Event, e habeas.Event, caseID int64, fv habeas.Visibility) []habeas.Event {
	if e.Visibility != habeas.Public {
		return events
	}
	if fv != habeas.Public {
		e.FacilityID = 0 // to the public, a place it may not know is undisclosed
	}
	e.CaseID = caseID
	return append(events, e)
}

// derived computes the derived columns of case c (its facility of
// visibility facilityVis) from its public events: the arguments of
// UpdateCaseDerived, case id first.
func (s *Store) derived(c *habeas.Case, facilityVis habeas.Visibility, events []habeas.Event) []any {
	if facilityVis != habeas.Public {
		c.FacilityID = 0
	}
	today := habeas.Today(s.clock)
	st := casefile.Compute(c, events, today)
	lastNews, arrest := noDay, noDay
	if st.DaysWithoutNews >= 0 {
		lastNews = today.AddDate(0, 0, -st.DaysWithoutNews).Format(time.DateOnly)
	}
	if st.Detained && st.DaysDetained >= 0 {
		arrest = today.AddDate(0, 0, -st.DaysDetained).Format(time.DateOnly)
	}
	from, until := heldSpan(&st, today)
	vague := st.DaysWithoutNews >= 0 && st.Approximate[casefile.CounterDaysWithoutNews]
	return []any{c.ID, st.Status, st.FacilityID, st.WhereaboutsUnknown, lastNews, arrest, st.HungerStrikeSince, from, until, vague}
}

// derivedArgs is how many arguments UpdateCaseDerived takes.
const derivedArgs = 10

// heldSpan returns the span of a case's detention as its state st on
// today has it (see the migration 0014_stats): the latest day the arrest
// may be, and the earliest day of the end that ended it, noDay for an
// open end; noDay twice when the span is not known.
func heldSpan(st *casefile.State, today time.Time) (from, until string) {
	if st.DaysDetained < 0 {
		return noDay, noDay
	}
	if st.Detained {
		return today.AddDate(0, 0, -st.DaysDetained).Format(time.DateOnly), noDay
	}
	end, err := edtf.Parse(st.DetainedUntil)
	if err != nil || st.DetainedUntil == "" {
		return noDay, noDay
	}
	first := end.Earliest()
	return first.AddDate(0, 0, -st.DaysDetained).Format(time.DateOnly), first.Format(time.DateOnly)
}

// deriveChunk is how many cases deriveCases reads and updates at a time.
const deriveChunk = 256

// deriveCases does what deriveCase does for every case of ids (in any
// order, each once), a chunk of cases per statement: a batch of 100,000
// cases costs a thousand round trips instead of 300,000. It calls touched
// with each case's person.
func (s *Store) deriveCases(ctx context.Context, tx *sql.Tx, ids []int64, touched func(personID int64)) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for len(ids) > 0 {
		// Cases whose ids lie close together are read by range.
		n := 1
		for n < len(ids) && n < deriveChunk && ids[n]-ids[0] < 2*deriveChunk {
			n++
		}
		if err := s.deriveRange(ctx, tx, ids[:n], touched); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// deriveRange derives the cases ids, sorted and close together.
func (s *Store) deriveRange(ctx context.Context, tx *sql.Tx, ids []int64, touched func(personID int64)) error {
	first, last := ids[0], ids[len(ids)-1]
	type derive struct {
		c      habeas.Case
		fv     habeas.Visibility
		events []habeas.Event
		was    derivedRow // the derived columns as stored
	}
	todo := make(map[int64]*derive, len(ids))
	for _, id := range ids {
		todo[id] = nil
	}
	rows, err := s.tx(ctx, tx, s.q.CasesForDerive).QueryContext(ctx, first, last)
	if err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	for rows.Next() {
		d := &derive{}
		c := &d.c
		w := &d.was
		if err := rows.Scan(&c.ID, &c.PersonID, &c.Status, &c.ArrestDate, &c.Sentence.Years, &c.Sentence.Months,
			&c.Sentence.Days, &c.SentenceDate, &c.PretrialCredited, &c.ExpectedRelease, &c.FacilityID, &d.fv,
			&w.status, &w.facility, &w.unknown, &w.lastNews, &w.arrest, &w.hungerSince, &w.heldFrom, &w.heldUntil, &w.newsVague); err != nil {
			rows.Close()
			return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
		}
		if _, ok := todo[c.ID]; ok {
			todo[c.ID] = d
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	for id, d := range todo {
		if d == nil {
			return fmt.Errorf("refresh case %d: %w", id, sql.ErrNoRows)
		}
	}
	rows, err = s.tx(ctx, tx, s.q.EventsOfCasesForDerive).QueryContext(ctx, first, last)
	if err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	for rows.Next() {
		var e habeas.Event
		var caseID int64
		var fv habeas.Visibility
		if err := rows.Scan(&caseID, &e.ID, &e.Kind, &e.Date, &e.FacilityID, &e.Visibility, &fv); err != nil {
			rows.Close()
			return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
		}
		if d := todo[caseID]; d != nil {
			d.events = appendPublic(d.events, e, caseID, fv)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	args := make([]any, 0, derivedArgs*len(ids))
	n := 0
	for _, id := range ids {
		d := todo[id]
		row := s.derived(&d.c, d.fv, d.events)
		if d.was.same(row) {
			continue // as stored: nothing to write, no list row to redo
		}
		args = append(args, row...)
		n++
		touched(d.c.PersonID)
	}
	if n == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, s.updateDerivedSQL(n))
	if err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	defer st.Close()
	if _, err := st.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("refresh cases %d–%d: %w", first, last, err)
	}
	return nil
}

// derivedRow is a case's derived columns as stored.
type derivedRow struct {
	status                        string
	facility                      int64
	unknown                       bool
	lastNews, arrest, hungerSince string
	heldFrom, heldUntil           string
	newsVague                     bool
}

// same reports whether row, arguments of UpdateCaseDerived (derived's
// result), would store what is stored.
func (r derivedRow) same(row []any) bool {
	return len(row) == derivedArgs && row[1] == r.status && row[2] == r.facility && row[3] == r.unknown &&
		row[4] == r.lastNews && row[5] == r.arrest && row[6] == r.hungerSince && row[7] == r.heldFrom && row[8] == r.heldUntil &&
		row[9] == r.newsVague
}

// updateDerivedSQL is UpdateCaseDerived for n cases in one statement: its
// arguments, case by case, are those of UpdateCaseDerived.
func (s *Store) updateDerivedSQL(n int) string {
	var b strings.Builder
	b.WriteString("UPDATE cases SET ")
	if s.dialect == Postgres {
		b.WriteString("p_status = v.s, p_facility_id = v.f, p_unknown = v.u, p_last_news = v.n, p_arrest = v.a, p_hunger_since = v.h, " +
			"p_held_from = v.hf, p_held_until = v.hu, p_news_vague = v.nv FROM (VALUES ")
		for r := range n {
			if r > 0 {
				b.WriteString(", ")
			}
			p := derivedArgs * r
			fmt.Fprintf(&b, "($%d::bigint, $%d::text, $%d::bigint, $%d::boolean, $%d::text, $%d::text, $%d::text, $%d::text, $%d::text, $%d::boolean)",
				p+1, p+2, p+3, p+4, p+5, p+6, p+7, p+8, p+9, p+10)
		}
		b.WriteString(") AS v(id, s, f, u, n, a, h, hf, hu, nv) WHERE cases.id = v.id")
		return b.String()
	}
	b.WriteString("p_status = v.column2, p_facility_id = v.column3, p_unknown = v.column4, p_last_news = v.column5, " +
		"p_arrest = v.column6, p_hunger_since = v.column7, p_held_from = v.column8, p_held_until = v.column9, " +
		"p_news_vague = v.column10 FROM (VALUES ")
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(") AS v WHERE cases.id = v.column1")
	return b.String()
}

// RefreshDerived recomputes the derived columns of every case and the rows
// of the people lists, in batches of one transaction each: after a migration that adds such a column, and
// when the meaning of a timeline changed with a new version.
func (s *Store) RefreshDerived(ctx context.Context) error {
	var after int64
	for {
		var ids []int64
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			var err error
			if ids, err = s.ids(ctx, tx, s.q.AllCaseIDs, after); err != nil {
				return err
			}
			return s.deriveCases(ctx, tx, ids, func(int64) {})
		})
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return s.relistEveryone(ctx)
		}
		after = ids[len(ids)-1]
	}
}

// PeopleCounts counts the people held now, by their current case's public
// timeline: all of them, those whose whereabouts are unknown, and those on
// hunger strike.
func (s *Store) PeopleCounts(ctx context.Context, a habeas.Access) (held, unknown, hungerStrike int, err error) {
	err = s.read(s.q.PeopleCounts).QueryRowContext(ctx, a).Scan(&held, &unknown, &hungerStrike)
	return held, unknown, hungerStrike, err
}

// CurrentCase returns a person's current case among those the reader may
// see: one in which they are held now, else the one with the latest arrest
// (the order the lists use).
func (s *Store) CurrentCase(ctx context.Context, a habeas.Access, personID int64) (*habeas.Case, error) {
	var id int64
	err := s.read(s.q.CurrentCaseID).QueryRowContext(ctx, a, personID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("case of person", personID)
	} else if err != nil {
		return nil, fmt.Errorf("current case of person %d: %w", personID, err)
	}
	return s.Case(ctx, a, id)
}
