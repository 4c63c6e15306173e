package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text from the inputs (ids, file names, messages quoting an article,
// errors naming a path) is printed to terminals and spreadsheets. These
// helpers keep it from acting there: a terminal escape sequence could
// rewrite the screen, a newline in a file name could forge a line of the
// summary, and a CSV cell starting with "=" runs as a formula.

// escapeControls returns s with every control character (C0, DEL, C1),
// every bidirectional control (which would reorder what follows on the
// line) and every invalid UTF-8 byte written out as Go escapes them:
// "\x1b", "\n", "\u202e", "\xff". Other text is kept as it is.
func escapeControls(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether escapeControls would change s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune reports whether r acts on a terminal rather than shows: a
// control character or a bidirectional control.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// quotePath returns a path for a line on stderr: as it is when it holds
// only printable characters and no spaces at either end, else quoted as
// strconv.Quote does, so that a name holding a newline or an escape
// cannot forge or garble a line.
func quotePath(p string) string {
	if !needsEscape(p) && strings.TrimSpace(p) == p && !strings.HasPrefix(p, `"`) {
		return p
	}
	return strconv.Quote(p)
}

// csvCell neutralises a CSV cell that a spreadsheet would read as a
// formula: one starting with "=", "+", "-", "@", a tab or a carriage
// return gets a leading single quote, as OWASP recommends.
func csvCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
