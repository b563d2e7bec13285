package importer

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// Whatever the bytes, the row reader gives rows of the flat layout's
// width, problems with a line, or an error; it never panics, and never
// gives a cell over MaxCell.
func FuzzFlatRows(f *testing.F) {
	header := strings.Join(FlatColumns, ",") + "\n"
	for _, s := range []string{
		header + "Anar,,AZ,,31.01.2024,,,,,,detained,,,,,\n",
		header + "\"An\nar\",,AZ\n",
		"name;country\r\nAnar;AZ\r\n",
		"name\tnotes\n\"unclosed\n",
		"\xef\xbb\xbfname\nA\n",
		"\xff\xfen\x00a\x00m\x00e\x00\n\x00",
		"name\n\"a\"\"b\"x\n",
		"\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := openFlat("f.csv", bytes.NewReader(b), EncodingAuto, nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		for i := 0; i < 10000; i++ {
			rec, probs, err := fr.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.csv:") {
					t.Fatalf("error without the file and line: %v", err)
				}
				return
			}
			for _, p := range probs {
				if p.line < 1 || p.reason == "" {
					t.Fatalf("problem without a line or reason: %+v", p)
				}
			}
			if len(probs) == 0 {
				if len(rec.cells) != len(FlatColumns) {
					t.Fatalf("row of %d cells", len(rec.cells))
				}
				for _, c := range rec.cells {
					if len(c) > MaxCell {
						t.Fatalf("cell of %d bytes", len(c))
					}
				}
			}
		}
	})
}
