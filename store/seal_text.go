package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Every field of a confidential record is sealed in its own column, as
// text: sealedPrefix, then the base64 of the nonce and the AES-256-GCM
// ciphertext, bound to "table.column". The prefix starts with a control
// character, which no stored text may contain (validation refuses them),
// so a sealed value is never mistaken for a written one, and reads open
// every sealed value they meet, whatever query brought it. What stays in
// clear is listed in docs/data-model.md: ids, visibility, kinds, statuses,
// country codes, dates and numbers, never a name or a sentence.
const sealedPrefix = "\x01s1:"

// unreadable replaces a value that does not open (a damaged row): one bad
// row never turns a whole list into an error.
const unreadable = "[cannot be decrypted]"

// sealText seals a non-empty value for its column.
func (s *sealer) sealText(v *string, field string) {
	if *v == "" || strings.HasPrefix(*v, sealedPrefix) {
		return
	}
	b := s.seal(*v, field).([]byte)
	*v = sealedPrefix + base64.RawStdEncoding.EncodeToString(b)
}

// openSealedText opens what follows sealedPrefix in a sealed value.
func (s *sealer) openSealedText(rest, field string) (string, error) {
	b, err := base64.RawStdEncoding.DecodeString(rest)
	if err != nil {
		return "", err
	}
	return s.open(b, field)
}

// openText opens a sealed value in place; a value in clear is left alone.
func (s *sealer) openText(v *string, field string) {
	rest, ok := strings.CutPrefix(*v, sealedPrefix)
	if !ok {
		return
	}
	plain, err := s.openSealedText(rest, field)
	if err != nil {
		plain = unreadable
	}
	*v = plain
}

// nameKey is the key of the keyed hashes that stand for the blocking keys
// of confidential names, so that staff with the grant still find them and
// the database shows no trace of the name.
func (s *sealer) hashNameKey(k string) string {
	mac := hmac.New(sha256.New, s.nameKey)
	mac.Write([]byte(k))
	return "h:" + hex.EncodeToString(mac.Sum(nil)[:16])
}

// confidentialSlug is the address of a confidential record whose writer
// gave none: random, so the slug does not spell the sealed name.
func confidentialSlug(kind string) string {
	return kind + "-" + randomHex(6)
}

// isConfidentialSlug reports whether slug is one confidentialSlug made,
// not one made from a name that happens to start with the kind.
func isConfidentialSlug(kind, slug string) bool {
	rest, ok := strings.CutPrefix(slug, kind+"-")
	if !ok || len(rest) != 12 {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil && strings.ToLower(rest) == rest
}

// slugToWrite returns the slug a record of kind is to be stored under, for
// uniqueSlug to check. Not confidential, it is the one the writer gave
// ("" for uniqueSlug to make one from the name). Confidential, it is the
// one the writer gave unless that is merely the one the record had in
// clear, which may spell its name; else the random one it has, else a new
// random one. current reads the slug and visibility of the record with id
// (0 for a new one).
func (w *wtx) slugToWrite(kind, given string, v habeas.Visibility, current query, id int64) (string, error) {
	if v != habeas.Confidential {
		return given, nil
	}
	var slug string
	var was habeas.Visibility
	if id != 0 {
		if err := w.stmt(current).QueryRowContext(w.ctx, id).Scan(&slug, &was); err != nil {
			return "", fmt.Errorf("slug of %s %d: %w", kind, id, err)
		}
	}
	switch {
	case given != "" && (given != slug || was == habeas.Confidential):
		return given, nil
	case isConfidentialSlug(kind, slug):
		return slug, nil
	}
	return confidentialSlug(kind), nil
}

func (st *Store) sealPerson(p *habeas.Person) {
	s := st.seal
	for _, f := range []struct {
		v    *string
		name string
	}{{&p.Gender, "gender"}, {&p.Occupation, "occupation"}, {&p.Bio, "bio"}, {&p.PhotoURL, "photo_url"},
		{&p.PhotoAlt, "photo_alt"}, {&p.InternalNotes, "internal_notes"}} {
		s.sealText(f.v, "people."+f.name)
	}
}

func (st *Store) openPerson(p *habeas.Person) {
	s := st.seal
	for _, f := range []struct {
		v    *string
		name string
	}{{&p.Gender, "gender"}, {&p.Occupation, "occupation"}, {&p.Bio, "bio"}, {&p.PhotoURL, "photo_url"},
		{&p.PhotoAlt, "photo_alt"}, {&p.InternalNotes, "internal_notes"}} {
		s.openText(f.v, "people."+f.name)
	}
}

// personName returns what the people table keeps as a person's name and
// sort name: in clear, or sealed and unsortable for a confidential person.
func (st *Store) personName(p *habeas.Person) (name, sort string) {
	name = p.DisplayName()
	if p.Visibility < habeas.Confidential {
		return name, sortName(name)
	}
	st.seal.sealText(&name, "people.name")
	return name, ""
}

var caseFields = []string{"court", "classified_by", "position_note", "summary", "internal_notes"}

func caseText(c *habeas.Case) []*string {
	return []*string{&c.Court, &c.ClassifiedBy, &c.PositionNote, &c.Summary, &c.InternalNotes}
}

func (st *Store) sealCase(c *habeas.Case) {
	for i, v := range caseText(c) {
		st.seal.sealText(v, "cases."+caseFields[i])
	}
	for i := range c.Charges {
		st.seal.sealText(&c.Charges[i].Article, "charges.article")
		st.seal.sealText(&c.Charges[i].Text, "charges.text")
	}
}

func (st *Store) openCase(c *habeas.Case) {
	for i, v := range caseText(c) {
		st.seal.openText(v, "cases."+caseFields[i])
	}
}

func (st *Store) sealEvent(e *habeas.Event) {
	st.seal.sealText(&e.Summary, "events.summary")
	st.seal.sealText(&e.Quote, "events.quote")
	st.seal.sealText(&e.Speaker, "events.speaker")
}

func (st *Store) openEvent(e *habeas.Event) {
	st.seal.openText(&e.Summary, "events.summary")
	st.seal.openText(&e.Quote, "events.quote")
	st.seal.openText(&e.Speaker, "events.speaker")
}

func (st *Store) sealIntervention(iv *habeas.Intervention) {
	st.seal.sealText(&iv.Sender, "interventions.sender")
	st.seal.sealText(&iv.Recipient, "interventions.recipient")
	st.seal.sealText(&iv.Summary, "interventions.summary")
}

func (st *Store) openIntervention(iv *habeas.Intervention) {
	st.seal.openText(&iv.Sender, "interventions.sender")
	st.seal.openText(&iv.Recipient, "interventions.recipient")
	st.seal.openText(&iv.Summary, "interventions.summary")
}

func (st *Store) sealSource(src *habeas.Source) {
	st.seal.sealText(&src.Title, "sources.title")
	st.seal.sealText(&src.URL, "sources.url")
	st.seal.sealText(&src.Publisher, "sources.publisher")
}

func (st *Store) openSource(src *habeas.Source) {
	st.seal.openText(&src.Title, "sources.title")
	st.seal.openText(&src.URL, "sources.url")
	st.seal.openText(&src.Publisher, "sources.publisher")
}

// organizationText returns what the organizations table keeps of o's
// text: in clear, or sealed for a confidential organization. The other
// names are sealed as the one JSON array they are stored as.
func (st *Store) organizationText(o *habeas.Organization) (name, otherNames, description string) {
	name, otherNames, description = o.Name, jsonList(o.OtherNames), o.Description
	if o.Visibility == habeas.Confidential {
		st.seal.sealText(&name, "organizations.name")
		st.seal.sealText(&otherNames, "organizations.other_names")
		st.seal.sealText(&description, "organizations.description")
	}
	return name, otherNames, description
}

// membershipRole returns what the memberships table keeps as m's role.
func (st *Store) membershipRole(m *habeas.Membership) string {
	role := m.Role
	if m.Visibility == habeas.Confidential {
		st.seal.sealText(&role, "memberships.role")
	}
	return role
}

// facilityPlace is where a confidential facility is: sealed together in
// its address column, so that its region and coordinates are not in clear
// either.
type facilityPlace struct {
	Region    string   `json:"region,omitempty"`
	Address   string   `json:"address,omitempty"`
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
}

// sealedFacility returns a copy of f as the facilities table keeps it:
// when f is confidential, its name sealed, and its region, address and
// coordinates sealed in the address column, leaving the region empty and
// the coordinates NULL.
func (st *Store) sealedFacility(f *habeas.Facility) (habeas.Facility, error) {
	sf := *f
	if f.Visibility != habeas.Confidential {
		return sf, nil
	}
	b, err := json.Marshal(facilityPlace{Region: f.Region, Address: f.Address, Latitude: f.Latitude, Longitude: f.Longitude})
	if err != nil {
		return sf, fmt.Errorf("seal facility: %w", err)
	}
	sf.Region, sf.Address, sf.Latitude, sf.Longitude = "", string(b), nil, nil
	st.seal.sealText(&sf.Name, "facilities.name")
	st.seal.sealText(&sf.Address, "facilities.address")
	st.seal.sealText(&sf.Description, "facilities.description")
	return sf, nil
}

// openFacility opens, in place, what sealedFacility sealed.
func (st *Store) openFacility(f *habeas.Facility) {
	st.seal.openText(&f.Name, "facilities.name")
	st.seal.openText(&f.Description, "facilities.description")
	if !strings.HasPrefix(f.Address, sealedPrefix) {
		return
	}
	st.seal.openText(&f.Address, "facilities.address")
	var place facilityPlace
	if json.Unmarshal([]byte(f.Address), &place) != nil {
		f.Address = unreadable
		return
	}
	f.Region, f.Address, f.Latitude, f.Longitude = place.Region, place.Address, place.Latitude, place.Longitude
}

// sealedPerson returns a copy of p with its fields sealed when p is confidential.
func (st *Store) sealedPerson(p *habeas.Person) habeas.Person {
	sp := *p
	if p.Visibility == habeas.Confidential {
		st.sealPerson(&sp)
	}
	return sp
}

func (st *Store) sealedEvent(e *habeas.Event) habeas.Event {
	se := *e
	if e.Visibility == habeas.Confidential {
		st.sealEvent(&se)
	}
	return se
}

func (st *Store) sealedIntervention(iv *habeas.Intervention) habeas.Intervention {
	sv := *iv
	if iv.Visibility == habeas.Confidential {
		st.sealIntervention(&sv)
	}
	return sv
}

func (st *Store) sealedSource(src *habeas.Source) habeas.Source {
	ss := *src
	if src.Visibility == habeas.Confidential {
		st.sealSource(&ss)
	}
	return ss
}

// resealMemberships seals the roles in clear of the confidential
// memberships that rows (ConfidentialMembershipsOf…) finds under parentID:
// memberships raised to confidential with their person or organization.
func (w *wtx) resealMemberships(rows query, parentID int64) error {
	return w.reseal(sealedRows{rows, w.s.q.SetMembershipRole, 1, []string{"memberships.role"}}, parentID)
}

// sealedRows is a set of rows whose text is sealed once they are
// confidential: the query of their keys and text by their parent's id, the
// statement that writes the text back (keys first, then text, in the same
// order), how many leading columns are keys, and the "table.column" each
// text column is sealed for.
type sealedRows struct {
	rows, set query
	keys      int
	fields    []string
}

// resealCase seals, in place, the text of a confidential case, its charges
// and its confidential events and interventions that was written in clear
// before the case (or its person) was made confidential. Values already
// sealed are left as they are.
func (w *wtx) resealCase(caseID int64) error {
	q := w.s.q
	// Sealed text leaves the search index.
	w.reindex(indexCases, caseID)
	events, err := scanIDs(w.tx.QueryContext(w.ctx, "SELECT id FROM events WHERE case_id = "+w.s.ph(1), caseID))
	if err != nil {
		return fmt.Errorf("reseal case %d: %w", caseID, err)
	}
	for _, id := range events {
		w.reindex(indexEvents, id)
	}
	for _, r := range []sealedRows{
		{q.ConfidentialCaseText, q.SetCaseText, 1, prefixed("cases.", caseFields)},
		{q.ConfidentialChargesOfCase, q.SetChargeText, 2, []string{"charges.article", "charges.text"}},
		{q.ConfidentialEventsOfCase, q.SetEventText, 1, []string{"events.summary", "events.quote", "events.speaker"}},
		{q.ConfidentialInterventionsOfCase, q.SetInterventionText, 1,
			[]string{"interventions.sender", "interventions.recipient", "interventions.summary"}},
	} {
		if err := w.reseal(r, caseID); err != nil {
			return fmt.Errorf("reseal case %d: %w", caseID, err)
		}
	}
	return nil
}

// reseal seals the text in clear of the rows r finds under parentID, and
// notes when it did so (see wtx.sealed).
func (w *wtx) reseal(r sealedRows, parentID int64) error {
	rows, err := w.stmt(r.rows).QueryContext(w.ctx, parentID)
	if err != nil {
		return fmt.Errorf("%s: %w", r.rows, err)
	}
	// All rows are read before any is written: the transaction has one
	// connection, busy until the rows are closed.
	var changed [][]any
	for rows.Next() {
		keys := make([]int64, r.keys)
		text := make([]string, len(r.fields))
		dst := make([]any, 0, len(keys)+len(text))
		for i := range keys {
			dst = append(dst, &keys[i])
		}
		for i := range text {
			dst = append(dst, &text[i])
		}
		if err := rows.Scan(dst...); err != nil {
			rows.Close()
			return fmt.Errorf("%s: %w", r.rows, err)
		}
		sealed := false
		for i, f := range r.fields {
			before := text[i]
			w.s.seal.sealText(&text[i], f)
			sealed = sealed || text[i] != before
		}
		if !sealed {
			continue
		}
		args := make([]any, 0, len(dst))
		for _, k := range keys {
			args = append(args, k)
		}
		for _, v := range text {
			args = append(args, v)
		}
		changed = append(changed, args)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", r.rows, err)
	}
	for _, args := range changed {
		if err := w.exec(r.set, args...); err != nil {
			return err
		}
	}
	w.sealed = w.sealed || len(changed) > 0
	return nil
}

// prefixed returns the names with prefix before each.
func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}
