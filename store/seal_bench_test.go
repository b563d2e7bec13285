package store_test

import (
	"context"
	"fmt"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// BenchmarkPersonSealing measures what sealing costs: creating a person with
// a case and reading both back, public against confidential, on SQLite.
func BenchmarkPersonSealing(b *testing.B) {
	for _, v := range []habeas.Visibility{habeas.Public, habeas.Confidential} {
		b.Run(v.String(), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.New(b, store.SQLite, clock)
			for i := 0; b.Loop(); i++ {
				p := &habeas.Person{Names: []habeas.PersonName{{Name: fmt.Sprintf("Person %d", i), Kind: habeas.NamePrimary}},
					Country: "AZ", Bio: "A trade unionist, arrested in August 2023.", InternalNotes: "Lawyer's notes.", Visibility: v}
				if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
					b.Fatal(err)
				}
				c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusSentenced, ArrestDate: "2023-08",
					Charges: []habeas.Charge{{Article: "234.4.3", Text: "drug trafficking"}}, Summary: "Sentenced to three years.",
					Classification: "political_prisoner", Position: "denies", Visibility: v}
				if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Person(ctx, habeas.Confidential, p.ID); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Case(ctx, habeas.Confidential, c.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
