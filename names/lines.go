package names

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxLineBytes is the longest line ScoreLines accepts, without its newline.
const MaxLineBytes = 64 << 10

// ScoreLines implements the CLI `habeas names score`: it reads lines
// "NAME_A\tNAME_B" from r and writes "SCORE\tNAME_A\tNAME_B\n" to w, SCORE
// with 3 decimals, one line per input line, in order, flushing after each
// line. A line ending in \r\n is accepted. A malformed line (no tab, more
// than one tab, invalid UTF-8, longer than MaxLineBytes) stops the run with
// an error naming its 1-based line number; the lines before it have been
// written. An empty last line is fine.
func ScoreLines(r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxLineBytes+2)
	bw := bufio.NewWriter(w)
	out := make([]byte, 0, 256)
	line := 0
	pendingEmpty := 0 // line number of an empty line, an error unless it is the last
	for sc.Scan() {
		line++
		text := bytes.TrimSuffix(sc.Bytes(), []byte{'\r'})
		if pendingEmpty > 0 {
			return fmt.Errorf("line %d: empty line", pendingEmpty)
		}
		if len(text) == 0 {
			pendingEmpty = line
			continue
		}
		a, b, err := splitLine(text)
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		out = strconv.AppendFloat(out[:0], Score(a, b), 'f', 3, 64)
		out = append(out, '\t')
		out = append(out, text...)
		out = append(out, '\n')
		if _, err := bw.Write(out); err != nil {
			return fmt.Errorf("line %d: write: %w", line, err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("line %d: write: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d: longer than %d bytes", line+1, MaxLineBytes)
		}
		return fmt.Errorf("line %d: read: %w", line+1, err)
	}
	return nil
}

// splitLine checks one line and returns its two names.
func splitLine(text []byte) (string, string, error) {
	if len(text) > MaxLineBytes {
		return "", "", fmt.Errorf("longer than %d bytes", MaxLineBytes)
	}
	if !utf8.Valid(text) {
		return "", "", errors.New("invalid UTF-8")
	}
	tab := bytes.IndexByte(text, '\t')
	switch {
	case tab < 0:
		return "", "", errors.New("no tab: want NAME_A<TAB>NAME_B")
	case bytes.IndexByte(text[tab+1:], '\t') >= 0:
		return "", "", errors.New("more than one tab: want NAME_A<TAB>NAME_B")
	}
	return string(text[:tab]), string(text[tab+1:]), nil
}
