package names

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestScoreLines(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // output
		wantErr string // substring of the error, "" for none
	}{
		{
			name: "good input",
			in:   "Ilham Aliyev\tИльхам Алиев\nIlham Aliyev\tMehriban Aliyeva\n",
			want: "1.000\tIlham Aliyev\tИльхам Алиев\n0.018\tIlham Aliyev\tMehriban Aliyeva\n",
		},
		{
			name: "no final newline, CRLF",
			in:   "Ihar Losik\tIgor Losik\r\nA\tB",
			want: "1.000\tIhar Losik\tIgor Losik\n0.300\tA\tB\n",
		},
		{
			name: "empty last line",
			in:   "Ihar Losik\tIgor Losik\n\n",
			want: "1.000\tIhar Losik\tIgor Losik\n",
		},
		{
			name: "empty fields",
			in:   "\t\n",
			want: "0.000\t\t\n",
		},
		{name: "empty input", in: "", want: ""},
		{
			name:    "no tab on line 2",
			in:      "Ihar Losik\tIgor Losik\nIhar Losik Igor Losik\nA\tB\n",
			want:    "1.000\tIhar Losik\tIgor Losik\n",
			wantErr: "line 2: no tab",
		},
		{
			name:    "two tabs",
			in:      "a\tb\tc\n",
			wantErr: "line 1: more than one tab",
		},
		{
			name:    "empty line in the middle",
			in:      "Ihar Losik\tIgor Losik\n\nA\tB\n",
			want:    "1.000\tIhar Losik\tIgor Losik\n",
			wantErr: "line 2: empty line",
		},
		{
			name:    "invalid UTF-8",
			in:      "Ihar Losik\tIgor Losik\nIhar\xff\tIgor\n",
			want:    "1.000\tIhar Losik\tIgor Losik\n",
			wantErr: "line 2: invalid UTF-8",
		},
		{
			name:    "line too long",
			in:      "a\tb\n" + strings.Repeat("x", MaxLineBytes) + "\ty\n",
			want:    "0.300\ta\tb\n",
			wantErr: "line 2: longer than",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := ScoreLines(strings.NewReader(tt.in), &out)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if got := out.String(); got != tt.want {
				t.Errorf("output\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestScoreLinesLongestLine accepts a line of exactly MaxLineBytes.
func TestScoreLinesLongestLine(t *testing.T) {
	line := "a\t" + strings.Repeat("b", MaxLineBytes-2)
	var out bytes.Buffer
	if err := ScoreLines(strings.NewReader(line+"\n"), &out); err != nil {
		t.Fatalf("line of %d bytes: %v", len(line), err)
	}
	if !strings.HasSuffix(out.String(), line+"\n") {
		t.Errorf("output does not echo the line")
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestScoreLinesWriteError(t *testing.T) {
	err := ScoreLines(strings.NewReader("a\tb\n"), failingWriter{})
	if err == nil || !strings.Contains(err.Error(), "line 1: write: disk full") {
		t.Errorf("error %v, want a write error on line 1", err)
	}
}

// flushRecorder records what had been written when each read happened.
type flushRecorder struct {
	lines   []string
	written *bytes.Buffer
	seen    []int
}

func (r *flushRecorder) Read(p []byte) (int, error) {
	r.seen = append(r.seen, r.written.Len())
	if len(r.lines) == 0 {
		return 0, errEOF
	}
	n := copy(p, r.lines[0])
	r.lines = r.lines[1:]
	return n, nil
}

var errEOF = errors.New("EOF")

// TestScoreLinesFlushes checks that each result is written before the next
// line is read, as a pipe to an interactive reader needs.
func TestScoreLinesFlushes(t *testing.T) {
	var out bytes.Buffer
	r := &flushRecorder{lines: []string{"a\tb\n", "c\td\n"}, written: &out}
	err := ScoreLines(r, &out)
	if err == nil || !strings.Contains(err.Error(), "line 3: read: EOF") {
		t.Fatalf("error %v, want the reader's error after line 2", err)
	}
	if len(r.seen) < 3 || r.seen[1] == 0 || r.seen[2] <= r.seen[1] {
		t.Errorf("output length at each read %v: results were not flushed line by line", r.seen)
	}
}
