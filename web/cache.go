package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
)

// pageCache keeps rendered public pages for a moment ("microcaching"), so a
// page read by many at once — a person in the news — is built once a second,
// not once a reader. Every write through this process's store empties it at
// once (the store's generation changes); writes by other processes sharing
// a PostgreSQL database show within the TTL. Only public pages answered 200
// are kept: the site serves the public access level alone, so an entry never
// holds anything a reader may not see.
type pageCache struct {
	ttl time.Duration
	max int // the most entries
	// maxBytes bounds the bodies kept. A page past its moment is dropped
	// when room is needed: a list page is a quarter of a megabyte unless
	// compressed, and two thousand of them kept until the map filled held
	// 200 MB of the server's heap after a crawl.
	maxBytes int
	clock    habeas.Clock
	gen      func() uint64

	mu      sync.RWMutex
	at      uint64 // the generation the entries were made at
	entries map[string]*cachedPage
	bytes   int // the sum of the entries' sizes

	// renders lets concurrent misses of one page share one render: when
	// a page is read by hundreds at once, it is built once, not once
	// per reader.
	renders singleflight.Group
}

type cachedPage struct {
	header  http.Header
	body    []byte
	expires time.Time
	size    int // what the entry holds, roughly: key, body and header
}

func newPageCache(clock habeas.Clock, gen func() uint64) *pageCache {
	return &pageCache{ttl: time.Second, max: 2000, maxBytes: 16 << 20, clock: clock, gen: gen, entries: map[string]*cachedPage{}}
}

// cacheable reports whether a request is for a public page worth keeping.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" || len(r.URL.RawQuery) > 512 {
		return false
	}
	p := r.URL.Path
	if strings.HasSuffix(p, ".atom") {
		return false // feeds write the request's origin into their links
	}
	return p == "/" || p == "/people" || strings.HasPrefix(p, "/people/") ||
		strings.HasPrefix(p, "/organizations/") || strings.HasPrefix(p, "/facilities/") ||
		p == "/news" || strings.HasPrefix(p, "/news/") || p == "/stats" || strings.HasPrefix(p, "/stats/") || p == "/search"
}

// key tells apart what makes two answers differ: the address, compression,
// the language the reader gets (from the address, a cookie or the
// browser: see withLang), and the day (counters change at midnight).
func (c *pageCache) key(r *http.Request, now time.Time) string {
	enc := "-"
	if reply.AcceptsGzip(r) {
		enc = "gz"
	}
	return now.UTC().Format(time.DateOnly) + " " + enc + " " + langOf(r) + " " + r.URL.RequestURI()
}

// serve answers from the cache, or lets next answer and keeps the page.
func (c *pageCache) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	now := c.clock.Now()
	key := c.key(r, now)
	gen := c.gen()
	c.mu.RLock()
	e, ok := c.entries[key]
	fresh := ok && c.at == gen && now.Before(e.expires)
	c.mu.RUnlock()
	if fresh {
		h := w.Header()
		for k, v := range e.header {
			h[k] = v
		}
		if reply.NotModified(w, r) {
			return
		}
		w.WriteHeader(http.StatusOK)
		w.Write(e.body)
		return
	}
	v, _, shared := c.renders.Do(key, func() (any, error) {
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, unconditional(r))
		if rec.status == http.StatusOK {
			c.store(key, gen, rec)
		}
		return rec, nil
	})
	rec := v.(*recorder)
	if shared && rec.status != http.StatusOK {
		// Only a page answered 200 is the same for every reader; another
		// answer (the first reader hung up, say) is not theirs to get.
		rec = &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
	}
	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	if rec.status == http.StatusOK && reply.NotModified(w, r) {
		return
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}

// unconditional returns r without the header that could make the page a
// 304: what is kept must be the whole page, for every reader; each reader's
// own If-None-Match is answered from it.
func unconditional(r *http.Request) *http.Request {
	if r.Header.Get("If-None-Match") == "" {
		return r
	}
	c := *r
	c.Header = r.Header.Clone()
	c.Header.Del("If-None-Match")
	return &c
}

// store keeps a page made at generation gen, fresh for the TTL from the
// moment it was made (not from when it was asked for: a slow render would
// otherwise be stale when stored).
func (c *pageCache) store(key string, gen uint64, rec *recorder) {
	size := len(key) + rec.body.Len() + 64
	for k, v := range rec.header {
		size += len(k) + 16
		for _, s := range v {
			size += len(s)
		}
	}
	if size > c.maxBytes/16 {
		return // one page must not push out a thousand others
	}
	now := c.clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at != gen {
		c.entries, c.at, c.bytes = map[string]*cachedPage{}, gen, 0
	}
	if old, ok := c.entries[key]; ok {
		delete(c.entries, key)
		c.bytes -= old.size
	}
	if len(c.entries) >= c.max || c.bytes+size > c.maxBytes {
		for k, e := range c.entries {
			if !now.Before(e.expires) {
				delete(c.entries, k)
				c.bytes -= e.size
			}
		}
	}
	if len(c.entries) >= c.max || c.bytes+size > c.maxBytes {
		// Every page kept is still fresh: start again, so that hostile
		// query strings cannot grow the cache without bound either.
		c.entries, c.bytes = map[string]*cachedPage{}, 0
	}
	// The length is known: without it a body past 2 KB goes chunked.
	rec.header["Content-Length"] = []string{strconv.Itoa(rec.body.Len())}
	c.entries[key] = &cachedPage{header: rec.header, body: bytes.Clone(rec.body.Bytes()), expires: now.Add(c.ttl), size: size}
	c.bytes += size
}

// recorder keeps a whole answer to replay it and to cache it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.status = code }
