package store_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// movingClock is a clock a test moves by hand.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) Set(day string) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t.Add(10 * time.Hour)
	c.mu.Unlock()
}

// unresolved returns the case's unresolved alerts by rule.
func unresolved(t *testing.T, s *store.Store, a habeas.Access, caseID int64) map[string]habeas.Alert {
	t.Helper()
	page, err := s.ListAlerts(context.Background(), a, habeas.AlertFilter{CaseID: caseID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]habeas.Alert{}
	for _, al := range page.Items {
		if _, dup := out[al.Rule]; dup {
			t.Errorf("two unresolved %s alerts on case %d", al.Rule, caseID)
		}
		out[al.Rule] = al
	}
	return out
}

// TestAlertLifeCycle follows a case's silence through the rules: opened by
// the sweep when the days pass, not opened twice, resolved in the write
// that records the news, and opened anew when the silence returns; with the
// severity rising on the way, and every step in the alert's history.
func TestAlertLifeCycle(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-08")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-08")
		ctx := context.Background()
		op := habeas.Operator
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		f := &habeas.Facility{Name: "Correctional Facility No. 3", Kind: "unknown", Country: "AZ"}
		must(s.CreateFacility(ctx, op, f))
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Elvin Example", Kind: habeas.NamePrimary}}}
		must(s.CreatePerson(ctx, op, p))
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-11-20",
			FacilityID: f.ID, Classification: "not_assessed", Position: "unknown"}
		must(s.CreateCase(ctx, op, c))
		must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: c.ID, Kind: habeas.EventFamilyVisit, Date: "2025-05-07", Summary: "A visit."}))
		if got := unresolved(t, s, habeas.Internal, c.ID); len(got) != 0 {
			t.Fatalf("a day after the news, alerts are open: %+v", got)
		}

		clk.Set("2025-05-15")
		sum, err := s.SweepAlerts(ctx)
		must(err)
		if sum.Opened != 1 || sum.Cases != 1 {
			t.Errorf("first sweep: %+v, want 1 case, 1 opened", sum)
		}
		open := unresolved(t, s, habeas.Internal, c.ID)
		nn, ok := open["no_news"]
		if !ok || nn.Days != 8 || nn.Severity != "warning" || nn.State != habeas.AlertOpen {
			t.Fatalf("after 8 days: %+v, want an open no_news warning of 8 days", open)
		}
		if !strings.Contains(nn.Message, "8 days") || !strings.Contains(nn.Message, "Correctional Facility No. 3") {
			t.Errorf("no_news says %q", nn.Message)
		}
		if nn.PublicMessage == "" || nn.PublicDays != 8 {
			t.Errorf("a public case's alert has no public wording: %+v", nn)
		}
		if nn.Visibility != habeas.Internal {
			t.Errorf("an alert's visibility is %v, want internal", nn.Visibility)
		}
		if page, _ := s.ListAlerts(ctx, habeas.Public, habeas.AlertFilter{}); len(page.Items) != 0 {
			t.Errorf("the public lists staff alerts: %+v", page.Items)
		}

		sum, err = s.SweepAlerts(ctx)
		must(err)
		if sum.Opened != 0 || sum.Changed != 0 || sum.Resolved != 0 {
			t.Errorf("a second sweep on the same day changed something: %+v", sum)
		}

		// 15 days: twice N, the severity rises and the change is recorded.
		clk.Set("2025-05-22")
		_, err = s.SweepAlerts(ctx)
		must(err)
		raised := unresolved(t, s, habeas.Internal, c.ID)["no_news"]
		if raised.ID != nn.ID || raised.Severity != "high" || raised.Days != 15 {
			t.Errorf("after 15 days: %+v, want alert %d at high, 15 days", raised, nn.ID)
		}

		// An editor acknowledges it; the news that ends it resolves it in
		// the same write.
		editor := &habeas.User{Email: "editor@example.org", Name: "Editor", Role: habeas.RoleEditor}
		ack, err := s.AcknowledgeAlert(ctx, editor, nn.ID, "Asked the family.")
		must(err)
		if ack.State != habeas.AlertAcknowledged || ack.AcknowledgedBy != "Editor" || ack.AckNote != "Asked the family." {
			t.Errorf("acknowledged: %+v", ack)
		}
		if _, err := s.AcknowledgeAlert(ctx, editor, nn.ID, ""); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("acknowledging twice: %v, want a conflict", err)
		}
		visit := &habeas.Event{CaseID: c.ID, Kind: habeas.EventFamilyVisit, Date: "2025-05-21", Summary: "His sister saw him."}
		must(s.CreateEvent(ctx, op, visit))
		done, err := s.Alert(ctx, habeas.Internal, nn.ID)
		must(err)
		if done.State != habeas.AlertResolved || done.EndedByEventID != visit.ID || done.ResolvedBy != "" {
			t.Errorf("after the visit: %+v, want resolved by event %d", done, visit.ID)
		}
		var changes []string
		for _, ch := range done.Changes {
			changes = append(changes, ch.Change+":"+ch.Severity)
		}
		if got := strings.Join(changes, " "); got != "opened:warning severity:high acknowledged:high resolved:high" {
			t.Errorf("history: %s", got)
		}

		// The silence returns: a new alert, the old one stays resolved.
		clk.Set("2025-06-01")
		_, err = s.SweepAlerts(ctx)
		must(err)
		again := unresolved(t, s, habeas.Internal, c.ID)["no_news"]
		if again.ID == 0 || again.ID == nn.ID {
			t.Errorf("the returned silence: %+v, want a new alert", again)
		}

		// Resolved by hand needs a reason; the rules open it again at
		// their next run, since the condition holds.
		if _, err := s.ResolveAlert(ctx, editor, again.ID, " "); habeas.ErrorCode(err) != habeas.EINVALID || habeas.ErrorFields(err)["reason"] == "" {
			t.Errorf("resolving without a reason: %v", err)
		}
		if still := unresolved(t, s, habeas.Internal, c.ID)["no_news"]; still.ID != again.ID {
			t.Errorf("a refused resolution changed the alert: %+v", still)
		}
		// The sweeps rewrote only the derived columns that changed: the
		// lists still agree with the case files.
		must(s.VerifyLists(ctx))
		r, err := s.ResolveAlert(ctx, editor, again.ID, "Family in touch by phone; not recorded yet.")
		must(err)
		if r.State != habeas.AlertResolved || r.ResolvedBy != "Editor" {
			t.Errorf("resolved by hand: %+v", r)
		}
	})
}

// TestAlertAccess: alerts never carry a confidential fact to staff without
// the grant, publish only what the public timeline supports, and a writer
// who cannot see an alert gets exactly the answer for a missing one.
func TestAlertAccess(t *testing.T) {
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
		editor := &habeas.User{Email: "editor@example.org", Name: "Editor", Role: habeas.RoleEditor}
		viewer := &habeas.User{Email: "viewer@example.org", Role: habeas.RoleViewer}
		secret := &habeas.Facility{Name: "Secret Place", Kind: "unknown", Country: "AZ", Visibility: habeas.Confidential}
		must(s.CreateFacility(ctx, op, secret))

		// A public case whose latest news is confidential: staff without
		// the grant see the silence the internal record shows.
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Aykhan Example", Kind: habeas.NamePrimary}}}
		must(s.CreatePerson(ctx, op, p))
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-11-20",
			Classification: "not_assessed", Position: "unknown"}
		must(s.CreateCase(ctx, op, c))
		must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-01", Summary: "Public news."}))
		must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-06", Summary: "Internal news.",
			Visibility: habeas.Internal}))
		must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: c.ID, Kind: habeas.EventTransfer, Date: "2025-05-05", FacilityID: secret.ID,
			Summary: "Moved.", Visibility: habeas.Confidential}))
		nn := unresolved(t, s, habeas.Internal, c.ID)["no_news"]
		if nn.Days != 9 || strings.Contains(nn.Message, "Secret Place") {
			t.Errorf("staff alert: %+v, want 9 days from the internal news and no confidential place", nn)
		}
		if nn.PublicDays != 14 || nn.PublicMessage == "" || strings.Contains(nn.PublicMessage, "9 days") {
			t.Errorf("public wording: %d days, %q; want 14 days from the public news", nn.PublicDays, nn.PublicMessage)
		}

		// Publishing: a viewer may not; an editor may; the public then sees
		// the public wording only.
		if _, err := s.PublishAlert(ctx, viewer, nn.ID, true); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("a viewer publishes: %v", err)
		}
		if got, _ := s.PublicAlerts(ctx, 0, 10); len(got) != 0 {
			t.Errorf("a refused publication shows: %+v", got)
		}
		_, err := s.PublishAlert(ctx, editor, nn.ID, true)
		must(err)
		pub, err := s.PublicAlerts(ctx, p.ID, 10)
		must(err)
		if len(pub) != 1 || pub[0].Days != 14 || pub[0].Message != nn.PublicMessage {
			t.Errorf("public alerts: %+v", pub)
		}

		// A confidential case: its alert is confidential, sealed at rest
		// (see the canary test), and hidden from the editor exactly as a
		// missing alert is.
		cp := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Hidden Example", Kind: habeas.NamePrimary}},
			Visibility: habeas.Confidential}
		must(s.CreatePerson(ctx, op, cp))
		cc := &habeas.Case{PersonID: cp.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-11-20",
			Classification: "not_assessed", Position: "unknown", Visibility: habeas.Confidential}
		must(s.CreateCase(ctx, op, cc))
		must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: cc.ID, Kind: habeas.EventNews, Date: "2025-05-01", Summary: "News.",
			Visibility: habeas.Confidential}))
		hidden := unresolved(t, s, habeas.Confidential, cc.ID)["no_news"]
		if hidden.ID == 0 || hidden.Visibility != habeas.Confidential || hidden.PublicMessage != "" {
			t.Fatalf("confidential case's alert: %+v", hidden)
		}
		for _, try := range []func(id int64) error{
			func(id int64) error { _, err := s.AcknowledgeAlert(ctx, editor, id, ""); return err },
			func(id int64) error { _, err := s.ResolveAlert(ctx, editor, id, "why"); return err },
			func(id int64) error { _, err := s.PublishAlert(ctx, editor, id, false); return err },
		} {
			errHidden, errMissing := try(hidden.ID), try(999999)
			if habeas.ErrorCode(errHidden) != habeas.ENOTFOUND ||
				strings.ReplaceAll(errHidden.Error(), strconv.FormatInt(hidden.ID, 10), "N") != strings.ReplaceAll(errMissing.Error(), "999999", "N") {
				t.Errorf("hidden alert: %v; missing alert: %v", errHidden, errMissing)
			}
		}
		if _, err := s.PublishAlert(ctx, op, hidden.ID, true); habeas.ErrorFields(err)["public"] == "" {
			t.Errorf("publishing an alert the public timeline does not support: %v", err)
		}
		if again, _ := s.Alert(ctx, habeas.Confidential, hidden.ID); again.State != habeas.AlertOpen || again.Public {
			t.Errorf("refused writes changed the alert: %+v", again)
		}
	})
}

// TestDemoAlerts: on the day of the post, the demo's case of Elvin
// Mustafayev has the alerts the post raises, worded as the post words it,
// and the three it raises are published; no other demo case has any.
func TestDemoAlerts(t *testing.T) {
	storetest.ForEach(t, habeas.FixedClock{T: demo.AsOf.Add(10 * time.Hour)}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		p, err := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CurrentCase(ctx, habeas.Public, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]struct {
			severity string
			public   bool
			message  string
		}{
			"no_news": {"critical", true, "No news for about 8 days, since around 7 May 2025; moved to an undisclosed place " +
				"between 6 and 14 May 2025; last known place: Correctional Facility No. 3."},
			"no_contact":    {"critical", false, "No family or lawyer contact recorded for at least 623 days, since the arrest in August 2023; others have reported since, last around 7 May 2025."},
			"hunger_strike": {"warning", true, "Day 10 of a hunger strike begun on 6 May 2025, if it continues."},
			"unanswered_intervention": {"warning", true, "No answer from Penitentiary Service to the inquiry sent in May 2025; " +
				"an answer was due from 11 May 2025 at the earliest."},
		}
		got := unresolved(t, s, habeas.Confidential, c.ID)
		if len(got) != len(want) {
			t.Errorf("alerts of the case: %d, want %d: %+v", len(got), len(want), got)
		}
		for rule, w := range want {
			a := got[rule]
			if a.Severity != w.severity || a.Public != w.public || a.Message != w.message {
				t.Errorf("%s: %s, public %v, %q\nwant %s, public %v, %q", rule, a.Severity, a.Public, a.Message, w.severity, w.public, w.message)
			}
		}
		pub, err := s.PublicAlerts(ctx, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(pub) != 3 || pub[0].Rule != "no_news" || pub[0].PersonSlug != demo.PersonSlug || pub[0].Person != "Elvin Mustafayev" {
			t.Errorf("published alerts: %+v", pub)
		}
		all, err := s.ListAlerts(ctx, habeas.Confidential, habeas.AlertFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range all.Items {
			if a.CaseID != c.ID {
				t.Errorf("another demo case has an alert: %+v", a)
			}
		}
	})
}

// The instance's thresholds are an admin's: refused to others and when
// malformed, naming the field, with nothing changed; once set, the next
// sweep runs the rules on every case again, the same day. A sweep passes
// over the cases it already swept that day, and takes them all again the
// next day.
func TestInstanceThresholds(t *testing.T) {
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
		if _, ok := unresolved(t, s, habeas.Internal, c.ID)["no_news"]; !ok {
			t.Fatal("10 days without news and no no_news alert")
		}
		sum, err := s.SweepAlerts(ctx)
		if err != nil || sum.Cases != 1 {
			t.Fatalf("first sweep of the day: %+v, %v; want the case swept", sum, err)
		}
		if sum, _ := s.SweepAlerts(ctx); sum.Cases != 0 {
			t.Errorf("second sweep of the day evaluated %d cases, want none", sum.Cases)
		}

		before, _ := s.Fingerprint(ctx)
		editor := &habeas.User{Email: "e@example.org", Role: habeas.RoleEditor}
		admin := &habeas.User{Email: "a@example.org", Role: habeas.RoleAdmin}
		for _, tt := range []struct {
			u     *habeas.User
			body  string
			code  string
			field string
		}{
			{editor, `{"days":{"no_news":20}}`, habeas.EFORBIDDEN, ""},
			{nil, `{"days":{"no_news":20}}`, habeas.EUNAUTHORIZED, ""},
			{admin, `{"days":{"no_news":0}}`, habeas.EINVALID, "days.no_news"},
			{admin, `{"days":{"no_news":99999}}`, habeas.EINVALID, "days.no_news"},
			{admin, `{"days":{"silence":5}}`, habeas.EINVALID, "days.silence"},
			{admin, `{"answer_days":{" ":5}}`, habeas.EINVALID, "answer_days[ ]"},
			{admin, `{"dayz":{}}`, habeas.EINVALID, "body"},
			{admin, `[1,2]`, habeas.EINVALID, "body"},
		} {
			err := s.SetInstanceThresholds(ctx, tt.u, []byte(tt.body))
			if habeas.ErrorCode(err) != tt.code || (tt.field != "" && habeas.ErrorFields(err)[tt.field] == "") {
				t.Errorf("%s: %v, want %s naming %q", tt.body, err, tt.code, tt.field)
			}
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused change of the thresholds changed the database")
		}

		// 20 days before no_news speaks: after 10 days, it has not.
		if err := s.SetInstanceThresholds(ctx, admin, []byte(`{"days":{"no_news":20}}`)); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.InstanceThresholds(ctx); string(got) != `{"days":{"no_news":20}}` {
			t.Errorf("stored %s", got)
		}
		sum, err = s.SweepAlerts(ctx)
		if err != nil || sum.Cases != 1 || sum.Resolved == 0 {
			t.Errorf("sweep after new thresholds: %+v, %v; want the case swept and its no_news resolved", sum, err)
		}
		if _, ok := unresolved(t, s, habeas.Internal, c.ID)["no_news"]; ok {
			t.Error("no_news still open under a 20-day threshold")
		}
		// A case's own threshold goes over the instance's.
		if err := s.SetCaseThresholds(ctx, admin, c.ID, []byte(`{"days":{"no_news":5}}`)); err != nil {
			t.Fatal(err)
		}
		if _, ok := unresolved(t, s, habeas.Internal, c.ID)["no_news"]; !ok {
			t.Error("the case's own 5 days did not go over the instance's 20")
		}
		clk.Set("2025-05-16")
		if sum, _ := s.SweepAlerts(ctx); sum.Cases != 1 {
			t.Errorf("first sweep of the next day evaluated %d cases, want 1", sum.Cases)
		}
		if err := s.SetInstanceThresholds(ctx, admin, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.InstanceThresholds(ctx); string(got) != `{}` {
			t.Errorf("back to the defaults: stored %s", got)
		}
	})
}
