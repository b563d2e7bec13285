package api

import (
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Webhooks, told of alert changes; only admins manage them (the store
// refuses anyone else).
func (s *Server) registerWebhooks() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		if err := newQuery(r).err(); err != nil {
			s.error(w, r, err)
			return
		}
		list, err := st.Webhooks(r.Context(), userOf(r))
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, Webhooks{Items: list})
	})
	s.handle("GET", "/api/v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var h *habeas.Webhook
		if err == nil {
			h, err = st.Webhook(r.Context(), userOf(r), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, h)
	})
	s.handle("POST", "/api/v1/webhooks", func(w http.ResponseWriter, r *http.Request) {
		var h habeas.Webhook
		err := s.decodeWrite(w, r, &h, false)
		if err == nil {
			h.ID = 0
			err = st.CreateWebhook(r.Context(), userOf(r), &h)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		// The only answer that shows the secret.
		w.Header().Set("Location", "/api/v1/webhooks/"+strconv.FormatInt(h.ID, 10))
		writeJSON(w, http.StatusCreated, h)
	})
	s.handle("PUT", "/api/v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		var h habeas.Webhook
		n, err := pathID(r)
		if err == nil {
			err = s.decodeWrite(w, r, &h, false)
		}
		if err == nil {
			h.ID = n
			err = st.UpdateWebhook(r.Context(), userOf(r), &h)
		}
		var out *habeas.Webhook
		if err == nil {
			out, err = st.Webhook(r.Context(), userOf(r), n)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
	s.handle("DELETE", "/api/v1/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		n, err := pathID(r)
		if err == nil {
			err = st.DeleteWebhook(r.Context(), userOf(r), n)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.handle("GET", "/api/v1/webhooks/{id}/deliveries", func(w http.ResponseWriter, r *http.Request) {
		n, err := pathID(r)
		q := newQuery(r)
		o := q.page()
		if err == nil {
			err = q.err()
		}
		var page habeas.Page[habeas.Delivery]
		if err == nil {
			page, err = st.Deliveries(r.Context(), userOf(r), n, o)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
	})
}

// Webhooks is the answer of GET /api/v1/webhooks.
type Webhooks struct {
	Items []habeas.Webhook `json:"items"`
}
