package importer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
)

// Reader is what an export reads: the record services, each read at the
// export's access level.
type Reader interface {
	habeas.PersonService
	habeas.OrganizationService
	habeas.FacilityService
	habeas.CaseService
	habeas.SourceService
	habeas.PostService
	// ListEstimates is what the export needs of habeas.StatsService.
	ListEstimates(ctx context.Context, a habeas.Access, country string) ([]habeas.Estimate, error)
	habeas.CommentService
	habeas.TipService
	habeas.MediaService
}

// The formats of an export.
const (
	FormatJSON   = "json"   // the habeas export format, which ImportDir reads
	FormatCSV    = "csv"    // the flat layout: one row per person (FlatFile)
	FormatPopolo = "popolo" // persons, organizations and memberships as Popolo JSON (PopoloFile)
)

// ExportOptions tune an export.
type ExportOptions struct {
	// Access is what the export may hold: habeas.Public (the default), for
	// an export anyone may read, or habeas.Confidential, the operator's
	// whole copy, confidential records and fields included.
	Access habeas.Access
	// Format is FormatJSON (the default), FormatCSV or FormatPopolo.
	Format string
	// Today is the day a CSV export reads the timelines as of (the status
	// and facility they give); zero means now.
	Today time.Time
	// Progress, if set, is called every few thousand records and at the
	// end of each file with the file and how many records it holds.
	Progress func(file string, records int)
}

// ExportReport says what an export wrote.
type ExportReport struct {
	Access habeas.Access
	Counts map[string]int // records by file name
	// LeftOut counts the records not written because a record they need
	// was not (it was added while the export ran): an export reads the
	// records kind by kind, not in one snapshot.
	LeftOut int
	// Files lists the evidence files whose originals were written, for
	// the audit chain: which file, by its id and SHA-256.
	Files []map[string]any
}

// Total counts the records written.
func (r *ExportReport) Total() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// ExportDir writes what a reader at opt.Access sees into dir, which must
// not exist yet or be empty: an export never writes over anything. A JSON
// export is the folder ImportDir reads; its manifest is written last, so
// an export cut short is refused by the importer rather than taken for a
// whole one. On an error the files written so far are removed.
func ExportDir(ctx context.Context, r Reader, dir string, opt ExportOptions) (*ExportReport, error) {
	if !opt.Access.Valid() {
		return nil, fmt.Errorf("export: access %d is not a visibility", opt.Access)
	}
	if opt.Format == "" {
		opt.Format = FormatJSON
	}
	if opt.Format != FormatJSON && opt.Format != FormatCSV && opt.Format != FormatPopolo {
		return nil, fmt.Errorf("export: unknown format %q (want %s, %s or %s)", opt.Format, FormatJSON, FormatCSV, FormatPopolo)
	}
	made, err := emptyDir(dir, "export", "an export goes into a new or empty folder, never over another")
	if err != nil {
		return nil, err
	}
	x := &exporter{ctx: ctx, r: r, a: opt.Access, dir: dir, opt: opt,
		rep: &ExportReport{Access: opt.Access, Counts: map[string]int{}}, ids: map[string]map[int64]int64{}}
	switch opt.Format {
	case FormatCSV:
		err = x.flat()
	case FormatPopolo:
		err = x.popolo()
	default:
		err = x.all()
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		for _, name := range x.written {
			os.Remove(filepath.Join(dir, name))
		}
		os.Remove(filepath.Join(dir, MediaDir))
		if made {
			os.Remove(dir)
		}
		return nil, err
	}
	return x.rep, nil
}

// emptyDir makes sure dir is a new or empty folder, making it (readable by
// its owner only) when it does not exist; it reports whether it made it.
// what names the operation in errors, and why says why a folder in use is
// refused.
func emptyDir(dir, what, why string) (bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("%s: %w", what, err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("%s: %w", what, err)
	case len(entries) > 0:
		return false, fmt.Errorf("%s: %s is not empty: %s", what, dir, why)
	}
	return false, nil
}

// exporter is one export in progress.
type exporter struct {
	ctx context.Context
	r   Reader
	a   habeas.Access
	dir string
	opt ExportOptions
	rep *ExportReport
	// ids maps, per file, the stored ids of the records written to their
	// numbers in the export.
	ids map[string]map[int64]int64
	// cases holds the stored ids of the cases written, in their order.
	cases   []int64
	written []string
}

// all writes every file of the JSON export, then the manifest.
func (x *exporter) all() error {
	steps := map[string]func(*recordFile) error{
		"facilities.jsonl":    x.facilities,
		"organizations.jsonl": x.organizations,
		"sources.jsonl":       x.sources,
		"media.jsonl":         x.media,
		"people.jsonl":        x.people,
		"memberships.jsonl":   x.memberships,
		"cases.jsonl":         x.casesFile,
		"events.jsonl":        x.events,
		"interventions.jsonl": x.interventions,
		"posts.jsonl":         x.posts,
		"estimates.jsonl":     x.estimates,
		"comments.jsonl":      x.comments,
		"tips.jsonl":          x.tips,
	}
	for _, name := range FilesFor(x.a) {
		step := steps[name]
		if step == nil {
			return fmt.Errorf("export: no writer for %s", name)
		}
		if err := x.file(name, step); err != nil {
			return err
		}
	}
	m := ManifestFile{Format: Format, Version: FormatVersion, Counts: x.rep.Counts}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return x.writeFile(Manifest, append(b, '\n'))
}

// file writes one record file with fill.
func (x *exporter) file(name string, fill func(*recordFile) error) error {
	x.ids[name] = map[int64]int64{}
	f, err := x.create(name)
	if err != nil {
		return err
	}
	rf := &recordFile{name: name, w: bufio.NewWriterSize(f, 1<<16), progress: x.opt.Progress}
	rf.enc = json.NewEncoder(rf.w)
	rf.enc.SetEscapeHTML(false)
	err = fill(rf)
	if err == nil {
		err = rf.w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	x.rep.Counts[name] = rf.n
	if x.opt.Progress != nil {
		x.opt.Progress(name, rf.n)
	}
	return nil
}

// create makes a new file of the export, readable by its owner only.
func (x *exporter) create(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(x.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	x.written = append(x.written, name)
	return f, nil
}

// writeFile writes a whole small file of the export and makes it durable.
func (x *exporter) writeFile(name string, b []byte) error {
	f, err := x.create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	return nil
}

// recordFile is one JSON Lines file being written.
type recordFile struct {
	name     string
	w        *bufio.Writer
	enc      *json.Encoder
	n        int
	progress func(string, int)
}

// next is the number the next record of the file gets.
func (f *recordFile) next() int64 { return int64(f.n + 1) }

// put writes one record as one line.
func (f *recordFile) put(v any) error {
	if err := f.enc.Encode(v); err != nil {
		return err
	}
	f.n++
	if f.progress != nil && f.n%5000 == 0 {
		f.progress(f.name, f.n)
	}
	return nil
}

// number gives the record stored with id, the next of file f, its
// number in the export, which records written later refer to it by.
func (x *exporter) number(f *recordFile, id int64) int64 {
	n := f.next()
	x.ids[f.name][id] = n
	return n
}

// ref returns the number in the export of the record of file stored with
// id, and whether it is in the export.
func (x *exporter) ref(file string, id int64) (int64, bool) {
	n, ok := x.ids[file][id]
	return n, ok
}

// optionalRef renumbers an optional reference: 0 stays 0, and so does a
// reference to a record that is not in the export.
func (x *exporter) optionalRef(file string, id int64) int64 {
	n, _ := x.ref(file, id)
	return n
}

// refs renumbers a list of references, leaving out the records that are
// not in the export.
func (x *exporter) refs(file string, ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if n, ok := x.ref(file, id); ok {
			out = append(out, n)
		}
	}
	return out
}

// pages calls each with every item of a collection, page by page.
func pages[T any](ctx context.Context, list func(habeas.ListOptions) (habeas.Page[T], error), each func(*T) error) error {
	o := habeas.ListOptions{Limit: habeas.MaxLimit}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := list(o)
		if err != nil {
			return err
		}
		for i := range page.Items {
			if err := each(&page.Items[i]); err != nil {
				return err
			}
		}
		if page.NextCursor == "" {
			return nil
		}
		o.Cursor = page.NextCursor
	}
}

func (x *exporter) facilities(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Facility], error) {
		return x.r.ListFacilities(x.ctx, x.a, habeas.FacilityFilter{ListOptions: o})
	}, func(v *habeas.Facility) error {
		// The export holds only the sources its reader may see.
		v.SourceIDs, v.WithheldSources = x.refs("sources.jsonl", v.SourceIDs), 0
		v.ID = x.number(f, v.ID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

func (x *exporter) organizations(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Organization], error) {
		return x.r.ListOrganizations(x.ctx, x.a, habeas.OrganizationFilter{ListOptions: o})
	}, func(v *habeas.Organization) error {
		// The export holds only the sources its reader may see.
		v.SourceIDs, v.WithheldSources = x.refs("sources.jsonl", v.SourceIDs), 0
		v.ID = x.number(f, v.ID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

func (x *exporter) sources(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Source], error) {
		return x.r.ListSources(x.ctx, x.a, habeas.SourceFilter{ListOptions: o})
	}, func(v *habeas.Source) error {
		v.ID = x.number(f, v.ID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

func (x *exporter) people(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Person], error) {
		return x.r.ListPersonRecords(x.ctx, x.a, o)
	}, func(v *habeas.Person) error {
		// The export holds only the sources its reader may see.
		v.SourceIDs, v.WithheldSources = x.refs("sources.jsonl", v.SourceIDs), 0
		// A photo only when the export holds it (never a public one).
		v.PhotoMediaID = x.optionalRef("media.jsonl", v.PhotoMediaID)
		v.ID = x.number(f, v.ID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

// media writes the records of the files and, into MediaDir, their
// originals byte for byte. Who uploaded a file stays out: the accounts
// are not exported.
// Each file written is listed in the report, which the export command
// records in the audit chain.
func (x *exporter) media(f *recordFile) error {
	if err := os.Mkdir(filepath.Join(x.dir, MediaDir), 0o700); err != nil {
		return err
	}
	err := pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Media], error) {
		return x.r.ListMedia(x.ctx, x.a, o)
	}, func(v *habeas.Media) error {
		orig, err := x.r.MediaFile(x.ctx, x.a, v.ID, habeas.MediaOriginal)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			x.rep.LeftOut++ // deleted, or hidden, since it was listed
			return nil
		} else if err != nil {
			return err
		}
		x.rep.Files = append(x.rep.Files, map[string]any{"media_id": v.ID, "sha256": v.SHA256})
		v.ID = x.number(f, v.ID)
		if err := x.writeFile(filepath.Join(MediaDir, strconv.FormatInt(v.ID, 10)), orig.Data); err != nil {
			return err
		}
		v.UploadedBy, v.Variants = 0, nil
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
	if err != nil {
		return err
	}
	return syncDir(filepath.Join(x.dir, MediaDir))
}

func (x *exporter) memberships(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Membership], error) {
		return x.r.ListMemberships(x.ctx, x.a, habeas.MembershipFilter{ListOptions: o})
	}, func(v *habeas.Membership) error {
		person, ok1 := x.ref("people.jsonl", v.PersonID)
		org, ok2 := x.ref("organizations.jsonl", v.OrganizationID)
		if !ok1 || !ok2 {
			x.rep.LeftOut++
			return nil
		}
		// The export holds only the sources its reader may see.
		v.SourceIDs, v.WithheldSources = x.refs("sources.jsonl", v.SourceIDs), 0
		v.ID, v.PersonID, v.OrganizationID = f.next(), person, org
		return f.put(v)
	})
}

func (x *exporter) casesFile(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Case], error) {
		return x.r.ListCases(x.ctx, x.a, habeas.CaseFilter{ListOptions: o})
	}, func(v *habeas.Case) error {
		person, ok := x.ref("people.jsonl", v.PersonID)
		if !ok {
			x.rep.LeftOut++
			return nil
		}
		x.cases = append(x.cases, v.ID)
		v.ID, v.PersonID = x.number(f, v.ID), person
		// The export holds only the sources its reader may see.
		v.SourceIDs, v.WithheldSources = x.refs("sources.jsonl", v.SourceIDs), 0
		v.FacilityID = x.optionalRef("facilities.jsonl", v.FacilityID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

// events writes the timelines of the cases written, case by case, each in
// timeline order: one timeline in memory at a time.
func (x *exporter) events(f *recordFile) error {
	for _, stored := range x.cases {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		tl, err := x.r.Timeline(x.ctx, x.a, stored)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			continue // deleted, or made more restricted, since it was written
		} else if err != nil {
			return err
		}
		caseID, _ := x.ref("cases.jsonl", stored)
		for i := range tl {
			e := &tl[i]
			e.ID, e.CaseID = f.next(), caseID
			e.FacilityID = x.optionalRef("facilities.jsonl", e.FacilityID)
			e.SourceIDs = x.refs("sources.jsonl", e.SourceIDs)
			// The sources withheld from the export's reader are not in it:
			// to that reader the fact cites what the export holds.
			e.WithheldSources = 0
			micro(&e.CreatedAt, &e.UpdatedAt)
			if err := f.put(e); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *exporter) interventions(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Intervention], error) {
		return x.r.ListInterventions(x.ctx, x.a, habeas.InterventionFilter{ListOptions: o})
	}, func(v *habeas.Intervention) error {
		caseID, ok := x.ref("cases.jsonl", v.CaseID)
		if !ok {
			x.rep.LeftOut++
			return nil
		}
		v.ID, v.CaseID = f.next(), caseID
		v.SourceIDs = x.refs("sources.jsonl", v.SourceIDs)
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

// posts writes the posts the export's access reads (the public export:
// those published and due), originals first, then their translations.
func (x *exporter) posts(f *recordFile) error {
	for _, originals := range []bool{true, false} {
		err := pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Post], error) {
			return x.r.ListPosts(x.ctx, x.a, habeas.PostFilter{Originals: originals, ListOptions: o})
		}, func(v *habeas.Post) error {
			if (v.TranslationOf == 0) != originals {
				return nil // an original, written in the first pass
			}
			if v.TranslationOf != 0 {
				orig, ok := x.ref("posts.jsonl", v.TranslationOf)
				if !ok {
					x.rep.LeftOut++ // its original is not in the export
					return nil
				}
				v.TranslationOf = orig
			}
			v.ID = x.number(f, v.ID)
			v.FactPersonID = x.optionalRef("people.jsonl", v.FactPersonID)
			v.PersonIDs = x.refs("people.jsonl", v.PersonIDs)
			v.OrganizationIDs = x.refs("organizations.jsonl", v.OrganizationIDs)
			v.CaseIDs = x.refs("cases.jsonl", v.CaseIDs)
			v.SourceIDs = x.refs("sources.jsonl", v.SourceIDs)
			v.WithheldSources = 0
			// A cover from the media store only when the export holds
			// the file (never a public one), and its words with it.
			if v.CoverMediaID != 0 {
				if n, ok := x.ref("media.jsonl", v.CoverMediaID); ok {
					v.CoverMediaID = n
				} else {
					v.CoverMediaID, v.CoverAlt, v.CoverCaption = 0, "", ""
				}
			}
			quotes := v.Quotes[:0]
			for _, q := range v.Quotes {
				// A quote whose sources are all left out would be a
				// quote nobody is known to report: it is left out too.
				if q.SourceIDs = x.refs("sources.jsonl", q.SourceIDs); len(q.SourceIDs) > 0 {
					quotes = append(quotes, q)
				}
			}
			v.Quotes = quotes
			micro(&v.CreatedAt, &v.UpdatedAt)
			return f.put(v)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// estimates writes the estimates the export's access reads, each with the
// sources the export holds; one left with none is left out, since an
// estimate is shown only with a source that reports it.
func (x *exporter) estimates(f *recordFile) error {
	es, err := x.r.ListEstimates(x.ctx, x.a, "")
	if err != nil {
		return err
	}
	for i := len(es) - 1; i >= 0; i-- { // oldest first, as they were made
		v := &es[i]
		if v.SourceIDs = x.refs("sources.jsonl", v.SourceIDs); len(v.SourceIDs) == 0 {
			x.rep.LeftOut++
			continue
		}
		v.ID, v.WithheldSources = f.next(), 0
		micro(&v.CreatedAt, &v.UpdatedAt)
		if err := f.put(v); err != nil {
			return err
		}
	}
	return nil
}

// comments writes the comments the export's access reads: the public
// export, the approved comments of the posts it holds; a whole one, every
// comment in every state. A comment of a post left out is left out.
func (x *exporter) comments(f *recordFile) error {
	return pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Comment], error) {
		return x.r.ListComments(x.ctx, x.a, habeas.CommentFilter{ListOptions: o})
	}, func(v *habeas.Comment) error {
		post, ok := x.ref("posts.jsonl", v.PostID)
		if !ok {
			x.rep.LeftOut++
			return nil
		}
		v.ID, v.PostID = x.number(f, v.ID), post
		micro(&v.CreatedAt, &v.UpdatedAt)
		return f.put(v)
	})
}

// tips writes every tip, oldest first, in clear as the whole export holds
// every confidential field; only a whole export has them.
func (x *exporter) tips(f *recordFile) error {
	var all []habeas.Tip
	err := pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Tip], error) {
		return x.r.ListTips(x.ctx, x.a, habeas.TipFilter{ListOptions: o})
	}, func(v *habeas.Tip) error {
		all = append(all, *v)
		return nil
	})
	if err != nil {
		return err
	}
	// Listed newest first; written in the order they came, so that an
	// import of the export, exported again, gives the same file.
	for i := len(all) - 1; i >= 0; i-- {
		v := all[i]
		v.ID = x.number(f, v.ID)
		v.PersonID = x.optionalRef("people.jsonl", v.PersonID)
		micro(&v.CreatedAt, &v.UpdatedAt)
		if err := f.put(&v); err != nil {
			return err
		}
	}
	return nil
}

// micro cuts times to whole microseconds, the finest PostgreSQL keeps, so
// that an export reads the same whichever database it is imported into.
func micro(times ...*time.Time) {
	for _, t := range times {
		*t = t.Truncate(time.Microsecond)
	}
}

// syncDir makes the names in a folder durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
