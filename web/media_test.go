package web_test

import (
	"bytes"
	"context"
	"fmt"
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

// A post's cover from the media store: on the post's page while the file
// is public, with the post's alt text, caption and the copy's size, and in
// its schema.org data; gone while it is not; a document, a missing file or
// a cover given twice is refused and changes nothing; a file a post uses
// is not deleted.
func TestPostCover(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock, BaseURL: "https://site.example"})
		if err != nil {
			t.Fatal(err)
		}
		page := "/news/" + demo.NewsSlug
		post, err := s.PostBySlug(ctx, habeas.Confidential, demo.NewsSlug)
		if err != nil {
			t.Fatal(err)
		}
		m := &habeas.Media{Alt: "A courthouse.", Visibility: habeas.Public}
		if err := s.CreateMedia(ctx, habeas.Operator, m, mediatest.JPEG(t, 2000, 1000)); err != nil {
			t.Fatal(err)
		}
		doc := &habeas.Media{Filename: "letter.pdf", Visibility: habeas.Internal}
		if err := s.CreateMedia(ctx, habeas.Operator, doc, mediatest.PDF("A letter")); err != nil {
			t.Fatal(err)
		}
		fingerprint := func() string {
			f, err := s.Fingerprint(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		before := fingerprint()
		for _, tc := range []struct {
			name  string
			edit  func(p *habeas.Post)
			field string
		}{
			{"a document", func(p *habeas.Post) { p.CoverMediaID, p.CoverAlt = doc.ID, "A letter" }, "cover_media_id"},
			{"no such file", func(p *habeas.Post) { p.CoverMediaID, p.CoverAlt = 999999, "A letter" }, "cover_media_id"},
			{"two covers", func(p *habeas.Post) { p.CoverMediaID, p.CoverURL, p.CoverAlt = m.ID, "/static/x.jpg", "x" }, "cover_media_id"},
			{"no alt text", func(p *habeas.Post) { p.CoverMediaID = m.ID }, "cover_alt"},
		} {
			p := *post
			tc.edit(&p)
			if err := s.UpdatePost(ctx, habeas.Operator, &p); habeas.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v, want a problem with %s", tc.name, err, tc.field)
			}
		}
		if fingerprint() != before {
			t.Fatal("a refused cover changed the database")
		}
		// A file the writer may not see is refused in the words of a
		// missing one.
		secret := &habeas.Media{Alt: "A source's photo.", Visibility: habeas.Confidential}
		if err := s.CreateMedia(ctx, habeas.Operator, secret, mediatest.SmallJPEG()); err != nil {
			t.Fatal(err)
		}
		before = fingerprint()
		editor := &habeas.User{Role: habeas.RoleEditor}
		for _, id := range []int64{secret.ID, 999999} {
			p := *post
			p.CoverMediaID, p.CoverAlt = id, "A photo"
			want := fmt.Sprintf("no media with id %d", id)
			if got := habeas.ErrorFields(s.UpdatePost(ctx, editor, &p))["cover_media_id"]; got != want {
				t.Errorf("cover %d by an editor without the grant: %q, want %q", id, got, want)
			}
		}
		if fingerprint() != before {
			t.Fatal("a refused cover changed the database")
		}

		post.CoverMediaID, post.CoverAlt, post.CoverCaption = m.ID, "The Baku Serious Crimes Court.", "Where he was sentenced."
		if err := s.UpdatePost(ctx, habeas.Operator, post); err != nil {
			t.Fatal(err)
		}
		src := "/media/" + strconv.FormatInt(m.ID, 10) + "/large?h=" + m.SHA256[:16]
		expect(t, get(t, h, page), 200,
			`<figure class="cover"><img src="`+strings.ReplaceAll(src, "&", "&amp;")+`" alt="The Baku Serious Crimes Court." width="1600" height="800"><figcaption>Where he was sentenced.</figcaption></figure>`,
			`"image":"https://site.example`+strings.ReplaceAll(src, "&", `\u0026`)+`"`)
		expect(t, get(t, h, src), 200)
		if err := s.DeleteMedia(ctx, habeas.Operator, m.ID); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("deleting a post's cover: %v, want a conflict", err)
		}

		// Made internal: gone from the page; staff still read it.
		m.Visibility = habeas.Internal
		if err := s.UpdateMedia(ctx, habeas.Operator, m); err != nil {
			t.Fatal(err)
		}
		if body := expect(t, get(t, h, page), 200); strings.Contains(body, "/media/") || strings.Contains(body, `class="cover"`) {
			t.Error("the page shows an internal cover")
		}
		if got, _ := s.PostBySlug(ctx, habeas.Internal, demo.NewsSlug); got.CoverMediaID != m.ID {
			t.Errorf("staff read cover %d, want %d", got.CoverMediaID, m.ID)
		}
		if pub, _ := s.PostBySlug(ctx, habeas.Public, demo.NewsSlug); pub.CoverMediaID != 0 {
			t.Fatalf("the public reads the id of an internal cover: %d", pub.CoverMediaID)
		}
		// A writer who may not see the file keeps it when saving the post.
		m.Visibility = habeas.Confidential
		if err := s.UpdateMedia(ctx, habeas.Operator, m); err != nil {
			t.Fatal(err)
		}
		seen, _ := s.PostBySlug(ctx, editor.Access(), demo.NewsSlug)
		if seen.CoverMediaID != 0 || seen.CoverAlt != "" || seen.CoverCaption != "" {
			t.Fatalf("an editor without the grant reads a confidential cover: %d %q %q", seen.CoverMediaID, seen.CoverAlt, seen.CoverCaption)
		}
		seen.Summary = "Corrected."
		if err := s.UpdatePost(ctx, editor, seen); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.PostBySlug(ctx, habeas.Confidential, demo.NewsSlug); got.CoverMediaID != m.ID || got.Summary != "Corrected." ||
			got.CoverAlt != "The Baku Serious Crimes Court." || got.CoverCaption != "Where he was sentenced." {
			t.Errorf("after a save by a writer who cannot see it: cover %d %q %q, summary %q", got.CoverMediaID, got.CoverAlt, got.CoverCaption, got.Summary)
		}
	})
}
