package store

import (
	"context"
	"encoding/json"
	"sort"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// maxCandidates bounds how many people sharing keys with a name are scored.
const maxCandidates = 500

// Candidates returns the people the reader may see whose names score at
// least min against name, best first, at most limit. It looks people up
// by the blocking keys stored with every name, never by scanning everyone.
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
	ids, err := queryAll(ctx, s, s.q.CandidateIDs, func(r scanner) (int64, error) {
		var id, shared int64
		return id, r.Scan(&id, &shared)
	}, a, string(kb), maxCandidates)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	ib, _ := json.Marshal(ids)
	type row struct {
		id               int64
		slug, name, text string
	}
	rows, err := queryAll(ctx, s, s.q.NamesOfPeople, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.slug, &x.name, &x.text)
	}, a, string(ib))
	if err != nil {
		return nil, err
	}
	best := map[int64]*habeas.Candidate{}
	for _, x := range rows {
		s.seal.openText(&x.name, "people.name")
		s.seal.openText(&x.text, "person_names.name")
		score := q.Score(names.Prepare(x.text))
		if c, ok := best[x.id]; ok && c.Score >= score {
			continue
		}
		best[x.id] = &habeas.Candidate{PersonID: x.id, Slug: x.slug, Name: x.name, MatchedName: x.text, Score: score}
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
	return out, nil
}
