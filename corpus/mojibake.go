package corpus

import (
	"strings"
	"unicode/utf8"
)

// cp1252High maps the characters windows-1252 gives the bytes 0x80-0x9F
// to those bytes. With 0xA0-0xBF, which windows-1252 and Latin-1 decode to
// U+00A0-U+00BF, they are what the continuation bytes of UTF-8 become when
// UTF-8 text is decoded as windows-1252 or Latin-1. The five bytes
// windows-1252 leaves undefined come out of most decoders as the C1
// control of the same number, which is mapped too.
var cp1252High = map[rune]byte{
	'€': 0x80, '\u0081': 0x81, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, '\u008d': 0x8D, 'Ž': 0x8E, '\u008f': 0x8F,
	'\u0090': 0x90, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, '\u009d': 0x9D, 'ž': 0x9E, 'Ÿ': 0x9F,
	'\u0080': 0x80, '\u0082': 0x82, '\u0083': 0x83, '\u0084': 0x84, '\u0085': 0x85, '\u0086': 0x86,
	'\u0087': 0x87, '\u0088': 0x88, '\u0089': 0x89, '\u008a': 0x8A, '\u008b': 0x8B, '\u008c': 0x8C,
	'\u008e': 0x8E, '\u0091': 0x91, '\u0092': 0x92, '\u0093': 0x93, '\u0094': 0x94, '\u0095': 0x95,
	'\u0096': 0x96, '\u0097': 0x97, '\u0098': 0x98, '\u0099': 0x99, '\u009a': 0x9A, '\u009b': 0x9B,
	'\u009c': 0x9C, '\u009e': 0x9E, '\u009f': 0x9F,
}

// continuationByte returns the UTF-8 continuation byte (0x80-0xBF) that
// windows-1252 or Latin-1 decodes to r, and false when there is none.
func continuationByte(r rune) (byte, bool) {
	if r >= 0xA0 && r <= 0xBF {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// fixMojibake undoes UTF-8 that was decoded as windows-1252 or Latin-1, as
// in "Itâ€™s" for "It’s" or "Â " for a no-break space: a page served as
// UTF-8 but labelled Latin-1, read by the label. Each sequence of a lead
// character (Â to ô, the images of the bytes 0xC2-0xF4) and the images of
// continuation bytes is replaced by the character it spells, when it
// spells exactly one valid character beyond ASCII; anything else is kept
// as it is, so text in Latin-script languages is left alone ("café" and
// "São Paulo" hold no such sequence).
func fixMojibake(s string) string {
	i := strings.IndexFunc(s, isMojibakeLead)
	if i < 0 {
		return s
	}
	var sb strings.Builder
	copied := 0 // bytes of s already written to sb
	var seq [utf8.UTFMax]byte
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isMojibakeLead(r) {
			i += size
			continue
		}
		need := 1 // continuation bytes the lead byte calls for
		switch {
		case r >= 0xF0:
			need = 3
		case r >= 0xE0:
			need = 2
		}
		seq[0] = byte(r)
		j := i + size
		n := 1
		for n <= need && j < len(s) {
			c, csize := utf8.DecodeRuneInString(s[j:])
			b, ok := continuationByte(c)
			if !ok {
				break
			}
			seq[n] = b
			n++
			j += csize
		}
		if n != need+1 {
			i += size
			continue
		}
		fixed, fsize := utf8.DecodeRune(seq[:n])
		if fixed == utf8.RuneError || fsize != n {
			i += size
			continue
		}
		if sb.Len() == 0 {
			sb.Grow(len(s))
		}
		sb.WriteString(s[copied:i])
		sb.WriteRune(fixed)
		copied = j
		i = j
	}
	if copied == 0 {
		return s
	}
	sb.WriteString(s[copied:])
	return sb.String()
}

// isMojibakeLead reports whether r is what windows-1252 and Latin-1 make
// of a byte that starts a UTF-8 sequence of two to four bytes.
func isMojibakeLead(r rune) bool { return r >= 0xC2 && r <= 0xF4 }
