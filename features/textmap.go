// The way back from the normalised text to the text as given: Normalize
// drops, replaces, reorders and composes characters, and a TextMap says,
// for each byte of its result, which bytes of the original it came from,
// so that evidence found in Document.Text can be pointed at in the
// article as the caller holds it.

package features

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A TextMap maps byte ranges of a normalised text back to the text it was
// normalised from (see NormalizeMapped). The zero TextMap is the identity,
// for a text that normalising left as it was.
type TextMap struct {
	// from and to hold, by byte of the normalised text, where the
	// original bytes it came from start and end.
	from, to []int32
}

// Original returns the range of the original text that the normalised
// bytes [start, end) came from: the smallest range holding the sources of
// all of them. An empty range maps to an empty range where it lies.
func (m TextMap) Original(start, end int) (int, int) {
	if m.from == nil {
		return start, end
	}
	if start >= len(m.from) {
		n := 0
		if len(m.to) > 0 {
			n = int(m.to[len(m.to)-1])
		}
		return n, n
	}
	if end <= start {
		at := int(m.from[start])
		return at, at
	}
	lo, hi := m.from[start], m.to[start]
	for i := start + 1; i < end; i++ {
		lo, hi = min(lo, m.from[i]), max(hi, m.to[i])
	}
	return int(lo), int(hi)
}

// NormalizeMapped returns Normalize(s) and the map from its bytes back to
// those of s.
func NormalizeMapped(s string) (string, TextMap) {
	out, m, _ := normalizeMapped(s)
	return out, m
}

// normalizeMapped is NormalizeMapped, reporting whether the map is exact
// rather than the coarse one it falls back to.
func normalizeMapped(s string) (string, TextMap, bool) {
	out := Normalize(s)
	if out == s {
		return out, TextMap{}, true
	}
	runes := sourceRunes(s)
	if strings.Contains(s, "\u202e") {
		runes = unreverseMapped(runes)
	}
	runes = slices.DeleteFunc(runes, func(r mappedRune) bool { return isInvisible(r.r) })
	runes = foldVariantsMapped(runes)
	mapped, m := composeMapped(runes)
	if mapped != out {
		// Not expected; a map that points every byte at the whole text
		// is coarse but never wrong.
		return out, wholeText(len(out), len(s)), false
	}
	return out, m, true
}

// mappedRune is a character on its way through normalising, with the
// bytes of the original text it came from.
type mappedRune struct {
	r        rune
	from, to int32
}

// sourceRunes splits s into runes with their byte ranges, as the first
// steps of Normalize see them: a run of invalid bytes is one U+FFFD, and
// "\r\n" and a lone "\r" are one "\n".
func sourceRunes(s string) []mappedRune {
	out := make([]mappedRune, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			j := i + 1
			for j < len(s) {
				if r2, n2 := utf8.DecodeRuneInString(s[j:]); r2 != utf8.RuneError || n2 != 1 {
					break
				}
				j++
			}
			out = append(out, mappedRune{r: utf8.RuneError, from: int32(i), to: int32(j)})
			i = j
			continue
		case r == '\r':
			r = '\n'
			if i+1 < len(s) && s[i+1] == '\n' {
				n = 2
			}
		}
		out = append(out, mappedRune{r: r, from: int32(i), to: int32(i + n)})
		i += n
	}
	return out
}

// unreverseMapped turns the runs behind right-to-left overrides around
// (see unreverseOverrides), each rune keeping its source: the run behind
// each U+202E, up to its pop or the end of its line, in reverse order and
// mirrored, the override itself dropped.
func unreverseMapped(runes []mappedRune) []mappedRune {
	out := make([]mappedRune, 0, len(runes))
	for i := 0; i < len(runes); {
		if runes[i].r != '\u202e' {
			out = append(out, runes[i])
			i++
			continue
		}
		j := i + 1
		for j < len(runes) && runes[j].r != '\u202c' && runes[j].r != '\n' {
			j++
		}
		for k := j - 1; k > i; k-- {
			r := runes[k]
			r.r = mirrored(r.r)
			out = append(out, r)
		}
		i = j
	}
	return out
}

// foldVariantsMapped does what foldVariants does, to mapped runes.
func foldVariantsMapped(runes []mappedRune) []mappedRune {
	var f variantFolder
	for i := range runes {
		runes[i].r = f.fold(runes[i].r)
	}
	return runes
}

// composeMapped writes the runes out in NFC, segment by segment (a
// starter and the marks that follow it, which NFC composes only among
// themselves), each byte of a segment's output mapped to the sources of
// all the segment's runes.
func composeMapped(runes []mappedRune) (string, TextMap) {
	var pre []byte
	at := make([]int, 0, len(runes)+1) // byte offset of each rune in pre
	for _, r := range runes {
		at = append(at, len(pre))
		pre = utf8.AppendRune(pre, r.r)
	}
	at = append(at, len(pre))
	var out []byte
	m := TextMap{from: make([]int32, 0, len(pre)), to: make([]int32, 0, len(pre))}
	k := 0 // the first rune of the segment
	for i := 0; i < len(pre); {
		n := norm.NFC.NextBoundary(pre[i:], true)
		if n <= 0 {
			n = len(pre) - i
		}
		j := i + n
		end := k
		for at[end] < j {
			end++
		}
		lo, hi := runes[k].from, runes[k].to
		for _, r := range runes[k+1 : end] {
			lo, hi = min(lo, r.from), max(hi, r.to)
		}
		before := len(out)
		out = norm.NFC.Append(out, pre[i:j]...)
		for range len(out) - before {
			m.from = append(m.from, lo)
			m.to = append(m.to, hi)
		}
		i, k = j, end
	}
	return string(out), m
}

// wholeText maps each of n bytes to all of an original of size bytes.
func wholeText(n, size int) TextMap {
	m := TextMap{from: make([]int32, n), to: make([]int32, n)}
	for i := range m.to {
		m.to[i] = int32(size)
	}
	return m
}

// WholeRuns widens spans of s, a text as given to NormalizeMapped, to take
// in whole every right-to-left override run they cut into (from U+202E to
// its pop, U+202C, or the end of its line), so that each span of s,
// normalised on its own, reads as the part of the normalised text it was
// mapped from: a word stored backwards behind an override is drawn the
// right way round only with its override. The spans come back in order,
// those that overlap merged into one.
func WholeRuns(s string, spans []Span) []Span {
	if strings.Contains(s, "\u202e") {
		runs := overrideRuns(s)
		for i, sp := range spans {
			for _, run := range runs {
				if run.Start < sp.End && sp.Start < run.End {
					sp.Start, sp.End = min(sp.Start, run.Start), max(sp.End, run.End)
				}
			}
			spans[i] = sp
		}
	}
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// overrideRuns returns the byte ranges of the right-to-left override runs
// of s, each from its U+202E to the end of its pop (U+202C), or to its
// line's end.
func overrideRuns(s string) []Span {
	var runs []Span
	for at := 0; ; {
		i := strings.Index(s[at:], "\u202e")
		if i < 0 {
			return runs
		}
		start := at + i
		end := len(s)
		if j := strings.IndexAny(s[start+len("\u202e"):], "\u202c\n\r"); j >= 0 {
			end = start + len("\u202e") + j
			if strings.HasPrefix(s[end:], "\u202c") {
				end += len("\u202c")
			}
		}
		runs = append(runs, Span{start, end})
		at = end
	}
}
