package web_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// Pages are kept a moment; a write through this process shows at once, a
// write by another process sharing the database within a second.
func TestPageCache(t *testing.T) {
	ctx := context.Background()
	clock := &web.MovingClock{T: demo.AsOf}
	dir := t.TempDir()
	key := storetest.Key()
	open := func() *store.Store {
		s, err := store.Open(ctx, store.Config{DSN: filepath.Join(dir, "h.db"), Key: key, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	here, other := open(), open()
	if err := demo.Load(ctx, here); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{Store: here, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	page := "/people/" + demo.PersonSlug
	expect(t, get(t, h, page), 200, "<h1>Elvin Mustafayev</h1>")

	setOccupation := func(s *store.Store, occ string) {
		p, err := s.PersonBySlug(ctx, habeas.Confidential, demo.PersonSlug)
		if err != nil {
			t.Fatal(err)
		}
		p.Occupation = occ
		if err := s.UpdatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
	}
	setOccupation(here, "Trade union organiser")
	expect(t, get(t, h, page), 200, "Trade union organiser")

	setOccupation(other, "Member of the Workers’ Table")
	refuse(t, expect(t, get(t, h, page), 200), "Member of the Workers")
	clock.Add(1500 * time.Millisecond)
	expect(t, get(t, h, page), 200, "Member of the Workers’ Table")

	// Answers other than 200 are not kept.
	expect(t, get(t, h, "/people/nobody-here"), 404)
	p := &habeas.Person{Slug: "nobody-here", Country: "AZ", Names: []habeas.PersonName{{Name: "Nobody Here", Kind: habeas.NamePrimary}}}
	if err := other.CreatePerson(ctx, habeas.Operator, p); err != nil {
		t.Fatal(err)
	}
	expect(t, get(t, h, "/people/nobody-here"), 200, "Nobody Here")

	// Compressed and plain answers are kept apart.
	gz := get(t, h, page, "Accept-Encoding", "gzip")
	plain := get(t, h, page)
	if gz.Header().Get("Content-Encoding") != "gzip" || plain.Header().Get("Content-Encoding") != "" {
		t.Errorf("encodings mixed up: %q and %q", gz.Header().Get("Content-Encoding"), plain.Header().Get("Content-Encoding"))
	}
}

// A slow page read by many at once is rendered once: the readers who ask
// while it renders wait for it and get the same page. It stays fresh for
// the TTL from when it was made, however long the render took.
func TestConcurrentReadersShareOneRender(t *testing.T) {
	clock := &web.MovingClock{T: demo.AsOf}
	st := storetest.New(t, store.SQLite, clock)
	if err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	calls := 0
	entered, release := make(chan struct{}), make(chan struct{})
	fs := failingStore{st, func(ctx context.Context) error {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			close(entered)
			<-release
			clock.Add(2 * time.Second) // a render slower than the TTL
		}
		return nil
	}}
	h, err := web.New(web.Config{Store: fs, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	bodies := make([]string, 20)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[i] = get(t, h, "/").Body.String()
		}()
	}
	<-entered
	time.Sleep(50 * time.Millisecond) // the other readers arrive while it renders
	close(release)
	wg.Wait()
	expect(t, get(t, h, "/"), 200, "People detained")
	if calls != 1 {
		t.Errorf("%d renders of one page for 21 readers; want 1", calls)
	}
	for i, b := range bodies {
		if b != bodies[0] || !strings.Contains(b, "People detained") {
			t.Errorf("reader %d got another page", i)
		}
	}
}
