package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
)

// PopoloFile is the file of a Popolo export: one JSON document with the
// persons, organizations and memberships the reader may see, in the Popolo
// data specification's terms (https://www.popoloproject.com/specs/).
const PopoloFile = "popolo.json"

// popoloName is a Popolo Name: another name of a person or organization.
// lang (BCP 47) is not in the Popolo specification but read by the tools
// that consume it; note says what the name is (alias, transliteration).
type popoloName struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
	Note string `json:"note,omitempty"`
}

// popoloIdentifier is a Popolo Identifier: the record's slug in habeas,
// the last part of its public page's address.
type popoloIdentifier struct {
	Identifier string `json:"identifier"`
	Scheme     string `json:"scheme"`
}

type popoloPerson struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	OtherNames  []popoloName       `json:"other_names,omitempty"`
	Identifiers []popoloIdentifier `json:"identifiers,omitempty"`
	Gender      string             `json:"gender,omitempty"`
	BirthDate   string             `json:"birth_date,omitempty"`
	Biography   string             `json:"biography,omitempty"`
	Image       string             `json:"image,omitempty"`
	CreatedAt   string             `json:"created_at"`
	UpdatedAt   string             `json:"updated_at"`
}

type popoloOrganization struct {
	ID             string             `json:"id"`
	Name           string             `json:"name"`
	OtherNames     []popoloName       `json:"other_names,omitempty"`
	Identifiers    []popoloIdentifier `json:"identifiers,omitempty"`
	Classification string             `json:"classification,omitempty"`
	FoundingDate   string             `json:"founding_date,omitempty"`
	Description    string             `json:"description,omitempty"`
	CreatedAt      string             `json:"created_at"`
	UpdatedAt      string             `json:"updated_at"`
}

type popoloMembership struct {
	ID             string `json:"id"`
	PersonID       string `json:"person_id"`
	OrganizationID string `json:"organization_id"`
	Role           string `json:"role,omitempty"`
	StartDate      string `json:"start_date,omitempty"`
	EndDate        string `json:"end_date,omitempty"`
}

// slugScheme names the scheme of the identifiers that hold a slug.
const slugScheme = "habeas-slug"

// popolo writes PopoloFile: {"persons":[…],"organizations":[…],
// "memberships":[…]}, one record a line, in id order, read with the same
// calls at the same access as the JSON export, so that it holds what that
// export holds of these records and nothing else. Records are written as
// they are read: memory holds the ids, not the records.
func (x *exporter) popolo() error {
	f, err := x.create(PopoloFile)
	if err != nil {
		return err
	}
	w := &popoloWriter{w: bufio.NewWriterSize(f, 1<<16), progress: x.opt.Progress}
	err = x.popoloRecords(w)
	if err == nil {
		err = w.w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", PopoloFile, err)
	}
	x.rep.Counts[PopoloFile] = w.n
	if x.opt.Progress != nil {
		x.opt.Progress(PopoloFile, w.n)
	}
	return nil
}

func (x *exporter) popoloRecords(w *popoloWriter) error {
	persons := map[int64]string{}
	w.open("persons")
	err := pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Person], error) {
		return x.r.ListPersonRecords(x.ctx, x.a, o)
	}, func(p *habeas.Person) error {
		v := popoloPersonOf(p, len(persons)+1)
		persons[p.ID] = v.ID
		return w.put(v)
	})
	if err != nil {
		return err
	}
	orgs := map[int64]string{}
	w.open("organizations")
	err = pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Organization], error) {
		return x.r.ListOrganizations(x.ctx, x.a, habeas.OrganizationFilter{ListOptions: o})
	}, func(o *habeas.Organization) error {
		v := popoloOrganizationOf(o, len(orgs)+1)
		orgs[o.ID] = v.ID
		return w.put(v)
	})
	if err != nil {
		return err
	}
	w.open("memberships")
	n := 0
	err = pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Membership], error) {
		return x.r.ListMemberships(x.ctx, x.a, habeas.MembershipFilter{ListOptions: o})
	}, func(m *habeas.Membership) error {
		person, ok1 := persons[m.PersonID]
		org, ok2 := orgs[m.OrganizationID]
		if !ok1 || !ok2 {
			x.rep.LeftOut++
			return nil
		}
		n++
		return w.put(popoloMembership{ID: "membership/" + strconv.Itoa(n), PersonID: person, OrganizationID: org,
			Role: m.Role, StartDate: popoloDate(m.Since), EndDate: popoloDate(m.Until)})
	})
	if err != nil {
		return err
	}
	w.close()
	return nil
}

// popoloPersonOf maps a person; n is their number in the export, the id
// when they have no slug.
func popoloPersonOf(p *habeas.Person, n int) popoloPerson {
	v := popoloPerson{ID: popoloID("person", p.Slug, n), Name: p.DisplayName(), Gender: p.Gender,
		Biography: p.Bio, Image: p.PhotoURL, CreatedAt: popoloTime(p.CreatedAt), UpdatedAt: popoloTime(p.UpdatedAt)}
	if p.BirthYear != 0 {
		v.BirthDate = strconv.Itoa(p.BirthYear)
	}
	if p.Slug != "" {
		v.Identifiers = []popoloIdentifier{{Identifier: p.Slug, Scheme: slugScheme}}
	}
	primary := false
	for _, name := range p.Names {
		if name.Kind == habeas.NamePrimary && !primary && name.Name == v.Name {
			primary = true // the display name is "name"
			continue
		}
		v.OtherNames = append(v.OtherNames, popoloName{Name: name.Name, Lang: name.Lang, Note: string(name.Kind)})
	}
	return v
}

func popoloOrganizationOf(o *habeas.Organization, n int) popoloOrganization {
	v := popoloOrganization{ID: popoloID("organization", o.Slug, n), Name: o.Name, Classification: o.Kind,
		FoundingDate: popoloDate(o.Founded), Description: o.Description,
		CreatedAt: popoloTime(o.CreatedAt), UpdatedAt: popoloTime(o.UpdatedAt)}
	if o.Slug != "" {
		v.Identifiers = []popoloIdentifier{{Identifier: o.Slug, Scheme: slugScheme}}
	}
	for _, name := range o.OtherNames {
		v.OtherNames = append(v.OtherNames, popoloName{Name: name})
	}
	return v
}

// popoloID is a record's id in the export: its kind and slug, which stay
// the same from one export to the next, or its number when it has none.
func popoloID(kind, slug string, n int) string {
	if slug == "" {
		return kind + "/" + strconv.Itoa(n)
	}
	return kind + "/" + slug
}

// popoloDate writes an EDTF date as the ISO 8601 date Popolo wants (2022,
// 2022-03, 2022-03-14); an approximate, uncertain or otherwise qualified
// date ("2022~", "2023?"), a season (2022-21) or an interval is left out
// rather than stated as certain.
func popoloDate(edtf string) string {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(edtf)]
	if layout == "" {
		return ""
	}
	if _, err := time.Parse(layout, edtf); err != nil {
		return ""
	}
	return edtf
}

// popoloTime writes a record time to the microsecond, as the JSON export
// does, so that the file reads the same whichever database it came from.
func popoloTime(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
}

// popoloWriter writes the document a record at a time.
type popoloWriter struct {
	w        *bufio.Writer
	n        int  // records written
	first    bool // no record yet in the current list
	lists    int
	err      error
	progress func(string, int)
}

// open starts the list key, closing the one before.
func (p *popoloWriter) open(key string) {
	sep := "{"
	if p.lists > 0 {
		sep = "\n],"
	}
	p.lists++
	p.first = true
	p.write(sep + strconv.Quote(key) + ":[")
}

// close ends the last list and the document.
func (p *popoloWriter) close() { p.write("\n]}\n") }

func (p *popoloWriter) write(s string) {
	if p.err == nil {
		_, p.err = p.w.WriteString(s)
	}
}

// put writes one record of the current list on a line of its own.
func (p *popoloWriter) put(v any) error {
	b, err := marshalRecord(v)
	if err != nil {
		return err
	}
	if p.first {
		p.write("\n")
		p.first = false
	} else {
		p.write(",\n")
	}
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
	p.n++
	if p.progress != nil && p.n%5000 == 0 {
		p.progress(PopoloFile, p.n)
	}
	return p.err
}

// marshalRecord encodes v as the JSON export does: without escaping <, >
// and &, on one line.
func marshalRecord(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
