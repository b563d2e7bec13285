package store_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// Canaries planted in every field of confidential records and in
// confidential names are nowhere in the raw database: not in the SQLite
// file nor its WAL, not in a pg_dump. Staff with the grant still read
// them back and find the person by name.
func TestNoConfidentialCanaryAtRest(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			op := habeas.Operator
			canary := func(n string) string { return "Canary" + n + "Zq" }
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			src := &habeas.Source{Kind: "testimony", Title: canary("SourceTitle"), Publisher: canary("Publisher"),
				Reliability: "reliable", Identity: canary("Identity"), Visibility: habeas.Confidential}
			must(s.CreateSource(ctx, op, src))
			p := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Primary") + " Aliyev", Kind: habeas.NamePrimary},
				{Name: canary("Alias"), Kind: habeas.NameAlias, Visibility: habeas.Confidential}},
				Country: "AZ", Occupation: canary("Occupation"), Bio: canary("Bio"), InternalNotes: canary("Notes"),
				Visibility: habeas.Confidential}
			must(s.CreatePerson(ctx, op, p))
			// A public person with a confidential alias.
			pub := &habeas.Person{Names: []habeas.PersonName{{Name: "Public Person", Kind: habeas.NamePrimary},
				{Name: canary("HiddenAlias"), Kind: habeas.NameAlias, Visibility: habeas.Confidential}}, Country: "AZ"}
			must(s.CreatePerson(ctx, op, pub))
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08",
				Charges: []habeas.Charge{{Article: "234", Text: canary("Charge")}}, Court: canary("Court"),
				Classification: "not_assessed", Position: "denies", PositionNote: canary("Position"),
				Summary: canary("CaseSummary"), InternalNotes: canary("CaseNotes"), Visibility: habeas.Confidential}
			must(s.CreateCase(ctx, op, c))
			e := &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement, Date: "2025-05-01", Summary: canary("EventSummary"),
				Quote: canary("Quote"), Speaker: canary("Speaker"), SourceIDs: []int64{src.ID}, Visibility: habeas.Confidential}
			must(s.CreateEvent(ctx, op, e))
			iv := &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: canary("Sender"), Recipient: canary("Recipient"),
				SentOn: "2025-05-10", AnswerStatus: "none", Summary: canary("InquirySummary"), Visibility: habeas.Confidential}
			must(s.CreateIntervention(ctx, op, iv))
			// A public person made confidential: what was in clear is sealed.
			later := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Later") + " Mammadov", Kind: habeas.NamePrimary}},
				Country: "AZ", Bio: canary("LaterBio")}
			must(s.CreatePerson(ctx, op, later))
			lc := &habeas.Case{PersonID: later.ID, Country: "AZ", Status: habeas.StatusDetained, Classification: "not_assessed",
				Position: "unknown", Summary: canary("LaterCase")}
			must(s.CreateCase(ctx, op, lc))
			must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: lc.ID, Kind: habeas.EventNews, Date: "2025-05-02", Summary: canary("LaterEvent")}))
			later.Visibility = habeas.Confidential
			must(s.UpdatePerson(ctx, op, later))
			// A merge record keeps copies of a confidential duplicate.
			dup := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Duplicate"), Kind: habeas.NamePrimary}},
				Country: "AZ", Bio: canary("DupBio"), Visibility: habeas.Confidential}
			must(s.CreatePerson(ctx, op, dup))
			_, err = s.MergePeople(ctx, op, p.ID, dup.ID)
			must(err)

			// Staff with the grant read everything back, and find by name.
			got, err := s.Person(ctx, habeas.Confidential, p.ID)
			must(err)
			if got.Bio != canary("Bio") || got.DisplayName() != canary("Primary")+" Aliyev" {
				t.Errorf("sealed person reads back as %+v", got)
			}
			gc, err := s.Case(ctx, habeas.Confidential, c.ID)
			must(err)
			if gc.Summary != canary("CaseSummary") || len(gc.Charges) != 1 || gc.Charges[0].Text != canary("Charge") {
				t.Errorf("sealed case reads back as %+v", gc)
			}
			tl, err := s.Timeline(ctx, habeas.Confidential, c.ID)
			must(err)
			if len(tl) != 1 || tl[0].Quote != canary("Quote") {
				t.Errorf("sealed timeline reads back as %+v", tl)
			}
			found, err := s.Candidates(ctx, habeas.Confidential, canary("Alias"), habeas.SearchThreshold, 5)
			must(err)
			if len(found) == 0 || found[0].PersonID != p.ID {
				t.Errorf("a confidential alias finds %+v", found)
			}
			if found, _ := s.Candidates(ctx, habeas.Internal, canary("Alias"), habeas.SearchThreshold, 5); len(found) != 0 {
				t.Errorf("a confidential alias is found without the grant: %+v", found)
			}
			page, err := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{})
			must(err)
			for _, it := range page.Items {
				if strings.Contains(it.Name, "\x01") {
					t.Errorf("the list shows a sealed name: %q", it.Name)
				}
			}

			raw := rawDatabase(t, d, dsn, s)
			if i := bytes.Index(raw, []byte("Canary")); i >= 0 {
				end := min(len(raw), i+40)
				t.Errorf("a confidential value is readable at rest: %q", raw[i:end])
			}
			if !bytes.Contains(raw, []byte("Public Person")) {
				t.Errorf("the raw database does not hold even the public name: is the dump empty?")
			}
		})
	}
}

// rawDatabase returns the bytes an intruder with the database files would
// have: the SQLite file and its WAL, or a pg_dump.
func rawDatabase(t *testing.T, d store.Dialect, dsn string, s *store.Store) []byte {
	t.Helper()
	if d == store.SQLite {
		var all []byte
		for _, f := range []string{dsn, dsn + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		if len(all) == 0 {
			t.Fatal("no database file at " + filepath.Base(dsn))
		}
		return all
	}
	out, err := exec.Command("pg_dump", "--data-only", dsn).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	return out
}
