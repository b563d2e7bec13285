package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// The figures others published (estimates), the site's settings and the
// webhooks told of alert changes: the records of the installation itself.

// estimateLists are the choices of the estimate form.
type estimateLists struct{ Qualifiers, Of []string }

var estimateChoices = estimateLists{habeas.EstimateQualifiers, []string{"political_prisoner", "prisoner_of_conscience", "at_risk"}}

// estimateForm is the list of estimates and the form of one.
type estimateForm struct {
	recordForm[habeas.Estimate]
	Choices estimateLists
	// Count is the count as the form shows it: as typed when it comes
	// back refused, "" on a new form.
	Count string
}

func (s *Server) estimates(w http.ResponseWriter, r *http.Request, c *caller) {
	f := &estimateForm{recordForm: recordForm[habeas.Estimate]{Caller: c,
		Record:  habeas.Estimate{Qualifier: habeas.EstimateAround, Of: "political_prisoner", Visibility: habeas.Internal},
		Filters: readFilters(r, "/admin/estimates", nil, true)}, Choices: estimateChoices}
	if f.Filters.Problem == "" {
		list, err := s.svc.ListEstimates(r.Context(), c.Access(), f.Filters.Country)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		f.List = list
	}
	s.render(w, r, f.Filters.status(), "estimates", view{Title: "Estimates others published", Nav: "estimates", User: c, Page: f})
}

func (s *Server) estimatePage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	e, err := s.svc.Estimate(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &estimateForm{recordForm: recordForm[habeas.Estimate]{Caller: c, Record: *e, Saved: r.URL.Query().Get("saved") != ""}, Choices: estimateChoices,
		Count: strconv.Itoa(e.Count)}
	s.render(w, r, http.StatusOK, "estimate", view{Title: "Estimate " + strconv.FormatInt(id, 10), Nav: "estimates", User: c, Page: f})
}

// saveEstimate adds an estimate (/admin/estimates) or corrects the one in
// the path; it is worded as its source words it, never computed.
func (s *Server) saveEstimate(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var e habeas.Estimate
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Estimate(ctx, c.Access(), id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		e = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	e.Country = strings.ToUpper(strings.TrimSpace(f.Get("country")))
	if n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f.Get("count")), ",", "")); err != nil {
		bad["count"] = "must be a number of people, such as 350"
	} else {
		e.Count = n
	}
	e.Qualifier, e.Of = f.Get("qualifier"), f.Get("of")
	e.By, e.AsOf = strings.TrimSpace(f.Get("by")), strings.TrimSpace(f.Get("as_of"))
	e.Counter, e.CounterBy = strings.TrimSpace(f.Get("counter")), strings.TrimSpace(f.Get("counter_by"))
	e.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := e.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this estimate"
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateEstimate(ctx, c.User, &e)
		} else {
			err = s.svc.CreateEstimate(ctx, c.User, &e)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/estimates/%d?saved=1", e.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	form := &estimateForm{recordForm: recordForm[habeas.Estimate]{Caller: c, Record: e, Errors: bad,
		Problem: "The estimate was not saved: see the fields marked below."}, Choices: estimateChoices, Count: f.Get("count")}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "estimate", view{Title: "Estimate", Nav: "estimates", User: c, Page: form})
}

// settingsForm is the site's settings as their form shows them.
type settingsForm struct {
	Caller     *caller
	Settings   habeas.SiteSettings
	Thresholds *thresholdsForm // the instance's
	Languages  string          // "en, az, ru", the main one first
	Errors     map[string]string
	Problem    string
	Saved      bool
}

func (f *settingsForm) Err(field string) string { return f.Errors[field] }

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, c *caller) {
	if !c.May(habeas.ManageInstallation) {
		s.refused(w, r, habeas.Forbidden(c.User, habeas.ManageInstallation))
		return
	}
	st, err := s.svc.Settings(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := &settingsForm{Caller: c, Settings: *st, Languages: strings.Join(st.Languages, ", "), Saved: r.URL.Query().Get("saved") != ""}
	raw, err := s.svc.InstanceThresholds(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f.Thresholds = s.instanceForm(c, thresholdsOf(raw))
	f.Thresholds.Saved = r.URL.Query().Get("thresholds") == "saved"
	s.render(w, r, http.StatusOK, "settings", view{Title: "The site", Nav: "users", User: c, Page: f})
}

// instanceForm is f as the settings page shows the instance's thresholds.
func (s *Server) instanceForm(c *caller, f *thresholdsForm) *thresholdsForm {
	f.Action, f.CSRF, f.BaseWord, f.CanSave = "/admin/settings/thresholds", c.CSRF(), "the default", true
	return f
}

// saveInstanceThresholds replaces the instance's thresholds, as an admin;
// the next sweep runs the rules on every case with them.
func (s *Server) saveInstanceThresholds(w http.ResponseWriter, r *http.Request, c *caller) {
	if !c.May(habeas.ManageInstallation) {
		s.refused(w, r, habeas.Forbidden(c.User, habeas.ManageInstallation))
		return
	}
	form, th := readThresholds(r.PostForm)
	if len(form.Errors) == 0 {
		body, _ := json.Marshal(th)
		err := s.svc.SetInstanceThresholds(r.Context(), c.User, body)
		if err == nil {
			http.Redirect(w, r, "/admin/settings?thresholds=saved#clock-h", http.StatusSeeOther)
			return
		}
		if habeas.ErrorCode(err) != habeas.EINVALID {
			s.refused(w, r, err)
			return
		}
		form.Errors = habeas.ErrorFields(err)
	}
	st, err := s.svc.Settings(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	form.Problem = "The thresholds were not saved: see the fields marked below."
	f := &settingsForm{Caller: c, Settings: *st, Languages: strings.Join(st.Languages, ", "), Thresholds: s.instanceForm(c, form)}
	s.render(w, r, http.StatusUnprocessableEntity, "settings", view{Title: "The site", Nav: "users", User: c, Page: f})
}

func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, c *caller) {
	f := r.PostForm
	st := habeas.SiteSettings{Name: strings.TrimSpace(f.Get("name")), Tagline: strings.TrimSpace(f.Get("tagline")),
		LogoURL: strings.TrimSpace(f.Get("logo_url")), About: strings.TrimSpace(f.Get("about")),
		Contact: strings.TrimSpace(f.Get("contact")), DefaultCountry: strings.ToUpper(strings.TrimSpace(f.Get("default_country")))}
	for _, l := range strings.FieldsFunc(f.Get("languages"), func(r rune) bool { return r == ',' || r == ' ' }) {
		st.Languages = append(st.Languages, strings.ToLower(l))
	}
	err := s.svc.UpdateSettings(r.Context(), c.User, &st)
	if err == nil {
		http.Redirect(w, r, "/admin/settings?saved=1", http.StatusSeeOther)
		return
	}
	if !failed(err) {
		s.serverError(w, r, err)
		return
	}
	if habeas.ErrorCode(err) != habeas.EINVALID {
		s.refused(w, r, err)
		return
	}
	form := &settingsForm{Caller: c, Settings: st, Languages: f.Get("languages")}
	raw, terr := s.svc.InstanceThresholds(r.Context())
	if terr != nil {
		s.serverError(w, r, terr)
		return
	}
	form.Thresholds = s.instanceForm(c, thresholdsOf(raw))
	form.Problem, form.Errors = problem(err, "The settings were not saved: see the fields marked below.")
	s.render(w, r, statusOf(err), "settings", view{Title: "The site", Nav: "users", User: c, Page: form})
}

// webhookForm is the list of webhooks, or one with its deliveries.
type webhookForm struct {
	recordForm[habeas.Webhook]
	Severities []string
	Deliveries []habeas.Delivery
	// Secret is the new webhook's secret, shown once.
	Secret string
}

func (s *Server) webhooks(w http.ResponseWriter, r *http.Request, c *caller) {
	list, err := s.svc.Webhooks(r.Context(), c.User)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &webhookForm{recordForm: recordForm[habeas.Webhook]{Caller: c, List: list,
		Record: habeas.Webhook{Access: habeas.Internal, MinSeverity: "high", Active: true}}, Severities: habeas.AlertSeverities}
	s.render(w, r, http.StatusOK, "webhooks", view{Title: "Webhooks", Nav: "users", User: c, Page: f})
}

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	h, err := s.svc.Webhook(r.Context(), c.User, id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &webhookForm{recordForm: recordForm[habeas.Webhook]{Caller: c, Record: *h, Saved: r.URL.Query().Get("saved") != ""},
		Severities: habeas.AlertSeverities}
	if err := s.webhookDeliveries(r, c, f); err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "webhook", view{Title: "Webhook " + strconv.FormatInt(id, 10), Nav: "users", User: c, Page: f})
}

func (s *Server) webhookDeliveries(r *http.Request, c *caller, f *webhookForm) error {
	page, err := s.svc.Deliveries(r.Context(), c.User, f.Record.ID, habeas.ListOptions{Limit: 20})
	f.Deliveries = page.Items
	return err
}

// saveWebhook adds a webhook (its secret shown once, on the page that
// answers) or changes the one in the path (an empty secret keeps it).
func (s *Server) saveWebhook(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var h habeas.Webhook
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Webhook(ctx, c.User, id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		h = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	h.URL, h.Secret = strings.TrimSpace(f.Get("url")), strings.TrimSpace(f.Get("secret"))
	h.MinSeverity, h.Country = f.Get("min_severity"), strings.ToUpper(strings.TrimSpace(f.Get("country")))
	h.Active = f.Get("active") != ""
	h.OrganizationID = 0
	if v := strings.TrimSpace(f.Get("organization_id")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			bad["organization_id"] = "must be an organization's number, or empty"
		}
		h.OrganizationID = n
	}
	if err := h.Access.UnmarshalText([]byte(f.Get("access"))); err != nil {
		bad["access"] = "choose what the webhook is told"
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateWebhook(ctx, c.User, &h)
		} else {
			err = s.svc.CreateWebhook(ctx, c.User, &h)
		}
		switch {
		case err == nil && existing:
			http.Redirect(w, r, fmt.Sprintf("/admin/webhooks/%d?saved=1", h.ID), http.StatusSeeOther)
			return
		case err == nil:
			// The secret is shown once, on this answer, never again.
			page := &webhookForm{recordForm: recordForm[habeas.Webhook]{Caller: c, Record: h, Saved: true},
				Severities: habeas.AlertSeverities, Secret: h.Secret}
			page.Record.Secret = ""
			s.render(w, r, http.StatusCreated, "webhook", view{Title: "Webhook " + strconv.FormatInt(h.ID, 10), Nav: "users", User: c, Page: page})
			return
		case !failed(err):
			s.serverError(w, r, err)
			return
		}
	}
	h.Secret = ""
	form := &webhookForm{recordForm: recordForm[habeas.Webhook]{Caller: c, Record: h, Errors: bad,
		Problem: "The webhook was not saved: see the fields marked below."}, Severities: habeas.AlertSeverities}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "webhook", view{Title: "Webhook", Nav: "users", User: c, Page: form})
}
