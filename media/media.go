// Package media takes in evidence files: it decides what a file is from
// its bytes (never from its name or the type a client claims), hashes the
// original, and makes of an image the copies the public may see, decoded
// and encoded again so that nothing of the original's metadata (EXIF and
// its GPS position, XMP, IPTC, comments, colour profiles) survives. It
// does no I/O: the store keeps what it returns.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"codeberg.org/habeas/habeas"
	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// MaxBytes is the largest file taken in.
const MaxBytes = 20 << 20

// MaxPixels bounds an image's declared width × height, checked before it
// is decoded: a small file can declare an image whose pixels would not fit
// in memory (a decompression bomb).
const MaxPixels = 50_000_000

// The content types taken in.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	PDF  = "application/pdf"
)

// The copies of a file, by variant name. The original is kept byte for
// byte and is never public; an image also has a working copy (full size,
// re-encoded, no metadata) and two smaller ones for pages.
const (
	Original = "original"
	Working  = "working"
	Large    = "large"
	Small    = "small"
)

// Widths are the widths of the smaller copies: an image is scaled down to
// fit them, never up.
var Widths = map[string]int{Large: 1600, Small: 400}

// jpegQuality is the quality of the re-encoded copies of opaque images.
const jpegQuality = 85

// Copy is one re-encoded copy of an image.
type Copy struct {
	Variant     string
	ContentType string
	Width       int
	Height      int
	Data        []byte
}

// File is what Ingest makes of a file.
type File struct {
	ContentType string // of the original, as sniffed
	SHA256      string // of the original, in lower-case hexadecimal
	Size        int64  // of the original, in bytes
	// Width and Height of an image, in pixels; 0 for a document.
	Width, Height int
	// Copies are the working, large and small copies of an image; none for
	// a document, which has no public form.
	Copies []Copy
}

// IsImage reports whether a content type is one of the images taken in.
func IsImage(contentType string) bool {
	return contentType == JPEG || contentType == PNG || contentType == WebP
}

// refuse is the error for a file that is not taken in.
func refuse(format string, args ...any) error {
	return &habeas.Error{Code: habeas.EINVALID, Message: "invalid file",
		Fields: map[string]string{"file": fmt.Sprintf(format, args...)}}
}

// Sniff returns the content type of data from its first bytes, or an
// EINVALID error naming the field "file".
func Sniff(data []byte) (string, error) {
	switch {
	case len(data) == 0:
		return "", refuse("the file is empty")
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "", refuse("GIF files are not taken: send a JPEG, PNG or WebP image, or a PDF document")
	}
	return "", refuse("the file is not a JPEG, PNG or WebP image nor a PDF document (what it is was read from its content, not its name)")
}

// Ingest checks data and makes its copies. A file over MaxBytes is
// ETOOLARGE; one that is not a whole JPEG, PNG, WebP or PDF, or an image
// larger than MaxPixels, is EINVALID, naming the field "file".
func Ingest(data []byte) (*File, error) {
	if len(data) > MaxBytes {
		return nil, &habeas.Error{Code: habeas.ETOOLARGE, Message: "file too large",
			Fields: map[string]string{"file": fmt.Sprintf("the file has %d bytes, more than the %d (%d MB) taken", len(data), MaxBytes, MaxBytes>>20)}}
	}
	ct, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	f := &File{ContentType: ct, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
	if ct == PDF {
		// A PDF cut short (an upload that broke off) has no end marker
		// near its end; one whole may have a few bytes after it.
		if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
			return nil, refuse("the file is not a whole PDF document: it has no end-of-file marker")
		}
		return f, nil
	}
	img, err := decode(ct, data)
	if err != nil {
		return nil, err
	}
	if ct == JPEG {
		// The copies carry no EXIF: its orientation is applied to their
		// pixels instead.
		img = orient(img, orientation(data))
	}
	b := img.Bounds()
	f.Width, f.Height = b.Dx(), b.Dy()
	if f.Copies, err = copies(img); err != nil {
		return nil, err
	}
	return f, nil
}

// name is how messages name a content type.
var name = map[string]string{JPEG: "JPEG", PNG: "PNG", WebP: "WebP"}

// decode decodes an image after checking the size it declares.
func decode(ct string, data []byte) (image.Image, error) {
	var cfg image.Config
	var err error
	switch ct {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case PNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case WebP:
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, refuse("the file is not a whole %s image: %v", name[ct], err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, refuse("the image declares %d × %d pixels; at most %d pixels are taken", cfg.Width, cfg.Height, MaxPixels)
	}
	var img image.Image
	switch ct {
	case JPEG:
		img, err = jpeg.Decode(bytes.NewReader(data))
	case PNG:
		img, err = png.Decode(bytes.NewReader(data))
	case WebP:
		img, err = webp.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, refuse("the file is not a whole %s image: %v", name[ct], err)
	}
	return img, nil
}

// copies encodes the working copy and the smaller ones. Only pixels are
// written: the encoders of the standard library write no metadata.
func copies(img image.Image) ([]Copy, error) {
	ct := JPEG
	if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		ct = PNG // keeps transparency
	}
	working, err := encode(Working, ct, img)
	if err != nil {
		return nil, err
	}
	out := []Copy{working}
	src := img
	for _, v := range []string{Large, Small} {
		scaled := scale(src, Widths[v])
		c, err := encode(v, ct, scaled)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		src = scaled // the small copy is made from the large one: quicker, and as good
	}
	return out, nil
}

// ScaledSize returns the size of a copy of a w × h image scaled down to
// fit width: the image's own size when it is no wider.
func ScaledSize(w, h, width int) (int, int) {
	if w <= width || w <= 0 {
		return w, h
	}
	return width, max(1, int((int64(h)*int64(width)+int64(w)/2)/int64(w)))
}

// scale returns img scaled down to width (keeping its proportions), or img
// itself when it is no wider.
func scale(img image.Image, width int) image.Image {
	b := img.Bounds()
	if b.Dx() <= width {
		return img
	}
	w, h := ScaledSize(b.Dx(), b.Dy(), width)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func encode(variant, ct string, img image.Image) (Copy, error) {
	var buf bytes.Buffer
	var err error
	if ct == JPEG {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	}
	if err != nil {
		return Copy{}, fmt.Errorf("encode the %s copy: %w", variant, err)
	}
	b := img.Bounds()
	return Copy{Variant: variant, ContentType: ct, Width: b.Dx(), Height: b.Dy(), Data: buf.Bytes()}, nil
}
