package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas/internal/reply"
)

//go:embed static/style.css
var styleCSS []byte

// stylesheet is the site's one stylesheet, served under a name carrying a
// hash of its content so that browsers may keep it forever.
type stylesheet struct {
	name    string // style.<hash>.css
	path    string // /static/style.<hash>.css
	body    []byte
	gzipped []byte
	tag     string // the ETag of body
	gzipTag string // the ETag of gzipped
}

func newStylesheet() *stylesheet {
	sum := sha256.Sum256(styleCSS)
	st := &stylesheet{name: "style." + hex.EncodeToString(sum[:6]) + ".css", body: styleCSS}
	st.path = "/static/" + st.name
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(styleCSS)
	zw.Close()
	st.gzipped = b.Bytes()
	st.tag = reply.Tag(styleCSS)
	st.gzipTag = reply.GzipTag(st.tag)
	return st
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	st := s.static
	if r.PathValue("file") != st.name {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	reply.AddVary(h, "Accept-Encoding")
	body := st.body
	if reply.AcceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Etag", st.gzipTag)
		body = st.gzipped
	} else {
		h.Set("Etag", st.tag)
	}
	// A reader revalidating (a reload) is told nothing changed.
	if reply.NotModified(w, r) {
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
