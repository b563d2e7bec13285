package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// popoloDoc is what a Popolo consumer reads of the export.
type popoloDoc struct {
	Persons []struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		OtherNames []struct {
			Name string `json:"name"`
			Lang string `json:"lang"`
			Note string `json:"note"`
		} `json:"other_names"`
		Identifiers []struct {
			Identifier string `json:"identifier"`
			Scheme     string `json:"scheme"`
		} `json:"identifiers"`
		Gender    string `json:"gender"`
		BirthDate string `json:"birth_date"`
	} `json:"persons"`
	Organizations []struct {
		ID             string                  `json:"id"`
		Name           string                  `json:"name"`
		Classification string                  `json:"classification"`
		FoundingDate   string                  `json:"founding_date"`
		OtherNames     []struct{ Name string } `json:"other_names"`
	} `json:"organizations"`
	Memberships []struct {
		ID             string `json:"id"`
		PersonID       string `json:"person_id"`
		OrganizationID string `json:"organization_id"`
		Role           string `json:"role"`
		StartDate      string `json:"start_date"`
	} `json:"memberships"`
}

func readPopolo(t *testing.T, s *store.Store, a habeas.Access) ([]byte, popoloDoc) {
	t.Helper()
	dir, rep := exportTo(t, s, a, importer.FormatPopolo)
	b, err := os.ReadFile(filepath.Join(dir, importer.PopoloFile))
	if err != nil {
		t.Fatal(err)
	}
	var doc popoloDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("popolo.json is not JSON: %v\n%s", err, b)
	}
	if n := len(doc.Persons) + len(doc.Organizations) + len(doc.Memberships); rep.Counts[importer.PopoloFile] != n {
		t.Errorf("counted %d records, wrote %d", rep.Counts[importer.PopoloFile], n)
	}
	return b, doc
}

// The Popolo export holds the people, organizations and memberships the
// reader may see, names in other scripts with their language, memberships
// that refer to records of the file, and ids that survive an export and
// import.
func TestPopoloExport(t *testing.T) {
	storetest.ForEach(t, newTickClock(), func(t *testing.T, s *store.Store) {
		fixture(t, s)
		raw, doc := readPopolo(t, s, habeas.Public)
		ids := map[string]bool{}
		for _, p := range doc.Persons {
			ids[p.ID] = true
		}
		for _, o := range doc.Organizations {
			ids[o.ID] = true
		}
		if len(ids) != len(doc.Persons)+len(doc.Organizations) {
			t.Errorf("ids are not unique: %d for %d records", len(ids), len(doc.Persons)+len(doc.Organizations))
		}
		for _, m := range doc.Memberships {
			if !ids[m.PersonID] || !ids[m.OrganizationID] {
				t.Errorf("membership %s refers to %s and %s, not both in the file", m.ID, m.PersonID, m.OrganizationID)
			}
		}

		var lemanID string
		for _, p := range doc.Persons {
			if p.Name != "Ləman Hüseynova" {
				continue
			}
			lemanID = p.ID
			if len(p.OtherNames) != 1 || p.OtherNames[0].Name != "Ляман Гусейнова" || p.OtherNames[0].Lang != "ru" ||
				p.OtherNames[0].Note != "transliteration" {
				t.Errorf("Ləman Hüseynova's other names: %+v, want the public Russian one only", p.OtherNames)
			}
			if p.Gender != "female" || p.BirthDate != "1985" {
				t.Errorf("Ləman Hüseynova: gender %q, birth date %q", p.Gender, p.BirthDate)
			}
			if len(p.Identifiers) != 1 || "person/"+p.Identifiers[0].Identifier != p.ID || p.Identifiers[0].Scheme != "habeas-slug" {
				t.Errorf("Ləman Hüseynova: id %q, identifiers %+v", p.ID, p.Identifiers)
			}
		}
		if lemanID == "" {
			t.Fatalf("no person Ləman Hüseynova in %s", raw)
		}
		var paperID string
		for _, o := range doc.Organizations {
			if o.Name == "Abzas Media" {
				paperID = o.ID
				if o.Classification != "media" || o.FoundingDate != "2016" || len(o.OtherNames) != 2 {
					t.Errorf("Abzas Media: %+v", o)
				}
			}
		}
		members := 0
		for _, m := range doc.Memberships {
			if m.OrganizationID == paperID {
				members++
				if m.PersonID != lemanID || m.Role != "reporter" || m.StartDate != "2019" {
					t.Errorf("Abzas Media membership: %+v", m)
				}
			}
		}
		if members != 1 {
			t.Errorf("Abzas Media has %d public memberships in the export, want 1 (the source's is confidential)", members)
		}
		_, whole := readPopolo(t, s, habeas.Confidential)
		if len(whole.Persons) <= len(doc.Persons) || len(whole.Memberships) <= len(doc.Memberships) {
			t.Errorf("the whole export has %d persons and %d memberships, the public one %d and %d",
				len(whole.Persons), len(whole.Memberships), len(doc.Persons), len(doc.Memberships))
		}

		// The records keep their ids through an export and import.
		first, _ := exportTo(t, s, habeas.Public, importer.FormatJSON)
		again := storetest.New(t, store.SQLite, laterClock)
		if rep, err := importer.ImportDir(context.Background(), again, habeas.Operator, first, importer.Options{}); err != nil {
			t.Fatalf("import: %v %q", err, rep.Problems)
		}
		if b, _ := readPopolo(t, again, habeas.Public); string(b) != string(raw) {
			t.Errorf("the Popolo export of the imported copy differs:\nfirst:\n%s\nagain:\n%s", raw, b)
		}
	})
}
