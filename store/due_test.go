package store_test

import (
	"context"
	"slices"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// TestInterventionsDue: the answers due in a week, by the silence clock's
// own reckoning of the due day (its own, else sent + the recipient's days),
// at the reader's access, for a volunteer only of their case files; kept
// current when a case's thresholds change and when an answer comes.
func TestInterventionsDue(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Elvin Example", Kind: habeas.NamePrimary}}}
		must(s.CreatePerson(ctx, op, p))
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-11-20",
			Classification: "not_assessed", Position: "unknown"}
		must(s.CreateCase(ctx, op, c))
		add := func(kind, recipient, sent, due string, v habeas.Visibility) int64 {
			iv := &habeas.Intervention{CaseID: c.ID, Kind: kind, Sender: "Relatives", Recipient: recipient,
				SentOn: sent, DueOn: due, AnswerStatus: "none", Visibility: v}
			must(s.CreateIntervention(ctx, op, iv))
			return iv.ID
		}
		inquiry := add("inquiry", "Penitentiary Service", "2025-05-10", "", habeas.Internal) // due 20 May: sent + 10
		appeal := add("appeal", "Baku Court of Appeal", "2025-05-12", "2025-05-18", habeas.Internal)
		letter := add("letter", "Ombudsman", "2025-05-01", "2025-05-16", habeas.Confidential)
		add("statement", "Ministry of Justice", "2025-05-14", "", habeas.Internal)        // awaits no answer
		add("inquiry", "Prosecutor General", "2025-05-01", "2025-06-30", habeas.Internal) // not this week
		add("inquiry", "Prosecutor General", "2025-04-01", "2025-05-02", habeas.Internal) // past due: an alert, not due

		week := habeas.DueFilter{From: "2025-05-15", To: "2025-05-22"}
		due := func(a habeas.Access, f habeas.DueFilter) []int64 {
			t.Helper()
			list, err := s.InterventionsDue(ctx, a, f)
			must(err)
			var ids []int64
			for _, d := range list {
				if d.PersonID != p.ID || d.Recipient == "" {
					t.Errorf("a due intervention lacks its person or recipient: %+v", d)
				}
				ids = append(ids, d.ID)
			}
			return ids
		}
		if got, want := due(habeas.Internal, week), []int64{appeal, inquiry}; !slices.Equal(got, want) {
			t.Errorf("due this week, internal: %v, want %v (soonest first, nothing confidential)", got, want)
		}
		if got, want := due(habeas.Confidential, week), []int64{letter, appeal, inquiry}; !slices.Equal(got, want) {
			t.Errorf("due this week, confidential: %v, want %v", got, want)
		}
		if got := due(habeas.Public, week); len(got) != 0 {
			t.Errorf("the public reads due interventions: %v", got)
		}

		// The case gives the Penitentiary Service 3 days: its inquiry was
		// due on 13 May, past, so no longer "due this week".
		must(s.SetCaseThresholds(ctx, op, c.ID, []byte(`{"answer_days": {"Penitentiary Service": 3}}`)))
		if got, want := due(habeas.Internal, week), []int64{appeal}; !slices.Equal(got, want) {
			t.Errorf("after the case's thresholds: %v, want %v", got, want)
		}
		// The answer comes: nothing is due.
		iv, err := s.Intervention(ctx, habeas.Internal, appeal)
		must(err)
		iv.AnswerStatus, iv.AnsweredOn = "full", "2025-05-15"
		must(s.UpdateIntervention(ctx, op, iv))
		if got := due(habeas.Internal, week); len(got) != 0 {
			t.Errorf("after the answer: %v, want none", got)
		}

		// A volunteer sees only the case files assigned to them.
		must(s.SetCaseThresholds(ctx, op, c.ID, []byte(`{}`)))
		vol := &habeas.User{Email: "leyla@example.org", Role: habeas.RoleVolunteer}
		must(s.CreateUser(ctx, vol))
		mine := habeas.DueFilter{From: week.From, To: week.To, AssignedTo: vol.ID}
		if got := due(habeas.Internal, mine); len(got) != 0 {
			t.Errorf("a volunteer with no case file: %v", got)
		}
		_, err = s.Assign(ctx, op, vol.ID, p.ID)
		must(err)
		if got, want := due(habeas.Internal, mine), []int64{inquiry}; !slices.Equal(got, want) {
			t.Errorf("a volunteer's own: %v, want %v", got, want)
		}

		for _, bad := range []habeas.DueFilter{{From: "tomorrow", To: "2025-05-22"}, {From: "2025-05-15", To: "2025-05"}, {From: "2025-05-15", To: "2025-05-22", Limit: 1000}} {
			if _, err := s.InterventionsDue(ctx, habeas.Internal, bad); habeas.ErrorCode(err) != habeas.EINVALID {
				t.Errorf("InterventionsDue(%+v) = %v, want invalid", bad, err)
			}
		}
	})
}

// Migration 0022 fills the due days of the interventions already stored,
// with the case's own thresholds, as the silence clock would.
func TestMigrationFillsDueDays(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, err := store.Open(ctx, store.Config{DSN: storetest.DSN(t, d), Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			demoStore(t, s)
			op := habeas.Operator
			cs, err := s.ListCases(ctx, habeas.Internal, habeas.CaseFilter{})
			if err != nil || len(cs.Items) == 0 {
				t.Fatalf("cases: %v %v", cs, err)
			}
			c := cs.Items[0].ID
			if err := s.SetCaseThresholds(ctx, op, c, []byte(`{"answer_days": {"Ombudsman": 30}}`)); err != nil {
				t.Fatal(err)
			}
			iv := &habeas.Intervention{CaseID: c, Kind: "letter", Sender: "Relatives", Recipient: "Ombudsman",
				SentOn: "2025-05-10", AnswerStatus: "none", Visibility: habeas.Confidential}
			if err := s.CreateIntervention(ctx, op, iv); err != nil {
				t.Fatal(err)
			}
			all := habeas.DueFilter{From: "2000-01-01", To: "2099-12-31", Limit: 100}
			want, err := s.InterventionsDue(ctx, habeas.Confidential, all)
			if err != nil || len(want) < 2 {
				t.Fatalf("before: %+v, %v; want the demo's and the letter", want, err)
			}
			if err := s.RewindDueDays(ctx); err != nil {
				t.Fatal(err)
			}
			ran, err := s.Migrate(ctx)
			if err != nil || !slices.Equal(ran, []string{"0022_due_days.sql"}) {
				t.Fatalf("migrate: %v, %v", ran, err)
			}
			got, err := s.InterventionsDue(ctx, habeas.Confidential, all)
			if err != nil || !slices.EqualFunc(got, want, func(a, b habeas.DueIntervention) bool { return a.ID == b.ID && a.DueDay == b.DueDay }) {
				t.Errorf("after the migration: %+v, %v\nwant %+v", got, err, want)
			}
			for _, d := range got {
				if d.ID == iv.ID && d.DueDay != "2025-06-09" {
					t.Errorf("the letter is due %s, want 2025-06-09 (the case gives the Ombudsman 30 days)", d.DueDay)
				}
			}
		})
	}
}
