// Package importer brings records into habeas in bulk and takes them out:
// the habeas export format (a folder of JSON Lines files, one per kind of
// record), read and written here. An import is one batch of the store: it
// is checked record by record as the API checks a single write, and
// commits all of it or nothing.
package importer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/jsonrec"
)

// The export format: manifest.json names it, and each kind of record has
// its own JSON Lines file, read in this order so that every reference
// points backwards. The ids in the files are references within the
// export; an import gives every record a new id.
const (
	Format        = "habeas-export"
	FormatVersion = 1
	Manifest      = "manifest.json"
)

// Files lists the record files of an export in the order they are read:
// the sources first, since records of every other file cite them.
var Files = []string{"sources.jsonl", "facilities.jsonl", "organizations.jsonl", "media.jsonl", "people.jsonl",
	"memberships.jsonl", "cases.jsonl", "events.jsonl", "interventions.jsonl", "posts.jsonl", "comments.jsonl", "tips.jsonl", "estimates.jsonl"}

// confidentialFiles are the record files only a whole export (--all)
// holds: every record of theirs is confidential, or, for media.jsonl,
// comes with its original, which is never public (see MediaDir).
var confidentialFiles = map[string]bool{"tips.jsonl": true, "media.jsonl": true}

// MediaDir is the folder of an export that holds the originals of the
// files of media.jsonl, byte for byte, each named by its record's id.
const MediaDir = "media"

// FilesFor lists the record files of an export at access a, in the order
// of Files: an export for the public has no file of confidential records,
// not even an empty one.
func FilesFor(a habeas.Access) []string {
	var out []string
	for _, name := range Files {
		if !confidentialFiles[name] || a >= habeas.Confidential {
			out = append(out, name)
		}
	}
	return out
}

// referred are the files whose records other files refer to by id.
var referred = map[string]bool{"facilities.jsonl": true, "organizations.jsonl": true, "sources.jsonl": true,
	"people.jsonl": true, "cases.jsonl": true, "posts.jsonl": true, "media.jsonl": true}

// idSet is a set of ids: a bit each for the small ones an export writes
// (1 to n), a map for others.
type idSet struct {
	bits  []uint64
	other map[int64]bool
}

const idSetBits = 1 << 26 // 8 MiB of bits at most

func (s *idSet) has(id int64) bool {
	if s == nil {
		return false
	}
	if id >= 0 && id < idSetBits {
		i := id / 64
		return int(i) < len(s.bits) && s.bits[i]&(1<<(id%64)) != 0
	}
	return s.other[id]
}

func (s *idSet) add(id int64) {
	if id >= 0 && id < idSetBits {
		i := int(id / 64)
		if i >= len(s.bits) {
			s.bits = append(s.bits, make([]uint64, i+1-len(s.bits))...)
		}
		s.bits[i] |= 1 << (id % 64)
		return
	}
	if s.other == nil {
		s.other = map[int64]bool{}
	}
	s.other[id] = true
}

// ManifestFile is the content of manifest.json.
type ManifestFile struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Counts  map[string]int `json:"counts,omitempty"`
}

// MaxProblems is how many bad records an import lists before it stops.
const MaxProblems = 100

// maxLine bounds one record of a JSON Lines file.
const maxLine = 4 << 20

// Report says what an import did, or in a dry run would do.
type Report struct {
	// Created counts the records created: by file name for an export
	// folder, by kind (CreatedPeople, …) for a flat file.
	Created  map[string]int
	Problems []string // "file:line: field: reason", at most MaxProblems
	DryRun   bool
	// What a flat import found: rows already in habeas as they are
	// (Unchanged), rows left out by the decisions file (Skipped), rows
	// whose person may already be there (Duplicates) and facility cells
	// matched by name to another spelling (Matches). Preview lists the
	// last three row by row.
	Unchanged, Skipped, Duplicates, Matches int
	Preview                                 []string
}

// Total counts the records created.
func (r *Report) Total() int {
	n := 0
	for _, c := range r.Created {
		n += c
	}
	return n
}

// ErrProblems is returned, wrapped, when an import found bad records: it
// then changed nothing.
var ErrProblems = errors.New("the import has problems; nothing was imported")

// errDryRun ends the batch of a dry run, so that it commits nothing.
var errDryRun = errors.New("dry run")

// Options tune an import.
type Options struct {
	DryRun bool
	// Encoding of the flat files: EncodingAuto (or "") detects it.
	Encoding string
	// Mapping, if set, names the columns of flat files written with other
	// names.
	Mapping *Mapping
	// Decisions, if set, overrule what a flat import would do by itself.
	Decisions *Decisions
	// Confirm, if set, is called with the report of a real import when
	// everything is checked and written, before the commit: an error rolls
	// the import back (the API refuses an import that would not do what
	// its preview said).
	Confirm func(*Report) error
	// Today is the day the timelines of stored people are read as of, to
	// tell a row already imported; zero means now.
	Today time.Time
	// Progress, if set, is called every few thousand records and at the
	// end of each file with the file and how many of its records were read.
	Progress func(file string, records int)
}

// ImportDir imports the export in dir as u, in one batch. Every bad
// record is listed in the report (up to MaxProblems) and then nothing is
// imported; a dry run checks everything and imports nothing either way.
func ImportDir(ctx context.Context, svc habeas.BatchService, u *habeas.User, dir string, opt Options) (*Report, error) {
	if err := readManifest(dir); err != nil {
		return nil, err
	}
	return inBatch(ctx, svc, u, opt, func(r *run) error { return r.dir(ctx, dir) })
}

// dir reads the record files of an export folder.
func (r *run) dir(ctx context.Context, dir string) error {
	r.ids, r.seen, r.refusedIDs = map[string]map[int64]int64{}, map[string]*idSet{}, map[string]map[int64]bool{}
	for _, name := range Files {
		if err := r.file(ctx, dir, name); err != nil {
			return err
		}
	}
	return nil
}

// inBatch runs an import in one batch: it commits what fn created unless
// a problem was found or it is a dry run.
func inBatch(ctx context.Context, svc habeas.BatchService, u *habeas.User, opt Options, fn func(*run) error) (*Report, error) {
	rep := &Report{Created: map[string]int{}, DryRun: opt.DryRun}
	err := svc.InBatch(ctx, u, func(b habeas.Batch) error {
		r := &run{b: b, rep: rep, opt: opt}
		if err := fn(r); err != nil {
			return err
		}
		if len(rep.Problems) > 0 {
			return ErrProblems
		}
		if opt.DryRun {
			return errDryRun
		}
		if opt.Confirm != nil {
			return opt.Confirm(rep) // before the commit: an error undoes it all
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if errors.Is(err, ErrProblems) || errors.Is(err, errTooMany) {
		return rep, fmt.Errorf("%w (%d listed)", ErrProblems, len(rep.Problems))
	}
	return rep, err
}

func readManifest(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, Manifest))
	if err != nil {
		return fmt.Errorf("%s is not a habeas export: %w", dir, err)
	}
	var m ManifestFile
	if err := json.Unmarshal(b, &m); err != nil || m.Format != Format {
		return fmt.Errorf("%s: not a habeas export manifest", filepath.Join(dir, Manifest))
	}
	if m.Version != FormatVersion {
		return fmt.Errorf("%s: export format version %d; this habeas reads version %d", filepath.Join(dir, Manifest), m.Version, FormatVersion)
	}
	return nil
}

// errTooMany stops an import at MaxProblems.
var errTooMany = errors.New("too many problems")

// run is one import in progress.
type run struct {
	b   habeas.Batch
	rep *Report
	opt Options
	// ids maps, per file that other files refer to, the ids of the export
	// to the ids the records got; seen holds the ids of the other files
	// (a million events need no map).
	ids  map[string]map[int64]int64
	seen map[string]*idSet
	// refusedIDs holds, per file, the ids of the records that were refused.
	refusedIDs map[string]map[int64]bool
}

// refuse notes that the record with id given in file was refused, so that
// records referring to it say so.
func (r *run) refuse(file string, given int64) {
	if r.refusedIDs[file] == nil {
		r.refusedIDs[file] = map[int64]bool{}
	}
	r.refusedIDs[file][given] = true
}

// problem records a bad record; it returns errTooMany at the limit.
func (r *run) problem(at, field, reason string) error {
	if field != "" {
		at += ": " + field
	}
	r.rep.Problems = append(r.rep.Problems, at+": "+reason)
	if len(r.rep.Problems) >= MaxProblems {
		return errTooMany
	}
	return nil
}

// refused records the problems of an error the store or the decoder gave
// for a record. Errors that are not about the record end the import.
func (r *run) refused(at string, err error) error {
	switch habeas.ErrorCode(err) {
	case habeas.EINVALID, habeas.EBADREQUEST, habeas.EFORBIDDEN:
	case habeas.ECONFLICT:
		// A conflict may have ended the transaction (PostgreSQL refuses
		// every statement after a failed one): stop here.
		r.problem(at, "", habeas.ErrorMessage(err))
		return errTooMany
	default:
		return fmt.Errorf("%s: %w", at, err)
	}
	fields := habeas.ErrorFields(err)
	if len(fields) == 0 {
		return r.problem(at, "", habeas.ErrorMessage(err))
	}
	for _, f := range slices.Sorted(maps.Keys(fields)) {
		if err := r.problem(at, f, fields[f]); err != nil {
			return err
		}
	}
	return nil
}

// file reads one record file; a file that is not there holds no records.
// One goroutine reads and decodes the records while this one creates them,
// so that decoding JSON and writing the database share the machine's cores.
func (r *run) file(ctx context.Context, dir, name string) error {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer f.Close()
	if referred[name] {
		r.ids[name] = map[int64]int64{}
	} else {
		r.seen[name] = &idSet{}
	}
	chunks := make(chan []jsonRecord, 4)
	done := make(chan struct{})
	defer close(done)
	go decodeFile(f, dir, name, r.b, chunks, done)
	n := 0
	for chunk := range chunks {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, d := range chunk {
			if d.fatal != nil {
				return d.fatal
			}
			if err := r.apply(name, d); err != nil {
				return err
			}
			n++
			if r.opt.Progress != nil && n%5000 == 0 {
				r.opt.Progress(name, n)
			}
		}
	}
	if r.opt.Progress != nil {
		r.opt.Progress(name, n)
	}
	return nil
}

// jsonRecord is one record of a file as read and decoded, to be created.
type jsonRecord struct {
	at     string
	id     *int64
	refs   []ref
	create func() error
	err    error // why the record does not decode
	given  int64 // the id of a record that does not decode, when it has one
	fatal  error // why the file cannot be read on: the last of the file
}

// decodeFile reads and decodes the records of file name from f, and sends
// them to chunks in order, some at a time, until the file ends, a line
// cannot be read, or done is closed.
func decodeFile(f io.Reader, dir, name string, b habeas.Batch, chunks chan<- []jsonRecord, done <-chan struct{}) {
	defer close(chunks)
	br := bufio.NewReaderSize(f, 1<<16)
	var chunk []jsonRecord
	send := func() bool {
		select {
		case chunks <- chunk:
			chunk = nil
			return true
		case <-done:
			return false
		}
	}
	for line := 1; ; line++ {
		text, err := readLine(br)
		if errors.Is(err, io.EOF) {
			break
		}
		at := name + ":" + strconv.Itoa(line)
		if err != nil {
			chunk = append(chunk, jsonRecord{at: at, fatal: fmt.Errorf("%s: %w", at, err)})
			break
		}
		if strings.TrimSpace(string(text)) == "" {
			continue
		}
		chunk = append(chunk, decode(at, dir, name, text, b))
		if len(chunk) == 256 && !send() {
			return
		}
	}
	if len(chunk) > 0 {
		send()
	}
}

// readLine reads one line of at most maxLine bytes, without its newline.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			return nil, fmt.Errorf("a line longer than %d bytes", maxLine)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !(errors.Is(err, io.EOF) && len(line) > 0) {
			return nil, err
		}
		return []byte(strings.TrimRight(string(line), "\r\n")), nil
	}
}

// ref is a reference of a record to another record of the export: an id
// field (0 for none) or a list of ids.
type ref struct {
	field, file string
	id          *int64
	list        *[]int64
}

// decode decodes one record of file name of the export in dir, to be
// created through b.
func decode(at, dir, name string, text []byte, b habeas.Batch) jsonRecord {
	switch name {
	case "media.jsonl":
		return decodeMedia(at, dir, text, b)
	case "facilities.jsonl":
		var v habeas.Facility
		return decodeAs(at, text, &v, &v.ID, []ref{{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs}}, func() error { return b.CreateFacility(&v) })
	case "organizations.jsonl":
		var v habeas.Organization
		return decodeAs(at, text, &v, &v.ID, []ref{{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs}}, func() error { return b.CreateOrganization(&v) })
	case "sources.jsonl":
		var v habeas.Source
		return decodeAs(at, text, &v, &v.ID, nil, func() error { return b.CreateSource(&v) })
	case "people.jsonl":
		var v habeas.Person
		return decodeAs(at, text, &v, &v.ID, []ref{{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
			{field: "photo_media_id", file: "media.jsonl", id: &v.PhotoMediaID}}, func() error { return b.CreatePerson(&v) })
	case "memberships.jsonl":
		var v habeas.Membership
		return decodeAs(at, text, &v, &v.ID, []ref{
			{field: "person_id", file: "people.jsonl", id: &v.PersonID},
			{field: "organization_id", file: "organizations.jsonl", id: &v.OrganizationID},
			{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
		}, func() error { return b.CreateMembership(&v) })
	case "cases.jsonl":
		var v habeas.Case
		return decodeAs(at, text, &v, &v.ID, []ref{
			{field: "person_id", file: "people.jsonl", id: &v.PersonID},
			{field: "facility_id", file: "facilities.jsonl", id: &v.FacilityID},
			{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
		}, func() error { return b.CreateCase(&v) })
	case "events.jsonl":
		var v habeas.Event
		return decodeAs(at, text, &v, &v.ID, []ref{
			{field: "case_id", file: "cases.jsonl", id: &v.CaseID},
			{field: "facility_id", file: "facilities.jsonl", id: &v.FacilityID},
			{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
		}, func() error { return b.CreateEvent(&v) })
	case "interventions.jsonl":
		var v habeas.Intervention
		return decodeAs(at, text, &v, &v.ID, []ref{
			{field: "case_id", file: "cases.jsonl", id: &v.CaseID},
			{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
		}, func() error { return b.CreateIntervention(&v) })
	case "posts.jsonl":
		var v habeas.Post
		d := decodeAs(at, text, &v, &v.ID, nil, func() error { return b.CreatePost(&v) })
		// The references are known once decoded: each quote cites its own.
		// An original comes before its translations in the file.
		d.refs = []ref{
			{field: "translation_of", file: "posts.jsonl", id: &v.TranslationOf},
			{field: "fact_person_id", file: "people.jsonl", id: &v.FactPersonID},
			{field: "person_ids", file: "people.jsonl", list: &v.PersonIDs},
			{field: "organization_ids", file: "organizations.jsonl", list: &v.OrganizationIDs},
			{field: "case_ids", file: "cases.jsonl", list: &v.CaseIDs},
			{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs},
			{field: "cover_media_id", file: "media.jsonl", id: &v.CoverMediaID},
		}
		for i := range v.Quotes {
			d.refs = append(d.refs, ref{field: fmt.Sprintf("quotes[%d].source_ids", i), file: "sources.jsonl", list: &v.Quotes[i].SourceIDs})
		}
		return d
	case "estimates.jsonl":
		var v habeas.Estimate
		return decodeAs(at, text, &v, &v.ID, []ref{{field: "source_ids", file: "sources.jsonl", list: &v.SourceIDs}},
			func() error { return b.CreateEstimate(&v) })
	case "comments.jsonl":
		var v habeas.Comment
		return decodeWith(at, text, &v, &v.ID, []ref{{field: "post_id", file: "posts.jsonl", id: &v.PostID}},
			func() error { return b.CreateComment(&v) }, false)
	case "tips.jsonl":
		var v habeas.Tip
		return decodeWith(at, text, &v, &v.ID, []ref{{field: "person_id", file: "people.jsonl", id: &v.PersonID}},
			func() error { return b.CreateTip(&v) }, false)
	}
	return jsonRecord{at: at, fatal: fmt.Errorf("%s: no such record file", name)}
}

// decodeAs decodes text into v, a record whose id is id and whose
// references are refs, created by create.
func decodeAs(at string, text []byte, v any, id *int64, refs []ref, create func() error) jsonRecord {
	return decodeWith(at, text, v, id, refs, create, true)
}

// decodeWith is decodeAs for a record that has a visibility of its own
// (needVisibility: it must say it) or not (a comment is as visible as its
// post, a tip always confidential).
func decodeWith(at string, text []byte, v any, id *int64, refs []ref, create func() error, needVisibility bool) jsonRecord {
	d := jsonRecord{at: at, id: id, refs: refs, create: create}
	if err := jsonrec.Decode(text, v, needVisibility); err != nil {
		var rec struct {
			ID int64 `json:"id"`
		}
		if json.Unmarshal(text, &rec) == nil {
			d.given = rec.ID
		}
		d.err = err
	}
	return d
}

// apply checks the id of a decoded record of file name, maps its
// references to the ids the records they name were given, and creates it.
func (r *run) apply(name string, d jsonRecord) error {
	at, id, refs, create := d.at, d.id, d.refs, d.create
	if d.err != nil {
		r.refuse(name, d.given) // so that the records referring to it say why
		return r.refused(at, d.err)
	}
	given := *id
	if given <= 0 {
		return r.problem(at, "id", "is required: a positive number other records of the export refer to it by")
	}
	if _, dup := r.ids[name][given]; dup || r.seen[name].has(given) {
		return r.problem(at, "id", fmt.Sprintf("%d is the id of an earlier record of %s", given, name))
	}
	var stop error
	bad := false
	mapID := func(field, file string, from int64) int64 {
		to, ok := r.ids[file][from]
		if ok {
			return to
		}
		bad = true
		reason := fmt.Sprintf("no record with id %d in %s", from, file)
		if r.refusedIDs[file][from] {
			reason = fmt.Sprintf("record %d of %s is refused (see above)", from, file)
		}
		if err := r.problem(at, field, reason); err != nil {
			stop = err
		}
		return 0
	}
	for _, rf := range refs {
		if rf.id != nil && *rf.id != 0 {
			*rf.id = mapID(rf.field, rf.file, *rf.id)
		}
		if rf.list != nil {
			for i, from := range *rf.list {
				(*rf.list)[i] = mapID(rf.field, rf.file, from)
			}
		}
	}
	if stop != nil || bad {
		r.refuse(name, given)
		return stop
	}
	*id = 0
	if err := create(); err != nil {
		r.refuse(name, given)
		return r.refused(at, err)
	}
	if referred[name] {
		r.ids[name][given] = *id
	} else {
		r.seen[name].add(given)
	}
	r.rep.Created[name]++
	return nil
}

// PreviewToken binds a preview to its list (its SHA-256) read in encoding,
// its user and what it found: an import confirmed with it must do exactly
// what was seen. It is a check, not a secret.
func PreviewToken(list [32]byte, encoding string, u *habeas.User, rep *Report) string {
	h := sha256.New()
	h.Write([]byte("habeas import preview\n"))
	h.Write(list[:])
	h.Write([]byte("\n" + encoding + "\n"))
	if u != nil {
		h.Write([]byte(strconv.FormatInt(u.ID, 10)))
	}
	found, _ := json.Marshal([]any{rep.Created, rep.Unchanged, rep.Skipped, rep.Duplicates, rep.Matches, rep.Preview})
	h.Write(found)
	return hex.EncodeToString(h.Sum(nil))[:32]
}
