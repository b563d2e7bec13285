package api

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

// MaxImportBytes bounds a list uploaded for import.
const MaxImportBytes = 32 << 20

// ImportReport is what an import did, or would do: the answer of
// POST /api/v1/imports.
type ImportReport struct {
	DryRun bool `json:"dry_run"`
	// Created counts the records created (or, in a preview, to create) by kind.
	Created    map[string]int `json:"created"`
	Unchanged  int            `json:"unchanged"`  // rows already in habeas as they are
	Skipped    int            `json:"skipped"`    // rows the decisions leave out
	Duplicates int            `json:"duplicates"` // rows whose person may already be there
	Matches    int            `json:"matches"`    // facility cells matched to another spelling
	// Preview lists duplicates and matches row by row ("file:line: …").
	Preview []string `json:"preview"`
	// Problems lists every bad row as "file:line: column: reason"; when
	// there are any, nothing was imported.
	Problems []string `json:"problems"`
	// Confirm, in a preview, is what the request importing the same list
	// sends as its confirm parameter.
	Confirm string `json:"confirm,omitempty"`
}

// ImportProblems is the answer (422) to a list with bad rows.
type ImportProblems struct {
	Error  errorDetail  `json:"error"`
	Report ImportReport `json:"report"`
}

// importCSV imports a list in the flat layout (docs/import.md) in two
// steps: with dry_run=true it checks everything and answers what it would
// do, changing nothing, with a confirm token; the same list sent again
// with confirm=TOKEN is imported in one transaction, which is rolled back
// (409) unless it does exactly what the preview said: the data may have
// changed in between. Nothing of the upload is kept between the two.
// The store decides who may import, inside the import's transaction.
func (s *Server) importCSV(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !slices.Contains([]string{"text/csv", "text/plain", "application/octet-stream"}, mt) {
			s.error(w, r, habeas.Errorf(habeas.EUNSUPPORTEDMEDIA, "send the list as text/csv, not %s", ct))
			return
		}
	}
	q := newQuery(r)
	dry := q.enum("dry_run", []string{"true", "false"}) == "true"
	confirm := q.str("confirm")
	enc := q.enum("encoding", importer.Encodings)
	if err := q.err(); err != nil {
		s.error(w, r, err)
		return
	}
	if enc == "" {
		enc = importer.EncodingAuto
	}
	if !dry && confirm == "" {
		s.error(w, r, habeas.Errorf(habeas.EBADREQUEST,
			"an import is previewed first: send the list with dry_run=true, then again with confirm= the preview's confirm token"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxImportBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.error(w, r, habeas.Errorf(habeas.ETOOLARGE, "the list is larger than %d MB", MaxImportBytes>>20))
		return
	} else if err != nil {
		s.error(w, r, habeas.Errorf(habeas.EBADREQUEST, "the list could not be read: %v", err))
		return
	}
	u := userOf(r)
	sum := sha256.Sum256(body)
	opt := importer.Options{DryRun: dry, Encoding: enc}
	if !dry {
		opt.Confirm = func(rep *importer.Report) error {
			if importer.PreviewToken(sum, enc, u, rep) != confirm {
				return habeas.Errorf(habeas.ECONFLICT, "the import would not do what its preview said (the list or the data changed since): nothing was imported; preview it again")
			}
			return nil
		}
	}
	rep, err := importer.ImportCSV(r.Context(), s.cfg.Services, u, "upload.csv", bytes.NewReader(body), opt)
	if errors.Is(err, importer.ErrProblems) {
		writeJSON(w, http.StatusUnprocessableEntity, ImportProblems{
			Error:  errorDetail{Code: habeas.EINVALID, Message: "the list has bad rows: nothing was imported"},
			Report: reportOf(rep)})
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := reportOf(rep)
	if dry {
		out.Confirm = importer.PreviewToken(sum, enc, u, rep)
		writeJSON(w, http.StatusOK, out)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func reportOf(rep *importer.Report) ImportReport {
	out := ImportReport{DryRun: rep.DryRun, Created: rep.Created, Unchanged: rep.Unchanged, Skipped: rep.Skipped,
		Duplicates: rep.Duplicates, Matches: rep.Matches, Preview: rep.Preview, Problems: rep.Problems}
	if out.Preview == nil {
		out.Preview = []string{}
	}
	if out.Problems == nil {
		out.Problems = []string{}
	}
	return out
}
