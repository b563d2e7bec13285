package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Organizations and places of detention: a list and one form each.

type recordForm[T any] struct {
	Caller  *caller
	Record  T
	List    []T
	Next    string
	Kinds   []string
	Errors  map[string]string
	Problem string
	Saved   bool
	Filters listFilters // on a list page
}

func (f *recordForm[T]) Err(field string) string { return f.Errors[field] }

func (s *Server) organizations(w http.ResponseWriter, r *http.Request, c *caller) {
	f := &recordForm[habeas.Organization]{Caller: c, Kinds: habeas.OrganizationKinds,
		Record:  habeas.Organization{Kind: "other", Visibility: habeas.Internal},
		Filters: readFilters(r, "/admin/organizations", habeas.OrganizationKinds, true)}
	if f.Filters.Problem == "" {
		page, err := s.svc.ListOrganizations(r.Context(), c.Access(), habeas.OrganizationFilter{Kind: f.Filters.Kind, Country: f.Filters.Country,
			ListOptions: habeas.ListOptions{Limit: 100, Cursor: r.URL.Query().Get("cursor")}})
		if err != nil {
			s.refused(w, r, err)
			return
		}
		f.List, f.Next = page.Items, f.Filters.next(page.NextCursor)
	}
	s.render(w, r, f.Filters.status(), "organizations", view{Title: "Organizations", Nav: "organizations", User: c, Page: f})
}

func (s *Server) organizationPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	o, err := s.svc.Organization(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &recordForm[habeas.Organization]{Caller: c, Record: *o, Kinds: habeas.OrganizationKinds, Saved: r.URL.Query().Get("saved") != ""}
	s.render(w, r, http.StatusOK, "organization", view{Title: o.Name, Nav: "organizations", User: c, Page: f})
}

func (s *Server) saveOrganization(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var o habeas.Organization
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Organization(ctx, c.Access(), id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		o = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	o.Name, o.Kind = strings.TrimSpace(f.Get("name")), f.Get("kind")
	o.Country, o.Founded = strings.ToUpper(strings.TrimSpace(f.Get("country"))), strings.TrimSpace(f.Get("founded"))
	o.Description = strings.TrimSpace(f.Get("description"))
	o.DescriptionLang, o.DescriptionTranslations = readTranslations(f, "description")
	o.OtherNames = nil
	for _, n := range strings.Split(f.Get("other_names"), "\n") {
		if n = strings.TrimSpace(n); n != "" {
			o.OtherNames = append(o.OtherNames, n)
		}
	}
	o.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := o.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this organization"
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateOrganization(ctx, c.User, &o)
		} else {
			err = s.svc.CreateOrganization(ctx, c.User, &o)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/organizations/%d?saved=1", o.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	form := &recordForm[habeas.Organization]{Caller: c, Record: o, Kinds: habeas.OrganizationKinds, Errors: bad,
		Problem: "The organization was not saved: see the fields marked below."}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "organization", view{Title: "Organization", Nav: "organizations", User: c, Page: form})
}

func (s *Server) facilities(w http.ResponseWriter, r *http.Request, c *caller) {
	f := &recordForm[habeas.Facility]{Caller: c, Kinds: habeas.FacilityKinds,
		Record:  habeas.Facility{Kind: "unknown", Visibility: habeas.Internal},
		Filters: readFilters(r, "/admin/facilities", habeas.FacilityKinds, true)}
	if f.Filters.Problem == "" {
		page, err := s.svc.ListFacilities(r.Context(), c.Access(), habeas.FacilityFilter{Kind: f.Filters.Kind, Country: f.Filters.Country,
			ListOptions: habeas.ListOptions{Limit: 100, Cursor: r.URL.Query().Get("cursor")}})
		if err != nil {
			s.refused(w, r, err)
			return
		}
		f.List, f.Next = page.Items, f.Filters.next(page.NextCursor)
	}
	s.render(w, r, f.Filters.status(), "facilities", view{Title: "Places of detention", Nav: "facilities", User: c, Page: f})
}

func (s *Server) facilityPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	fa, err := s.svc.Facility(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &recordForm[habeas.Facility]{Caller: c, Record: *fa, Kinds: habeas.FacilityKinds, Saved: r.URL.Query().Get("saved") != ""}
	s.render(w, r, http.StatusOK, "facility", view{Title: fa.Name, Nav: "facilities", User: c, Page: f})
}

func (s *Server) saveFacility(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var fa habeas.Facility
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Facility(ctx, c.Access(), id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		fa = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	fa.Name, fa.Kind = strings.TrimSpace(f.Get("name")), f.Get("kind")
	fa.Country, fa.Region = strings.ToUpper(strings.TrimSpace(f.Get("country"))), strings.TrimSpace(f.Get("region"))
	fa.Address = strings.TrimSpace(f.Get("address"))
	fa.Description = strings.TrimSpace(f.Get("description"))
	fa.DescriptionLang, fa.DescriptionTranslations = readTranslations(f, "description")
	fa.Latitude, fa.Longitude = nil, nil
	for _, x := range []struct {
		name string
		v    **float64
	}{{"latitude", &fa.Latitude}, {"longitude", &fa.Longitude}} {
		if v := strings.TrimSpace(f.Get(x.name)); v != "" {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				bad[x.name] = "must be a number of degrees such as 40.41"
				continue
			}
			*x.v = &n
		}
	}
	fa.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := fa.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this place"
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateFacility(ctx, c.User, &fa)
		} else {
			err = s.svc.CreateFacility(ctx, c.User, &fa)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/facilities/%d?saved=1", fa.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	form := &recordForm[habeas.Facility]{Caller: c, Record: fa, Kinds: habeas.FacilityKinds, Errors: bad,
		Problem: "The place was not saved: see the fields marked below."}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "facility", view{Title: "Place of detention", Nav: "facilities", User: c, Page: form})
}
