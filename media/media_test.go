package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media/mediatest"
)

// pngHeader is a PNG signature and an IHDR declaring w × h pixels, with
// no image data: what a decompression bomb starts with.
func pngHeader(w, h uint32) []byte {
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, w)
	binary.Write(&ihdr, binary.BigEndian, h)
	ihdr.Write([]byte{8, 6, 0, 0, 0}) // 8-bit RGBA
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&out, binary.BigEndian, uint32(13))
	out.Write(ihdr.Bytes())
	binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	return out.Bytes()
}

// tinyWebP is a 1 × 1 lossless WebP.
var tinyWebP, _ = hex.DecodeString("524946461a000000574542505650384c0d0000002f0000001007101111888888fe0700")

func TestIngestRefuses(t *testing.T) {
	jpg := mediatest.JPEG(t, 64, 48)
	big := append([]byte{}, jpg...)
	big = append(big, make([]byte, MaxBytes)...)
	tests := []struct {
		name string
		data []byte
		code string
		says string
	}{
		{"empty", nil, habeas.EINVALID, "empty"},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), habeas.EINVALID, "GIF"},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), habeas.EINVALID, "not a JPEG"},
		{"text named photo.jpg", []byte("This is not a photo.\n"), habeas.EINVALID, "not a JPEG"},
		{"HTML", []byte("<!DOCTYPE html><p>hello"), habeas.EINVALID, "not a JPEG"},
		{"truncated JPEG", jpg[:len(jpg)/2], habeas.EINVALID, "not a whole JPEG"},
		{"JPEG magic only", []byte("\xff\xd8\xff\xe0"), habeas.EINVALID, "not a whole JPEG"},
		{"over the size limit", big, habeas.ETOOLARGE, "more than the"},
		{"decompression bomb", pngHeader(100_000, 100_000), habeas.EINVALID, "at most 50000000 pixels"},
		{"zero-width PNG", pngHeader(0, 10), habeas.EINVALID, ""},
		{"PNG header only", pngHeader(10, 10), habeas.EINVALID, "not a whole PNG"},
		{"truncated PDF", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), habeas.EINVALID, "not a whole PDF"},
		{"WebP header only", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), habeas.EINVALID, "not a whole WebP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Ingest(tt.data)
			if err == nil {
				t.Fatalf("taken in as %s", f.ContentType)
			}
			if got := habeas.ErrorCode(err); got != tt.code {
				t.Fatalf("code %s, want %s: %v", got, tt.code, err)
			}
			why := habeas.ErrorFields(err)["file"]
			if why == "" || !strings.Contains(why, tt.says) {
				t.Errorf("the reason on field file is %q, want it to say %q", why, tt.says)
			}
		})
	}
}

func TestIngestStripsEXIF(t *testing.T) {
	orig := mediatest.WithGPS(mediatest.JPEG(t, 2000, 1000))
	if !bytes.Contains(orig, []byte(mediatest.GPSPlace)) || !bytes.Contains(orig, []byte("Exif\x00\x00")) {
		t.Fatal("the test JPEG carries no EXIF")
	}
	if _, err := jpeg.Decode(bytes.NewReader(orig)); err != nil {
		t.Fatalf("the test JPEG does not decode: %v", err)
	}
	f, err := Ingest(orig)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(orig)
	if f.ContentType != JPEG || f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(orig)) ||
		f.Width != 2000 || f.Height != 1000 {
		t.Errorf("got %s %s %d bytes %d × %d", f.ContentType, f.SHA256, f.Size, f.Width, f.Height)
	}
	want := map[string][2]int{Working: {2000, 1000}, Large: {1600, 800}, Small: {400, 200}}
	if len(f.Copies) != len(want) {
		t.Fatalf("%d copies, want %d", len(f.Copies), len(want))
	}
	for _, c := range f.Copies {
		if bytes.Contains(c.Data, []byte("Exif")) || bytes.Contains(c.Data, []byte{0xff, 0xe1}) ||
			bytes.Contains(c.Data, []byte(mediatest.GPSPlace)) || bytes.Contains(c.Data, []byte("49.867")) {
			t.Errorf("the %s copy carries the EXIF of the original", c.Variant)
		}
		img, err := jpeg.Decode(bytes.NewReader(c.Data))
		if err != nil {
			t.Fatalf("the %s copy: %v", c.Variant, err)
		}
		b := img.Bounds()
		if w := want[c.Variant]; c.ContentType != JPEG || b.Dx() != w[0] || b.Dy() != w[1] || c.Width != w[0] || c.Height != w[1] {
			t.Errorf("the %s copy is a %s of %d × %d (says %d × %d), want %d × %d", c.Variant, c.ContentType, b.Dx(), b.Dy(), c.Width, c.Height, w[0], w[1])
		}
	}
}

func TestIngestKinds(t *testing.T) {
	small := image.NewNRGBA(image.Rect(0, 0, 300, 100)) // transparent
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, small); err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	tests := []struct {
		name   string
		data   []byte
		ct     string
		w, h   int
		copyCT string // "" when no copies
	}{
		{"transparent PNG, never upscaled", pngBuf.Bytes(), PNG, 300, 100, PNG},
		{"WebP", tinyWebP, WebP, 1, 1, PNG},
		{"small JPEG", mediatest.JPEG(t, 40, 30), JPEG, 40, 30, JPEG},
		{"PDF", pdf, PDF, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Ingest(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if f.ContentType != tt.ct || f.Width != tt.w || f.Height != tt.h {
				t.Errorf("got %s %d × %d, want %s %d × %d", f.ContentType, f.Width, f.Height, tt.ct, tt.w, tt.h)
			}
			if tt.copyCT == "" {
				if len(f.Copies) != 0 {
					t.Errorf("a document has %d copies", len(f.Copies))
				}
				return
			}
			if len(f.Copies) != 3 {
				t.Fatalf("%d copies", len(f.Copies))
			}
			for _, c := range f.Copies {
				if c.ContentType != tt.copyCT || c.Width != tt.w || c.Height != tt.h {
					t.Errorf("the %s copy is a %s of %d × %d", c.Variant, c.ContentType, c.Width, c.Height)
				}
				if _, _, err := image.Decode(bytes.NewReader(c.Data)); err != nil {
					t.Errorf("the %s copy: %v", c.Variant, err)
				}
			}
		})
	}
}

// The copies show a photo the way its EXIF orientation says, since they
// carry no EXIF to say it: a photo taken sideways (6: to be turned a
// quarter right) has its left half on top.
func TestIngestAppliesOrientation(t *testing.T) {
	red := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return r > 2*b }
	blue := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return b > 2*r }
	tests := []struct {
		o             uint16
		w, h          int
		first, second func(color.Color) bool // at the top left and the bottom right
	}{
		{1, 80, 40, red, blue},
		{3, 80, 40, blue, red},
		{6, 40, 80, red, blue},
		{8, 40, 80, blue, red},
		{2, 80, 40, blue, red},
		{0, 80, 40, red, blue},  // not an orientation: left alone
		{99, 80, 40, red, blue}, // nor this
	}
	for _, tt := range tests {
		f, err := Ingest(mediatest.WithOrientation(mediatest.HalvesJPEG(t, 80, 40), tt.o))
		if err != nil {
			t.Fatal(err)
		}
		if f.Width != tt.w || f.Height != tt.h {
			t.Errorf("orientation %d: %d × %d, want %d × %d", tt.o, f.Width, f.Height, tt.w, tt.h)
		}
		img, err := jpeg.Decode(bytes.NewReader(f.Copies[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if !tt.first(img.At(b.Min.X+3, b.Min.Y+3)) || !tt.second(img.At(b.Max.X-4, b.Max.Y-4)) {
			t.Errorf("orientation %d: the working copy is not turned as it should be", tt.o)
		}
	}
}

// EXIF that lies about its offsets is ignored, never read out of bounds.
func TestOrientationOfBrokenEXIF(t *testing.T) {
	jpg := mediatest.WithOrientation(mediatest.JPEG(t, 16, 16), 6)
	for cut := 4; cut < 40; cut++ {
		b := append([]byte{}, jpg...)
		// Claim a segment or an IFD longer than what follows.
		b[cut] = 0xff
		orientation(b)
		orientation(b[:cut])
	}
}
