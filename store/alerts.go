package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// The silence clock in the store. Every write that changes what a case's
// rules read (the case, its events, its interventions, its thresholds, a
// facility it names, a merge of its person) marks the case; before the write
// commits, the rules run on every marked case and the case's alerts are
// brought in line with what they find, in the same transaction: a finding
// with no unresolved alert opens one, a finding with one updates it (a
// severity change is recorded), and an unresolved alert the rules no longer
// find is resolved, by the event that ended it when there is one. Running
// them twice changes nothing the second time. The sweep (SweepAlerts) does
// the same for every case, for the days that pass without a write.
//
// What the rules read: for staff, every fact up to internal ones (up to
// confidential for a confidential case, which only the grant reads), so
// that no alert, and no notification sent from it, carries a confidential
// fact to someone without the grant; for the public, only the public
// timeline of a public case of a public person, which is what a published
// alert shows.

// alertMessageField binds sealed alert sentences to their column.
const alertMessageField = "alerts.message"

// alertChunk is how many cases of close ids one evaluation reads at a time.
const alertChunk = 256

// markAlerts marks a case for the rules to run on before the write commits.
func (w *wtx) markAlerts(caseID int64) {
	if caseID <= 0 {
		return
	}
	if w.alerting == nil {
		w.alerting = map[int64]bool{}
	}
	w.alerting[caseID] = true
}

// markAlertsOfIntervention marks the case intervention id is about now.
func (w *wtx) markAlertsOfIntervention(id int64) error {
	ids, err := w.ids(w.s.q.CaseOfIntervention, id)
	for _, c := range ids {
		w.markAlerts(c)
	}
	return err
}

// alertMarked runs the rules on the cases the write marked.
func (w *wtx) alertMarked() error {
	if len(w.alerting) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(w.alerting))
	for id := range w.alerting {
		ids = append(ids, id)
	}
	_, err := w.s.evaluateAlerts(w.ctx, w.tx, ids)
	return err
}

// alertCase is one case as the rules read it, with what it is at.
type alertCase struct {
	c              habeas.Case
	facilityVis    habeas.Visibility
	personVis      habeas.Visibility
	thresholds     alerts.Thresholds
	events         []habeas.Event
	eventVis       []habeas.Visibility // of events[i]'s facility
	interventions  []habeas.Intervention
	dueDays        []string // the stored due_day of interventions[i]
	staffAccess    habeas.Visibility
	alertVisiblity habeas.Visibility
}

// openAlert is an unresolved alert as evaluation compares it.
type openAlert struct {
	id, caseID              int64
	key, severity, since    string
	days                    int
	atLeast                 bool
	message                 string
	eventID, interventionID int64
	vis                     habeas.Visibility
	pubSeverity, pubMessage string
	pubDays                 int
	pubAtLeast              bool
	seen                    bool
}

// evaluateAlerts runs the rules on the cases ids inside tx (see the
// package comment above) and returns what it did.
func (s *Store) evaluateAlerts(ctx context.Context, tx *sql.Tx, ids []int64) (habeas.AlertSweep, error) {
	var sum habeas.AlertSweep
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for len(ids) > 0 {
		n := 1
		for n < len(ids) && n < alertChunk && ids[n]-ids[0] < 2*alertChunk {
			n++
		}
		if err := s.evaluateRange(ctx, tx, ids[:n], &sum); err != nil {
			return sum, err
		}
		ids = ids[n:]
	}
	return sum, nil
}

// evaluateRange evaluates the cases ids, sorted and close together.
func (s *Store) evaluateRange(ctx context.Context, tx *sql.Tx, ids []int64, sum *habeas.AlertSweep) error {
	first, last := ids[0], ids[len(ids)-1]
	fail := func(err error) error { return fmt.Errorf("alerts of cases %d–%d: %w", first, last, err) }
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	base, err := s.instanceThresholds(ctx, tx)
	if err != nil {
		return fail(err)
	}
	cases := map[int64]*alertCase{}
	rows, err := s.tx(ctx, tx, s.q.CasesForAlerts).QueryContext(ctx, first, last)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		ac := &alertCase{}
		c := &ac.c
		var th string
		if err := rows.Scan(&c.ID, &c.PersonID, &c.Status, &c.ArrestDate, &c.Sentence.Years, &c.Sentence.Months,
			&c.Sentence.Days, &c.SentenceDate, &c.PretrialCredited, &c.ExpectedRelease, &c.FacilityID, &ac.facilityVis,
			&c.Visibility, &ac.personVis, &th); err != nil {
			rows.Close()
			return fail(err)
		}
		if !want[c.ID] {
			continue
		}
		ac.thresholds = base
		if th != "" {
			var own alerts.Thresholds
			if json.Unmarshal([]byte(th), &own) == nil {
				ac.thresholds = ac.thresholds.With(own)
			}
		}
		ac.alertVisiblity = max(c.Visibility, ac.personVis, habeas.Internal)
		ac.staffAccess = ac.alertVisiblity
		cases[c.ID] = ac
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.tx(ctx, tx, s.q.EventsOfCasesForDerive).QueryContext(ctx, first, last)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var e habeas.Event
		var fv habeas.Visibility
		if err := rows.Scan(&e.CaseID, &e.ID, &e.Kind, &e.Date, &e.FacilityID, &e.Visibility, &fv); err != nil {
			rows.Close()
			return fail(err)
		}
		if ac := cases[e.CaseID]; ac != nil {
			ac.events = append(ac.events, e)
			ac.eventVis = append(ac.eventVis, fv)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.tx(ctx, tx, s.q.InterventionsForAlerts).QueryContext(ctx, first, last)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var iv habeas.Intervention
		var due string
		if err := rows.Scan(&iv.CaseID, &iv.ID, &iv.Kind, &iv.Recipient, &iv.SentOn, &iv.DueOn, &iv.AnswerStatus, &iv.Visibility, &due); err != nil {
			rows.Close()
			return fail(err)
		}
		s.seal.openText(&iv.Recipient, "interventions.recipient")
		if ac := cases[iv.CaseID]; ac != nil {
			ac.interventions = append(ac.interventions, iv)
			ac.dueDays = append(ac.dueDays, due)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	type place struct {
		name string
		vis  habeas.Visibility
	}
	places := map[int64]place{}
	rows, err = s.tx(ctx, tx, s.q.FacilitiesForAlerts).QueryContext(ctx, first, last)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var id int64
		var p place
		if err := rows.Scan(&id, &p.name, &p.vis); err != nil {
			rows.Close()
			return fail(err)
		}
		s.seal.openText(&p.name, "facilities.name")
		places[id] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	open := map[string]*openAlert{}
	rows, err = s.tx(ctx, tx, s.q.UnresolvedAlertsOfCases).QueryContext(ctx, first, last)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		o := &openAlert{}
		if err := rows.Scan(&o.id, &o.caseID, &o.key, &o.severity, &o.since, &o.days, &o.atLeast, &o.message,
			&o.eventID, &o.interventionID, &o.vis, &o.pubSeverity, &o.pubDays, &o.pubAtLeast, &o.pubMessage); err != nil {
			rows.Close()
			return fail(err)
		}
		if want[o.caseID] {
			s.seal.openText(&o.message, alertMessageField)
			open[o.key] = o
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}

	today := habeas.Today(s.clock)
	now := s.clock.Now().UTC()
	for _, id := range ids {
		ac := cases[id]
		if ac == nil {
			continue // deleted in this write
		}
		sum.Cases++
		for i := range ac.interventions {
			if due := dueDay(&ac.interventions[i], ac.thresholds); due != ac.dueDays[i] {
				if _, err := s.tx(ctx, tx, s.q.SetDueDay).ExecContext(ctx, ac.interventions[i].ID, due); err != nil {
					return fail(err)
				}
			}
		}
		staff := ac.input(ac.staffAccess, func(id int64) string {
			if p, ok := places[id]; ok && p.vis <= ac.staffAccess {
				return p.name
			}
			return ""
		})
		found := alerts.Evaluate(staff, today, ac.thresholds)
		var public []alerts.Finding
		if ac.c.Visibility == habeas.Public && ac.personVis == habeas.Public {
			pub := ac.input(habeas.Public, func(id int64) string {
				if p, ok := places[id]; ok && p.vis == habeas.Public {
					return p.name
				}
				return ""
			})
			public = alerts.Evaluate(pub, today, ac.thresholds)
		}
		for _, f := range found {
			pf, hasPublic := publicOf(f, found, public)
			next := openAlert{caseID: id, key: f.Key, severity: f.Severity.String(), since: f.Since, days: f.Days,
				atLeast: f.AtLeast, message: f.Message, eventID: f.EventID, interventionID: f.InterventionID,
				vis: ac.alertVisiblity}
			if hasPublic {
				next.pubSeverity, next.pubDays, next.pubAtLeast, next.pubMessage = pf.Severity.String(), pf.Days, pf.AtLeast, pf.Message
			}
			o := open[f.Key]
			if o == nil {
				if err := s.openNewAlert(ctx, tx, f.Rule, &next, now); err != nil {
					return fail(err)
				}
				sum.Opened++
				continue
			}
			o.seen = true
			if sameFinding(o, &next) {
				continue
			}
			if err := s.updateAlert(ctx, tx, o, &next, now); err != nil {
				return fail(err)
			}
			sum.Changed++
		}
		for _, o := range open {
			if o.caseID != id || o.seen {
				continue
			}
			f := alerts.Finding{Rule: ruleOfKey(o.key), Key: o.key, CaseID: id, EventID: o.eventID, Since: o.since}
			ended := alerts.EndedBy(f, staff.Events, today)
			reason := "The condition no longer holds."
			if ended != 0 {
				reason = "Ended by a recorded event."
			}
			if err := s.resolveAlert(ctx, tx, o.id, o.severity, now, "", reason, ended); err != nil {
				return fail(err)
			}
			sum.Resolved++
		}
	}
	return nil
}

// dueDay is the due_day of an intervention: the ISO day its answer is due
// under th, or "" when it awaits none.
func dueDay(iv *habeas.Intervention, th alerts.Thresholds) string {
	if d, ok := alerts.DueOf(iv, th); ok {
		return d.Day()
	}
	return ""
}

// fillDueDays fills due_day for the interventions that await an answer, in
// the transaction of the migration that adds it; the silence clock keeps it
// current from then on.
func (s *Store) fillDueDays(ctx context.Context, tx *sql.Tx) error {
	var after int64
	for {
		rows, err := tx.QueryContext(ctx, s.q.InterventionsAwaiting.sql, after, 1000)
		if err != nil {
			return fmt.Errorf("fill due days: %w", err)
		}
		type due struct {
			id  int64
			day string
		}
		var todo []due
		n := 0
		for rows.Next() {
			var iv habeas.Intervention
			var th string
			if err := rows.Scan(&iv.ID, &iv.Kind, &iv.Recipient, &iv.SentOn, &iv.DueOn, &iv.AnswerStatus, &th); err != nil {
				rows.Close()
				return fmt.Errorf("fill due days: %w", err)
			}
			n++
			after = iv.ID
			s.seal.openText(&iv.Recipient, "interventions.recipient")
			t := s.alertThresholds
			if th != "" {
				var own alerts.Thresholds
				if json.Unmarshal([]byte(th), &own) == nil {
					t = t.With(own)
				}
			}
			if d := dueDay(&iv, t); d != "" {
				todo = append(todo, due{iv.ID, d})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("fill due days: %w", err)
		}
		for _, d := range todo {
			if _, err := tx.ExecContext(ctx, s.q.SetDueDay.sql, d.id, d.day); err != nil {
				return fmt.Errorf("fill due days: %w", err)
			}
		}
		if n == 0 {
			return nil
		}
	}
}

// publicOf finds, among the findings on the public timeline, the one that
// shows finding f to the public: the same condition (key) or, when the
// staff's anchor is a fact the public does not see (a later internal news
// item), the one finding of f's rule when both sides have just one.
func publicOf(f alerts.Finding, staff, public []alerts.Finding) (alerts.Finding, bool) {
	var byRule []alerts.Finding
	for _, p := range public {
		if p.Key == f.Key {
			return p, true
		}
		if p.Rule == f.Rule {
			byRule = append(byRule, p)
		}
	}
	n := 0
	for _, s := range staff {
		if s.Rule == f.Rule {
			n++
		}
	}
	if n == 1 && len(byRule) == 1 {
		return byRule[0], true
	}
	return alerts.Finding{}, false
}

// input is what the rules read of the case at access a: its events and
// interventions up to a, its facility named only when a may see it.
func (ac *alertCase) input(a habeas.Visibility, name func(int64) string) alerts.Input {
	c := ac.c
	if ac.facilityVis > a {
		c.FacilityID = 0
	}
	in := alerts.Input{Case: &c, Facility: name}
	for i, e := range ac.events {
		if e.Visibility > a {
			continue
		}
		if ac.eventVis[i] > a {
			e.FacilityID = 0 // to this reader, a place it may not know is undisclosed
		}
		in.Events = append(in.Events, e)
	}
	for _, iv := range ac.interventions {
		if iv.Visibility <= a {
			in.Interventions = append(in.Interventions, iv)
		}
	}
	return in
}

// ruleOfKey is the rule of an alert's key: "no_news/12/…" → "no_news".
func ruleOfKey(key string) string {
	rule, _, _ := strings.Cut(key, "/")
	return rule
}

func sameFinding(o, n *openAlert) bool {
	return o.severity == n.severity && o.since == n.since && o.days == n.days && o.atLeast == n.atLeast &&
		o.message == n.message && o.eventID == n.eventID && o.interventionID == n.interventionID && o.vis == n.vis &&
		o.pubSeverity == n.pubSeverity && o.pubDays == n.pubDays && o.pubAtLeast == n.pubAtLeast && o.pubMessage == n.pubMessage
}

// sealedMessage is an alert's sentence as stored: sealed when only the
// confidential grant may read it.
func (s *Store) sealedMessage(msg string, v habeas.Visibility) string {
	if v == habeas.Confidential {
		s.seal.sealText(&msg, alertMessageField)
	}
	return msg
}

func (s *Store) openNewAlert(ctx context.Context, tx *sql.Tx, rule string, n *openAlert, now time.Time) error {
	err := s.tx(ctx, tx, s.q.InsertAlert).QueryRowContext(ctx, n.caseID, rule, n.key, n.severity, n.since, n.days,
		n.atLeast, s.sealedMessage(n.message, n.vis), n.eventID, n.interventionID, n.vis, n.pubSeverity, n.pubDays,
		n.pubAtLeast, n.pubMessage, s.timeArg(now)).Scan(&n.id)
	if err != nil {
		return fmt.Errorf("open alert %s: %w", n.key, err)
	}
	return s.alertChange(ctx, tx, n.id, now, "opened", n.severity, "", "")
}

func (s *Store) updateAlert(ctx context.Context, tx *sql.Tx, o, n *openAlert, now time.Time) error {
	_, err := s.tx(ctx, tx, s.q.UpdateAlertFinding).ExecContext(ctx, o.id, n.severity, n.since, n.days, n.atLeast,
		s.sealedMessage(n.message, n.vis), n.eventID, n.interventionID, n.vis, n.pubSeverity, n.pubDays, n.pubAtLeast,
		n.pubMessage, s.timeArg(now))
	if err != nil {
		return fmt.Errorf("update alert %d: %w", o.id, err)
	}
	if o.severity != n.severity {
		return s.alertChange(ctx, tx, o.id, now, "severity", n.severity, "", "from "+o.severity)
	}
	return nil
}

func (s *Store) resolveAlert(ctx context.Context, tx *sql.Tx, id int64, severity string, now time.Time, by, reason string, ended int64) error {
	if _, err := s.tx(ctx, tx, s.q.ResolveAlert).ExecContext(ctx, id, s.timeArg(now), by, reason, ended); err != nil {
		return fmt.Errorf("resolve alert %d: %w", id, err)
	}
	return s.alertChange(ctx, tx, id, now, "resolved", severity, by, reason)
}

func (s *Store) alertChange(ctx context.Context, tx *sql.Tx, id int64, at time.Time, change, severity, by, note string) error {
	_, err := s.tx(ctx, tx, s.q.InsertAlertChange).ExecContext(ctx, id, s.timeArg(at), change, severity, by, note)
	if err != nil {
		return fmt.Errorf("alert %d: record %s: %w", id, change, err)
	}
	return s.enqueueNotice(ctx, tx, id, change, at)
}

// scanAlert reads a row of GetAlert or ListAlerts.
func (s *Store) scanAlert(r scanner) (habeas.Alert, int64, error) {
	var a habeas.Alert
	var ackAt, resAt nullTime
	err := r.Scan(&a.ID, &a.CaseID, &a.PersonID, &a.Rule, &a.State, &a.Severity, &a.Since, &a.Days, &a.AtLeast, &a.Message,
		&a.EventID, &a.InterventionID, &a.Public, &a.PublicSeverity, &a.PublicDays, &a.PublicAtLeast, &a.PublicMessage,
		&a.Visibility, dbTime{&a.OpenedAt}, dbTime{&a.UpdatedAt}, &ackAt, &a.AcknowledgedBy, &a.AckNote,
		&resAt, &a.ResolvedBy, &a.Resolution, &a.EndedByEventID)
	if err != nil {
		return a, 0, err
	}
	a.AcknowledgedAt, a.ResolvedAt = ackAt.ptr(), resAt.ptr()
	s.seal.openText(&a.Message, alertMessageField)
	return a, a.ID, nil
}

// nullTime scans a timestamp that may be NULL.
type nullTime struct {
	t     time.Time
	valid bool
}

func (n *nullTime) Scan(v any) error {
	if v == nil {
		n.valid = false
		return nil
	}
	n.valid = true
	return dbTime{&n.t}.Scan(v)
}

func (n nullTime) ptr() *time.Time {
	if !n.valid {
		return nil
	}
	t := n.t
	return &t
}

// Alert returns an alert with its history, if the reader may see it.
func (s *Store) Alert(ctx context.Context, a habeas.Access, id int64) (*habeas.Alert, error) {
	al, _, err := s.scanAlert(s.read(s.q.GetAlert).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("alert", id)
	} else if err != nil {
		return nil, fmt.Errorf("load alert %d: %w", id, err)
	}
	al.Changes, err = queryAll(ctx, s, s.q.AlertChanges, func(r scanner) (habeas.AlertChange, error) {
		var c habeas.AlertChange
		err := r.Scan(dbTime{&c.At}, &c.Change, &c.Severity, &c.By, &c.Note)
		return c, err
	}, id)
	return &al, err
}

// ListAlerts returns a page of alerts, newest first.
func (s *Store) ListAlerts(ctx context.Context, a habeas.Access, f habeas.AlertFilter) (habeas.Page[habeas.Alert], error) {
	page := habeas.Page[habeas.Alert]{Items: []habeas.Alert{}}
	before, err := idCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	rank := 0
	if f.Severity != "" {
		rank = slices.Index(habeas.AlertSeverities, f.Severity) + 1
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read(s.q.ListAlerts).QueryContext(ctx, a, f.State, rank, f.Rule, f.Country, f.OrganizationID,
		f.CaseID, before, limit, f.AssignedTo)
	if err != nil {
		return page, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		al, id, err := s.scanAlert(rows)
		if err != nil {
			return page, fmt.Errorf("list alerts: %w", err)
		}
		page.Items = append(page.Items, al)
		last = id
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list alerts: %w", err)
	}
	page.NextCursor = nextIDCursor(len(page.Items), limit, last)
	return page, nil
}

// PublicAlerts returns the published alerts the public may see, as the
// public timeline alone shows them.
func (s *Store) PublicAlerts(ctx context.Context, personID int64, limit int) ([]habeas.PublicAlert, error) {
	return queryAll(ctx, s, s.q.PublicAlerts, func(r scanner) (habeas.PublicAlert, error) {
		var a habeas.PublicAlert
		err := r.Scan(&a.ID, &a.CaseID, &a.PersonID, &a.Person, &a.PersonSlug, &a.Rule, &a.Severity, &a.Days, &a.AtLeast,
			&a.Message, dbTime{&a.OpenedAt}, dbTime{&a.UpdatedAt})
		s.seal.openText(&a.Person, "people.name")
		return a, err
	}, personID, limit)
}

// alertTarget checks, inside the write, that the writer sees alert id, and
// returns its state and severity.
func (w *wtx) alertTarget(id int64) (*habeas.Alert, error) {
	if w.u.Scoped() {
		if assigned, _, err := w.assigned(w.s.q.GetAlert, id); err != nil || !assigned {
			if err == nil {
				err = notFound("alert", id)
			}
			return nil, err
		}
	}
	al, _, err := w.s.scanAlert(w.stmt(w.s.q.GetAlert).QueryRowContext(w.ctx, w.a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("alert", id)
	}
	if err != nil {
		return nil, fmt.Errorf("alert %d: %w", id, err)
	}
	return &al, nil
}

// alertAfter reads an alert back after u changed it, at what u may read of
// it.
func (s *Store) alertAfter(ctx context.Context, u *habeas.User, id int64) (*habeas.Alert, error) {
	a, err := s.AccessTo(ctx, u, "alert", id)
	if err != nil {
		return nil, err
	}
	return s.Alert(ctx, a, id)
}

// by names the writer in an alert's history.
func by(u *habeas.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

func validNote(field, note string, required bool) error {
	pr := habeas.Problems{}
	switch n := len([]rune(strings.TrimSpace(note))); {
	case required && n == 0:
		pr.Add(field, "is required: say why")
	case len(note) > 2000:
		pr.Add(field, "at most 2000 characters")
	}
	return pr.Err("alert change")
}

// AcknowledgeAlert marks an open alert as seen by u, with a note.
func (s *Store) AcknowledgeAlert(ctx context.Context, u *habeas.User, id int64, note string) (*habeas.Alert, error) {
	if err := validNote("note", note, false); err != nil {
		return nil, err
	}
	err := s.write(ctx, u, "alert", func(w *wtx) error {
		al, err := w.alertTarget(id)
		if err != nil {
			return err
		}
		if al.State != habeas.AlertOpen {
			return habeas.Errorf(habeas.ECONFLICT, "alert %d is %s, not open", id, al.State)
		}
		now := s.clock.Now().UTC()
		if _, err := w.stmt(s.q.AcknowledgeAlert).ExecContext(ctx, id, s.timeArg(now), by(u), strings.TrimSpace(note)); err != nil {
			return fmt.Errorf("acknowledge alert %d: %w", id, err)
		}
		if err := w.audit(habeas.AuditUpdate, "alert", id, al, map[string]any{"state": "acknowledged", "note": strings.TrimSpace(note), "visibility": al.Visibility}); err != nil {
			return err
		}
		return s.alertChange(ctx, w.tx, id, now, "acknowledged", al.Severity, by(u), strings.TrimSpace(note))
	})
	if err != nil {
		return nil, err
	}
	return s.alertAfter(ctx, u, id)
}

// ResolveAlert resolves an unresolved alert by hand, with a reason. Should
// the condition still hold, the rules open a new alert at their next run:
// resolving says "dealt with", not "it never was".
func (s *Store) ResolveAlert(ctx context.Context, u *habeas.User, id int64, reason string) (*habeas.Alert, error) {
	if err := validNote("reason", reason, true); err != nil {
		return nil, err
	}
	err := s.write(ctx, u, "alert", func(w *wtx) error {
		al, err := w.alertTarget(id)
		if err != nil {
			return err
		}
		if al.State == habeas.AlertResolved {
			return habeas.Errorf(habeas.ECONFLICT, "alert %d is already resolved", id)
		}
		if al.Public && !u.May(habeas.Publish) {
			// Resolved, it leaves the public site: that is publishing.
			return habeas.Forbidden(u, habeas.Publish)
		}
		if err := w.audit(habeas.AuditUpdate, "alert", id, al, map[string]any{"state": "resolved", "reason": strings.TrimSpace(reason), "visibility": al.Visibility}); err != nil {
			return err
		}
		// The next sweep runs the rules on the case again, today too: if
		// the condition still holds, it opens a new alert.
		if err := w.exec(s.q.UnsweepCase, al.CaseID); err != nil {
			return err
		}
		return s.resolveAlert(ctx, w.tx, id, al.Severity, s.clock.Now().UTC(), by(u), strings.TrimSpace(reason), 0)
	})
	if err != nil {
		return nil, err
	}
	return s.alertAfter(ctx, u, id)
}

// PublishAlert shows an alert on the public site, or stops showing it. Only
// an alert the public timeline supports may be published.
func (s *Store) PublishAlert(ctx context.Context, u *habeas.User, id int64, public bool) (*habeas.Alert, error) {
	if u != nil && !u.May(habeas.Publish) {
		return nil, habeas.Forbidden(u, habeas.Publish)
	}
	err := s.write(ctx, u, "alert", func(w *wtx) error {
		al, err := w.alertTarget(id)
		if err != nil {
			return err
		}
		if public && al.PublicMessage == "" {
			return &habeas.Error{Code: habeas.EINVALID, Message: "invalid alert change", Fields: map[string]string{
				"public": "this alert rests on facts the public may not see (or its case or person is not public): it cannot be published"}}
		}
		if al.Public == public {
			return nil
		}
		now := s.clock.Now().UTC()
		if _, err := w.stmt(s.q.SetAlertPublic).ExecContext(ctx, id, public, s.timeArg(now)); err != nil {
			return fmt.Errorf("publish alert %d: %w", id, err)
		}
		change := "published"
		if !public {
			change = "unpublished"
		}
		if err := w.audit(habeas.AuditUpdate, "alert", id, al, map[string]any{"public": public, "visibility": al.Visibility}); err != nil {
			return err
		}
		return s.alertChange(ctx, w.tx, id, now, change, al.Severity, by(u), "")
	})
	if err != nil {
		return nil, err
	}
	return s.alertAfter(ctx, u, id)
}

// instanceThresholds are the instance's thresholds: its configuration's
// (the built-in defaults unless a test sets them), under those an admin
// set (SetInstanceThresholds).
func (s *Store) instanceThresholds(ctx context.Context, tx *sql.Tx) (alerts.Thresholds, error) {
	var raw string
	err := s.tx(ctx, tx, s.q.InstanceThresholds).QueryRowContext(ctx).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return s.alertThresholds, nil
	} else if err != nil {
		return alerts.Thresholds{}, fmt.Errorf("instance thresholds: %w", err)
	}
	var own alerts.Thresholds
	if err := json.Unmarshal([]byte(raw), &own); err != nil {
		return alerts.Thresholds{}, fmt.Errorf("instance thresholds: %w", err)
	}
	return s.alertThresholds.With(own), nil
}

// InstanceThresholds returns the thresholds an admin set for the whole
// instance, as JSON ({} when none: the defaults apply). They are for
// staff: the caller checks that the reader is.
func (s *Store) InstanceThresholds(ctx context.Context) ([]byte, error) {
	var raw string
	err := s.read(s.q.InstanceThresholds).QueryRowContext(ctx).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return []byte("{}"), nil
	}
	return []byte(raw), err
}

// SetInstanceThresholds replaces the instance's thresholds (alerts.Thresholds
// as JSON; {} returns to the defaults), as an admin. They take effect at the
// next sweep, which runs the rules on every case again, and on any case
// written before it.
func (s *Store) SetInstanceThresholds(ctx context.Context, u *habeas.User, body []byte) error {
	th, err := decodeThresholds(body)
	if err != nil {
		return err
	}
	return s.write(ctx, u, "settings", func(w *wtx) error {
		before := "{}"
		err := w.stmt(s.q.InstanceThresholds).QueryRowContext(ctx).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		b, _ := json.Marshal(th)
		if err := w.exec(s.q.PutInstanceThresholds, string(b), s.now()); err != nil {
			return fmt.Errorf("set instance thresholds: %w", err)
		}
		// The sweep's mark holds the thresholds it ran with (sweepMark):
		// the next sweep takes every case again.
		return w.audit(habeas.AuditUpdate, "alert_thresholds", 1, json.RawMessage(before), th)
	})
}

// decodeThresholds reads thresholds as JSON and checks them.
func decodeThresholds(body []byte) (alerts.Thresholds, error) {
	var th alerts.Thresholds
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&th); err != nil {
		return th, &habeas.Error{Code: habeas.EINVALID, Message: "invalid alert thresholds",
			Fields: map[string]string{"body": "must be an object with days and answer_days, e.g. {\"days\":{\"no_news\":5}}"}}
	}
	return th, th.Validate()
}

// CaseThresholds returns a case's own thresholds as JSON ({} when it has
// none), if the reader may see the case.
func (s *Store) CaseThresholds(ctx context.Context, a habeas.Access, caseID int64) ([]byte, error) {
	if _, err := s.Case(ctx, a, caseID); err != nil {
		return nil, err
	}
	var th string
	err := s.read(s.q.CaseThresholds).QueryRowContext(ctx, a, caseID).Scan(&th)
	if errors.Is(err, sql.ErrNoRows) {
		return []byte("{}"), nil
	}
	return []byte(th), err
}

// SetCaseThresholds replaces a case's own thresholds (alerts.Thresholds as
// JSON; {} removes them) and runs the rules on the case.
func (s *Store) SetCaseThresholds(ctx context.Context, u *habeas.User, caseID int64, body []byte) error {
	th, err := decodeThresholds(body)
	if err != nil {
		return err
	}
	return s.write(ctx, u, "alert", func(w *wtx) error {
		if err := w.target("case", s.q.GetCase, caseID); err != nil {
			return err
		}
		var caseVis habeas.Visibility
		if err := w.atLeast(&caseVis, s.q.CaseVisibility, caseID); err != nil {
			return err
		}
		if !u.May(habeas.Publish) {
			// The thresholds word and weigh the case's published alerts
			// too: changing them is publishing.
			shown, err := w.ids(s.q.PublishedAlertsOfCase, caseID)
			if err != nil {
				return err
			}
			if len(shown) > 0 {
				return habeas.Forbidden(u, habeas.Publish)
			}
		}
		var err error
		if len(th.Days) == 0 && len(th.AnswerDays) == 0 {
			_, err = w.stmt(s.q.DeleteCaseThresholds).ExecContext(ctx, caseID)
		} else {
			b, _ := json.Marshal(th)
			_, err = w.stmt(s.q.SetCaseThresholds).ExecContext(ctx, caseID, string(b))
		}
		if err != nil {
			return fmt.Errorf("set thresholds of case %d: %w", caseID, err)
		}
		w.markAlerts(caseID)
		return w.audit(habeas.AuditUpdate, "case", caseID, nil, map[string]any{"alert_thresholds": th, "visibility": caseVis})
	})
}

// SweepAlerts runs the rules on every case, a chunk of cases per
// transaction, and refreshes the derived columns of the lists on the way
// (a future-dated event becomes past without a write). On PostgreSQL with
// several serve processes, one sweep runs at a time: the others find the
// lock taken and return at once with nothing done.
func (s *Store) SweepAlerts(ctx context.Context) (habeas.AlertSweep, error) {
	var sum habeas.AlertSweep
	start := time.Now()
	release, ok, err := s.sweepLock(ctx)
	if err != nil || !ok {
		return sum, err
	}
	defer release()
	var after int64
	mark, err := s.sweepMark(ctx)
	if err != nil {
		return sum, err
	}
	for {
		var ids []int64
		err := s.write(ctx, habeas.Operator, "alert", func(w *wtx) error {
			var err error
			if ids, err = s.ids(ctx, w.tx, s.q.CasesToSweep, after, mark); err != nil || len(ids) == 0 {
				return err
			}
			// Only the cases whose derived columns change are written,
			// and only their people's list rows redone.
			if err := s.deriveCases(ctx, w.tx, ids, w.touch); err != nil {
				return err
			}
			part, err := s.evaluateAlerts(ctx, w.tx, ids)
			sum.Cases += part.Cases
			sum.Opened += part.Opened
			sum.Changed += part.Changed
			sum.Resolved += part.Resolved
			if err != nil {
				return err
			}
			return w.exec(s.q.MarkSwept, mark, ids[0], ids[len(ids)-1])
		})
		if err != nil {
			return sum, err
		}
		if len(ids) == 0 {
			break
		}
		after = ids[len(ids)-1]
	}
	err = s.read(s.q.CountUnresolvedAlerts).QueryRowContext(ctx).Scan(&sum.Open)
	sum.Took = time.Since(start)
	return sum, err
}

// sweepMark is what a case's swept_day holds once the sweep brought it up
// to date: the day, and what the rules ran with (the build of habeas, the
// version of the rules, the instance's thresholds). A sweep passes over a
// case whose mark is the one it would write: a new day, an upgrade or new
// thresholds make every case due again. The thresholds are those read at
// the start of the sweep; a change during the sweep leaves marks the next
// sweep does not match.
func (s *Store) sweepMark(ctx context.Context) (string, error) {
	raw, err := s.InstanceThresholds(ctx)
	if err != nil {
		return "", err
	}
	conf, _ := json.Marshal(s.alertThresholds)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n", alerts.RulesVersion, buildID, conf, raw)
	return habeas.Today(s.clock).Format(time.DateOnly) + "/" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// buildID names the build of habeas running: its module version and VCS
// revision, when the build recorded them ("" otherwise, as in tests).
var buildID = func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	id := bi.Main.Version
	for _, st := range bi.Settings {
		if st.Key == "vcs.revision" || st.Key == "vcs.modified" {
			id += " " + st.Value
		}
	}
	return id
}()

// UnresolvedAlertCounts counts the alerts not resolved, by rule and
// severity: "no_news" → "critical" → 3. Counts only, of every case, for
// an operator's monitoring.
func (s *Store) UnresolvedAlertCounts(ctx context.Context) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	rows, err := s.read(s.q.UnresolvedAlertCounts).QueryContext(ctx)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var rule, sev string
		var n int
		if err := rows.Scan(&rule, &sev, &n); err != nil {
			return nil, err
		}
		if out[rule] == nil {
			out[rule] = map[string]int{}
		}
		out[rule][sev] = n
	}
	return out, rows.Err()
}

// sweepLock takes the sweep's lock: on PostgreSQL a session advisory lock
// on a connection kept for the sweep, so that of several serve processes
// only one sweeps at a time; on SQLite, where one process owns the file,
// the single writer connection already orders sweeps.
func (s *Store) sweepLock(ctx context.Context) (release func(), ok bool, err error) {
	if s.dialect != Postgres {
		return func() {}, true, nil
	}
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", sweepLockID).Scan(&ok); err != nil || !ok {
		conn.Close()
		return nil, false, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", sweepLockID)
		conn.Close()
	}, true, nil
}

// sweepLockID names the sweep's advisory lock ("habeas" in ASCII).
const sweepLockID int64 = 0x686162656173
