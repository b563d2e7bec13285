package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
	"codeberg.org/habeas/habeas/jsonrec"
)

// writeJSON answers v as JSON with status (see package reply for what it
// adds on the API's own writer). It encodes to a buffer first:
// a value that does not encode is answered as a 500, and logged, never as
// a 200 with half a body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		if aw, ok := w.(*apiWriter); ok {
			aw.log.Error("api: encode the answer", "method", aw.r.Method, "route", aw.r.Pattern, "err", err)
		}
		buf.Reset()
		buf.WriteString(`{"error":{"code":"` + habeas.EINTERNAL + `","message":"Internal error."}}` + "\n")
		status = http.StatusInternalServerError
	}
	if aw, ok := w.(*apiWriter); ok {
		// Compressed when accepted, with an ETag, 304 when the reader
		// holds it.
		reply.Write(aw.ResponseWriter, aw.r, status, "application/json; charset=utf-8", buf.Bytes())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// apiWriter is the ResponseWriter the API's handlers get: it carries what
// writeJSON needs to log a failure.
type apiWriter struct {
	http.ResponseWriter
	log *slog.Logger
	r   *http.Request
}

// Unwrap gives http.ResponseController the server's writer.
func (w *apiWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// decode reads a JSON object into v, a pointer to a struct. It rejects
// bodies over MaxBodyBytes, invalid UTF-8, and at every depth (top level,
// sentence, charges[], names[] …), naming the path of each: unknown
// fields, values of the wrong type, strings holding a lone UTF-16
// surrogate escape, a null or missing "visibility" (a record or a name is
// never public by omission; at the top level only when needVisibility),
// and trailing data.
func decode(w http.ResponseWriter, r *http.Request, v any, needVisibility bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &habeas.Error{Code: habeas.EUNSUPPORTEDMEDIA, Message: "send the body as application/json"}
		}
	}
	if aw, ok := w.(*apiWriter); ok {
		w = aw.ResponseWriter // so that the server closes the connection after a body too large
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return habeas.Errorf(habeas.ETOOLARGE, "the body is larger than %d bytes", MaxBodyBytes)
	} else if err != nil {
		return habeas.Errorf(habeas.EBADREQUEST, "could not read the body")
	}
	if !utf8.Valid(body) {
		return habeas.Errorf(habeas.EBADREQUEST, "the body is not valid UTF-8")
	}
	return jsonrec.Decode(body, v, needVisibility)
}
