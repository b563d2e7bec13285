package reply

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// If-None-Match is a list of tags compared weakly, or "*".
func TestMatches(t *testing.T) {
	const tag = `"abc"`
	for _, tc := range []struct {
		lines []string
		want  bool
	}{
		{nil, false},
		{[]string{`"abc"`}, true},
		{[]string{`W/"abc"`}, true},
		{[]string{`"x", "abc"`}, true},
		{[]string{`"x"`, `"abc"`}, true},
		{[]string{`*`}, true},
		{[]string{`"abc-gzip"`}, false},
		{[]string{`abc`}, false},
		{[]string{`"ab"`}, false},
		{[]string{``}, false},
	} {
		if got := matches(tc.lines, tag); got != tc.want {
			t.Errorf("If-None-Match %q: %v, want %v", tc.lines, got, tc.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for ae, want := range map[string]bool{
		"": false, "gzip": true, "GZIP": true, "br, gzip;q=0.8": true, "gzip;q=0": false, "gzip; q=0.0": false,
		"identity": false, "*": true, "x-gzip": true, "deflate, br": false,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if ae != "" {
			r.Header.Set("Accept-Encoding", ae)
		}
		if got := AcceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", ae, got, want)
		}
	}
}

func TestAddVary(t *testing.T) {
	h := http.Header{}
	AddVary(h, "Accept-Encoding")
	AddVary(h, "accept-encoding")
	AddVary(h, "Accept-Language")
	if got := h.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding, Accept-Language" {
		t.Errorf("Vary = %q", got)
	}
}

// Write: a tag per representation, 304 for it, no tag on errors, HEAD
// without a body, small bodies sent as they are.
func TestWrite(t *testing.T) {
	big := []byte(strings.Repeat("habeas ", 200))
	send := func(method string, status int, body []byte, header ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "/", nil)
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		Write(w, r, status, "text/plain", body)
		return w
	}
	plain, gz := send("GET", 200, big), send("GET", 200, big, "Accept-Encoding", "gzip")
	if plain.Header().Get("ETag") == "" || plain.Header().Get("ETag") == gz.Header().Get("ETag") || gz.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("tags %q and %q, encoding %q", plain.Header().Get("ETag"), gz.Header().Get("ETag"), gz.Header().Get("Content-Encoding"))
	}
	if w := send("GET", 200, big, "If-None-Match", plain.Header().Get("ETag")); w.Code != 304 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "" {
		t.Errorf("304: %d, %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	if w := send("HEAD", 200, big); w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "1400" {
		t.Errorf("HEAD: %d, %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	if w := send("GET", 404, big, "If-None-Match", "*"); w.Code != 404 || w.Header().Get("ETag") != "" {
		t.Errorf("error: %d, ETag %q", w.Code, w.Header().Get("ETag"))
	}
	if w := send("POST", 200, big, "If-None-Match", "*"); w.Code != 200 {
		t.Errorf("POST with If-None-Match: %d", w.Code)
	}
	if w := send("GET", 200, []byte("small"), "Accept-Encoding", "gzip"); w.Header().Get("Content-Encoding") != "" || w.Body.String() != "small" {
		t.Errorf("small body: %q %q", w.Header().Get("Content-Encoding"), w.Body.String())
	}
	// The same bytes make the same tag in every process.
	if Tag(big) != plain.Header().Get("ETag") || Tag([]byte("other")) == Tag(big) {
		t.Error("Tag is not a function of the bytes")
	}
}
