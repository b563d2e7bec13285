// Package mediatest makes the files the tests of evidence files upload:
// images built in memory, one with an EXIF segment holding GPS tags.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"mime/multipart"
	"testing"
)

// JPEG encodes a w × h opaque gradient.
func JPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// GPSPlace is written into the EXIF of WithGPS, as the image's
// description, beside the GPS tags: no copy of it may contain it.
const GPSPlace = "taken at 40.40930N 49.86710E"

// WithGPS puts an EXIF APP1 segment right after the SOI marker of a JPEG:
// an IFD0 with an ImageDescription and a GPS IFD with latitude and
// longitude, as a phone writes them (big-endian TIFF).
func WithGPS(jpg []byte) []byte {
	be := binary.BigEndian
	var t bytes.Buffer // the TIFF structure; offsets are from its start
	t.WriteString("MM\x00\x2a")
	binary.Write(&t, be, uint32(8))
	const ifd0, gps, lat, lon, desc = 8, 38, 92, 116, 140
	entry := func(tag, typ uint16, count, value uint32) {
		binary.Write(&t, be, tag)
		binary.Write(&t, be, typ)
		binary.Write(&t, be, count)
		binary.Write(&t, be, value)
	}
	const ascii, long, rational = 2, 4, 5
	binary.Write(&t, be, uint16(2))
	entry(0x010e, ascii, uint32(len(GPSPlace)+1), desc) // ImageDescription
	entry(0x8825, long, 1, gps)                         // GPSInfo
	binary.Write(&t, be, uint32(0))
	binary.Write(&t, be, uint16(4))
	entry(0x0001, ascii, 2, 'N'<<24) // GPSLatitudeRef, inline
	entry(0x0002, rational, 3, lat)  // GPSLatitude
	entry(0x0003, ascii, 2, 'E'<<24) // GPSLongitudeRef
	entry(0x0004, rational, 3, lon)  // GPSLongitude
	binary.Write(&t, be, uint32(0))
	for _, r := range []uint32{40, 1, 24, 1, 3348, 100, 49, 1, 52, 1, 116, 10} {
		binary.Write(&t, be, r)
	}
	t.WriteString(GPSPlace + "\x00")
	if t.Len() != desc+len(GPSPlace)+1 {
		panic("the EXIF layout is off")
	}
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	be.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// PDF returns a small whole PDF document whose text holds text.
func PDF(text string) []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
		"3 0 obj << /Length " + itoa(len(text)+2) + " >> stream\n(" + text + ")\nendstream endobj\n" +
		"trailer << /Root 1 0 R >>\n%%EOF\n")
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// UploadType is the content type of the bodies Upload makes: their
// boundary is always the same.
const UploadType = "multipart/form-data; boundary=habeas-test-boundary"

// Upload returns a multipart/form-data body holding file (as the part
// "file", named name) and the given fields, of content type UploadType.
func Upload(file []byte, name string, fields ...string) string {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("habeas-test-boundary")
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(file)
	}
	mw.Close()
	return b.String()
}

// SmallJPEG is a 32 × 24 JPEG.
func SmallJPEG() []byte {
	img := image.NewGray(image.Rect(0, 0, 32, 24))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// WithOrientation puts an EXIF APP1 segment holding only an orientation
// tag (1 to 8) right after the SOI marker of a JPEG, little-endian as
// many cameras write it.
func WithOrientation(jpg []byte, o uint16) []byte {
	le := binary.LittleEndian
	var t bytes.Buffer
	t.WriteString("II\x2a\x00")
	binary.Write(&t, le, uint32(8))
	binary.Write(&t, le, uint16(1))
	binary.Write(&t, le, uint16(0x0112)) // Orientation
	binary.Write(&t, le, uint16(3))      // SHORT
	binary.Write(&t, le, uint32(1))
	binary.Write(&t, le, uint32(o))
	binary.Write(&t, le, uint32(0))
	payload := append([]byte("Exif\x00\x00"), t.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append(append([]byte{}, jpg[:2]...), append(seg, payload...)...)
	return append(out, jpg[2:]...)
}

// HalvesJPEG is a w × h JPEG whose left half is red and right half blue.
func HalvesJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{220, 20, 20, 255}
			if x >= w/2 {
				c = color.RGBA{20, 20, 220, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
