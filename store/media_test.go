package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var editorConf = &habeas.User{Role: habeas.RoleEditor, Confidential: true}

// The original comes back byte for byte with the SHA-256 of its bytes;
// the copies carry none of its EXIF and are sized as they say.
func TestMediaOriginalAndCopies(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		up := &habeas.User{Email: "uploader@example.org", Role: habeas.RoleEditor}
		must(t, s.CreateUser(ctx, up))
		orig := mediatest.WithGPS(mediatest.JPEG(t, 1800, 1200))
		m := &habeas.Media{Filename: `C:\Users\lawyer\Desktop\visit.jpg`, Alt: "A man behind bars.", Caption: "Visit, May 2025.",
			Visibility: habeas.Internal}
		must(t, s.CreateMedia(ctx, up, m, orig))
		sum := sha256.Sum256(orig)
		if m.ID == 0 || m.SHA256 != hex.EncodeToString(sum[:]) || m.ContentType != media.JPEG || m.Size != int64(len(orig)) ||
			m.Width != 1800 || m.Height != 1200 || m.UploadedBy != up.ID || m.Filename != "visit.jpg" {
			t.Errorf("created %+v", m)
		}
		got, err := s.Media(ctx, habeas.Internal, m.ID)
		must(t, err)
		if got.SHA256 != m.SHA256 || got.Alt != m.Alt || got.Caption != m.Caption || got.Filename != "visit.jpg" ||
			got.UploadedBy != up.ID || len(got.Variants) != 4 || got.Variants[0] != habeas.MediaOriginal {
			t.Errorf("reads back %+v", got)
		}
		f, err := s.MediaFile(ctx, habeas.Internal, m.ID, habeas.MediaOriginal)
		must(t, err)
		if !bytes.Equal(f.Data, orig) || f.SHA256 != m.SHA256 || f.ContentType != media.JPEG {
			t.Errorf("the original does not come back byte for byte (%d bytes, %s)", len(f.Data), f.SHA256)
		}
		want := map[string][2]int{"working": {1800, 1200}, "large": {1600, 1067}, "small": {400, 267}}
		for v, size := range want {
			f, err := s.MediaFile(ctx, habeas.Internal, m.ID, v)
			must(t, err)
			if bytes.Contains(f.Data, []byte("Exif")) || bytes.Contains(f.Data, []byte(mediatest.GPSPlace)) {
				t.Errorf("the %s copy carries the original's EXIF", v)
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data))
			must(t, err)
			if cfg.Width != size[0] || cfg.Height != size[1] || f.Width != size[0] || f.Height != size[1] || f.SHA256 != m.SHA256 {
				t.Errorf("the %s copy is %d × %d (says %d × %d), want %v", v, cfg.Width, cfg.Height, f.Width, f.Height, size)
			}
		}
		if _, err := s.MediaFile(ctx, habeas.Internal, m.ID, "thumbnail"); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("an unknown variant: %v", err)
		}
	})
}

// Who sees what: an internal file is missing to the public; a public
// one shows its copies, never its original nor who uploaded it; a
// confidential one is missing without the grant, to reads and writes.
func TestMediaAccess(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		jpg := mediatest.JPEG(t, 64, 48)
		internal := &habeas.Media{Visibility: habeas.Internal}
		public := &habeas.Media{Alt: "A portrait.", Filename: "portrait.jpg", Visibility: habeas.Public}
		conf := &habeas.Media{Visibility: habeas.Confidential}
		must(t, s.CreateMedia(ctx, editor, internal, jpg))
		must(t, s.CreateMedia(ctx, editor, public, jpg))
		must(t, s.CreateMedia(ctx, editorConf, conf, mediatest.PDF("a medical report")))

		notFound := func(what string, err error) {
			t.Helper()
			if habeas.ErrorCode(err) != habeas.ENOTFOUND {
				t.Errorf("%s: %v, want not found", what, err)
			}
		}
		_, err := s.Media(ctx, habeas.Public, internal.ID)
		notFound("public reads an internal record", err)
		_, err = s.MediaFile(ctx, habeas.Public, internal.ID, "small")
		notFound("public reads an internal copy", err)
		_, err = s.MediaFile(ctx, habeas.Public, public.ID, habeas.MediaOriginal)
		notFound("public reads a public file's original", err)
		if f, err := s.MediaFile(ctx, habeas.Public, public.ID, "small"); err != nil || len(f.Data) == 0 {
			t.Errorf("public reads a public copy: %v", err)
		}
		got, err := s.Media(ctx, habeas.Public, public.ID)
		must(t, err)
		if got.Filename != "" || got.UploadedBy != 0 || len(got.Variants) != 3 || got.Alt != "A portrait." {
			t.Errorf("the public reads %+v", got)
		}
		page, err := s.ListMedia(ctx, habeas.Public, habeas.ListOptions{})
		must(t, err)
		if len(page.Items) != 1 || page.Items[0].ID != public.ID {
			t.Errorf("the public lists %+v", page.Items)
		}
		_, err = s.Media(ctx, habeas.Internal, conf.ID)
		notFound("internal reads a confidential record", err)
		_, err = s.MediaFile(ctx, habeas.Internal, conf.ID, habeas.MediaOriginal)
		notFound("internal reads a confidential original", err)
		before, err := s.Fingerprint(ctx)
		must(t, err)
		notFound("an editor without the grant updates it", s.UpdateMedia(ctx, editor, &habeas.Media{ID: conf.ID, Visibility: habeas.Internal}))
		notFound("an editor without the grant deletes it", s.DeleteMedia(ctx, editor, conf.ID))
		notFound("a missing one", s.DeleteMedia(ctx, editor, 999999))
		if err := s.CreateMedia(ctx, editor, &habeas.Media{Visibility: habeas.Confidential}, jpg); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("an editor without the grant uploads a confidential file: %v", err)
		}
		if err := s.CreateMedia(ctx, &habeas.User{Role: habeas.RoleViewer}, &habeas.Media{Visibility: habeas.Internal}, jpg); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("a viewer uploads: %v", err)
		}
		if err := s.CreateMedia(ctx, editor, &habeas.Media{Visibility: habeas.Public}, mediatest.PDF("x")); habeas.ErrorCode(err) != habeas.EINVALID ||
			habeas.ErrorFields(err)["visibility"] == "" {
			t.Errorf("a public document: %v", err)
		}
		if err := s.UpdateMedia(ctx, editorConf, &habeas.Media{ID: conf.ID, Visibility: habeas.Public}); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Errorf("a document made public: %v", err)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused write changed the database")
		}
		f, err := s.MediaFile(ctx, habeas.Confidential, conf.ID, habeas.MediaOriginal)
		must(t, err)
		if !bytes.Equal(f.Data, mediatest.PDF("a medical report")) {
			t.Error("the confidential original does not read back")
		}
	})
}

// Files refused leave nothing behind, each with its reason on "file".
func TestMediaRefusedStoresNothing(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		jpg := mediatest.JPEG(t, 64, 48)
		for name, data := range map[string][]byte{
			"GIF":            []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
			"SVG":            []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
			"text as .jpg":   []byte("hello"),
			"truncated JPEG": jpg[:len(jpg)/2],
			"oversized":      append(append([]byte{}, jpg...), make([]byte, media.MaxBytes)...),
		} {
			before, err := s.Fingerprint(ctx)
			must(t, err)
			err = s.CreateMedia(ctx, editor, &habeas.Media{Filename: "photo.jpg", Visibility: habeas.Internal}, data)
			if code := habeas.ErrorCode(err); (code != habeas.EINVALID && code != habeas.ETOOLARGE) || habeas.ErrorFields(err)["file"] == "" {
				t.Errorf("%s: %v", name, err)
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("%s: refused, but the database changed", name)
			}
		}
	})
}

// A file made confidential has its bytes sealed, and opened again when
// it is made internal; the bytes never change.
func TestMediaVisibilityChanges(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		orig := mediatest.WithGPS(mediatest.JPEG(t, 64, 48))
		m := &habeas.Media{Alt: "Alt.", Visibility: habeas.Public}
		must(t, s.CreateMedia(ctx, editorConf, m, orig))
		for _, v := range []habeas.Visibility{habeas.Confidential, habeas.Internal, habeas.Confidential, habeas.Public} {
			m.Visibility = v
			m.Caption = "Now " + v.String() + "."
			must(t, s.UpdateMedia(ctx, editorConf, m))
			got, err := s.Media(ctx, habeas.Confidential, m.ID)
			must(t, err)
			if got.Visibility != v || got.Caption != m.Caption || got.Alt != "Alt." || got.SHA256 != m.SHA256 {
				t.Errorf("made %s, reads %+v", v, got)
			}
			f, err := s.MediaFile(ctx, habeas.Confidential, m.ID, habeas.MediaOriginal)
			must(t, err)
			if !bytes.Equal(f.Data, orig) {
				t.Errorf("made %s, the original changed", v)
			}
		}
	})
}

// Key rotation re-seals the bytes of confidential files.
func TestMediaRotateKey(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			k1, k2 := storetest.Key(), storetest.Key()
			s := openKey(t, dsn, k1)
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			orig := mediatest.WithGPS(mediatest.JPEG(t, 64, 48))
			m := &habeas.Media{Alt: "Sealed alt.", Visibility: habeas.Confidential}
			must(t, s.CreateMedia(ctx, editorConf, m, orig))
			must(t, s.RotateKey(ctx, k2))
			s.Close()
			n := openKey(t, dsn, k2)
			if err := n.CheckSchema(ctx); err != nil {
				t.Fatal(err)
			}
			f, err := n.MediaFile(ctx, habeas.Confidential, m.ID, habeas.MediaOriginal)
			must(t, err)
			if !bytes.Equal(f.Data, orig) {
				t.Error("the original does not read back with the new key")
			}
			got, err := n.Media(ctx, habeas.Confidential, m.ID)
			must(t, err)
			if got.Alt != "Sealed alt." {
				t.Errorf("the alt text reads %q with the new key", got.Alt)
			}
		})
	}
}

// The bytes of a confidential file, and its text, are nowhere in the raw
// database; those of an internal one are, which shows the search sees
// them.
func TestMediaCanaryAtRest(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			const secret, seen = "MediaCanaryZq held in cell 4", "MediaInClearZq"
			must(t, s.CreateMedia(ctx, editorConf, &habeas.Media{Filename: "CanaryFileZq.pdf", Alt: "CanaryAltZq", Caption: "CanaryCaptionZq",
				Visibility: habeas.Confidential}, mediatest.PDF(secret)))
			photo := &habeas.Media{Visibility: habeas.Internal}
			must(t, s.CreateMedia(ctx, editorConf, photo, mediatest.WithGPS(mediatest.JPEG(t, 64, 48))))
			// Made confidential after it was stored in clear.
			photo.Visibility = habeas.Confidential
			must(t, s.UpdateMedia(ctx, editorConf, photo))
			must(t, s.CreateMedia(ctx, editorConf, &habeas.Media{Visibility: habeas.Internal}, mediatest.PDF(seen)))

			raw := asciiLower(rawDatabase(t, d, dsn, s))
			at := func(v string) bool {
				// pg_dump writes bytea in hexadecimal.
				return bytes.Contains(raw, asciiLower([]byte(v))) || bytes.Contains(raw, []byte(hex.EncodeToString([]byte(v))))
			}
			for _, v := range []string{secret, "CanaryFileZq", "CanaryAltZq", "CanaryCaptionZq", mediatest.GPSPlace} {
				if at(v) {
					t.Errorf("%q of a confidential file is readable at rest", v)
				}
			}
			if !at(seen) {
				t.Errorf("the bytes of an internal file are not in the raw database: is the dump empty?")
			}
		})
	}
}

// A person's photo must be an image the writer may see; a writer who
// cannot see it keeps it when replacing the person; a file that is a
// photo is not deleted.
func TestPersonPhotoWrites(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		photo := &habeas.Media{Visibility: habeas.Confidential}
		must(t, s.CreateMedia(ctx, editorConf, photo, mediatest.JPEG(t, 64, 48)))
		doc := &habeas.Media{Visibility: habeas.Internal}
		must(t, s.CreateMedia(ctx, editorConf, doc, mediatest.PDF("x")))
		p := &habeas.Person{Names: []habeas.PersonName{{Name: "Leyla Aliyeva", Kind: habeas.NamePrimary}}, Country: "AZ",
			PhotoMediaID: photo.ID}
		if err := s.CreatePerson(ctx, editor, p); habeas.ErrorCode(err) != habeas.EINVALID ||
			habeas.ErrorFields(err)["photo_media_id"] != "no media with id "+strconv.FormatInt(photo.ID, 10) {
			t.Errorf("a photo hidden from the writer: %v", err)
		}
		p.PhotoMediaID = doc.ID
		if err := s.CreatePerson(ctx, editor, p); habeas.ErrorCode(err) != habeas.EINVALID ||
			!strings.Contains(habeas.ErrorFields(err)["photo_media_id"], "not an image") {
			t.Errorf("a document as a photo: %v", err)
		}
		p.PhotoMediaID = photo.ID
		must(t, s.CreatePerson(ctx, editorConf, p))
		seen, err := s.Person(ctx, habeas.Internal, p.ID)
		must(t, err)
		if seen.PhotoMediaID != 0 {
			t.Errorf("internal reads the confidential photo's id %d", seen.PhotoMediaID)
		}
		seen.Occupation = "journalist"
		must(t, s.UpdatePerson(ctx, editor, seen))
		if got, _ := s.Person(ctx, habeas.Confidential, p.ID); got.PhotoMediaID != photo.ID {
			t.Errorf("after an update by a writer who cannot see it, the photo is %d", got.PhotoMediaID)
		}
		if err := s.DeleteMedia(ctx, editorConf, photo.ID); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("deleting a person's photo: %v", err)
		}
		p.PhotoMediaID = 0
		must(t, s.UpdatePerson(ctx, editorConf, p))
		must(t, s.DeleteMedia(ctx, editorConf, photo.ID))
	})
}
