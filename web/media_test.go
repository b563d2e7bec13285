package web_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// A person's public photo is on their page, from this site, with its alt
// text and size; its copies are served without metadata and cached by
// their hash; an internal photo, and every original, is missing.
func TestPersonPhoto(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.PersonBySlug(ctx, habeas.Confidential, demo.PersonSlug)
		if err != nil {
			t.Fatal(err)
		}
		orig := mediatest.WithGPS(mediatest.JPEG(t, 800, 1000))
		m := &habeas.Media{Alt: "Portrait in a grey jacket.", Visibility: habeas.Public}
		if err := s.CreateMedia(ctx, habeas.Operator, m, orig); err != nil {
			t.Fatal(err)
		}
		p.PhotoMediaID = m.ID
		if err := s.UpdatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		src := "/media/" + strconv.FormatInt(m.ID, 10) + "/small?h=" + m.SHA256[:16]
		body := expect(t, get(t, h, "/people/"+demo.PersonSlug), 200,
			`<img class="photo" src="`+strings.ReplaceAll(src, "&", "&amp;")+`" alt="Portrait in a grey jacket." width="400" height="500">`)
		if strings.Contains(body, "http://") && strings.Contains(body, "<img") && strings.Contains(body, `src="http`) {
			t.Error("the photo comes from another origin")
		}

		w := get(t, h, src)
		expect(t, w, 200)
		if got := w.Header().Get("Cache-Control"); !strings.Contains(got, "immutable") || !strings.Contains(got, "max-age=31536000") {
			t.Errorf("Cache-Control %q", got)
		}
		if w.Header().Get("Content-Type") != "image/jpeg" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers %v", w.Header())
		}
		if b := w.Body.Bytes(); bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte(mediatest.GPSPlace)) {
			t.Error("the public copy carries the original's EXIF")
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(w.Body.Bytes())); err != nil || cfg.Width != 400 || cfg.Height != 500 {
			t.Errorf("the small copy: %v %+v", err, cfg)
		}
		if w := get(t, h, src, "If-None-Match", w.Header().Get("Etag")); w.Code != 304 {
			t.Errorf("a cached copy asked again: %d", w.Code)
		}
		if got := get(t, h, "/media/"+strconv.FormatInt(m.ID, 10)+"/small").Header().Get("Cache-Control"); strings.Contains(got, "immutable") {
			t.Errorf("an address without the hash is cached as immutable: %q", got)
		}
		id := strconv.FormatInt(m.ID, 10)
		for _, path := range []string{"/media/" + id + "/original", "/media/" + id + "/thumbnail", "/media/999999/small", "/media/x/small"} {
			expect(t, get(t, h, path), 404)
		}

		// Made internal: gone from the page and from the public address.
		m.Visibility = habeas.Internal
		if err := s.UpdateMedia(ctx, habeas.Operator, m); err != nil {
			t.Fatal(err)
		}
		if body := expect(t, get(t, h, "/people/"+demo.PersonSlug), 200); strings.Contains(body, "/media/") {
			t.Error("the page shows an internal photo")
		}
		expect(t, get(t, h, src), 404)
		if got, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug); got.PhotoMediaID != 0 {
			t.Errorf("the public reads the id of an internal photo: %d", got.PhotoMediaID)
		}
		if got, _ := s.PersonBySlug(ctx, habeas.Internal, demo.PersonSlug); got.PhotoMediaID != m.ID {
			t.Errorf("staff read photo %d, want %d", got.PhotoMediaID, m.ID)
		}
	})
}
