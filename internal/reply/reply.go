// Package reply writes whole HTTP answers the way both the public site and
// the API need them: compressed when the reader accepts it and it is worth
// it, with an entity tag, and as 304 Not Modified when the reader already
// holds that very representation.
//
// The entity tag is a hash of the uncompressed body, with a suffix for the
// gzip coding, so every representation has its own tag (RFC 9110, section
// 8.8.3) and a tag changes exactly when the bytes do: a page that changes
// because a record changed, or because a new day changed its counters,
// gets a new tag, and a reader is never told that stale content is
// current. Several processes serving one database make the same tag for
// the same bytes.
package reply

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// MinGzip is the smallest body worth compressing: below it gzip's header
// and checksum eat most of what it saves.
const MinGzip = 512

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return zw
}}

// Write answers body with status and contentType. A 200 carries an ETag
// and is answered 304 when the request's If-None-Match names it; a body
// of MinGzip bytes or more is gzipped when the request accepts gzip. The
// header gets Vary: Accept-Encoding (added to what is there). A HEAD
// request gets the headers alone.
func Write(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	AddVary(h, "Accept-Encoding")
	gz := len(body) >= MinGzip && AcceptsGzip(r)
	if status == http.StatusOK {
		tag := Tag(body)
		if gz {
			tag = GzipTag(tag)
		}
		h.Set("Etag", tag)
		if NotModified(w, r) {
			return
		}
	}
	if gz {
		zbuf := bufPool.Get().(*bytes.Buffer)
		zbuf.Reset()
		defer bufPool.Put(zbuf)
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(zbuf)
		zw.Write(body)
		zw.Close()
		gzipPool.Put(zw)
		body = zbuf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// Tag returns the strong entity tag of an uncompressed body.
func Tag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// GzipTag returns the tag of the gzipped representation of the body whose
// tag is tag.
func GzipTag(tag string) string {
	return strings.TrimSuffix(tag, `"`) + `-gzip"`
}

// NotModified answers 304 and reports true when the request is a GET or
// HEAD whose If-None-Match matches the ETag already set on w. The 304
// keeps the headers a 200 would have had that describe the
// representation (ETag, Vary, Cache-Control …) and drops those that
// describe a body.
func NotModified(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	h := w.Header()
	tag := h.Get("Etag")
	if tag == "" || !matches(r.Header.Values("If-None-Match"), tag) {
		return false
	}
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding"} {
		delete(h, k)
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// matches reports whether an If-None-Match field names tag, by the weak
// comparison GET requires (RFC 9110, section 13.1.2): W/"x" matches "x".
func matches(lines []string, tag string) bool {
	tag = strings.TrimPrefix(tag, "W/")
	for _, line := range lines {
		for part := range strings.SplitSeq(line, ",") {
			part = strings.TrimSpace(part)
			if part == "*" || strings.TrimPrefix(part, "W/") == tag {
				return true
			}
		}
	}
	return false
}

// AddVary adds name to the Vary header unless it is there already,
// keeping the header one line.
func AddVary(h http.Header, name string) {
	lines := h.Values("Vary")
	for _, line := range lines {
		for part := range strings.SplitSeq(line, ",") {
			if p := strings.TrimSpace(part); p == "*" || strings.EqualFold(p, name) {
				return
			}
		}
	}
	h.Set("Vary", strings.Join(append(lines, name), ", "))
}

// AcceptsGzip reports whether the request's Accept-Encoding allows gzip.
func AcceptsGzip(r *http.Request) bool {
	for _, line := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(line, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "gzip" && name != "x-gzip" && name != "*" {
				continue
			}
			q := strings.ReplaceAll(strings.ToLower(params), " ", "")
			if strings.HasPrefix(q, "q=") {
				if v, err := strconv.ParseFloat(q[2:], 64); err == nil && v == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

// hostRE is what a Host header may hold to be written into an address.
var hostRE = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$`)

// Origin is the site's origin for absolute addresses (feeds): base, the
// configured one, when set; else the request's host, when it is a plain
// host; else the default address.
func Origin(r *http.Request, base string) string {
	if base != "" {
		return base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if hostRE.MatchString(r.Host) {
		return scheme + "://" + r.Host
	}
	return "http://127.0.0.1:8080"
}
