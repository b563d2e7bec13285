package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// How many stored names a lookup reads (see docs/names.md): a narrow key
// (two words of a name, or a name of one word) at most narrowRows, a
// broad key (one word) beside narrow ones only when it is rare, shared
// by at most rareRows, and a name of one word, which has broad keys only,
// at most broadRows of each. Of the people found, at most maxCandidates
// sharing most keys are scored, and broadCandidates for a name of one
// word (all its candidates share about as much: the first are as good as
// any). The names read are only those visible to the reader; whether
// the person is, PeopleOfCandidates checks for those kept, and a list of
// people by reading them at the reader's access (a name's keys
// carry the stricter of its and its person's visibility anyway).
const (
	narrowRows      = 1000
	rareRows        = 50
	broadRows       = 100
	maxCandidates   = 500
	broadCandidates = 150
)

// Candidates returns the people the reader may see whose names score at
// least min against name, best first, at most limit. It looks people up
// by the keys stored with every name, never by scanning everyone: one
// statement reads the visible names of the people sharing most keys with
// name, each key read only so far (see narrowRows), they are scored, and
// a second reads the slug and name of those kept.
func (s *Store) Candidates(ctx context.Context, a habeas.Access, name string, min float64, limit int) ([]habeas.Candidate, error) {
	out, err := s.scoreCandidates(ctx, a, name, min, limit)
	if err != nil || len(out) == 0 {
		return nil, err
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

// prefixRows bounds the rows of name_words a prefix search reads, and so
// the people it finds.
const prefixRows = 200

// PrefixPeople returns the ids of the people the reader may see whose
// visible names have words beginning as the words of q do, in any script
// (see names.Prefix), at most prefixRows of them, in no order; none when
// q is too short to search by prefix. The people are read from the words
// of the query's longest word, and for a query of several words the other
// words are looked for among all the visible words of the people found.
// Confidential names are not searched: their words are not stored (they
// would spell them).
func (s *Store) PrefixPeople(ctx context.Context, a habeas.Access, q string) ([]int64, error) {
	p, ok := names.PreparePrefix(q)
	if !ok {
		return nil, nil
	}
	ids, err := queryAll(ctx, s, s.q.PeopleByWordPrefix, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, a, p.Longest(), p.Longest()+"~", prefixRows)
	if err != nil || p.Words() == 1 || len(ids) == 0 {
		return ids, err
	}
	ib, _ := json.Marshal(ids)
	words := map[int64][]string{}
	if _, err := queryAll(ctx, s, s.q.WordsOfPeople, func(r scanner) (struct{}, error) {
		var id int64
		var w string
		err := r.Scan(&id, &w)
		words[id] = append(words[id], w)
		return struct{}{}, err
	}, a, string(ib)); err != nil {
		return nil, err
	}
	kept := ids[:0]
	for _, id := range ids {
		if p.MatchSounds(words[id]) {
			kept = append(kept, id)
		}
	}
	return kept, nil
}

// scoreCandidates is Candidates without the slugs and display names:
// the candidates' ids, scores and matched names (see Candidates).
func (s *Store) scoreCandidates(ctx context.Context, a habeas.Access, name string, min float64, limit int) ([]habeas.Candidate, error) {
	q := names.Prepare(name)
	narrow, broad := q.Lookup()
	if len(narrow)+len(broad) == 0 {
		return nil, nil
	}
	if a >= habeas.Confidential {
		// Confidential names are found by keyed hashes of their keys.
		for _, k := range narrow {
			narrow = append(narrow, s.seal.hashNameKey(k))
		}
		for _, k := range broad {
			broad = append(broad, s.seal.hashNameKey(k))
		}
	}
	text, args := candidateNamesSQL(s, a, narrow, broad)
	type row struct {
		id   int64
		text string
	}
	var rows []row
	rs, err := s.queryShaped(ctx, text, args...)
	if err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	for rs.Next() {
		var x row
		if err := rs.Scan(&x.id, &x.text); err != nil {
			rs.Close()
			return nil, fmt.Errorf("find candidates: %w", err)
		}
		rows = append(rows, x)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
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
	return out, nil
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

// maxShapes bounds the statements readShaped keeps.
const maxShapes = 256

// queryShaped runs text on the reader pool, prepared once and kept by its
// text: a statement built in a few shapes (candidateNamesSQL: a subquery
// per key) is then not prepared on every search (a tenth of its time).
// Beyond maxShapes texts, the others are run unprepared.
func (s *Store) queryShaped(ctx context.Context, text string, args ...any) (*sql.Rows, error) {
	if st, ok := s.shapes.Load(text); ok {
		return st.(*sql.Stmt).QueryContext(ctx, args...)
	}
	n := 0
	s.shapes.Range(func(_, _ any) bool { n++; return n < maxShapes })
	if n >= maxShapes {
		return s.reader.QueryContext(ctx, text, args...)
	}
	st, err := s.reader.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	if old, loaded := s.shapes.LoadOrStore(text, st); loaded {
		st.Close()
		st = old.(*sql.Stmt)
	}
	return st.QueryContext(ctx, args...)
}

// candidateNamesSQL returns the statement reading the visible names of the
// people sharing most keys with a name (see Candidates). Each key is read
// from the primary key of name_keys with a LIMIT of its own, which one
// statement over a list of keys cannot give in SQLite (no LATERAL): the
// statement is made of one subquery per key. Its text depends only on
// how many keys of each kind there are; the keys are arguments.
func candidateNamesSQL(s *Store, a habeas.Access, narrow, broad []string) (string, []any) {
	args := []any{a}
	var b strings.Builder
	b.WriteString("WITH k AS (\n")
	part := func(key string, rows int, always bool) {
		if len(args) > 1 {
			b.WriteString("    UNION ALL\n")
		}
		args = append(args, key)
		keep := 0
		if always {
			keep = 1
		}
		fmt.Fprintf(&b, "    SELECT key, person_id, %d AS keep FROM (SELECT key, person_id FROM name_keys WHERE key = %s AND visibility <= %s LIMIT %d) AS k%d\n",
			keep, s.ph(len(args)), s.ph(1), rows, len(args))
	}
	for _, k := range narrow {
		part(k, narrowRows, true)
	}
	for _, k := range broad {
		if len(narrow) > 0 {
			part(k, rareRows+1, false) // one more row tells a rare key from a common one
		} else {
			part(k, broadRows, true)
		}
	}
	most := maxCandidates
	if len(narrow) == 0 {
		most = broadCandidates
	}
	fmt.Fprintf(&b, `), r AS (
    SELECT key, person_id, keep, COUNT(*) OVER (PARTITION BY key) AS n FROM k
), c AS (
    SELECT person_id, COUNT(DISTINCT key) AS shared FROM r WHERE keep = 1 OR n <= %d
    GROUP BY person_id ORDER BY shared DESC, person_id LIMIT %d
)
SELECT n.person_id, n.name
FROM c JOIN person_names n ON n.person_id = c.person_id AND n.visibility <= %[3]s`, rareRows, most, s.ph(1))
	return b.String(), args
}
