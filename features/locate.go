// The shared floor: finding evidence again in the text, so that a reader of
// a result can be shown where each reason was found.

package features

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text: of Document.Text as Locate
// finds it, of the article as given once mapped back (TextMap.Original).
type Span struct {
	Start, End int
}

// MarshalJSON encodes the span as the pair [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "[%d,%d]", s.Start, s.End), nil
}

// UnmarshalJSON decodes the pair [start, end].
func (s *Span) UnmarshalJSON(data []byte) error {
	var pair [2]int
	if err := json.Unmarshal(data, &pair); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	s.Start, s.End = pair[0], pair[1]
	return nil
}

// MaxSpans caps the occurrences Locate returns for one piece of evidence;
// Evidence.Count keeps the number in all.
const MaxSpans = 20

// Locate returns where the evidence occurs in d.Text: up to limit byte
// ranges, in order and not overlapping. An occurrence is, first, the
// evidence's text itself standing as whole words (a cut text, ending in
// "…", matches its start and runs on to the end of its line). When the
// text never stands so, as for a phrase counted in lower case or a
// sentence of a paragraph re-flowed from wrapped lines, an occurrence is
// its words in order, compared in their folded forms (Word.Norm, a
// trailing "'s" aside) and allowed any white space or punctuation between
// them. Last, it is the text where it begins or ends inside what the
// tokeniser took for one word ("Qatar.The New York Times reports").
// Evidence that is not from the text (Evidence.Hidden), or whose words
// the text does not hold, has no spans.
//
// The search starts at the evidence's Line, where its first occurrence
// is, and returns no more occurrences than its Count, so that a phrase
// quoted once is not also shown where it stands unquoted before; when
// nothing is found from there, it starts at the top.
func (d *Document) Locate(ev Evidence, limit int) []Span {
	if ev.Hidden || limit <= 0 || ev.Text == "" {
		return nil
	}
	if ev.Count > 0 {
		limit = min(limit, ev.Count)
	}
	text := ev.Text
	if ev.Cut {
		text = strings.TrimSuffix(text, "…")
	}
	from := 0
	if ev.Line >= 1 && ev.Line <= len(d.Lines) {
		from = d.Lines[ev.Line-1].Start
	}
	for {
		if spans := d.locateText(text, from, ev.Cut, true, limit); len(spans) > 0 {
			return spans
		}
		if spans := d.locateWords(text, from, ev.Cut, limit); len(spans) > 0 {
			return spans
		}
		if spans := d.locateText(text, from, ev.Cut, false, limit); len(spans) > 0 {
			return spans
		}
		if from == 0 {
			return nil
		}
		from = 0
	}
}

// locateText finds text in d.Text, from byte from on, where it begins and
// ends at word boundaries, with joiners binding words (see wordBoundary)
// when joined; a cut text's match runs on to the end of its line.
func (d *Document) locateText(text string, from int, cut, joined bool, limit int) []Span {
	var spans []Span
	for len(spans) < limit {
		i := strings.Index(d.Text[from:], text)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(text)
		if !wordBoundary(d.Text, start, text, true, joined) || (!cut && !wordBoundary(d.Text, end, text, false, joined)) {
			_, size := utf8.DecodeRuneInString(d.Text[start:])
			from = start + size
			continue
		}
		if cut {
			end = lineEnd(d.Text, end)
		}
		spans = append(spans, Span{start, end})
		from = end
	}
	return spans
}

// wordBoundary reports whether the match of text at byte at of s does not
// split a word there: at the match's start when first, else at its end. A
// match that begins (or ends) with a character that is not part of a word
// is bounded there whatever its neighbour. With joined, a joiner between
// two word characters ("-", "'", "." as in "non-bank") binds them into one
// word.
func wordBoundary(s string, at int, text string, first, joined bool) bool {
	if first {
		r, _ := utf8.DecodeRuneInString(text)
		if !isWordRune(r) || at == 0 {
			return true
		}
		prev, n := utf8.DecodeLastRuneInString(s[:at])
		if joined && isJoiner(prev) { // "bank" is no word of "non-bank"
			prev, _ = utf8.DecodeLastRuneInString(s[:at-n])
		}
		return !isWordRune(prev)
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	if !isWordRune(r) || at == len(s) {
		return true
	}
	next, n := utf8.DecodeRuneInString(s[at:])
	if joined && isJoiner(next) {
		next, _ = utf8.DecodeRuneInString(s[at+n:])
	}
	return !isWordRune(next)
}

// lineEnd returns the end of the text of the line holding byte at of s:
// before its line break and its trailing white space.
func lineEnd(s string, at int) int {
	end := len(s)
	if i := strings.IndexByte(s[at:], '\n'); i >= 0 {
		end = at + i
	}
	return at + len(strings.TrimRight(s[at:end], " \t"))
}

// evidenceDocuments keeps the Documents that split evidence into words.
var evidenceDocuments = sync.Pool{New: func() any { return new(Document) }}

// locateWords finds the words of text in order in d.Words, from the first
// word at or after byte from; a cut text's
// last word may be cut, so it matches as a prefix and the match runs on to
// the end of its line.
func (d *Document) locateWords(text string, from int, cut bool, limit int) []Span {
	e := evidenceDocuments.Get().(*Document)
	defer evidenceDocuments.Put(e)
	e.Reset("", text)
	want := e.Words
	if len(want) == 0 {
		return nil
	}
	var spans []Span
	first, _ := slices.BinarySearchFunc(d.Words, from, func(w Word, at int) int { return cmp.Compare(w.Start, at) })
	for i := first; i+len(want) <= len(d.Words) && len(spans) < limit; i++ {
		if !d.wordsMatch(i, want, cut) {
			continue
		}
		last := d.Words[i+len(want)-1]
		start, end := d.Words[i].Start, last.Start+len(last.Text)
		if cut {
			end = lineEnd(d.Text, end)
		}
		spans = append(spans, Span{start, end})
		i += len(want) - 1
	}
	return spans
}

// wordsMatch reports whether the words of d from i on are want, in their
// folded forms; with cut, the last of want may be the start of its word.
func (d *Document) wordsMatch(i int, want []Word, cut bool) bool {
	for k, w := range want {
		got := d.Words[i+k].Norm
		switch {
		case got == w.Norm, strings.TrimSuffix(got, "'s") == w.Norm:
		case cut && k == len(want)-1 && strings.HasPrefix(got, w.Norm):
		default:
			return false
		}
	}
	return true
}
