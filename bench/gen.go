// Package bench makes and measures the synthetic data set of `habeas
// bench`: Generate writes a seeded, deterministic set of people, cases,
// timelines, facilities, organizations, sources and interventions in the
// habeas export format, for load tests and for trying habeas at scale.
package bench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"
)

// GenOptions says how large a set Generate makes, from which seed, and
// what "today" is for it. The same options give byte-identical files.
type GenOptions struct {
	People int // people; each has one case, about one in ten two
	// Events is the total number of timeline events; when 0,
	// EventsPerPerson × People.
	Events          int
	EventsPerPerson int
	Facilities      int
	Organizations   int
	Sources         int // when 0, one per 25 people (at least 20)
	Seed            uint64
	// Now is the day the set is generated for: nothing that has happened
	// lies after it, the silences and due dates count to it.
	Now time.Time
}

// DefaultGenOptions returns the set of SPEC §5: 100,000 people and
// 1,000,000 events.
func DefaultGenOptions() GenOptions {
	return GenOptions{
		People:          100_000,
		EventsPerPerson: 10,
		Facilities:      2_000,
		Organizations:   500,
		Seed:            1,
		Now:             time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
	}
}

// Export format of the files Generate writes.
const (
	ExportFormat  = "habeas-export"
	ExportVersion = 1
)

// GenCounts is how many records of each kind a set holds, in the order
// the files are written (and must be imported: later ones refer to
// earlier ones).
type GenCounts struct {
	Facilities    int `json:"facilities"`
	Organizations int `json:"organizations"`
	Sources       int `json:"sources"`
	People        int `json:"people"`
	Memberships   int `json:"memberships"`
	Cases         int `json:"cases"`
	Events        int `json:"events"`
	Interventions int `json:"interventions"`
}

// Manifest is the manifest.json of an export folder.
type Manifest struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Counts  GenCounts `json:"counts"`
}

// The files of an export folder, one JSON record a line.
const (
	FileFacilities    = "facilities.jsonl"
	FileOrganizations = "organizations.jsonl"
	FileSources       = "sources.jsonl"
	FilePeople        = "people.jsonl"
	FileMemberships   = "memberships.jsonl"
	FileCases         = "cases.jsonl"
	FileEvents        = "events.jsonl"
	FileInterventions = "interventions.jsonl"
	FileManifest      = "manifest.json"
)

func (o *GenOptions) check() error {
	switch {
	case o.People < 1:
		return errors.New("people must be at least 1")
	case o.Events < 0 || o.EventsPerPerson < 0:
		return errors.New("events must not be negative")
	case o.Facilities < 0 || o.Organizations < 0 || o.Sources < 0:
		return errors.New("facilities, organizations and sources must not be negative")
	case o.Now.IsZero():
		return errors.New("now is required")
	}
	return nil
}

func (o *GenOptions) totalEvents() int64 {
	if o.Events > 0 {
		return int64(o.Events)
	}
	return int64(o.EventsPerPerson) * int64(o.People)
}

func (o *GenOptions) sources() int {
	if o.Sources > 0 {
		return o.Sources
	}
	return max(20, o.People/25)
}

// Generate writes a generated set into dir (made if missing): the JSON
// Lines files and, last, manifest.json, so a folder without a manifest is
// an interrupted run. Records are streamed: memory does not grow with the
// number of people.
func Generate(dir string, opt GenOptions) (GenCounts, error) {
	if err := opt.check(); err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	manifest := filepath.Join(dir, FileManifest)
	if err := os.Remove(manifest); err != nil && !errors.Is(err, os.ErrNotExist) {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	out, err := openOutputs(dir)
	if err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	g := newGenerator(opt, out)
	err = g.run()
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	b, err := json.MarshalIndent(Manifest{Format: ExportFormat, Version: ExportVersion, Counts: g.counts}, "", "  ")
	if err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	if err := os.WriteFile(manifest, append(b, '\n'), 0o644); err != nil {
		return GenCounts{}, fmt.Errorf("generate: %w", err)
	}
	return g.counts, nil
}

// jsonl is one output file: buffered, one encoded record a line.
type jsonl struct {
	f   *os.File
	w   *bufio.Writer
	enc *json.Encoder
}

func (j *jsonl) write(v any) error { return j.enc.Encode(v) }

type outputs struct {
	facilities, organizations, sources, people, memberships, cases, events, interventions *jsonl
	all                                                                                   []*jsonl
}

func openOutputs(dir string) (*outputs, error) {
	o := &outputs{}
	for _, f := range []struct {
		p    **jsonl
		name string
	}{
		{&o.facilities, FileFacilities}, {&o.organizations, FileOrganizations}, {&o.sources, FileSources},
		{&o.people, FilePeople}, {&o.memberships, FileMemberships}, {&o.cases, FileCases},
		{&o.events, FileEvents}, {&o.interventions, FileInterventions},
	} {
		file, err := os.Create(filepath.Join(dir, f.name))
		if err != nil {
			o.close()
			return nil, err
		}
		w := bufio.NewWriterSize(file, 256<<10)
		*f.p = &jsonl{f: file, w: w, enc: json.NewEncoder(w)}
		o.all = append(o.all, *f.p)
	}
	return o, nil
}

// close flushes and closes every file, returning the first error.
func (o *outputs) close() error {
	var first error
	for _, j := range o.all {
		if err := j.w.Flush(); err != nil && first == nil {
			first = fmt.Errorf("write %s: %w", j.f.Name(), err)
		}
		if err := j.f.Close(); err != nil && first == nil {
			first = fmt.Errorf("close %s: %w", j.f.Name(), err)
		}
	}
	return first
}

// generator holds what every person's records refer to: the facilities,
// organizations and sources, which are few and kept in memory.
type generator struct {
	opt    GenOptions
	out    *outputs
	counts GenCounts
	today  day
	facs   facilityIndex
	orgs   orgIndex
	srcs   sourceIndex
}

func newGenerator(opt GenOptions, out *outputs) *generator {
	return &generator{opt: opt, out: out, today: dayOf(opt.Now)}
}

// Each kind of record draws from its own stream of the seed, so that
// changing how many facilities there are does not change every person.
const (
	streamFacilities uint64 = iota + 1
	streamOrganizations
	streamSources
	streamPeople
)

func (g *generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.opt.Seed, stream))
}

func (g *generator) run() error {
	if err := g.genFacilities(g.rng(streamFacilities)); err != nil {
		return fmt.Errorf("facilities: %w", err)
	}
	if err := g.genOrganizations(g.rng(streamOrganizations)); err != nil {
		return fmt.Errorf("organizations: %w", err)
	}
	if err := g.genSources(g.rng(streamSources)); err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	if err := g.genPeople(g.rng(streamPeople)); err != nil {
		return fmt.Errorf("people: %w", err)
	}
	return nil
}
