package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// MovingClock is a clock a test moves by hand (the tests of package
// web_test use it too).
type MovingClock struct {
	mu sync.Mutex
	T  time.Time
}

func (c *MovingClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.T }

// Add moves the clock by d.
func (c *MovingClock) Add(d time.Duration) {
	c.mu.Lock()
	c.T = c.T.Add(d)
	c.mu.Unlock()
}

// The page cache holds a bounded number of bytes, whatever readers ask
// for: pages past their moment make room first, and a page too large to
// keep is served but not kept.
func TestPageCacheBounded(t *testing.T) {
	clock := &MovingClock{T: time.Date(2025, 5, 15, 9, 0, 0, 0, time.UTC)}
	c := newPageCache(clock, func() uint64 { return 1 })
	c.maxBytes = 64 << 10
	body := strings.Repeat("x", 3000)
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Get("big") != "" {
			w.Write([]byte(strings.Repeat("y", c.maxBytes/8)))
			return
		}
		w.Write([]byte(body))
	})
	get := func(u string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		c.serve(w, httptest.NewRequest("GET", u, nil), page)
		if w.Code != 200 {
			t.Fatalf("%s: status %d", u, w.Code)
		}
		return w
	}
	held := func() (n, bytes int) {
		c.mu.RLock()
		defer c.mu.RUnlock()
		for _, e := range c.entries {
			bytes += e.size
		}
		if bytes != c.bytes {
			t.Fatalf("the cache counts %d bytes, its entries hold %d", c.bytes, bytes)
		}
		return len(c.entries), bytes
	}

	// Many pages within one moment: never more than the budget.
	for i := range 200 {
		w := get(fmt.Sprintf("/people/p%d", i))
		if w.Body.Len() != len(body) || w.Header().Get("Content-Length") != fmt.Sprint(len(body)) {
			t.Fatalf("page %d: %d bytes, Content-Length %q", i, w.Body.Len(), w.Header().Get("Content-Length"))
		}
		if _, b := held(); b > c.maxBytes {
			t.Fatalf("after %d pages the cache holds %d bytes, more than its %d", i+1, b, c.maxBytes)
		}
	}
	n, _ := held()
	if n < 10 {
		t.Fatalf("the cache keeps %d pages of 3 KB in 64 KB", n)
	}

	// A moment later, new pages push out the stale ones, not each other:
	// as many new pages as the budget holds are all kept.
	clock.Add(2 * time.Second)
	var size int
	for _, e := range c.entries {
		size = e.size
	}
	fits := c.maxBytes/size - 1
	for i := range fits {
		get(fmt.Sprintf("/people/new%d", i))
	}
	for i := range fits {
		c.mu.RLock()
		_, ok := c.entries[c.key(httptest.NewRequest("GET", fmt.Sprintf("/people/new%d", i), nil), clock.Now())]
		c.mu.RUnlock()
		if !ok {
			t.Fatalf("new page %d of %d was pushed out while stale pages made room", i, fits)
		}
	}
	if n, _ := held(); n != fits {
		t.Errorf("the cache holds %d pages, want the %d new ones only", n, fits)
	}

	// A page of an eighth of the budget is answered whole but not kept.
	before, _ := held()
	if w := get("/people?big=1"); w.Body.Len() != c.maxBytes/8 {
		t.Fatalf("the large page has %d bytes", w.Body.Len())
	}
	if after, _ := held(); after != before {
		t.Errorf("the large page was kept: %d entries, %d before", after, before)
	}
}
