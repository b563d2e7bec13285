package api

import (
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

func (s *Server) registerPeople() {
	st := s.cfg.Services
	register(s, resource[habeas.Person]{path: "/api/v1/people",
		get: st.Person, bySlug: st.PersonBySlug, create: st.CreatePerson, update: st.UpdatePerson, delete: st.DeletePerson,
		id: func(v *habeas.Person) *int64 { return &v.ID }, created: s.createdPerson})
	s.handle("GET", "/api/v1/people", s.listPeople)
	s.handle("POST", "/api/v1/people/{id}/merge", s.mergePerson)
	s.handle("POST", "/api/v1/merges/{id}/undo", s.undoMerge)
}

// listPeople lists people, or with ?match=NAME the people whose names may
// be NAME, best first with their scores.
func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	st := s.cfg.Services
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
	a, assigned := userOf(r).ListAccess()
	f.AssignedTo = assigned
	page, err := checked(q, func() (habeas.Page[habeas.PersonSummary], error) { return st.ListPeople(r.Context(), a, f) })
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, personSummaries(page))
}

// CreatedPerson is the answer to creating a person: the record, and the
// people already stored whose names score 0.85 or more against one of its
// names — probably the same person.
type CreatedPerson struct {
	*habeas.Person
	Duplicates []habeas.Candidate `json:"duplicates,omitempty"`
}

func (s *Server) createdPerson(r *http.Request, p *habeas.Person) (any, error) {
	st := s.cfg.Services
	got, err := st.Person(r.Context(), access(r), p.ID)
	if err != nil {
		return nil, err
	}
	out := CreatedPerson{Person: got}
	seen := map[int64]bool{p.ID: true}
	for _, n := range got.Names {
		found, err := st.Candidates(r.Context(), access(r), n.Name, names.Threshold, 20)
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
		err = s.decodeWrite(w, r, &req, false)
	}
	var m *habeas.Merge
	if err == nil {
		m, err = s.cfg.Services.MergePeople(r.Context(), userOf(r), id, req.DuplicateID)
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
		err = s.cfg.Services.UndoMerge(r.Context(), userOf(r), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
