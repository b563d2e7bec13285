package habeas

import (
	"context"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Media is an evidence file: an image or a document, kept byte for byte
// as it was uploaded (its original), with its SHA-256 computed at ingest.
// An image also has copies without any metadata (MediaCopies) for pages.
//
// Visibility is the record's: its description (alt text, caption) and
// its copies are seen by readers with that access. The original is never
// public: only staff read it, and a confidential file's only with the
// grant. A public file is therefore an image whose copies may be shown
// on the public site; a document has no public form and is never public.
type Media struct {
	ID          int64  `json:"id"`
	SHA256      string `json:"sha256"`       // of the original, lower-case hexadecimal
	ContentType string `json:"content_type"` // of the original, read from its bytes
	Size        int64  `json:"size"`         // of the original, in bytes
	// Filename is the name the file was uploaded under, reduced to its
	// last element without control characters; only a hint, for staff.
	Filename string `json:"filename,omitempty"`
	// Width and Height of an image, in pixels.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Alt describes the image for those who cannot see it; Caption says
	// what it shows, for everyone.
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	// Variants names the copies kept, "original" first.
	Variants   []string   `json:"variants,omitempty"`
	UploadedBy int64      `json:"uploaded_by,omitempty"` // the uploader's user id
	Visibility Visibility `json:"visibility"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// MediaCopies are the variants of an image besides its original: the
// working copy at full size, and copies scaled down to fit 1600 and 400
// pixels of width. Each is decoded and encoded again: no metadata.
var MediaCopies = []string{"working", "large", "small"}

// MediaOriginal is the variant of the file as uploaded.
const MediaOriginal = "original"

// MediaFile is the bytes of one variant of a file.
type MediaFile struct {
	MediaID     int64
	SHA256      string // of the original (for the variants too)
	Variant     string
	ContentType string
	Width       int
	Height      int
	Data        []byte
}

// MediaService keeps evidence files.
type MediaService interface {
	// Media returns a file's record if the reader may see it.
	Media(ctx context.Context, a Access, id int64) (*Media, error)
	// ListMedia returns a page of the files the reader may see, by id.
	ListMedia(ctx context.Context, a Access, o ListOptions) (Page[Media], error)
	// MediaFile returns one variant of a file: the original only to staff
	// (internal access at least), a copy to any reader who may see the
	// record. A hidden file answers as a missing one.
	MediaFile(ctx context.Context, a Access, id int64, variant string) (*MediaFile, error)
	// CreateMedia takes in data as u: m's alt text, caption, filename and
	// visibility are kept, everything else is read from data and filled
	// in m.
	CreateMedia(ctx context.Context, u *User, m *Media, data []byte) error
	// UpdateMedia replaces a file's alt text, caption and visibility as u;
	// its bytes never change.
	UpdateMedia(ctx context.Context, u *User, m *Media) error
	// DeleteMedia deletes a file and its copies as u, unless a record
	// shows it (a person's photo).
	DeleteMedia(ctx context.Context, u *User, id int64) error
}

// Validate checks what a writer gives of a file: its alt text, caption,
// filename and visibility. The filename is cleaned first (see
// CleanFilename).
func (m *Media) Validate() error {
	pr := Problems{}
	m.Filename = CleanFilename(m.Filename)
	validText(pr, "alt", m.Alt, 0, 1000)
	validText(pr, "caption", m.Caption, 0, 2000)
	validVisibility(pr, "visibility", m.Visibility)
	return pr.Err("media")
}

// CleanFilename reduces an uploaded file's name to its last path element
// (either slash), without control or bidirectional characters, at most
// 200 bytes of whole characters: a name a client sent is only a hint.
func CleanFilename(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	if name == "." || name == "/" || name == ".." {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r >= '\u202a' && r <= '\u202e' ||
			r >= '\u2066' && r <= '\u2069' || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}
