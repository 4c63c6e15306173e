package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// sniffBytes is how much of an input is looked at to tell text from binary
// and to guess the format of a stream.
const sniffBytes = 8 << 10

var utf8BOM = []byte("\xef\xbb\xbf")

// binaryReason returns why the start of an input does not look like text,
// or "" when it does. Invalid UTF-8 alone is not a reason: it is repaired.
func binaryReason(sample []byte) string {
	if len(sample) > sniffBytes {
		sample = sample[:sniffBytes]
	}
	if bytes.HasPrefix(sample, []byte("\xff\xfe")) || bytes.HasPrefix(sample, []byte("\xfe\xff")) {
		return "UTF-16 text (convert it to UTF-8)"
	}
	if bytes.HasPrefix(sample, []byte("%PDF-")) {
		return "PDF document"
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "contains NUL bytes"
	}
	control := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			control++
		}
	}
	if control*10 > len(sample) {
		return fmt.Sprintf("%d control bytes in the first %d", control, len(sample))
	}
	return ""
}

// normalizeBytes returns b as text: valid UTF-8 (each invalid byte becomes
// U+FFFD), "\n" line ends ("\r\n" and a lone "\r" become "\n"), without a
// leading byte order mark and without NUL bytes.
func normalizeBytes(b []byte) string {
	b = bytes.TrimPrefix(b, utf8BOM)
	if bytes.IndexByte(b, '\r') < 0 && bytes.IndexByte(b, 0) < 0 && utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case 0:
			case '\r':
				sb.WriteByte('\n')
				if i < len(b) && b[i] == '\n' {
					i++
				}
			default:
				sb.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// normalizeString is normalizeBytes for text that is already a string, and
// returns s itself when it needs no change.
func normalizeString(s string) string {
	if !strings.HasPrefix(s, "\ufeff") && strings.IndexByte(s, '\r') < 0 &&
		strings.IndexByte(s, 0) < 0 && utf8.ValidString(s) {
		return s
	}
	return normalizeBytes([]byte(s))
}

// TrimPartialRune drops an incomplete UTF-8 sequence at the end of b, left
// there when a read stopped at a byte limit. Readers registered with
// RegisterReader cut at their limits with it, as corpus's own readers do.
func TrimPartialRune(b []byte) []byte {
	// A sequence is at most utf8.UTFMax bytes long, so only the last few
	// bytes can start an incomplete one.
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if !utf8.RuneStart(b[i]) {
			continue
		}
		if !utf8.FullRune(b[i:]) {
			return b[:i]
		}
		break
	}
	return b
}

// capText cuts s to at most limit bytes at a UTF-8 boundary and reports
// whether it cut. A cut result is copied so that it does not pin the larger
// original in memory.
func capText(s string, limit int) (string, bool) {
	if len(s) <= limit {
		return s, false
	}
	i := limit
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strings.Clone(s[:i]), true
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}
