package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image/jpeg"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// An upload answers the file's id and SHA-256; the original comes back
// byte for byte to staff, as an attachment; the working copy has no EXIF.
func TestMediaUpload(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		orig := mediatest.WithGPS(mediatest.JPEG(t, 640, 480))
		sum := sha256.Sum256(orig)
		up := func(who string, body string) (int, string) {
			t.Helper()
			status, got, _ := f.do(who, "POST", "/api/v1/media", body, "Content-Type", mediatest.UploadType)
			return status, got
		}
		status, got := up("editor", mediatest.Upload(orig, "../../etc/visit.jpg", "visibility", "internal", "alt", "A visit.", "caption", "May 2025."))
		if status != 201 {
			t.Fatalf("upload: %d %s", status, got)
		}
		var m struct {
			ID       int64    `json:"id"`
			SHA256   string   `json:"sha256"`
			Filename string   `json:"filename"`
			Width    int      `json:"width"`
			Variants []string `json:"variants"`
		}
		if err := json.Unmarshal([]byte(got), &m); err != nil {
			t.Fatal(err)
		}
		if m.SHA256 != hex.EncodeToString(sum[:]) || m.Filename != "visit.jpg" || m.Width != 640 || len(m.Variants) != 4 {
			t.Errorf("the upload answers %s", got)
		}
		path := "/api/v1/media/" + id(m.ID)
		status, body, h := f.do("viewer", "GET", path+"/original", "")
		if status != 200 || body != string(orig) || h.Get("Content-Type") != "image/jpeg" ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("the original: %d %q %v", status, h.Get("Content-Disposition"), h)
		}
		status, body, _ = f.do("viewer", "GET", path+"/working", "")
		if status != 200 || strings.Contains(body, "Exif") || strings.Contains(body, mediatest.GPSPlace) {
			t.Errorf("the working copy: %d, carries EXIF: %v", status, strings.Contains(body, "Exif"))
		}
		if img, err := jpeg.Decode(bytes.NewReader([]byte(body))); err != nil || img.Bounds().Dx() != 640 {
			t.Errorf("the working copy does not decode as the image: %v", err)
		}
		for _, p := range []string{path, path + "/small", path + "/original"} {
			if status, body, _ := f.do("", "GET", p, ""); status != 404 {
				t.Errorf("anonymous GET %s of an internal file: %d %s", p, status, body)
			}
		}
		// Made public: the copies are for everyone, the original still not.
		if status, body, _ := f.do("editor", "PUT", path, `{"alt":"A visit.","visibility":"public"}`); status != 200 {
			t.Fatalf("made public: %d %s", status, body)
		}
		if status, _, h := f.do("", "GET", path+"/small", ""); status != 200 || h.Get("Content-Type") != "image/jpeg" {
			t.Errorf("anonymous GET of a public copy: %d", status)
		}
		if status, _, _ := f.do("", "GET", path+"/original", ""); status != 404 {
			t.Errorf("anonymous GET of a public file's original: %d", status)
		}
		if status, body, _ := f.do("", "GET", path, ""); status != 200 || strings.Contains(body, "visit.jpg") || strings.Contains(body, `"original"`) {
			t.Errorf("anonymous GET of a public record: %d %s", status, body)
		}
		if status, _, _ := f.do("viewer", "GET", path+"/thumbnail", ""); status != 404 {
			t.Errorf("an unknown variant: %d", status)
		}

		// Confidential: missing without the grant.
		status, got = up("admin", mediatest.Upload(mediatest.PDF("report"), "report.pdf", "visibility", "confidential"))
		if status != 201 {
			t.Fatalf("confidential upload: %d %s", status, got)
		}
		json.Unmarshal([]byte(got), &m)
		for _, p := range []string{"/api/v1/media/" + id(m.ID), "/api/v1/media/" + id(m.ID) + "/original"} {
			if status, _, _ := f.do("editor", "GET", p, ""); status != 404 {
				t.Errorf("an editor without the grant GETs %s: %d", p, status)
			}
		}
		if status, body, _ := f.do("admin", "GET", "/api/v1/media/"+id(m.ID)+"/original", ""); status != 200 || body != string(mediatest.PDF("report")) {
			t.Errorf("an admin with the grant reads the confidential original: %d", status)
		}
	})
}

// What an upload is refused for, and that nothing is stored then.
func TestMediaUploadRefused(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		jpg := mediatest.SmallJPEG()
		tests := []struct {
			name, who, ct, body string
			status              int
			field               string
		}{
			{"anonymous", "", mediatest.UploadType, mediatest.Upload(jpg, "a.jpg", "visibility", "internal"), 401, ""},
			{"viewer", "viewer", mediatest.UploadType, mediatest.Upload(jpg, "a.jpg", "visibility", "internal"), 403, ""},
			{"JSON", "editor", "application/json", `{"visibility":"internal"}`, 415, ""},
			{"no visibility", "editor", mediatest.UploadType, mediatest.Upload(jpg, "a.jpg"), 422, "visibility"},
			{"no file", "editor", mediatest.UploadType, mediatest.Upload(nil, "", "visibility", "internal"), 422, "file"},
			{"GIF", "editor", mediatest.UploadType, mediatest.Upload([]byte("GIF89a\x01\x00\x01\x00;"), "a.jpg", "visibility", "internal"), 422, "file"},
			{"SVG", "editor", mediatest.UploadType, mediatest.Upload([]byte("<svg/>"), "a.png", "visibility", "internal"), 422, "file"},
			{"unknown field", "editor", mediatest.UploadType, mediatest.Upload(jpg, "a.jpg", "visibility", "internal", "gps", "40.4"), 400, "gps"},
			{"public PDF", "editor", mediatest.UploadType, mediatest.Upload(mediatest.PDF("x"), "a.pdf", "visibility", "public"), 422, "visibility"},
			{"too large", "editor", mediatest.UploadType, mediatest.Upload(append(append([]byte{}, jpg...), make([]byte, 21<<20)...), "a.jpg", "visibility", "internal"), 413, ""},
		}
		for _, tt := range tests {
			before, _ := st.Fingerprint(t.Context())
			status, got, _ := f.do(tt.who, "POST", "/api/v1/media", tt.body, "Content-Type", tt.ct)
			if status != tt.status {
				t.Errorf("%s: %d %s, want %d", tt.name, status, got, tt.status)
			}
			if tt.field != "" && !strings.Contains(got, `"`+tt.field+`":`) {
				t.Errorf("%s: the answer does not name the field %s: %s", tt.name, tt.field, got)
			}
			if after, _ := st.Fingerprint(t.Context()); after != before {
				t.Errorf("%s: refused, but the database changed", tt.name)
			}
		}
	})
}
