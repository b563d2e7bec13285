package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// Migration 0008 rebuilds the keys and words of every stored name, sealed
// ones included, to exactly what writing them today stores; a key the old
// version stored and no name gives now is gone.
func TestMigrationRebuildsNameIndex(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			key := storetest.Key()
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			demoStore(t, s)
			secretName := "Sabina Qarayeva"
			if err := s.CreatePerson(ctx, habeas.Operator, &habeas.Person{Country: "AZ", Visibility: habeas.Confidential,
				Names: []habeas.PersonName{{Name: secretName, Kind: habeas.NamePrimary}}}); err != nil {
				t.Fatal(err)
			}
			want, err := s.NameIndexRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.RewindNameIndex(ctx); err != nil {
				t.Fatal(err)
			}
			ran, err := s.Migrate(ctx)
			if err != nil || !slices.Equal(ran, []string{"0008_name_search_keys.sql"}) {
				t.Fatalf("migrate: %v, %v", ran, err)
			}
			got, err := s.NameIndexRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("rebuilt %d rows, want the %d written:\n%s", len(got), len(want), strings.Join(diff(got, want), "\n"))
			}
			for _, r := range got {
				if strings.HasSuffix(r, " 2") && !strings.HasPrefix(r, "k h:") {
					t.Errorf("a sealed name's key in clear: %s", r)
				}
			}
			found, err := s.Candidates(ctx, habeas.Confidential, "Qarayeva Sabina", 0.85, 5)
			if err != nil || len(found) != 1 {
				t.Errorf("the sealed name not found after the rebuild: %+v, %v", found, err)
			}
			if found, _ := s.Candidates(ctx, habeas.Internal, "Qarayeva Sabina", 0.5, 5); len(found) != 0 {
				t.Errorf("a sealed name found without confidential access: %+v", found)
			}
			if found, _ := s.Candidates(ctx, habeas.Public, "Мустафаев Эльвин", 0.85, 5); len(found) != 1 {
				t.Errorf("Elvin Mustafayev not found after the rebuild: %+v", found)
			}
		})
	}
}

func diff(got, want []string) []string {
	var out []string
	for _, g := range got {
		if !slices.Contains(want, g) {
			out = append(out, "+ "+g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			out = append(out, "- "+w)
		}
	}
	return out
}
