package admin

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

// Importing a list of people in the flat CSV layout (docs/import.md), as
// the API does it: a preview that changes nothing, then the import of the
// same list, in one transaction, only if it does exactly what the preview
// showed. Nothing of the upload is kept on the server in between: the
// preview page carries the list back in its form (a list may name people
// who must not sit in a temporary file), and several serve processes need
// share nothing. The store decides, inside the import's transaction, what
// the importing account may write.

// maxImportList bounds a list imported through the workspace: carried
// back in the preview's form, it must fit a form (larger lists go through
// habeas import or the API).
const maxImportList = 10 << 20

// importPage is the upload form, its preview, or what the import did.
type importPage struct {
	Caller    *caller
	Encodings []string
	Encoding  string
	Name      string // the file's name, as the browser sent it
	List      string // the list, base64, carried back by the preview's form
	Token     string // the preview's confirm token
	Skip      []string
	Report    *importer.Report
	Done      bool
	Problem   string
	Errors    map[string]string
}

func (p *importPage) Err(field string) string { return p.Errors[field] }

// Rows are the preview's lines, with the row each names ("upload.csv:3")
// when it is a suspected duplicate the import may skip.
func (p *importPage) Rows() []previewRow {
	var out []previewRow
	for _, line := range p.Report.Preview {
		r := previewRow{Line: line}
		ref, rest, _ := strings.Cut(line, ": ")
		switch {
		case strings.Contains(rest, " may be the same person as "):
			// The command line's advice (a decisions file) is the box here.
			r.Ref = ref
			r.Line, _, _ = strings.Cut(line, "; merge them after the import")
		case rest == "skipped (decisions file)" && slices.Contains(p.Skip, ref):
			// Skipped as ticked: it stays ticked, to be untied.
			r.Ref, r.Line = ref, ref+": skipped, as ticked"
		}
		r.Skipped = r.Ref != "" && slices.Contains(p.Skip, r.Ref)
		out = append(out, r)
	}
	return out
}

type previewRow struct {
	Line, Ref string
	Skipped   bool
}

// Kinds are the kinds of records the import creates, in a fixed order.
func (p *importPage) Kinds() []string {
	var out []string
	for k := range p.Report.Created {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, c *caller) {
	if !c.May(habeas.EditShared) || c.Scoped() {
		s.refused(w, r, habeas.Forbidden(c.User, habeas.EditShared))
		return
	}
	s.render(w, r, http.StatusOK, "import", view{Title: "Import a list of people", Nav: "people", User: c,
		Page: &importPage{Caller: c, Encodings: importer.Encodings, Encoding: importer.EncodingAuto}})
}

// importList previews a list (a file uploaded, or the list a preview
// carried back, with the rows to skip), or imports it when the preview's
// form says so with its token.
func (s *Server) importList(w http.ResponseWriter, r *http.Request, c *caller) {
	if !c.May(habeas.EditShared) || c.Scoped() {
		s.refused(w, r, habeas.Forbidden(c.User, habeas.EditShared))
		return
	}
	p := &importPage{Caller: c, Encodings: importer.Encodings, Encoding: r.PostFormValue("encoding"), Errors: map[string]string{},
		Skip: r.PostForm["skip"]}
	if !slices.Contains(importer.Encodings, p.Encoding) {
		p.Encoding = importer.EncodingAuto
	}
	show := func(status int, title string) {
		s.render(w, r, status, "import", view{Title: title, Nav: "people", User: c, Page: p})
	}
	const again = "Import a list of people"
	list, name, bad := readList(r)
	if bad != "" {
		p.Errors["file"], p.Problem = bad, "Nothing was imported: see the field marked below."
		show(http.StatusUnprocessableEntity, again)
		return
	}
	p.Name, p.List = name, base64.StdEncoding.EncodeToString(list)
	sum := sha256.Sum256(list)
	importing := r.PostFormValue("action") == "import"
	opt := importer.Options{DryRun: !importing, Encoding: p.Encoding}
	if len(p.Skip) > 0 {
		opt.Decisions = &importer.Decisions{Skip: p.Skip}
	}
	if importing {
		token := r.PostFormValue("token")
		opt.Confirm = func(rep *importer.Report) error {
			if importer.PreviewToken(sum, p.Encoding, c.User, rep) != token {
				return habeas.Errorf(habeas.ECONFLICT, "the import would not do what its preview showed")
			}
			return nil
		}
	}
	rep, err := importer.ImportCSV(r.Context(), s.svc, c.User, "upload.csv", bytes.NewReader(list), opt)
	switch {
	case errors.Is(err, importer.ErrProblems):
		p.Report, p.Problem = rep, "The list has bad rows: nothing can be imported until they are mended."
		show(http.StatusUnprocessableEntity, again)
		return
	case habeas.ErrorCode(err) == habeas.ECONFLICT:
		// Show what importing it would do now.
		opt.DryRun, opt.Confirm = true, nil
		if rep, err = importer.ImportCSV(r.Context(), s.svc, c.User, "upload.csv", bytes.NewReader(list), opt); err != nil {
			s.refused(w, r, err)
			return
		}
		p.Report, p.Token = rep, importer.PreviewToken(sum, p.Encoding, c.User, rep)
		p.Problem = "Nothing was imported: the import would not have done what its preview showed (the rows to skip, " +
			"the list or the data changed since). Here is what it would do now."
		show(http.StatusConflict, again)
		return
	case habeas.ErrorCode(err) == habeas.EINVALID && rep == nil:
		p.Errors["file"], p.Problem = habeas.ErrorMessage(err), "Nothing was imported: see the field marked below."
		show(http.StatusUnprocessableEntity, again)
		return
	case err != nil:
		s.refused(w, r, err)
		return
	}
	p.Report, p.Done = rep, importing
	if !importing {
		p.Token = importer.PreviewToken(sum, p.Encoding, c.User, rep)
	}
	if importing {
		show(http.StatusOK, "Imported")
		return
	}
	show(http.StatusOK, "Preview of the import")
}

// readList reads the list of the form: the file chosen, else the one a
// preview carried back; or says, in a sentence, why it cannot.
func readList(r *http.Request) (list []byte, name, problem string) {
	if file, head, err := r.FormFile("file"); err == nil {
		defer file.Close()
		b, err := io.ReadAll(io.LimitReader(file, maxImportList+1))
		switch {
		case err != nil:
			return nil, "", "The file could not be read: send it again."
		case len(b) > maxImportList:
			return nil, "", fmt.Sprintf("The file is larger than %d MB: import it with habeas import or the API.", maxImportList>>20)
		case len(b) == 0:
			return nil, "", "The file is empty: choose a CSV file with a header row."
		}
		return b, head.Filename, ""
	}
	carried := r.PostFormValue("list")
	if carried == "" {
		return nil, "", "Choose a CSV file in the flat layout."
	}
	b, err := base64.StdEncoding.DecodeString(carried)
	if err != nil || len(b) > maxImportList {
		return nil, "", "The list of the preview could not be read: upload the file again."
	}
	return b, r.PostFormValue("name"), ""
}
