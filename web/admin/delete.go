package admin

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// Deleting a record: a page that says what goes, with what it takes
// along, and a button; the delete is the store's, which checks the
// writer's access to the record and to everything it would take along.
// The audit chain keeps what the record was (its history stays readable).

// deletion is the confirmation page of one record's delete.
type deletion struct {
	Caller *caller
	Kind   string // the record's kind, as in the path
	ID     int64
	Noun   string // "timeline entry"
	What   string // the record in words
	Takes  string // what goes with it, "" for nothing
	Back   string // its page: to keep it
	Public bool   // the record is on the public site
	After  string // where the workspace goes once it is deleted
	// Refused says why the delete was refused (records that cite it, a
	// public record the writer may not take off the site).
	Refused string
}

// deletedNotice is what a page says after a delete of a kind, by the
// ?deleted= of its address (only these words: never text from the address).
var deletedNotice = map[string]string{
	"person": "The person is deleted.", "case": "The case is deleted.", "event": "The timeline entry is deleted.",
	"intervention": "The inquiry is deleted.", "membership": "The membership is deleted.",
	"organization": "The organization is deleted.", "facility": "The place of detention is deleted.",
	"source": "The source is deleted.", "estimate": "The estimate is deleted.", "webhook": "The webhook is deleted.",
	"media": "The file is deleted.",
}

// describe reads the record kind/id at what the caller may read of it and
// says what deleting it means.
func (s *Server) describe(r *http.Request, c *caller, kind string, id int64) (*deletion, error) {
	ctx := r.Context()
	d := &deletion{Caller: c, Kind: kind, ID: id}
	personName := func(a habeas.Access, personID int64) string {
		if p, err := s.svc.Person(ctx, a, personID); err == nil {
			return p.DisplayName()
		}
		return fmt.Sprintf("person %d", personID)
	}
	switch kind {
	case "person":
		_, p, err := fileRecord(s, r, c, kind, id, s.svc.Person)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Public = "person", p.DisplayName(), p.Visibility == habeas.Public
		d.Takes = "their names, their cases with every timeline entry, charge and inquiry, and their memberships"
		d.Back, d.After = fmt.Sprintf("/admin/people/%d", id), "/admin/people"
	case "case":
		a, cs, err := fileRecord(s, r, c, kind, id, s.svc.Case)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Public = "case", "The case of "+personName(a, cs.PersonID)+arrested(cs.ArrestDate)+".", cs.Visibility == habeas.Public
		d.Takes = "its timeline entries, charges and inquiries"
		d.Back, d.After = fmt.Sprintf("/admin/cases/%d", id), fmt.Sprintf("/admin/people/%d", cs.PersonID)
	case "event":
		a, e, err := fileRecord(s, r, c, kind, id, s.svc.Event)
		if err != nil {
			return nil, err
		}
		d.Noun, d.Public = "timeline entry", e.Visibility == habeas.Public
		d.What = dateWords(e.Date) + ", " + strings.ReplaceAll(e.Kind, "_", " ") + ": " + e.Summary
		if cs, err := s.svc.Case(ctx, a, e.CaseID); err == nil {
			d.What += " (the case of " + personName(a, cs.PersonID) + ")"
		}
		d.Back, d.After = fmt.Sprintf("/admin/events/%d", id), fmt.Sprintf("/admin/cases/%d", e.CaseID)
	case "intervention":
		a, iv, err := fileRecord(s, r, c, kind, id, s.svc.Intervention)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Public = "inquiry", iv.Kind+" from "+iv.Sender+" to "+iv.Recipient, iv.Visibility == habeas.Public
		if iv.SentOn != "" {
			d.What += ", sent " + dateWords(iv.SentOn)
		}
		if cs, err := s.svc.Case(ctx, a, iv.CaseID); err == nil {
			d.What += " (the case of " + personName(a, cs.PersonID) + ")"
		}
		d.Back, d.After = fmt.Sprintf("/admin/interventions/%d", id), fmt.Sprintf("/admin/cases/%d", iv.CaseID)
	case "membership":
		a, m, err := fileRecord(s, r, c, kind, id, s.svc.Membership)
		if err != nil {
			return nil, err
		}
		org := fmt.Sprintf("organization %d", m.OrganizationID)
		if o, err := s.svc.Organization(ctx, a, m.OrganizationID); err == nil {
			org = o.Name
		}
		d.Noun, d.What, d.Public = "membership", personName(a, m.PersonID)+": "+m.Role+" of "+org, m.Visibility == habeas.Public
		d.Back, d.After = fmt.Sprintf("/admin/memberships/%d", id), fmt.Sprintf("/admin/people/%d", m.PersonID)
	case "organization":
		o, err := s.svc.Organization(ctx, c.Access(), id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Takes = "organization", o.Name, "the memberships of its members (the people stay)"
		d.Public = o.Visibility == habeas.Public
		d.Back, d.After = fmt.Sprintf("/admin/organizations/%d", id), "/admin/organizations"
	case "facility":
		f, err := s.svc.Facility(ctx, c.Access(), id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Public = "place of detention", f.Name+" (@"+f.Slug+")", f.Visibility == habeas.Public
		d.Back, d.After = fmt.Sprintf("/admin/facilities/%d", id), "/admin/facilities"
	case "source":
		src, err := s.svc.Source(ctx, c.Access(), id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Public = "source", fmt.Sprintf("[%d] %s", id, src.Title), src.Visibility == habeas.Public
		d.Back, d.After = fmt.Sprintf("/admin/sources/%d", id), "/admin/sources"
	case "estimate":
		e, err := s.svc.Estimate(ctx, c.Access(), id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.Public = "estimate", e.Visibility == habeas.Public
		d.What = fmt.Sprintf("%s %d (%s), by %s, %s", spaced(e.Qualifier), e.Count, spaced(e.Of), e.By, dateWords(e.AsOf))
		d.Back, d.After = fmt.Sprintf("/admin/estimates/%d", id), "/admin/estimates"
	case "media":
		m, err := s.svc.Media(ctx, c.Access(), id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.Public = "file", m.Visibility == habeas.Public
		d.What = fmt.Sprintf("%s, %s, SHA-256 %s", cmp.Or(m.Filename, fmt.Sprintf("file %d", id)), m.ContentType, m.SHA256)
		d.Takes = "its copies; a photo a person's record shows cannot go"
		d.Back, d.After = fmt.Sprintf("/admin/media/%d", id), "/admin/media"
	case "webhook":
		h, err := s.svc.Webhook(ctx, c.User, id)
		if err != nil {
			return nil, err
		}
		d.Noun, d.What, d.Takes = "webhook", h.URL, "its delivery log"
		d.Back, d.After = fmt.Sprintf("/admin/webhooks/%d", id), "/admin/webhooks"
	default:
		return nil, habeas.Errorf(habeas.ENOTFOUND, "no such page")
	}
	return d, nil
}

func arrested(date string) string {
	if date == "" {
		return ""
	}
	return ", arrested " + dateWords(date)
}

// dateWords writes an EDTF date in words (August 2023), or as it is when
// it does not parse.
func dateWords(s string) string {
	if d, err := edtf.Parse(s); err == nil {
		return d.Format("en")
	}
	return s
}

// remove deletes the record kind/id as u.
func (s *Server) remove(ctx context.Context, u *habeas.User, kind string, id int64) error {
	del := map[string]func(context.Context, *habeas.User, int64) error{
		"person": s.svc.DeletePerson, "case": s.svc.DeleteCase, "event": s.svc.DeleteEvent,
		"intervention": s.svc.DeleteIntervention, "membership": s.svc.DeleteMembership,
		"organization": s.svc.DeleteOrganization, "facility": s.svc.DeleteFacility, "source": s.svc.DeleteSource,
		"estimate": s.svc.DeleteEstimate, "webhook": s.svc.DeleteWebhook, "media": s.svc.DeleteMedia,
	}[kind]
	return del(ctx, u, id)
}

// deletePage asks before a delete. A role that may not write the kind is
// refused here, before anything is shown.
func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, c *caller) {
	d, ok := s.deletionOf(w, r, c)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "delete", view{Title: "Delete this " + d.Noun + "?", Nav: navOf(d.Kind), User: c, Page: d})
}

// deleteRecord deletes, then goes where the record was listed; a refusal
// is said on the confirmation page, and nothing is deleted.
func (s *Server) deleteRecord(w http.ResponseWriter, r *http.Request, c *caller) {
	d, ok := s.deletionOf(w, r, c)
	if !ok {
		return
	}
	err := s.remove(r.Context(), c.User, d.Kind, d.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, d.After+"?deleted="+d.Kind, http.StatusSeeOther)
	case habeas.ErrorCode(err) == habeas.ENOTFOUND || !failed(err):
		s.refused(w, r, err)
	default:
		d.Refused = "Nothing was deleted: " + habeas.ErrorMessage(err)
		s.render(w, r, habeas.HTTPStatus(habeas.ErrorCode(err)), "delete", view{Title: "Delete this " + d.Noun + "?", Nav: navOf(d.Kind), User: c, Page: d})
	}
}

// deletionOf reads the path of a delete and the record it names; false
// when it answered already.
func (s *Server) deletionOf(w http.ResponseWriter, r *http.Request, c *caller) (*deletion, bool) {
	kind := r.PathValue("kind")
	id, ok := pathID(r)
	if _, known := deletedNotice[kind]; !known || !ok {
		s.notFound(w, r)
		return nil, false
	}
	if p := habeas.PermissionFor(kind); !c.May(p) || (kind == "person" && c.Scoped()) {
		s.refused(w, r, habeas.Forbidden(c.User, p))
		return nil, false
	}
	d, err := s.describe(r, c, kind, id)
	if err != nil {
		s.refused(w, r, err)
		return nil, false
	}
	return d, true
}

func spaced(k string) string { return strings.ReplaceAll(k, "_", " ") }

// navOf is the menu entry a kind of record is under.
func navOf(kind string) string {
	switch kind {
	case "organization":
		return "organizations"
	case "facility":
		return "facilities"
	case "source":
		return "sources"
	case "estimate":
		return "estimates"
	case "webhook":
		return "users"
	case "media":
		return "media"
	}
	return "people"
}
