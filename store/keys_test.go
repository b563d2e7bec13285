package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

func openKey(t *testing.T, dsn string, key []byte) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), store.Config{DSN: dsn, Key: key, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func rawDB(t *testing.T, d store.Dialect, dsn string) *sql.DB {
	t.Helper()
	driver := map[store.Dialect]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[d]
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// sealedValues returns every stored identity, by source id.
func sealedValues(t *testing.T, raw *sql.DB) map[int64][]byte {
	t.Helper()
	rows, err := raw.Query("SELECT id, identity_sealed FROM sources ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]byte{}
	for rows.Next() {
		var id int64
		var v []byte
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

func addSources(t *testing.T, s *store.Store, n int) map[int64]string {
	t.Helper()
	want := map[int64]string{}
	for i := range n {
		src := &habeas.Source{Kind: "testimony", Title: fmt.Sprintf("Call %d", i), Reliability: "reliable",
			Identity: fmt.Sprintf("Witness %d, +994 50 000 00 %02d", i, i), Visibility: habeas.Confidential}
		if i == 2 {
			src.Identity = "" // NULL: nothing to re-seal
		}
		if err := s.CreateSource(context.Background(), habeas.Operator, src); err != nil {
			t.Fatal(err)
		}
		want[src.ID] = src.Identity
	}
	return want
}

// A database records its key's check value at its first migration, and
// refuses any other key after that, in Migrate as in CheckSchema.
func TestOneKeyPerDatabase(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			if ok, err := store.KeyRecorded(ctx, dsn); ok || err != nil {
				t.Fatalf("KeyRecorded of an empty database: %t %v", ok, err)
			}
			k1, k2 := storetest.Key(), storetest.Key()
			if _, err := openKey(t, dsn, k1).Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if ok, err := store.KeyRecorded(ctx, dsn); !ok || err != nil {
				t.Fatalf("KeyRecorded after the first migration: %t %v", ok, err)
			}
			if err := openKey(t, dsn, k1).CheckSchema(ctx); err != nil {
				t.Errorf("the same key: %v", err)
			}
			if err := openKey(t, dsn, k2).CheckSchema(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Errorf("CheckSchema with another key: %v", err)
			}
			if _, err := openKey(t, dsn, k2).Migrate(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Errorf("Migrate with another key: %v", err)
			}
			var n int
			if err := rawDB(t, d, dsn).QueryRow("SELECT count(*) FROM key_check").Scan(&n); err != nil || n != 1 {
				t.Errorf("key_check rows: %d %v", n, err)
			}
		})
	}
	// Asking about a SQLite file that does not exist creates nothing.
	path := filepath.Join(t.TempDir(), "none", "habeas.db")
	if ok, err := store.KeyRecorded(context.Background(), path); ok || err != nil {
		t.Errorf("KeyRecorded of no file: %t %v", ok, err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("KeyRecorded created %s", filepath.Dir(path))
	}
}

// A database sealed before key checks existed gets the check of a key that
// opens its sealed values, never of one that does not.
func TestFirstKeyCheckOpensWhatIsSealed(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			k1 := storetest.Key()
			s := openKey(t, dsn, k1)
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			addSources(t, s, 3)
			if _, err := rawDB(t, d, dsn).Exec("DELETE FROM key_check"); err != nil {
				t.Fatal(err)
			}
			err := openKey(t, dsn, storetest.Key()).CheckSchema(ctx)
			if !errors.Is(err, store.ErrWrongKey) || !strings.Contains(err.Error(), "2 of 2") {
				t.Errorf("another key on a sealed database without a check: %v", err)
			}
			if ok, _ := store.KeyRecorded(ctx, dsn); ok {
				t.Errorf("the refused key was recorded")
			}
			if err := openKey(t, dsn, k1).CheckSchema(ctx); err != nil {
				t.Errorf("the right key: %v", err)
			}
			if ok, _ := store.KeyRecorded(ctx, dsn); !ok {
				t.Errorf("the right key was not recorded")
			}
		})
	}
}

// Rotation re-seals every value: the old key is refused afterwards and the
// new one reads everything.
func TestRotateKey(t *testing.T) {
	defer store.SetRekeyBatch(2)()
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			k1, k2 := storetest.Key(), storetest.Key()
			s := openKey(t, dsn, k1)
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			want := addSources(t, s, 7)
			readsBack := addSealedText(t, s)
			before := sealedValues(t, rawDB(t, d, dsn))
			if err := s.RotateKey(ctx, k2); err != nil {
				t.Fatalf("rotate: %v", err)
			}
			after := sealedValues(t, rawDB(t, d, dsn))
			for id, v := range before {
				if v != nil && bytes.Equal(v, after[id]) {
					t.Errorf("source %d not re-sealed", id)
				}
			}
			if got, _ := s.Source(ctx, habeas.Confidential, 1); got == nil || got.Identity != want[1] {
				t.Errorf("the rotating store reads %+v", got)
			}
			s.Close()
			if err := openKey(t, dsn, k1).CheckSchema(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Errorf("the old key after rotation: %v", err)
			}
			n := openKey(t, dsn, k2)
			if err := n.CheckSchema(ctx); err != nil {
				t.Fatalf("the new key: %v", err)
			}
			for id, identity := range want {
				got, err := n.Source(ctx, habeas.Confidential, id)
				if err != nil || got.Identity != identity {
					t.Errorf("source %d with the new key: %v %+v, want %q", id, err, got, identity)
				}
			}
			readsBack(n)
		})
	}
}

// addSealedText writes a confidential person, case, organization,
// membership and facility, and returns the check that a store reads their
// text back: after a rotation, one holding the new key.
func addSealedText(t *testing.T, s *store.Store) func(*store.Store) {
	t.Helper()
	ctx, op, c := context.Background(), habeas.Operator, habeas.Confidential
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := &habeas.Person{Names: []habeas.PersonName{{Name: "Sealed Person", Kind: habeas.NamePrimary}}, Country: "AZ",
		Bio: "A sealed bio", Visibility: c}
	must(s.CreatePerson(ctx, op, p))
	cs := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, Classification: "not_assessed",
		Position: "unknown", Summary: "A sealed summary", Charges: []habeas.Charge{{Article: "234", Text: "A sealed charge"}}, Visibility: c}
	must(s.CreateCase(ctx, op, cs))
	o := &habeas.Organization{Name: "Sealed Union", OtherNames: []string{"The Union"}, Kind: "trade_union", Country: "AZ",
		Description: "A sealed description", Visibility: c}
	must(s.CreateOrganization(ctx, op, o))
	m := &habeas.Membership{PersonID: p.ID, OrganizationID: o.ID, Role: "treasurer", Visibility: c}
	must(s.CreateMembership(ctx, op, m))
	lat, long := 40.1, 49.2
	f := &habeas.Facility{Name: "Sealed Prison", Kind: "prison", Country: "AZ", Region: "Absheron", Address: "Box 12",
		Latitude: &lat, Longitude: &long, Visibility: c}
	must(s.CreateFacility(ctx, op, f))
	return func(s *store.Store) {
		t.Helper()
		gp, err := s.Person(ctx, c, p.ID)
		must(err)
		gc, err := s.Case(ctx, c, cs.ID)
		must(err)
		if gp.DisplayName() != "Sealed Person" || gp.Bio != p.Bio || gc.Summary != cs.Summary || gc.Charges[0].Text != "A sealed charge" {
			t.Errorf("person and case read back as %+v, %+v", gp, gc)
		}
		org, err := s.Organization(ctx, c, o.ID)
		must(err)
		if org.Name != o.Name || org.Description != o.Description || len(org.OtherNames) != 1 || org.OtherNames[0] != "The Union" {
			t.Errorf("organization reads back as %+v", org)
		}
		gm, err := s.Membership(ctx, c, m.ID)
		must(err)
		if gm.Role != m.Role {
			t.Errorf("membership reads back as %+v", gm)
		}
		gf, err := s.Facility(ctx, c, f.ID)
		must(err)
		if gf.Name != f.Name || gf.Region != f.Region || gf.Address != f.Address || gf.Latitude == nil || *gf.Latitude != lat {
			t.Errorf("facility reads back as %+v", gf)
		}
	}
}

// A rotation that fails half-way (a value that does not open with the old
// key) changes nothing: every value and the check stay as they were.
func TestRotateKeyFailingChangesNothing(t *testing.T) {
	defer store.SetRekeyBatch(2)()
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			k1, k2 := storetest.Key(), storetest.Key()
			s := openKey(t, dsn, k1)
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			want := addSources(t, s, 7)
			raw := rawDB(t, d, dsn)
			ph := map[store.Dialect]string{store.SQLite: "?", store.Postgres: "$1"}[d]
			if _, err := raw.Exec("UPDATE sources SET identity_sealed = "+ph+" WHERE id = 6", bytes.Repeat([]byte{7}, 40)); err != nil {
				t.Fatal(err)
			}
			before := sealedValues(t, raw)
			err := s.RotateKey(ctx, k2)
			if err == nil || !strings.Contains(err.Error(), "sources.identity_sealed of id 6") {
				t.Fatalf("rotate over a damaged value: %v", err)
			}
			after := sealedValues(t, raw)
			for id, v := range before {
				if !bytes.Equal(v, after[id]) {
					t.Errorf("source %d changed by a failed rotation", id)
				}
			}
			s.Close()
			if err := openKey(t, dsn, k2).CheckSchema(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Errorf("the new key after a failed rotation: %v", err)
			}
			o := openKey(t, dsn, k1)
			if err := o.CheckSchema(ctx); err != nil {
				t.Fatalf("the old key after a failed rotation: %v", err)
			}
			if got, err := o.Source(ctx, habeas.Confidential, 1); err != nil || got.Identity != want[1] {
				t.Errorf("source 1 with the old key: %v %+v", err, got)
			}
		})
	}
}
