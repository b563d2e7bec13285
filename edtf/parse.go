package edtf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLen is the longest input Parse looks at, in bytes. The longest valid
// date, an interval of two dates with times and offsets
// ("2025-05-14T09:30:00+04:00/2025-05-15T09:30:00+04:00"), has 51 bytes;
// anything longer is rejected before any other work, so hostile input stays
// cheap.
const MaxLen = 64

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

// Parse parses an EDTF date of the supported subset (see the package
// documentation): YYYY, YYYY-MM or YYYY-MM-DD with a four-digit year
// 0000–9999; X for unspecified trailing digits (201X, 20XX, 2023-XX,
// 2023-08-XX, 2023-XX-XX); one optional qualifier at the very end ('?'
// uncertain, '~' approximate, '%' both); a season YYYY-21 … YYYY-24; a day
// with a time of day, YYYY-MM-DDThh:mm[:ss] with an optional Z or offset
// (±hh, ±hhmm, ±hh:mm); and an interval of two of these (not seasons, not
// with X) separated by '/', where an end may be open ("..") or unknown
// (empty) and the end must begin after the start begins.
//
// Parse is strict: it trims nothing and accepts only the canonical form, so
// for every accepted s, Parse(s).String() == s. Errors are *ParseError.
func Parse(s string) (Date, error) {
	p := parser{in: s, lim: len(s)}
	d, err := p.parse()
	if err != nil {
		return Date{}, err
	}
	return d, nil
}

type parser struct {
	in       string
	lim      int  // the end of the part being read: the whole input, or one end of an interval
	interval bool // reading one end of an interval
}

func (p *parser) fail(pos int, format string, args ...any) *ParseError {
	return &ParseError{Input: p.in, Pos: pos, Reason: fmt.Sprintf(format, args...)}
}

func (p *parser) parse() (Date, error) {
	slash, dots, err := p.checkSurface()
	if err != nil {
		return Date{}, err
	}
	if slash < 0 {
		if dots >= 0 {
			return Date{}, p.fail(dots, `".." is the open end of an interval, as in 2025-05/..`)
		}
		pt, err := p.point(0)
		return Date{point: pt}, err
	}
	if i := strings.IndexByte(p.in[slash+1:], '/'); i >= 0 {
		return Date{}, p.fail(slash+1+i, "an interval has one '/' between its start and its end")
	}
	d := Date{interval: true}
	p.interval = true
	p.lim = slash
	if d.point, d.startAs, err = p.intervalEnd(0); err != nil {
		return Date{}, err
	}
	p.lim = len(p.in)
	if d.end, d.endAs, err = p.intervalEnd(slash + 1); err != nil {
		return Date{}, err
	}
	switch {
	case d.startAs != endDate && d.endAs != endDate:
		return Date{}, p.fail(slash, "an interval needs at least one known end")
	case d.startAs == endDate && d.endAs == endDate && !d.end.firstInstant().After(d.point.firstInstant()):
		return Date{}, p.fail(slash+1, "the end of an interval must begin after its start begins (%s does not come after %s)",
			p.in[slash+1:], p.in[:slash])
	}
	return d, nil
}

// intervalEnd reads one end of an interval from i to p.lim: a date, ".."
// (open) or nothing (unknown).
func (p *parser) intervalEnd(i int) (point, uint8, error) {
	switch p.in[i:p.lim] {
	case "":
		return point{}, endUnknown, nil
	case "..":
		return point{}, endOpen, nil
	}
	if j := strings.Index(p.in[i:p.lim], ".."); j >= 0 {
		return point{}, 0, p.fail(i+j, `".." stands alone for an open end, as in 2025-05/..`)
	}
	pt, err := p.point(i)
	return pt, endDate, err
}

// point reads one date from i to p.lim.
func (p *parser) point(i int) (point, error) {
	var d point
	i, err := p.year(&d, i)
	if err == nil && p.at(i, '-') {
		i, err = p.month(&d, i+1)
	}
	if err == nil && p.at(i, '-') {
		i, err = p.day(&d, i+1)
	}
	if err == nil && p.at(i, 'T') {
		i, err = p.clock(&d, i)
	}
	if err == nil {
		err = p.end(&d, i)
	}
	if err != nil {
		return point{}, err
	}
	return d, nil
}

// at reports whether the byte at i is c.
func (p *parser) at(i int, c byte) bool { return i < p.lim && p.in[i] == c }

// end reads what may follow the last component: nothing, or one qualifier
// that is the last character.
func (p *parser) end(d *point, i int) error {
	switch {
	case i == p.lim:
		return nil
	case !isQualifier(p.in[i]):
		return p.unexpected(i, d)
	case d.clock != 0:
		return p.fail(i, "a date with a time of day cannot be qualified; qualify the date alone (2025-05-14~)")
	case d.season != 0:
		return p.fail(i, "a season cannot be qualified; write the season alone (2023-21)")
	case i+1 == p.lim:
		d.qual = p.in[i]
		return nil
	case isQualifier(p.in[i+1]):
		return p.fail(i+1, "only one qualifier is allowed; use '%%' for uncertain and approximate")
	case p.in[i+1] == '-':
		return p.fail(i, "a qualifier applies to the whole date and must come last; qualifying one component (as in 2004?-06) is not supported")
	}
	return p.unexpected(i+1, d)
}

// checkSurface rejects what is wrong with the string as a whole: emptiness,
// length, encoding, surrounding whitespace and forms of EDTF that are not
// supported, before any component is read. In the same pass it finds the
// first '/' and the first "..", or -1.
func (p *parser) checkSurface() (slash, dots int, err error) {
	s := p.in
	if s == "" {
		return 0, 0, p.fail(0, "empty string is not a date")
	}
	if len(s) > MaxLen {
		return 0, 0, p.fail(MaxLen, "longer than %d bytes", MaxLen)
	}
	slash, dots = -1, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return 0, 0, p.fail(i, "invalid UTF-8")
			}
			i += size - 1
		case c == '/' && slash < 0:
			slash = i
		case c == '.' && dots < 0 && i+1 < len(s) && s[i+1] == '.':
			dots = i
		case c == '[' || c == ']' || c == '{' || c == '}':
			return 0, 0, p.fail(i, "sets of dates ([...] and {...}) are not supported")
		}
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return 0, 0, p.fail(0, "leading whitespace is not allowed")
	}
	if r, size := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		return 0, 0, p.fail(len(s)-size, "trailing whitespace is not allowed")
	}
	return slash, dots, nil
}

// year reads the four-character year at i and returns the offset just after
// it.
func (p *parser) year(d *point, i int) (int, error) {
	s := p.in
	switch c := s[i]; {
	case c == '-':
		return 0, p.fail(i, "negative years are not supported")
	case c == '+':
		return 0, p.fail(i, "signed years are not supported")
	case c == 'Y':
		return 0, p.fail(i, "years with more than four digits are not supported")
	case isQualifier(c):
		return 0, p.fail(i, "a qualifier must come at the end of the date, as in 2004-06?")
	}
	end, err := p.digits(i)
	if err != nil {
		return 0, err
	}
	switch n := end - i; {
	case n == 0:
		return 0, p.unexpected(i, d)
	case n < 4:
		return 0, p.fail(i, "year must have four digits, found %d", n)
	case n > 4:
		return 0, p.fail(i+4, "years with more than four digits are not supported")
	}
	year := s[i : i+4]
	firstX := strings.IndexByte(year, 'X')
	if firstX >= 0 {
		if j := strings.IndexFunc(year[firstX:], isDigit); j >= 0 {
			return 0, p.fail(i+firstX+j, "unspecified digits (X) must be the last digits of the year, as in 201X or 20XX")
		}
		switch 4 - firstX {
		case 4:
			return 0, p.fail(i, "a fully unspecified year (XXXX) is not supported; leave the date empty instead")
		case 3:
			return 0, p.fail(i+firstX, "at most the last two digits of the year may be unspecified (201X, 20XX)")
		}
		if p.interval {
			return 0, p.fail(i+firstX, "unspecified digits (X) are not supported in an interval; write its ends as whole years (2010/2019)")
		}
		d.yearX = uint8(4 - firstX)
	}
	y := 0
	for _, c := range []byte(year) {
		if c == 'X' {
			c = '0'
		}
		y = y*10 + int(c-'0')
	}
	d.year = int16(y)
	d.parts = 1
	return i + 4, nil
}

// month reads the two-character month (or season) starting at i.
func (p *parser) month(d *point, i int) (int, error) {
	if d.yearX > 0 {
		return 0, p.fail(i, "a month cannot follow a year with unspecified digits; write just %s", p.in[i-5:i-1])
	}
	m, unspecified, err := p.twoDigits(i, "month")
	if err != nil {
		return 0, err
	}
	switch {
	case unspecified && p.interval:
		return 0, p.fail(i, "unspecified digits (X) are not supported in an interval; write the end as a year")
	case unspecified:
	case m >= Spring && m <= Winter && p.interval:
		return 0, p.fail(i, "seasons are not supported in an interval; write the months (2023-03/2023-05)")
	case m >= Spring && m <= Winter:
		if m == Winter && d.year == 9999 {
			return 0, p.fail(i, "the winter of 9999 ends after 9999")
		}
		if p.at(i+2, '-') {
			return 0, p.fail(i+2, "a season has no day")
		}
		d.season = uint8(m)
	case m >= 25 && m <= 41:
		return 0, p.fail(i, "month %02d is out of range 01–12 (seasons 25–41 are not supported; use 21–24)", m)
	case m < 1 || m > 12:
		return 0, p.fail(i, "month %02d is out of range 01–12 (or 21–24 for a season)", m)
	default:
		d.month = uint8(m)
	}
	d.monthX = unspecified
	d.parts = 2
	return i + 2, nil
}

// day reads the two-character day starting at i.
func (p *parser) day(d *point, i int) (int, error) {
	dd, unspecified, err := p.twoDigits(i, "day")
	if err != nil {
		return 0, err
	}
	switch {
	case unspecified && p.interval:
		return 0, p.fail(i, "unspecified digits (X) are not supported in an interval; write the end as a month")
	case unspecified:
	case d.monthX:
		return 0, p.fail(i, "a known day cannot follow an unspecified month; write %s-XX", p.in[i-8:i-1])
	case dd < 1 || dd > 31:
		return 0, p.fail(i, "day %02d is out of range 01–31", dd)
	case dd > daysIn(int(d.year), int(d.month)):
		return 0, p.fail(i, "day %02d does not exist in %04d-%02d", dd, d.year, d.month)
	default:
		d.day = uint8(dd)
	}
	d.dayX = unspecified
	d.parts = 3
	return i + 2, nil
}

// clock reads a time of day starting at the 'T' at i: hh:mm or hh:mm:ss,
// then Z, an offset (±hh, ±hhmm, ±hh:mm) or nothing.
func (p *parser) clock(d *point, i int) (int, error) {
	if d.parts != 3 || d.dayX || d.monthX {
		return 0, p.fail(i, "a time of day needs a whole date before the T (2025-05-14T09:30)")
	}
	i++
	fields := [3]*uint8{&d.hour, &d.minute, &d.second}
	limits := [3]int{23, 59, 59}
	names := [3]string{"hour", "minute", "second"}
	n := 0
	for n < 3 {
		v, err := p.number(i, names[n])
		if err != nil {
			return 0, err
		}
		if v > limits[n] {
			return 0, p.fail(i, "%s %02d is out of range 00–%02d", names[n], v, limits[n])
		}
		*fields[n] = uint8(v)
		i += 2
		n++
		if !p.at(i, ':') {
			break
		}
		if n == 3 {
			return 0, p.fail(i, "unexpected character ':' after the seconds")
		}
		i++
	}
	if n == 1 {
		if p.at(i, '.') || p.at(i, ',') {
			return 0, p.unexpected(i, d)
		}
		return 0, p.fail(i, "a time of day needs hours and minutes (09:30)")
	}
	d.clock = uint8(n)
	switch {
	case p.at(i, '.') || p.at(i, ','):
		return 0, p.fail(i, "fractions of a second are not supported")
	case p.at(i, 'Z'):
		d.zone = 'Z'
		return i + 1, nil
	case p.at(i, '+') || p.at(i, '-'):
		return p.offset(d, i)
	}
	return i, nil
}

// offset reads a UTC offset (+04, +0400, +04:00) starting at the sign at i.
func (p *parser) offset(d *point, i int) (int, error) {
	sign := p.in[i]
	h, err := p.number(i+1, "offset hour")
	if err != nil {
		return 0, err
	}
	j := i + 3
	m, as := 0, uint8(zoneHH)
	switch {
	case p.at(j, ':'):
		if m, err = p.number(j+1, "offset minute"); err != nil {
			return 0, err
		}
		j, as = j+3, zoneColon
	case j < p.lim && isDigit(rune(p.in[j])):
		if m, err = p.number(j, "offset minute"); err != nil {
			return 0, err
		}
		j, as = j+2, zoneHHMM
	}
	switch {
	case m > 59:
		return 0, p.fail(i, "offset minute %02d is out of range 00–59", m)
	case h > 14 || (h == 14 && m > 0):
		return 0, p.fail(i, "offset %s is out of range −14:00 to +14:00", p.in[i:j])
	case sign == '-' && h == 0 && m == 0:
		return 0, p.fail(i, "offset -00:00 is not allowed; write Z or +00:00")
	}
	d.zone, d.zoneAs, d.zoneH, d.zoneM = sign, as, uint8(h), uint8(m)
	return j, nil
}

// number reads exactly two digits at i.
func (p *parser) number(i int, what string) (int, error) {
	if i+2 > p.lim || !isDigit(rune(p.in[i])) || !isDigit(rune(p.in[i+1])) {
		return 0, p.fail(i, "expected a two-digit %s", what)
	}
	return int(p.in[i]-'0')*10 + int(p.in[i+1]-'0'), nil
}

// twoDigits reads a month or day: exactly two digits, or XX.
func (p *parser) twoDigits(i int, what string) (v int, unspecified bool, err error) {
	end, err := p.digits(i)
	if err != nil {
		return 0, false, err
	}
	field := p.in[i:end]
	switch {
	case len(field) == 0 && i == p.lim:
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
	for ; i < p.lim; i++ {
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
func (p *parser) unexpected(i int, d *point) *ParseError {
	r := p.runeAt(i)
	switch {
	case d.parts == 0:
	case d.clock == 0 && (r == 't' || (r == ' ' && i+1 < p.lim && isDigit(rune(p.in[i+1])) && d.parts == 3)):
		return p.fail(i, "write an uppercase T between the date and the time of day (2025-05-14T09:30)")
	case d.clock == 0 && (r == 'T' || r == ':'):
		return p.fail(i, "a time of day needs a whole date before the T (2025-05-14T09:30)")
	case d.clock != 0 && (r == '.' || r == ','):
		return p.fail(i, "fractions of a second are not supported")
	case r == '-' && d.parts == 3:
		return p.fail(i, "unexpected '-' after the day")
	case (r == 'E' || r == 'S') && d.parts == 1:
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
