package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// auditStore is a fresh migrated store of d with its DSN, for the tests
// that look at the database behind the store's back.
func auditStore(t *testing.T, d store.Dialect) (*store.Store, string) {
	t.Helper()
	dsn := storetest.DSN(t, d)
	s := openKey(t, dsn, storetest.Key())
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, dsn
}

func verify(t *testing.T, dsn, head string) *store.Report {
	t.Helper()
	r, err := store.VerifyDatabase(context.Background(), dsn, head)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func auditPerson(name string, v habeas.Visibility) *habeas.Person {
	return &habeas.Person{Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: v}
}

var (
	auditAdmin  = &habeas.User{ID: 7, Email: "admin@example.org", Role: habeas.RoleAdmin, Confidential: true}
	auditEditor = &habeas.User{ID: 8, Email: "editor@example.org", Role: habeas.RoleEditor}
	auditViewer = &habeas.User{ID: 9, Email: "viewer@example.org", Role: habeas.RoleViewer}
)

// Every write leaves one entry with who, what and the record before and
// after; a refused write leaves none; and the chain verifies.
func TestAuditEntriesOfWrites(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, dsn := auditStore(t, d)
			p := auditPerson("Leyla Yunus", habeas.Public)
			must(t, s.CreatePerson(ctx, auditEditor, p))
			p.Bio = "Director of the Institute for Peace and Democracy."
			must(t, s.UpdatePerson(ctx, auditEditor, p))
			before, _ := s.Fingerprint(ctx)
			if err := s.UpdatePerson(ctx, auditViewer, p); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
				t.Fatalf("a viewer's update: %v", err)
			}
			if err := s.CreatePerson(ctx, auditEditor, auditPerson("Hidden", habeas.Confidential)); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
				t.Fatalf("an editor's confidential person: %v", err)
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Error("a refused write changed the database (an audit entry?)")
			}
			must(t, s.DeletePerson(ctx, auditAdmin, p.ID))

			h, err := s.History(ctx, auditEditor, "person", p.ID)
			must(t, err)
			if len(h) != 3 {
				t.Fatalf("history has %d entries, want 3: %+v", len(h), h)
			}
			for i, want := range []string{habeas.AuditCreate, habeas.AuditUpdate, habeas.AuditDelete} {
				if h[i].Action != want || h[i].Kind != "person" || h[i].RecordID != p.ID || h[i].Withheld {
					t.Errorf("entry %d is %+v, want %s of person %d", i, h[i], want, p.ID)
				}
			}
			if h[0].Actor != auditEditor.Email || h[0].ActorID != auditEditor.ID || h[2].Actor != auditAdmin.Email {
				t.Errorf("actors: %q %q", h[0].Actor, h[2].Actor)
			}
			if h[0].Before != nil || !strings.Contains(string(h[0].After), "Leyla Yunus") {
				t.Errorf("create: before %s, after %s", h[0].Before, h[0].After)
			}
			var b, a habeas.Person
			must(t, json.Unmarshal(h[1].Before, &b))
			must(t, json.Unmarshal(h[1].After, &a))
			if b.Bio != "" || a.Bio != p.Bio {
				t.Errorf("update: bio before %q, after %q", b.Bio, a.Bio)
			}
			if h[2].After != nil || !strings.Contains(string(h[2].Before), p.Bio) {
				t.Errorf("delete: before %s, after %s", h[2].Before, h[2].After)
			}
			if h[1].PrevHash != h[0].Hash || h[2].PrevHash != h[1].Hash {
				t.Error("entries do not chain")
			}
			r := verify(t, dsn, "")
			if !r.OK() || r.Entries != 3 || r.HeadID != h[2].ID || r.HeadHash != h[2].Hash {
				t.Errorf("verify: %+v", r)
			}
			if r := verify(t, dsn, r.Head()); !r.OK() {
				t.Errorf("verify against its own head: %v", r.Problems)
			}
		})
	}
}

// A confidential record's entries are read only with the grant; without it
// the record has no history, as it has no page.
func TestAuditHistoryAccess(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, _ := auditStore(t, d)
			p := auditPerson("Secret Witness", habeas.Internal)
			must(t, s.CreatePerson(ctx, auditAdmin, p))
			p.Visibility = habeas.Confidential
			must(t, s.UpdatePerson(ctx, auditAdmin, p))
			conf := auditPerson("Only Sealed", habeas.Confidential)
			must(t, s.CreatePerson(ctx, auditAdmin, conf))

			if _, err := s.History(ctx, auditEditor, "person", conf.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
				t.Errorf("a confidential person's history without the grant: %v", err)
			}
			if _, err := s.History(ctx, nil, "person", p.ID); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
				t.Errorf("history for nobody: %v", err)
			}
			h, err := s.History(ctx, auditEditor, "person", p.ID)
			must(t, err)
			if len(h) != 2 || h[0].Withheld || !h[1].Withheld || h[1].Before != nil || h[1].After != nil {
				t.Errorf("history without the grant: %+v", h)
			}
			h, err = s.History(ctx, auditAdmin, "person", conf.ID)
			must(t, err)
			if len(h) != 1 || h[0].Withheld || !strings.Contains(string(h[0].After), "Only Sealed") {
				t.Errorf("history with the grant: %+v", h)
			}

			// The log: admins only, newest first, filtered, in pages.
			if _, err := s.AuditLog(ctx, auditEditor, habeas.AuditFilter{}); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
				t.Errorf("an editor reads the log: %v", err)
			}
			must(t, s.AuditEvent(ctx, auditEditor, habeas.AuditLogin, map[string]any{"method": "password"}))
			must(t, s.AuditEvent(ctx, nil, habeas.AuditLoginFailed, map[string]any{"email": "nobody@example.org"}))
			page, err := s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{ListOptions: habeas.ListOptions{Limit: 2}})
			must(t, err)
			if len(page.Items) != 2 || page.Items[0].Action != habeas.AuditLoginFailed || page.Items[0].Actor != "anonymous" ||
				!strings.Contains(string(page.Items[0].After), "nobody@example.org") || page.NextCursor == "" {
				t.Fatalf("first page: %+v", page)
			}
			page, err = s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{ListOptions: habeas.ListOptions{Limit: 2, Cursor: page.NextCursor}})
			must(t, err)
			if len(page.Items) != 2 || page.Items[0].Action != habeas.AuditCreate || page.Items[1].Action != habeas.AuditUpdate {
				t.Errorf("second page: %+v", page)
			}
			page, err = s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{Actor: auditEditor.Email})
			must(t, err)
			if len(page.Items) != 1 || page.Items[0].Action != habeas.AuditLogin {
				t.Errorf("by actor: %+v", page)
			}
			page, err = s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{Kind: "person", RecordID: p.ID, Since: clock.Now().Add(-1)})
			must(t, err)
			if len(page.Items) != 2 {
				t.Errorf("by record and time: %+v", page)
			}
			page, err = s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{Until: clock.Now()})
			must(t, err)
			if len(page.Items) != 0 {
				t.Errorf("until now (exclusive), with a fixed clock: %+v", page)
			}
		})
	}
}

// An import is one entry, with its counts; a merge names both people.
func TestAuditBatchAndMerge(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, dsn := auditStore(t, d)
			var a, b *habeas.Person
			must(t, s.InBatch(ctx, habeas.Operator, func(bt habeas.Batch) error {
				a, b = auditPerson("Anar Mammadli", habeas.Public), auditPerson("Anar Mamedli", habeas.Public)
				if err := bt.CreatePerson(a); err != nil {
					return err
				}
				return bt.CreatePerson(b)
			}))
			page, err := s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{})
			must(t, err)
			if len(page.Items) != 1 || page.Items[0].Action != habeas.AuditImport || page.Items[0].Actor != "operator" ||
				string(page.Items[0].After) != `{"created":{"person":2}}` {
				t.Fatalf("after an import: %+v", page.Items)
			}
			if _, err := s.MergePeople(ctx, auditAdmin, a.ID, b.ID); err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{a.ID, b.ID} {
				h, err := s.History(ctx, auditAdmin, "person", id)
				must(t, err)
				if len(h) != 1 || h[0].Action != habeas.AuditMerge {
					t.Errorf("person %d's history: %+v", id, h)
				}
			}
			if r := verify(t, dsn, ""); !r.OK() || r.Entries != 3 {
				t.Errorf("verify: %+v", r)
			}
		})
	}
}

// Rotating the key re-seals every entry's key and appends an entry: the
// chain still verifies, and the entries still open.
func TestAuditSurvivesKeyRotation(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s, dsn := auditStore(t, d)
			p := auditPerson("Rotated Name", habeas.Confidential)
			must(t, s.CreatePerson(ctx, auditAdmin, p))
			head := verify(t, dsn, "")
			if !head.OK() {
				t.Fatal(head.Problems)
			}
			must(t, s.RotateKey(ctx, storetest.Key()))
			r := verify(t, dsn, head.Head())
			if !r.OK() || r.Entries != 2 {
				t.Errorf("verify after rotation: %+v", r)
			}
			h, err := s.History(ctx, auditAdmin, "person", p.ID)
			must(t, err)
			if len(h) != 1 || !strings.Contains(string(h[0].After), "Rotated Name") {
				t.Errorf("history after rotation: %+v", h)
			}
			page, err := s.AuditLog(ctx, auditAdmin, habeas.AuditFilter{Action: habeas.AuditKeyRotation})
			must(t, err)
			if len(page.Items) != 1 || page.Items[0].Withheld {
				t.Errorf("rotation entry: %+v", page.Items)
			}
		})
	}
}

// An edit or a deletion of a past entry, made in SQL behind habeas's back,
// is found and the first broken entry named; a deleted tail followed by a
// new write is found against the head recorded before.
func TestVerifyFindsTampering(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			setup := func(t *testing.T) (*store.Store, string) {
				s, dsn := auditStore(t, d)
				for _, n := range []string{"One", "Two", "Three", "Four"} {
					must(t, s.CreatePerson(ctx, auditEditor, auditPerson("Person "+n, habeas.Public)))
				}
				if r := verify(t, dsn, ""); !r.OK() || r.Entries != 4 {
					t.Fatalf("clean chain: %+v", r)
				}
				// What an intruder with the database does first.
				sql := "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"
				if d == store.Postgres {
					sql = "DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_no_delete ON audit"
				}
				tamper(t, d, dsn, sql)
				return s, dsn
			}
			t.Run("guards", func(t *testing.T) {
				s, dsn := auditStore(t, d)
				must(t, s.CreatePerson(ctx, auditEditor, auditPerson("Guarded", habeas.Public)))
				raw := rawDB(t, d, dsn)
				if _, err := raw.Exec("DELETE FROM audit"); err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("delete from the audit log: %v", err)
				}
				if _, err := raw.Exec("UPDATE audit SET actor = 'someone'"); err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("update of the audit log: %v", err)
				}
			})
			t.Run("edit", func(t *testing.T) {
				_, dsn := setup(t)
				tamper(t, d, dsn, "UPDATE audit SET body = (SELECT body FROM audit WHERE id = 3) WHERE id = 2")
				r := verify(t, dsn, "")
				if r.OK() || r.FirstBroken != 2 || !strings.Contains(r.Problems[0], "entry 2 was changed") {
					t.Errorf("an edited entry: %+v", r)
				}
				if !strings.Contains(strings.Join(r.Problems, "\n"), "audit_no_update is gone") {
					t.Errorf("the dropped guard is not reported: %v", r.Problems)
				}
			})
			t.Run("edit with its hash", func(t *testing.T) {
				_, dsn := setup(t)
				// The intruder recomputes the entry's hash too: the next entry
				// no longer follows it.
				tamper(t, d, dsn, "UPDATE audit SET actor = 'someone', hash = (SELECT hash FROM audit WHERE id = 1) WHERE id = 2")
				r := verify(t, dsn, "")
				if r.OK() || r.FirstBroken != 2 {
					t.Errorf("an edited entry with a new hash: %+v", r)
				}
			})
			t.Run("delete", func(t *testing.T) {
				_, dsn := setup(t)
				tamper(t, d, dsn, "DELETE FROM audit WHERE id = 2")
				r := verify(t, dsn, "")
				if r.OK() || r.FirstBroken != 2 || !strings.Contains(r.Problems[0], "entry 2 is missing") {
					t.Errorf("a deleted entry: %+v", r)
				}
			})
			t.Run("tail", func(t *testing.T) {
				s, dsn := setup(t)
				recorded := verify(t, dsn, "").Head()
				// The last entry deleted, the head put back one entry: the
				// chain alone still holds after the next write.
				tamper(t, d, dsn, "DELETE FROM audit WHERE id = 4; UPDATE audit_head SET last_id = 3, hash = (SELECT hash FROM audit WHERE id = 3)")
				must(t, s.CreatePerson(ctx, auditEditor, auditPerson("Person Five", habeas.Public)))
				if r := verify(t, dsn, ""); len(r.Problems) != 2 { // only the two dropped guards
					t.Errorf("without a recorded head: %+v", r)
				}
				r := verify(t, dsn, recorded)
				if r.OK() || r.FirstBroken != 4 || !strings.Contains(strings.Join(r.Problems, "\n"), "entry 4 is not the entry recorded") {
					t.Errorf("against the recorded head: %+v", r)
				}
			})
			t.Run("tail without the head", func(t *testing.T) {
				_, dsn := setup(t)
				recorded := verify(t, dsn, "").Head()
				tamper(t, d, dsn, "DELETE FROM audit WHERE id = 4")
				r := verify(t, dsn, "")
				if r.OK() || r.FirstBroken != 4 {
					t.Errorf("a deleted last entry: %+v", r)
				}
				r = verify(t, dsn, recorded)
				if r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "entry 4, recorded as the head, is gone") {
					t.Errorf("against the recorded head: %+v", r)
				}
			})
		})
	}
}

func tamper(t *testing.T, d store.Dialect, dsn, sql string) {
	t.Helper()
	raw := rawDB(t, d, dsn)
	for _, stmt := range strings.Split(sql, ";") {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}
