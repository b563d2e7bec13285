package api

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"habeas"
	"habeas/casefile"
	"habeas/names"
	"habeas/store"
)

// resource wires the five operations of one collection.
type resource[T any] struct {
	path   string // "/api/v1/people"
	get    func(ctx context.Context, a habeas.Access, id int64) (*T, error)
	list   func(r *http.Request, q *query) (habeas.Page[T], error) // nil when listed otherwise
	create func(ctx context.Context, v *T) error
	update func(ctx context.Context, v *T) error
	delete func(ctx context.Context, id int64) error
	id     func(v *T) *int64
	// created, when set, makes the body of a 201 from the stored record.
	created func(r *http.Request, v *T) (any, error)
}

func register[T any](s *Server, res resource[T]) {
	item := res.path + "/{id}"
	if res.list != nil {
		s.handle("GET", res.path, func(w http.ResponseWriter, r *http.Request) {
			page, err := res.list(r, newQuery(r))
			if err != nil {
				s.error(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, page)
		})
	}
	s.handle("GET", item, func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.error(w, r, err)
			return
		}
		v, err := res.get(r.Context(), access(r), id)
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
	s.handle("POST", res.path, func(w http.ResponseWriter, r *http.Request) {
		var v T
		err := firstError(canWrite(r), func() error { return decode(w, r, &v, true) })
		if err == nil {
			err = mayWrite(r, &v)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		*res.id(&v) = 0
		if err := res.create(r.Context(), &v); err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Location", res.path+"/"+strconv.FormatInt(*res.id(&v), 10))
		if res.created != nil {
			body, err := res.created(r, &v)
			if err != nil {
				s.error(w, r, err)
				return
			}
			writeJSON(w, http.StatusCreated, body)
			return
		}
		writeFresh(s, w, r, res, *res.id(&v), http.StatusCreated)
	})
	s.handle("PUT", item, func(w http.ResponseWriter, r *http.Request) {
		var v T
		id, err := pathID(r)
		if err == nil {
			err = firstError(canWrite(r), func() error { return decode(w, r, &v, true) })
		}
		if err == nil {
			err = mayWrite(r, &v)
		}
		if err == nil {
			_, err = res.get(r.Context(), access(r), id) // nobody changes what they may not see
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		*res.id(&v) = id
		if err := res.update(r.Context(), &v); err != nil {
			s.error(w, r, err)
			return
		}
		writeFresh(s, w, r, res, id, http.StatusOK)
	})
	s.handle("DELETE", item, func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = canWrite(r)
		}
		if err == nil {
			_, err = res.get(r.Context(), access(r), id)
		}
		if err == nil {
			err = res.delete(r.Context(), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// writeFresh answers a write with the record as stored, read back at the
// writer's access.
func writeFresh[T any](s *Server, w http.ResponseWriter, r *http.Request, res resource[T], id int64, status int) {
	v, err := res.get(r.Context(), access(r), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

// mayWrite refuses a record whose visibility is above what the writer may
// read: nobody makes a record they could not see themselves.
func mayWrite(r *http.Request, v any) error {
	f := reflect.ValueOf(v).Elem().FieldByName("Visibility")
	if !f.IsValid() {
		return nil
	}
	if vis := habeas.Visibility(f.Int()); vis > access(r) {
		return habeas.Errorf(habeas.EFORBIDDEN, "your account may not write %s records", vis)
	}
	if p, ok := v.(*habeas.Person); ok {
		for _, n := range p.Names {
			if n.Visibility > access(r) {
				return habeas.Errorf(habeas.EFORBIDDEN, "your account may not write %s names", n.Visibility)
			}
		}
	}
	return nil
}

func firstError(err error, next func() error) error {
	if err != nil {
		return err
	}
	return next()
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid id",
			Fields: map[string]string{"id": "must be a positive whole number"}}
	}
	return id, nil
}

// checked runs f only when the parameters read so far are valid. A filter
// value the store finds invalid is a bad request, like any bad parameter.
func checked[T any](q *query, f func() (habeas.Page[T], error)) (habeas.Page[T], error) {
	if err := q.err(); err != nil {
		return habeas.Page[T]{}, err
	}
	page, err := f()
	if habeas.ErrorCode(err) == habeas.EINVALID {
		err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid query parameters", Fields: habeas.ErrorFields(err)}
	}
	return page, err
}

func (s *Server) registerResources() {
	st := s.cfg.Store
	register(s, resource[habeas.Person]{path: "/api/v1/people",
		get: st.Person, create: st.CreatePerson, delete: st.DeletePerson,
		update: func(ctx context.Context, p *habeas.Person) error {
			return st.UpdatePerson(ctx, habeas.AccessFrom(ctx), p)
		},
		id: func(v *habeas.Person) *int64 { return &v.ID }, created: s.createdPerson})
	s.handle("GET", "/api/v1/people", s.listPeople)
	s.handle("POST", "/api/v1/people/{id}/merge", s.mergePerson)
	s.handle("POST", "/api/v1/merges/{id}/undo", s.undoMerge)
	register(s, resource[habeas.Organization]{path: "/api/v1/organizations",
		get: st.Organization, create: st.CreateOrganization, update: st.UpdateOrganization, delete: st.DeleteOrganization,
		id: func(v *habeas.Organization) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Organization], error) {
			f := store.OrganizationFilter{Country: q.country(), Kind: q.enum("kind", habeas.OrganizationKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Organization], error) {
				return st.ListOrganizations(r.Context(), access(r), f)
			})
		}})
	register(s, resource[habeas.Membership]{path: "/api/v1/memberships",
		get: st.Membership, create: st.CreateMembership, update: st.UpdateMembership, delete: st.DeleteMembership,
		id: func(v *habeas.Membership) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Membership], error) {
			f := store.MembershipFilter{PersonID: q.id("person_id"), OrganizationID: q.id("organization_id"), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Membership], error) { return st.ListMemberships(r.Context(), access(r), f) })
		}})
	register(s, resource[habeas.Facility]{path: "/api/v1/facilities",
		get: st.Facility, create: st.CreateFacility, update: st.UpdateFacility, delete: st.DeleteFacility,
		id: func(v *habeas.Facility) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Facility], error) {
			f := store.FacilityFilter{Country: q.country(), Kind: q.enum("kind", habeas.FacilityKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Facility], error) { return st.ListFacilities(r.Context(), access(r), f) })
		}})
	register(s, resource[habeas.Case]{path: "/api/v1/cases",
		get: st.Case, create: st.CreateCase, update: st.UpdateCase, delete: st.DeleteCase,
		id: func(v *habeas.Case) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Case], error) {
			f := store.CaseFilter{PersonID: q.id("person_id"), Country: q.country(), Status: q.enum("status", habeas.Statuses),
				Classification: q.enum("classification", habeas.Classifications), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Case], error) { return st.ListCases(r.Context(), access(r), f) })
		}})
	register(s, resource[habeas.Source]{path: "/api/v1/sources",
		get: st.Source, create: st.CreateSource, update: st.UpdateSource, delete: st.DeleteSource,
		id: func(v *habeas.Source) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Source], error) {
			f := store.SourceFilter{Kind: q.enum("kind", habeas.SourceKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Source], error) { return st.ListSources(r.Context(), access(r), f) })
		}})
	register(s, resource[habeas.Intervention]{path: "/api/v1/interventions",
		get: st.Intervention, create: st.CreateIntervention, update: st.UpdateIntervention, delete: st.DeleteIntervention,
		id: func(v *habeas.Intervention) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Intervention], error) {
			f := store.InterventionFilter{CaseID: q.id("case_id"), AnswerStatus: q.enum("answer_status", habeas.AnswerStatuses), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Intervention], error) {
				return st.ListInterventions(r.Context(), access(r), f)
			})
		}})
	register(s, resource[habeas.Event]{path: "/api/v1/events",
		get: st.Event, create: st.CreateEvent, update: st.UpdateEvent, delete: st.DeleteEvent,
		id: func(v *habeas.Event) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Event], error) {
			f := store.EventFilter{CaseID: q.id("case_id"), Kind: q.enum("kind", habeas.EventKinds), ListOptions: q.page()}
			if f.CaseID == 0 {
				q.pr.Add("case_id", "is required: events are listed per case")
			}
			return checked(q, func() (habeas.Page[habeas.Event], error) { return st.ListEvents(r.Context(), access(r), f) })
		}})
	s.handle("GET", "/api/v1/cases/{id}/events", s.caseEvents)
	s.handle("POST", "/api/v1/cases/{id}/events", s.createCaseEvent)
	s.handle("GET", "/api/v1/cases/{id}/state", s.caseState)
}

// caseEvents lists a case's timeline in timeline order.
func (s *Server) caseEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	q := newQuery(r)
	f := store.EventFilter{CaseID: id, Kind: q.enum("kind", habeas.EventKinds), ListOptions: q.page()}
	if err == nil {
		err = q.err()
	}
	var page habeas.Page[habeas.Event]
	if err == nil {
		page, err = s.cfg.Store.ListEvents(r.Context(), access(r), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// createCaseEvent adds an event to the case in the path.
func (s *Server) createCaseEvent(w http.ResponseWriter, r *http.Request) {
	var e habeas.Event
	id, err := pathID(r)
	if err == nil {
		err = firstError(canWrite(r), func() error { return decode(w, r, &e, true) })
	}
	if err == nil {
		e.ID, e.CaseID = 0, id
		err = s.cfg.Store.CreateEvent(r.Context(), &e)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	got, err := s.cfg.Store.Event(r.Context(), access(r), e.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/events/"+strconv.FormatInt(e.ID, 10))
	writeJSON(w, http.StatusCreated, got)
}

// CaseState is what a case's timeline means today, as the reader sees it.
type CaseState struct {
	CaseID int64  `json:"case_id"`
	Today  string `json:"today"`
	casefile.State
}

// caseState computes what the timeline the reader may see means today.
func (s *Server) caseState(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var c *habeas.Case
	var events []habeas.Event
	if err == nil {
		c, err = s.cfg.Store.Case(r.Context(), access(r), id)
	}
	if err == nil {
		events, err = s.cfg.Store.Timeline(r.Context(), access(r), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	today := habeas.Today(s.cfg.Clock)
	writeJSON(w, http.StatusOK, CaseState{CaseID: id, Today: today.Format("2006-01-02"), State: casefile.Compute(c, events, today)})
}

// listPeople lists people, or with ?match=NAME the people whose names may
// be NAME, best first with their scores.
func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	st := s.cfg.Store
	if match := q.str("match"); match != "" || r.URL.Query().Has("match") {
		min := q.score("min_score", habeas.SearchThreshold)
		limit := q.page().Limit
		page := habeas.Page[habeas.Candidate]{Items: []habeas.Candidate{}}
		err := q.err()
		if err == nil && strings.TrimSpace(match) == "" {
			err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid query parameters", Fields: map[string]string{"match": "give a name"}}
		}
		if err == nil {
			var found []habeas.Candidate
			found, err = st.Candidates(r.Context(), access(r), match, min, limit)
			page.Items = append(page.Items, found...)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
		return
	}
	f := habeas.PeopleFilter{Country: q.str("country"), Status: q.str("status"),
		Classification: q.str("classification"), FacilityID: q.id("facility_id"),
		OrganizationID: q.id("organization_id"), Charge: q.str("charge"), Q: q.str("q"), Sort: q.str("sort"),
		ListOptions: q.page()}
	page, err := checked(q, func() (habeas.Page[habeas.PersonSummary], error) { return st.ListPeople(r.Context(), access(r), f) })
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// CreatedPerson is the answer to creating a person: the record, and the
// people already stored whose names score 0.85 or more against one of its
// names — probably the same person.
type CreatedPerson struct {
	*habeas.Person
	Duplicates []habeas.Candidate `json:"duplicates,omitempty"`
}

func (s *Server) createdPerson(r *http.Request, p *habeas.Person) (any, error) {
	got, err := s.cfg.Store.Person(r.Context(), access(r), p.ID)
	if err != nil {
		return nil, err
	}
	out := CreatedPerson{Person: got}
	seen := map[int64]bool{p.ID: true}
	for _, n := range got.Names {
		found, err := s.cfg.Store.Candidates(r.Context(), access(r), n.Name, names.Threshold, 20)
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			if !seen[c.PersonID] {
				seen[c.PersonID] = true
				out.Duplicates = append(out.Duplicates, c)
			}
		}
	}
	return out, nil
}

// MergeRequest names the person to fold into the one in the path.
type MergeRequest struct {
	DuplicateID int64 `json:"duplicate_id"`
}

func (s *Server) mergePerson(w http.ResponseWriter, r *http.Request) {
	var req MergeRequest
	id, err := pathID(r)
	if err == nil {
		err = firstError(canWrite(r), func() error { return decode(w, r, &req, false) })
	}
	if err == nil {
		_, err = s.cfg.Store.Person(r.Context(), access(r), id)
	}
	if err == nil {
		if _, e := s.cfg.Store.Person(r.Context(), access(r), req.DuplicateID); e != nil {
			err = &habeas.Error{Code: habeas.EINVALID, Message: "invalid merge",
				Fields: map[string]string{"duplicate_id": fmt.Sprintf("no person with id %d", req.DuplicateID)}}
		}
	}
	var m *habeas.Merge
	if err == nil {
		m, err = s.cfg.Store.MergePeople(r.Context(), id, req.DuplicateID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) undoMerge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = canWrite(r)
	}
	if err == nil {
		err = s.cfg.Store.UndoMerge(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
