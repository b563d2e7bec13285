package edtf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLen is the longest input Parse looks at, in bytes. The longest valid
// date ("2023-08-31%") has 11 bytes; anything much longer is rejected before
// any other work, so hostile input stays cheap.
const MaxLen = 32

// ParseError describes why a string is not a supported EDTF date.
type ParseError struct {
	Input  string // the string given to Parse
	Pos    int    // byte offset in Input where the problem is; len(Input) when the input ends too early
	Reason string // what is wrong, e.g. "month 13 is out of range 01–12"
}

// Error returns a message like `edtf: "2024-13": month 13 is out of range 01–12`.
// Long inputs are shortened in the message.
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > MaxLen {
		in = in[:MaxLen] + "…"
	}
	return fmt.Sprintf("edtf: %q: %s", in, e.Reason)
}

// Parse parses an EDTF date of the supported subset: YYYY, YYYY-MM or
// YYYY-MM-DD with a four-digit year 0000–9999; X for unspecified trailing
// digits (201X, 20XX, 2023-XX, 2023-08-XX, 2023-XX-XX); and one optional
// qualifier at the very end: '?' uncertain, '~' approximate, '%' both.
//
// Parse is strict: it trims nothing and accepts only the canonical form, so
// for every accepted s, Parse(s).String() == s. Errors are *ParseError.
func Parse(s string) (Date, error) {
	p := parser{in: s}
	d, err := p.parse()
	if err != nil {
		return Date{}, err
	}
	return d, nil
}

type parser struct {
	in string
}

func (p *parser) fail(pos int, format string, args ...any) *ParseError {
	return &ParseError{Input: p.in, Pos: pos, Reason: fmt.Sprintf(format, args...)}
}

func (p *parser) parse() (Date, error) {
	if err := p.checkSurface(); err != nil {
		return Date{}, err
	}
	var d Date
	i, err := p.year(&d)
	if err == nil && p.at(i, '-') {
		i, err = p.month(&d, i+1)
	}
	if err == nil && p.at(i, '-') {
		i, err = p.day(&d, i+1)
	}
	if err == nil {
		err = p.end(&d, i)
	}
	if err != nil {
		return Date{}, err
	}
	return d, nil
}

// at reports whether the byte at i is c.
func (p *parser) at(i int, c byte) bool { return i < len(p.in) && p.in[i] == c }

// end reads what may follow the last component: nothing, or one qualifier
// that is the last character.
func (p *parser) end(d *Date, i int) error {
	switch {
	case i == len(p.in):
		return nil
	case !isQualifier(p.in[i]):
		return p.unexpected(i, d.parts)
	case i+1 == len(p.in):
		d.qual = p.in[i]
		return nil
	case isQualifier(p.in[i+1]):
		return p.fail(i+1, "only one qualifier is allowed; use '%%' for uncertain and approximate")
	case p.in[i+1] == '-':
		return p.fail(i, "a qualifier applies to the whole date and must come last; qualifying one component (as in 2004?-06) is not supported")
	}
	return p.unexpected(i+1, d.parts)
}

// checkSurface rejects what is wrong with the string as a whole: emptiness,
// length, encoding, surrounding whitespace and forms of EDTF that are not
// supported, before any component is read.
func (p *parser) checkSurface() error {
	s := p.in
	if s == "" {
		return p.fail(0, "empty string is not a date")
	}
	if len(s) > MaxLen {
		return p.fail(MaxLen, "longer than %d bytes", MaxLen)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return p.fail(i, "invalid UTF-8")
		}
		i += size
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return p.fail(0, "leading whitespace is not allowed")
	}
	if r, size := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		return p.fail(len(s)-size, "trailing whitespace is not allowed")
	}
	if i := strings.Index(s, ".."); i >= 0 {
		return p.fail(i, `open intervals ("..") are not supported`)
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return p.fail(i, `intervals ("/") are not supported; store the start and end as two dates`)
	}
	if i := strings.IndexAny(s, "[]{}"); i >= 0 {
		return p.fail(i, "sets of dates ([...] and {...}) are not supported")
	}
	return nil
}

// year reads the four-character year at the start of the input and returns
// the offset just after it.
func (p *parser) year(d *Date) (int, error) {
	s := p.in
	switch c := s[0]; {
	case c == '-':
		return 0, p.fail(0, "negative years are not supported")
	case c == '+':
		return 0, p.fail(0, "signed years are not supported")
	case c == 'Y':
		return 0, p.fail(0, "years with more than four digits are not supported")
	case isQualifier(c):
		return 0, p.fail(0, "a qualifier must come at the end of the date, as in 2004-06?")
	}
	end, err := p.digits(0)
	if err != nil {
		return 0, err
	}
	switch n := end; {
	case n == 0:
		return 0, p.unexpected(0, 0)
	case n < 4:
		return 0, p.fail(0, "year must have four digits, found %d", n)
	case n > 4:
		return 0, p.fail(4, "years with more than four digits are not supported")
	}
	firstX := strings.IndexByte(s[:4], 'X')
	if firstX >= 0 {
		if i := strings.IndexFunc(s[firstX:4], isDigit); i >= 0 {
			return 0, p.fail(firstX+i, "unspecified digits (X) must be the last digits of the year, as in 201X or 20XX")
		}
		switch 4 - firstX {
		case 4:
			return 0, p.fail(0, "a fully unspecified year (XXXX) is not supported; leave the date empty instead")
		case 3:
			return 0, p.fail(firstX, "at most the last two digits of the year may be unspecified (201X, 20XX)")
		}
		d.yearX = uint8(4 - firstX)
	}
	y := 0
	for _, c := range []byte(s[:4]) {
		if c == 'X' {
			c = '0'
		}
		y = y*10 + int(c-'0')
	}
	d.year = int16(y)
	d.parts = 1
	return 4, nil
}

// month reads the two-character month starting at i.
func (p *parser) month(d *Date, i int) (int, error) {
	if d.yearX > 0 {
		return 0, p.fail(i, "a month cannot follow a year with unspecified digits; write just %s", p.in[:4])
	}
	m, unspecified, err := p.twoDigits(i, "month")
	if err != nil {
		return 0, err
	}
	if !unspecified {
		switch {
		case m >= 21 && m <= 41:
			return 0, p.fail(i, "month %02d is out of range 01–12 (seasons are not supported)", m)
		case m < 1 || m > 12:
			return 0, p.fail(i, "month %02d is out of range 01–12", m)
		}
		d.month = uint8(m)
	}
	d.monthX = unspecified
	d.parts = 2
	return i + 2, nil
}

// day reads the two-character day starting at i.
func (p *parser) day(d *Date, i int) (int, error) {
	dd, unspecified, err := p.twoDigits(i, "day")
	if err != nil {
		return 0, err
	}
	if !unspecified {
		switch {
		case d.monthX:
			return 0, p.fail(i, "a known day cannot follow an unspecified month; write %s-XX", p.in[:7])
		case dd < 1 || dd > 31:
			return 0, p.fail(i, "day %02d is out of range 01–31", dd)
		case dd > daysIn(int(d.year), int(d.month)):
			return 0, p.fail(i, "day %02d does not exist in %04d-%02d", dd, d.year, d.month)
		}
		d.day = uint8(dd)
	}
	d.dayX = unspecified
	d.parts = 3
	return i + 2, nil
}

// twoDigits reads a month or day: exactly two digits, or XX.
func (p *parser) twoDigits(i int, what string) (v int, unspecified bool, err error) {
	end, err := p.digits(i)
	if err != nil {
		return 0, false, err
	}
	field := p.in[i:end]
	switch {
	case len(field) == 0 && i == len(p.in):
		return 0, false, p.fail(i, "expected a two-digit %s after '-', found the end", what)
	case len(field) == 0:
		return 0, false, p.fail(i, "expected a two-digit %s after '-', found %q", what, p.runeAt(i))
	case len(field) != 2:
		return 0, false, p.fail(i, "%s must have exactly two digits, found %d", what, len(field))
	case field == "XX":
		return 0, true, nil
	case strings.IndexByte(field, 'X') >= 0:
		return 0, false, p.fail(i, "%s must be two digits or XX; a partly unspecified %s is not supported", what, what)
	}
	return int(field[0]-'0')*10 + int(field[1]-'0'), false, nil
}

// digits returns the end of the run of digits and X starting at i, and
// rejects the look-alikes people type for X.
func (p *parser) digits(i int) (int, error) {
	for ; i < len(p.in); i++ {
		switch c := p.in[i]; {
		case isDigit(rune(c)) || c == 'X':
		case c == 'x':
			return 0, p.fail(i, "lowercase 'x' is not allowed; write unspecified digits as uppercase 'X'")
		case c == 'u':
			return 0, p.fail(i, "'u' for unspecified digits is from an old EDTF draft; write uppercase 'X'")
		default:
			return i, nil
		}
	}
	return i, nil
}

// unexpected reports the character at i, naming the common unsupported
// forms it may start.
func (p *parser) unexpected(i int, parts uint8) *ParseError {
	r := p.runeAt(i)
	switch {
	case parts == 0:
	case r == 'T' || r == ':':
		return p.fail(i, "times of day are not supported")
	case r == '-' && parts == 3:
		return p.fail(i, "unexpected '-' after the day")
	case (r == 'E' || r == 'S') && parts == 1:
		return p.fail(i, "exponential years and significant digits are not supported")
	}
	return p.fail(i, "unexpected character %q", r)
}

func (p *parser) runeAt(i int) rune {
	r, _ := utf8.DecodeRuneInString(p.in[i:])
	return r
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isQualifier(c byte) bool { return c == '?' || c == '~' || c == '%' }
