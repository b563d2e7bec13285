package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
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

// openText opens a sealed value in place; a value in clear is left alone.
func (s *sealer) openText(v *string, field string) {
	rest, ok := strings.CutPrefix(*v, sealedPrefix)
	if !ok {
		return
	}
	b, err := base64.RawStdEncoding.DecodeString(rest)
	if err == nil {
		var plain string
		if plain, err = s.open(b, field); err == nil {
			*v = plain
			return
		}
	}
	*v = unreadable
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

// resealCase seals, in place, the text of a confidential case, its charges
// and its confidential events and interventions that was written in clear
// before the case (or its person) was made confidential. Values already
// sealed are left as they are.
func (w *wtx) resealCase(caseID int64) error {
	s := w.s
	var c habeas.Case
	err := w.stmt(s.q.ConfidentialCaseText).QueryRowContext(w.ctx, caseID).Scan(&c.Court, &c.ClassifiedBy,
		&c.PositionNote, &c.Summary, &c.InternalNotes)
	if err == nil {
		before := c
		s.sealCase(&c)
		w.sealed = w.sealed || c.Court != before.Court || c.Summary != before.Summary || c.InternalNotes != before.InternalNotes || c.PositionNote != before.PositionNote || c.ClassifiedBy != before.ClassifiedBy
		if err := w.exec(s.q.SetCaseText, caseID, c.Court, c.ClassifiedBy, c.PositionNote, c.Summary, c.InternalNotes); err != nil {
			return err
		}
		type charge struct {
			pos           int
			article, text string
		}
		var charges []charge
		rows, err := w.stmt(s.q.ChargesOfCase).QueryContext(w.ctx, caseID)
		if err != nil {
			return fmt.Errorf("reseal charges of case %d: %w", caseID, err)
		}
		for rows.Next() {
			var ch charge
			if err := rows.Scan(&ch.pos, &ch.article, &ch.text); err != nil {
				rows.Close()
				return fmt.Errorf("reseal charges of case %d: %w", caseID, err)
			}
			charges = append(charges, ch)
		}
		rows.Close()
		for _, ch := range charges {
			before := ch
			s.seal.sealText(&ch.article, "charges.article")
			s.seal.sealText(&ch.text, "charges.text")
			w.sealed = w.sealed || ch != before
			if err := w.exec(s.q.SetChargeText, caseID, ch.pos, ch.article, ch.text); err != nil {
				return err
			}
		}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("reseal case %d: %w", caseID, err)
	}
	var events []habeas.Event
	rows, err := w.stmt(s.q.ConfidentialEventsOfCase).QueryContext(w.ctx, caseID)
	if err != nil {
		return fmt.Errorf("reseal events of case %d: %w", caseID, err)
	}
	for rows.Next() {
		var e habeas.Event
		if err := rows.Scan(&e.ID, &e.Summary, &e.Quote, &e.Speaker); err != nil {
			rows.Close()
			return fmt.Errorf("reseal events of case %d: %w", caseID, err)
		}
		events = append(events, e)
	}
	rows.Close()
	for _, e := range events {
		before := e
		s.sealEvent(&e)
		w.sealed = w.sealed || e.Summary != before.Summary || e.Quote != before.Quote || e.Speaker != before.Speaker
		if err := w.exec(s.q.SetEventText, e.ID, e.Summary, e.Quote, e.Speaker); err != nil {
			return err
		}
	}
	var ivs []habeas.Intervention
	rows, err = w.stmt(s.q.ConfidentialInterventionsOfCase).QueryContext(w.ctx, caseID)
	if err != nil {
		return fmt.Errorf("reseal interventions of case %d: %w", caseID, err)
	}
	for rows.Next() {
		var iv habeas.Intervention
		if err := rows.Scan(&iv.ID, &iv.Sender, &iv.Recipient, &iv.Summary); err != nil {
			rows.Close()
			return fmt.Errorf("reseal interventions of case %d: %w", caseID, err)
		}
		ivs = append(ivs, iv)
	}
	rows.Close()
	for _, iv := range ivs {
		before := iv
		s.sealIntervention(&iv)
		w.sealed = w.sealed || iv.Sender != before.Sender || iv.Recipient != before.Recipient || iv.Summary != before.Summary
		if err := w.exec(s.q.SetInterventionText, iv.ID, iv.Sender, iv.Recipient, iv.Summary); err != nil {
			return err
		}
	}
	return nil
}
