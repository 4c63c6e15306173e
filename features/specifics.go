// The shared floor: the specifics (numbers and names) and the quotations of
// a text, and helpers that turn counts into signals and evidence (rates,
// shares, tallies).

package features

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// countSpecifics counts tokens with digits and capitalised names that do
// not open a sentence; a run of capitalised words counts as one name.
// Sentences in title case (headlines) are skipped.
func countSpecifics(d *Document) (numbers, names int) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		words := d.Words[s.FirstWord:s.EndWord]
		if len(words) == 0 || titleCase(*s, words) {
			continue
		}
		// The words lie in order in d.Text: find the digits there, eight
		// bytes at a time, and see which words they fall in.
		last := &words[len(words)-1]
		end := last.Start + len(last.Text)
		digit := -1 // offset of the first digit from the current word on, or end
		inName := false
		for i := range words {
			w := words[i].Text
			start := words[i].Start
			if digit < start {
				digit = indexDigit(d.Text, start, end)
			}
			if digit < start+len(w) {
				numbers++
				inName = false
				continue
			}
			if i > 0 && isCapitalised(w) && w != "I" {
				if !inName {
					names++
				}
				inName = true
				continue
			}
			inName = false
		}
	}
	return numbers, names
}

// quoteSpan is one quoted passage in a paragraph.
type quoteSpan struct {
	text      string // the words between the marks
	paragraph int    // index in Document.Paragraphs
}

// findQuotes returns the quoted spans of at least minQuoteWords words in
// the document. Straight double quotes are paired by shape (an opening mark
// follows a space and precedes a word); a quote left open at the end of a
// paragraph counts, since multi-paragraph quotes close only at their end.
// Single quotes count only when they open before a word and close after
// one, so apostrophes ("don't", "the boys' club") do not pair up.
func findQuotes(d *Document) []quoteSpan {
	var out []quoteSpan
	for pi, p := range d.Paragraphs {
		out = appendQuotes(out, p.Text, pi)
	}
	return out
}

// appendQuotes appends the quotes of one paragraph's text to out.
func appendQuotes(out []quoteSpan, text string, paragraph int) []quoteSpan {
	const (
		none = iota
		double
		single
	)
	open, start := none, 0
	emit := func(end int) {
		inner := text[start:end]
		if hasWords(inner, minQuoteWords) {
			out = append(out, quoteSpan{text: strings.TrimSpace(inner), paragraph: paragraph})
		}
	}
	// Only quote marks matter, so the scan jumps from one to the next and
	// decodes the runes around a mark only when it finds one.
	for i := 0; i < len(text); i++ {
		if i+8 <= len(text) && !hasQuoteLead(load64(text[i:])) {
			i += 7
			continue
		}
		if !quoteLeadByte[text[i]] {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isQuoteMark(r) {
			continue
		}
		prev, next := ' ', ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(text[:i])
		}
		if i+size < len(text) {
			next, _ = utf8.DecodeRuneInString(text[i+size:])
		}
		opens := isQuoteBoundary(prev) && !unicode.IsSpace(next)
		closes := !unicode.IsSpace(prev) && !isWordRune(next)
		switch r {
		case '"':
			switch {
			case open == double && opens && !closes:
				// A new quote opens while one is open: the previous one ran
				// to a paragraph break that joining lines removed.
				emit(i)
				start = i + size
			case open == double:
				emit(i)
				open = none
			case opens:
				// An unclosed single quote was an apostrophe: drop it.
				open, start = double, i+size
			}
		case '“', '„', '«':
			if open == double {
				emit(i)
			}
			open, start = double, i+size
		case '”', '»':
			if open != none {
				emit(i)
				open = none
			}
		case '‘', '\'', '’':
			switch {
			case open == single && closes && !opens:
				emit(i)
				open = none
			case open == none && opens && r != '’':
				open, start = single, i+size
			}
		}
		i += size - 1
	}
	// A double quote left open runs on into the next paragraph; a single
	// one was an apostrophe ("the '90s").
	if open == double {
		emit(len(text))
	}
	return out
}

// ratePer100Words returns n per 100 words, 0 for an empty text.
func ratePer100Words(n, words int) float64 {
	if words == 0 {
		return 0
	}
	return float64(n) * 100 / float64(words)
}

// evidenceTally counts evidence texts in order of first sight, in time
// linear in the number of additions.
type evidenceTally struct {
	index map[string]int
	items []Evidence
}

// add counts text, recording its line on first sight, and returns its
// index in items.
func (t *evidenceTally) add(text string, line int) int {
	if k, ok := t.index[text]; ok {
		t.items[k].Count++
		return k
	}
	if t.index == nil {
		t.index = make(map[string]int)
	}
	t.index[text] = len(t.items)
	t.items = append(t.items, Evidence{Text: text, Count: 1, Line: line})
	return len(t.items) - 1
}

// firstEvidence keeps at most n items.
func firstEvidence(ev []Evidence, n int) []Evidence {
	if len(ev) > n {
		return ev[:n]
	}
	return ev
}

// shortTextWeight is the factor that takes a share over a text of n words
// to its share over at least shortTextWords.
func shortTextWeight(n int) float64 {
	return min(1, float64(n)/shortTextWords)
}

// unitShare clamps v to [0, 1], mapping NaN to 0.
func unitShare(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return min(v, 1)
}

// indexDigit returns the offset of the first ASCII digit in s[from:to], or
// to when there is none. It tests eight bytes at a time, since it runs over
// every sentence.
func indexDigit(s string, from, to int) int {
	i := from
	for ; i+8 <= to; i += 8 {
		if hasByteBetween(load64(s[i:]), '0', '9') {
			break
		}
	}
	for ; i < to; i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return i
		}
	}
	return to
}

// minQuoteWords is the number of words a quoted span needs to count as a
// direct quote rather than a scare-quoted term or a title.
const minQuoteWords = 3

// quoteLeadByte marks the bytes that can start a quote mark: the ASCII
// quotes and the lead bytes of the curly and angle ones.
var quoteLeadByte = func() (t [256]bool) {
	for _, r := range "\"'“„«”»‘’" {
		t[string(r)[0]] = true
	}
	return t
}()

// hasQuoteLead reports whether one of the eight bytes of x may start a
// quote mark: a straight double or single quote, or the lead byte of a
// curly or angle quote. Each of the four tests is the classic "has a zero
// byte" one, on x with the wanted byte cleared to zero.
func hasQuoteLead(x uint64) bool {
	dq, sq := x^(eachByte1*'"'), x^(eachByte1*'\'')
	curly, angle := x^(eachByte1*0xe2), x^(eachByte1*0xc2)
	return ((dq-eachByte1)&^dq|(sq-eachByte1)&^sq|(curly-eachByte1)&^curly|(angle-eachByte1)&^angle)&eachByte128 != 0
}

// isQuoteMark reports whether r is one of the quote marks appendQuotes
// pairs.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '„', '«', '”', '»', '‘', '’':
		return true
	}
	return false
}

// hasWords reports whether s holds at least n words, as countWords counts
// them. Since countWords counts words in the order they start, a long
// quote is judged by ever longer beginnings first, so that its length
// rarely matters.
func hasWords(s string, n int) bool {
	for probe := 24; probe < len(s); probe *= 4 {
		cut := probe
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		if countWords(s[:cut]) >= n {
			return true
		}
	}
	return countWords(s) >= n
}

// isQuoteBoundary reports whether an opening quote mark may follow r.
func isQuoteBoundary(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-:;,/", r)
}

// shortTextWords is the length below which the repetition shares are taken
// over the text as if it went on, without repeating itself, to that many
// words: a headline printed twice is a tenth of a 50-word brief and a
// trifle of an article, and shortness alone must not read as repetition.
const shortTextWords = 150
