package store

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// maxCandidates bounds how many people sharing keys with a name are scored.
const maxCandidates = 500

// Candidates returns the people the reader may see whose names score at
// least min against name, best first, at most limit. It looks people up
// by the blocking keys stored with every name, never by scanning everyone:
// one statement reads the visible names of the people sharing most keys,
// they are scored, and a second reads the slug and name of those kept.
func (s *Store) Candidates(ctx context.Context, a habeas.Access, name string, min float64, limit int) ([]habeas.Candidate, error) {
	q := names.Prepare(name)
	keys := q.Keys()
	if len(keys) == 0 {
		return nil, nil
	}
	if a >= habeas.Confidential {
		// Confidential names are found by keyed hashes of their keys.
		for _, k := range q.Keys() {
			keys = append(keys, s.seal.hashNameKey(k))
		}
	}
	kb, _ := json.Marshal(keys)
	type row struct {
		id   int64
		text string
	}
	rows, err := queryAll(ctx, s, s.q.CandidateNames, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.text)
	}, a, string(kb), maxCandidates)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	best := map[int64]*habeas.Candidate{}
	for _, x := range rows {
		score := q.Score(s.preparedName(&x.text))
		if c, ok := best[x.id]; ok && c.Score >= score {
			continue
		}
		best[x.id] = &habeas.Candidate{PersonID: x.id, MatchedName: x.text, Score: score}
	}
	var out []habeas.Candidate
	for _, c := range best {
		if c.Score >= min {
			out = append(out, *c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].PersonID < out[j].PersonID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	if len(out) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(out))
	for i, c := range out {
		ids[i] = c.PersonID
	}
	ib, _ := json.Marshal(ids)
	type person struct {
		slug, name string
	}
	people := map[int64]person{}
	if _, err := queryAll(ctx, s, s.q.PeopleOfCandidates, func(r scanner) (struct{}, error) {
		var id int64
		var p person
		err := r.Scan(&id, &p.slug, &p.name)
		people[id] = p
		return struct{}{}, err
	}, a, string(ib)); err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, c := range out {
		p, ok := people[c.PersonID]
		if !ok {
			continue // hidden or removed between the two statements
		}
		s.seal.openText(&p.name, "people.name")
		c.Slug, c.Name = p.slug, p.name
		kept = append(kept, c)
	}
	return kept, nil
}

// preparedName opens a stored name and returns it prepared for scoring.
// Names stored in clear are prepared once per process and kept (see
// preparedNames); sealed ones are opened and prepared each time, so that
// no confidential name outlives the request in memory.
func (s *Store) preparedName(text *string) names.Name {
	if strings.HasPrefix(*text, sealedPrefix) {
		s.seal.openText(text, "person_names.name")
		return names.Prepare(*text)
	}
	return preparedNames.get(*text)
}

// preparedNames holds names prepared for scoring by their text, which is all
// that names.Prepare depends on: an entry is never stale, so it is shared by
// every store of the process and needs no invalidation when names change,
// here or in another process sharing the database. Preparing a name costs
// more than scoring it (docs/names.md), and a search scores hundreds.
var preparedNames = nameCache{max: 1 << 17}

// nameCache is a bounded map from a name's text to its prepared form. When
// full, about a quarter of it (the entries Go's map iteration happens to
// visit first) makes room, which keeps the cost of a miss constant.
type nameCache struct {
	max int
	mu  sync.RWMutex
	m   map[string]names.Name
}

func (c *nameCache) get(text string) names.Name {
	c.mu.RLock()
	n, ok := c.m[text]
	c.mu.RUnlock()
	if ok {
		return n
	}
	n = names.Prepare(text)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]names.Name)
	}
	if len(c.m) >= c.max {
		drop := c.max / 4
		for k := range c.m {
			delete(c.m, k)
			if drop--; drop == 0 {
				break
			}
		}
	}
	c.m[text] = n
	c.mu.Unlock()
	return n
}
