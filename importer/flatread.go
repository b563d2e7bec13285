package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits of the flat layout's reader, so that a hostile or broken file
// (an unclosed quote, a file of garbage) costs bounded memory.
const (
	MaxCell    = 64 << 10 // bytes in one cell
	MaxRow     = 1 << 20  // bytes in one row, quoted newlines included
	maxColumns = 100
)

// The encodings a flat file may be in; EncodingAuto detects them: a BOM
// says UTF-8 or UTF-16, valid UTF-8 is UTF-8, anything else Windows-1251.
const (
	EncodingAuto        = "auto"
	EncodingUTF8        = "utf-8"
	EncodingWindows1251 = "windows-1251"
	EncodingUTF16       = "utf-16"
)

// Encodings lists the values of the --encoding flag.
var Encodings = []string{EncodingAuto, EncodingUTF8, EncodingWindows1251, EncodingUTF16}

// Mapping lets a group import a list with its own column names: Columns
// maps a column name of the file to a column of the flat layout, Ignore
// lists the columns of the file to leave out, and Defaults gives a value
// to a column of the flat layout for every row whose cell is empty or
// missing (a list kept for one country has no country column).
type Mapping struct {
	Columns  map[string]string `json:"columns,omitempty"`
	Ignore   []string          `json:"ignore,omitempty"`
	Defaults map[string]string `json:"defaults,omitempty"`
}

// ReadMapping reads a mapping file (JSON, see Mapping) and checks that
// every column it names is one of the flat layout's.
func ReadMapping(file string) (*Mapping, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: not a mapping file (a JSON object with \"columns\", \"ignore\" and \"defaults\"): %v", file, err)
	}
	for from, to := range m.Columns {
		if _, ok := flatColumn[to]; !ok {
			return nil, fmt.Errorf("%s: columns: %q maps to %q, which is not a column of the flat layout (%s)", file, from, to, strings.Join(FlatColumns, ", "))
		}
	}
	for col := range m.Defaults {
		if _, ok := flatColumn[col]; !ok {
			return nil, fmt.Errorf("%s: defaults: %q is not a column of the flat layout (%s)", file, col, strings.Join(FlatColumns, ", "))
		}
	}
	return &m, nil
}

// flatReader reads the rows of a flat file: decoded, split by
// encoding/csv with the detected separator, each cell at most MaxCell
// bytes, each row at most MaxRow.
type flatReader struct {
	name   string
	csv    *csv.Reader
	lim    *rowLimiter
	header []string // as written in the file
	col    []int    // for each column of the file, its index in FlatColumns; -1: ignored
	mapped map[int]bool
	defs   []string // per flat column, the mapping's default
	closer io.Closer
}

func (fr *flatReader) close() {
	if fr.closer != nil {
		fr.closer.Close()
	}
}

// flatRecord is one row: its line, and its cells in FlatColumns order.
type flatRecord struct {
	line  int
	cells []string
}

// cellProblem is what is wrong with one cell or row.
type cellProblem struct {
	line   int
	column string // "" for the row
	reason string
}

// openFlat starts reading a flat file from r: it detects the encoding
// (unless given) and the separator, and reads and checks the header.
func openFlat(name string, r io.Reader, encoding string, m *Mapping) (*flatReader, error) {
	dec, err := decoded(r, encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lim := &rowLimiter{r: dec, line: 1}
	br := bufio.NewReaderSize(lim, 64<<10)
	sep, err := separator(br)
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", name, err)
	}
	c := csv.NewReader(br)
	c.Comma = sep
	c.FieldsPerRecord = -1 // checked here, to name the line
	c.ReuseRecord = true
	fr := &flatReader{name: name, csv: c, lim: lim, mapped: map[int]bool{}}
	head, err := c.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty: a flat file begins with a header row naming its columns", name)
		}
		return nil, fmt.Errorf("%s: %s", name, csvProblem(err, 1).reason)
	}
	fr.header = slices.Clone(head)
	if err := fr.readHeader(m); err != nil {
		return nil, fmt.Errorf("%s:1: %w", name, err)
	}
	return fr, nil
}

// readHeader maps the columns of the file to those of the flat layout.
func (fr *flatReader) readHeader(m *Mapping) error {
	if m == nil {
		m = &Mapping{}
	}
	if len(fr.header) > maxColumns {
		return fmt.Errorf("%d columns; the flat layout has %d", len(fr.header), len(FlatColumns))
	}
	fr.col = make([]int, len(fr.header))
	seen := map[int]string{}
	for i, h := range fr.header {
		h = strings.TrimSpace(h)
		fr.header[i] = h
		if !utf8.ValidString(h) {
			return fmt.Errorf("column %d: the header is not valid text in this encoding: name it with --encoding", i+1)
		}
		if slices.Contains(m.Ignore, h) {
			fr.col[i] = -1
			continue
		}
		to, ok := m.Columns[h]
		if !ok {
			to = strings.ToLower(h)
		}
		idx, ok := flatColumn[to]
		if !ok {
			return fmt.Errorf("column %d: %q is not a column of the flat layout (%s); name it in a mapping file (--map FILE), or list it there under \"ignore\"",
				i+1, truncateText(h, 60), strings.Join(FlatColumns, ", "))
		}
		if prev, dup := seen[idx]; dup {
			return fmt.Errorf("column %d: %q and %q are both the column %s", i+1, prev, h, to)
		}
		seen[idx] = h
		fr.col[i] = idx
		fr.mapped[idx] = true
	}
	fr.defs = make([]string, len(FlatColumns))
	for col, v := range m.Defaults {
		fr.defs[flatColumn[col]] = v
	}
	if _, ok := seen[flatColumn["name"]]; !ok && fr.defs[flatColumn["name"]] == "" {
		return fmt.Errorf("no column name: a flat file needs a name column (or a mapping file naming the column that holds the names)")
	}
	return nil
}

// columnName is how problems name a column: as the file writes it, and
// the flat column it stands for when the file calls it something else.
func (fr *flatReader) columnName(flat int) string {
	for i, c := range fr.col {
		if c == flat {
			if strings.EqualFold(fr.header[i], FlatColumns[flat]) {
				return FlatColumns[flat]
			}
			return fmt.Sprintf("%s (%s)", fr.header[i], FlatColumns[flat])
		}
	}
	return FlatColumns[flat]
}

// next reads one row. It returns io.EOF at the end, a *cellProblem for a
// bad row (reading may go on), and other errors for a file that cannot
// be read further.
func (fr *flatReader) next() (*flatRecord, []cellProblem, error) {
	for {
		rec, err := fr.csv.Read()
		line := fr.lim.recordLine
		if err == nil && len(rec) > 0 {
			if l, _ := fr.csv.FieldPos(0); l > 0 {
				line = l
			}
		}
		if errors.Is(err, io.EOF) {
			return nil, nil, io.EOF
		}
		var tooLong *rowTooLong
		if errors.As(err, &tooLong) {
			return nil, nil, fmt.Errorf("%s:%d: a row longer than %d bytes (an unclosed quote?); nothing was read after it", fr.name, tooLong.line, MaxRow)
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("%s:%d: %w", fr.name, line, err)
			}
			return nil, []cellProblem{csvProblem(err, line)}, nil
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		out := &flatRecord{line: line, cells: slices.Clone(fr.defs)}
		var probs []cellProblem
		if len(rec) != len(fr.header) {
			probs = append(probs, cellProblem{line: line, reason: fmt.Sprintf("%d cells; the header has %d columns", len(rec), len(fr.header))})
			return out, probs, nil
		}
		for i, cell := range rec {
			idx := fr.col[i]
			if idx < 0 {
				continue
			}
			if len(cell) > MaxCell {
				probs = append(probs, cellProblem{line, fr.columnName(idx), fmt.Sprintf("longer than %d bytes", MaxCell)})
				continue
			}
			if !utf8.ValidString(cell) {
				_, col := fr.csv.FieldPos(i)
				probs = append(probs, cellProblem{line, fr.columnName(idx), fmt.Sprintf("not valid text in this encoding (at column %d): name the encoding with --encoding", col)})
				continue
			}
			if v := unneutralise(strings.TrimSpace(cell)); v != "" {
				out.cells[idx] = v
			}
		}
		return out, probs, nil
	}
}

// unneutralise takes off the apostrophe an export puts before a cell a
// spreadsheet would run as a formula, so that such text comes back as it
// was stored. The text itself is stored as it is: habeas never runs it.
func unneutralise(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
		return cell[1:]
	}
	return cell
}

// csvProblem describes an error of encoding/csv with its line and column.
func csvProblem(err error, line int) cellProblem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			reason = "a quote inside an unquoted cell, or text after a closing quote (double a quote inside a quoted cell: \"\")"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			reason = "a quote inside an unquoted cell (quote the whole cell and double the quote: \"\")"
		}
		if pe.StartLine != 0 && pe.StartLine != pe.Line && errors.Is(pe.Err, csv.ErrQuote) {
			return cellProblem{line: pe.StartLine, reason: fmt.Sprintf("a quoted cell begun on this line is not closed where it should be: the file reads on as one cell to line %d, column %d (%s)", pe.Line, pe.Column, reason)}
		}
		return cellProblem{line: pe.Line, column: fmt.Sprintf("column %d", pe.Column), reason: reason}
	}
	return cellProblem{line: line, reason: err.Error()}
}

// decoded returns r decoded to UTF-8 from the encoding named, or the one
// detected.
func decoded(r io.Reader, encoding string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	utf16BOM := bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})
	switch encoding {
	case "", EncodingAuto:
		switch {
		case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
			encoding = EncodingUTF8
		case utf16BOM:
			encoding = EncodingUTF16
		case bytes.IndexByte(head, 0) >= 0:
			return nil, errors.New("not text: it holds NUL bytes (UTF-16 without a byte order mark? name it with --encoding utf-16)")
		case validUTF8Prefix(head):
			encoding = EncodingUTF8
		default:
			encoding = EncodingWindows1251
		}
	}
	switch encoding {
	case EncodingUTF8:
		return transform.NewReader(br, unicode.BOMOverride(transform.Nop)), nil
	case EncodingWindows1251:
		return transform.NewReader(br, charmap.Windows1251.NewDecoder()), nil
	case EncodingUTF16:
		// A BOM says the byte order; without one, little-endian, as
		// spreadsheets on Windows write it.
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()), nil
	}
	return nil, fmt.Errorf("unknown encoding %q (want %s)", encoding, strings.Join(Encodings, ", "))
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut at the
// end of the buffer.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// separator detects the separator from the header line: the most frequent
// of comma, semicolon and tab outside quotes; comma when none.
func separator(br *bufio.Reader) (rune, error) {
	head, err := br.Peek(MaxRow)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		var tooLong *rowTooLong
		if errors.As(err, &tooLong) && len(head) == 0 {
			return 0, fmt.Errorf("the header row is longer than %d bytes: not a flat file", MaxRow)
		}
		if len(head) == 0 {
			return 0, err
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		if c == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best, nil
}

// rowLimiter passes the decoded text through, following quotes and line
// ends as CSV does, and fails a row longer than MaxRow before encoding/csv
// would hold it in memory.
type rowLimiter struct {
	r          io.Reader
	quoted     bool
	rowBytes   int
	line       int // the line being read
	recordLine int // the line the current row began on
	err        error
}

type rowTooLong struct{ line int }

func (e *rowTooLong) Error() string {
	return fmt.Sprintf("line %d: a row longer than %d bytes", e.line, MaxRow)
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		c := p[i]
		l.rowBytes++
		switch {
		case c == '"':
			l.quoted = !l.quoted
		case c == '\n':
			l.line++
			if !l.quoted {
				l.rowBytes = 0
				l.recordLine = l.line
			}
		}
		if l.rowBytes > MaxRow {
			l.err = &rowTooLong{line: l.recordLine}
			return i, nil
		}
	}
	return n, err
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
