package store_test

import (
	"context"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// An alert resolved by hand while its condition holds is opened anew by
// the next sweep, the same day: resolving marks the case to be swept again.
func TestResolvedByHandOpensAgainAtNextSweep(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Silent Example", Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, op, p); err != nil {
			t.Fatal(err)
		}
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-05-05",
			Classification: "not_assessed", Position: "unknown"}
		if err := s.CreateCase(ctx, op, c); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SweepAlerts(ctx); err != nil {
			t.Fatal(err)
		}
		al, ok := unresolved(t, s, habeas.Internal, c.ID)["no_news"]
		if !ok {
			t.Fatal("no no_news")
		}
		admin := &habeas.User{Email: "a@example.org", Role: habeas.RoleAdmin}
		if _, err := s.ResolveAlert(ctx, admin, al.ID, "by mistake"); err != nil {
			t.Fatal(err)
		}
		if sum, err := s.SweepAlerts(ctx); err != nil || sum.Cases != 1 || sum.Opened != 1 {
			t.Errorf("the sweep after a resolve by hand: %+v, %v; want the case swept and no_news opened", sum, err)
		}
		if _, ok := unresolved(t, s, habeas.Internal, c.ID)["no_news"]; !ok {
			t.Errorf("condition still holds, but the sweep the same day did not open a new no_news alert")
		}
	})
}

// An account that stops its e-mails while a worker holds one of its mails
// gets it neither from that attempt's failure (which leaves it given up)
// nor from a later claim.
func TestStopMailWhileClaimed(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		ed := &habeas.User{Email: "ed@example.org", Name: "Ed", Role: habeas.RoleEditor}
		if err := s.CreateUser(ctx, ed); err != nil {
			t.Fatal(err)
		}
		if err := s.SetMailSubscription(ctx, ed, &habeas.MailSubscription{MinSeverity: "info", DigestHour: 6}); err != nil {
			t.Fatal(err)
		}
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Critical Example", Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, op, p); err != nil {
			t.Fatal(err)
		}
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-03-01",
			Classification: "not_assessed", Position: "unknown"}
		if err := s.CreateCase(ctx, op, c); err != nil {
			t.Fatal(err)
		}
		claimed, err := s.ClaimMails(ctx, 10, 5*time.Minute)
		if err != nil || len(claimed) == 0 {
			t.Fatalf("claimed %d, %v", len(claimed), err)
		}
		if err := s.StopMail(ctx, ed); err != nil {
			t.Fatal(err)
		}
		for _, m := range claimed {
			if err := s.FinishMail(ctx, m, "451 try later", false); err != nil {
				t.Fatal(err)
			}
		}
		clk.Set("2025-05-16")
		again, err := s.ClaimMails(ctx, 10, 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) > 0 {
			t.Errorf("%d mail(s) claimed to send to %s after they stopped their e-mails", len(again), again[0].To)
		}
	})
}

// A new digest hour applies to the notices already waiting for the digest.
func TestNewDigestHourMovesWaitingNotices(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15") // 10:00
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		ed := &habeas.User{Email: "ed@example.org", Name: "Ed", Role: habeas.RoleEditor}
		if err := s.CreateUser(ctx, ed); err != nil {
			t.Fatal(err)
		}
		if err := s.SetMailSubscription(ctx, ed, &habeas.MailSubscription{MinSeverity: "info", DigestHour: 11}); err != nil {
			t.Fatal(err)
		}
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Waiting Example", Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, op, p); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateCase(ctx, op, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained,
			ArrestDate: "2025-05-01", Classification: "not_assessed", Position: "unknown"}); err != nil { // high and warning: the digest
			t.Fatal(err)
		}
		if err := s.SetMailSubscription(ctx, ed, &habeas.MailSubscription{MinSeverity: "info", DigestHour: 20}); err != nil {
			t.Fatal(err)
		}
		clk.mu.Lock()
		clk.t = clk.t.Add(90 * time.Minute) // 11:30: the old hour has passed
		clk.mu.Unlock()
		if due, err := s.ClaimMails(ctx, 10, 5*time.Minute); err != nil || len(due) != 0 {
			t.Fatalf("at the old hour: %d mails, %v", len(due), err)
		}
		clk.mu.Lock()
		clk.t = clk.t.Add(9 * time.Hour) // 20:30
		clk.mu.Unlock()
		due, err := s.ClaimMails(ctx, 10, 5*time.Minute)
		if err != nil || len(due) != 1 || len(due[0].Notices) != 2 {
			t.Fatalf("at the new hour: %+v, %v; want one digest of the two alerts", due, err)
		}
	})
}
