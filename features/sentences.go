// The shared floor: small tests on sentences, lines and paragraphs
// (sentence endings, bullets, where the text starts).

package features

import (
	"sort"
	"unicode/utf8"
)

// runeCountBelow reports whether s has fewer than n characters, counting
// only as far as it needs to.
func runeCountBelow(s string, n int) bool {
	if len(s) < n {
		return true
	}
	if len(s) >= n*utf8.UTFMax {
		return false
	}
	return utf8.RuneCountInString(s) < n
}

// endsSentenceQuick is endsSentence, answered from the last byte when that
// is ASCII and neither a closing quote or bracket nor a space.
func endsSentenceQuick(text string) bool {
	if text == "" {
		return false
	}
	switch c := text[len(text)-1]; c {
	case '"', '\'', ')', ']', ' ':
	case '.', '!', '?', ':', ';':
		return true
	default:
		if c < utf8.RuneSelf {
			return false
		}
	}
	return endsSentence(text)
}

// startsWithBullet reports whether a line starts with a bullet symbol
// followed by a space, or with a list number such as "1." or "2)".
func startsWithBullet(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '·', '►', '▶', '▪', '■', '●', '○', '◆', '✓', '✔', '✅', '➤', '➢', '→', '-', '*', '–', '—':
		next, _ := utf8.DecodeRuneInString(s[size:])
		return next == ' ' || next == '\t'
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// firstTextLine returns the index of the first non-blank line, which is the
// title on most scraped articles, or -1.
func firstTextLine(d *Document) int {
	for i, l := range d.Lines {
		if !l.Blank() {
			return i
		}
	}
	return -1
}

// paragraphOf returns the index of the paragraph holding word w.
func paragraphOf(d *Document, w int) int {
	i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].EndWord > w })
	return min(i, len(d.Paragraphs)-1)
}
