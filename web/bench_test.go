package web_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// BenchmarkPages measures the public pages on the demo data, gzipped as
// browsers ask for them (see SPEC §5, public pages).
func BenchmarkPages(b *testing.B) {
	s := storetest.New(b, store.SQLite, clock)
	if err := demo.Load(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	h, err := web.New(web.Config{Store: s, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"/people/" + demo.PersonSlug, "/people", "/", "/news", "/news/" + demo.NewsSlug, "/stats", "/search?q=Mammadov"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("GET", path, nil)
				r.Header.Set("Accept-Encoding", "gzip")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("%s: status %d", path, w.Code)
				}
			}
		})
	}
}
