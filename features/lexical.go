package features

import (
	"fmt"
	"sync"
)

// lexical measures how much a text repeats its own words. Machine text
// does, sentence after sentence coming back to the same few phrases;
// reporting, with its new names, numbers and quotes in every paragraph,
// does not.
//
// Signals:
//   - repeated_trigrams: share of the text's word trigrams (three words
//     in a row, folded) that occur more than once in it, 0..1, taken over
//     at least shortTextWords words as the repetition shares are. Fired at
//     repeatedTrigramsFired or more in a text of at least lexicalMinWords
//     words, with the most repeated trigram as evidence.
//   - lexical_diversity: the moving-average type-token ratio: the mean
//     share of distinct words in every window of diversityWindow words in
//     a row, 0..1, or the share over the whole text when it is shorter.
//     It never fires: low diversity is a weight for the model, not a
//     finding of its own.
type lexical struct{}

func newLexical() Check { return lexical{} }

// Signals declares the signals of word reuse.
func (lexical) Signals() []Spec {
	return []Spec{
		{"repeated_trigrams", "three-word sequences that recur"},
		{"lexical_diversity", "distinct words in every 50"},
	}
}

const (
	// lexicalMinWords is the fewest words for repeated_trigrams to fire.
	lexicalMinWords = 100
	// repeatedTrigramsFired is the share of repeated trigrams from which
	// the signal fires: beyond all but about a thousandth of clean news
	// (scraped pages that print a passage twice), where half of some
	// generators' articles lie.
	repeatedTrigramsFired = 0.6
	// diversityWindow is the window of lexical_diversity.
	diversityWindow = 50
)

// lexicalScratch is the reusable memory of one measurement.
type lexicalScratch struct {
	trigrams hashTable
	first    []int32 // the first word of each trigram's first occurrence, by slot
	words    hashTable
	// prev and next hold, for each word, the index of the word's previous
	// and next occurrence (−1 and len(Words) for none).
	prev, next []int32
}

var lexicalPool = sync.Pool{New: func() any { return new(lexicalScratch) }}

// Run measures the document.
func (lexical) Run(d *Document) []Signal {
	sc := lexicalPool.Get().(*lexicalScratch)
	defer lexicalPool.Put(sc)
	return []Signal{
		named("repeated_trigrams", repeatedTrigrams(d, sc)),
		named("lexical_diversity", lexicalDiversity(d, sc)),
	}
}

func repeatedTrigrams(d *Document, sc *lexicalScratch) Signal {
	w := d.Words
	n := len(w) - 2
	if n <= 0 {
		return Signal{}
	}
	t := &sc.trigrams
	t.reset(n)
	sc.first = resized(sc.first, len(t.vals))
	best, bestCount := 0, int32(0)
	repeated := 0 // occurrences of the trigrams met more than once so far
	for i := range n {
		h := repeatMix(w[i].key*0x9E3779B97F4A7C15 ^ w[i+1].key*0xC2B2AE3D27D4EB4F ^ w[i+2].key)
		s := t.add(h)
		switch c := t.vals[s]; c {
		case 1:
			sc.first[s] = int32(i)
		case 2:
			repeated += 2
		default:
			repeated++
		}
		if t.vals[s] > bestCount {
			best, bestCount = s, t.vals[s]
		}
	}
	share := float64(repeated) / float64(n)
	sig := Signal{Value: share * shortTextWeight(len(w))}
	if bestCount > 1 {
		i := int(sc.first[best])
		phrase := d.Text[w[i].Start : w[i+2].Start+len(w[i+2].Text)]
		sig.Evidence = []Evidence{{Text: phrase, Count: int(bestCount), Line: d.Lines[w[i].Line].Number}}
		sig.Message = fmt.Sprintf("%.0f%% of its three-word sequences recur, most often %q ×%d", 100*share, phrase, bestCount)
	}
	sig.Fired = len(w) >= lexicalMinWords && share >= repeatedTrigramsFired
	return sig
}

func lexicalDiversity(d *Document, sc *lexicalScratch) Signal {
	w := d.Words
	if len(w) == 0 {
		return Signal{}
	}
	prev, next := linkOccurrences(w, sc)
	// The distinct words of a window are the words whose previous
	// occurrence lies before the window. When the window moves on by one
	// word, the word that leaves was one of them, the next occurrence of
	// that word (if inside the window) becomes one, and so does the word
	// that enters if it was not in the window.
	window := min(diversityWindow, len(w))
	distinct := 0
	for k := range window {
		if prev[k] < 0 {
			distinct++
		}
	}
	sum, windows := float64(distinct), 1
	for i := window; i < len(w); i++ {
		gone := i - window // the window goes from w[gone:i] to w[gone+1:i+1]
		distinct--
		if int(next[gone]) < i {
			distinct++
		}
		if int(prev[i]) <= gone {
			distinct++
		}
		sum += float64(distinct)
		windows++
	}
	v := sum / float64(windows) / float64(window)
	return Signal{Value: v, Message: fmt.Sprintf("%.0f%% of the words in a window of %d are distinct", 100*v, window)}
}

// linkOccurrences returns, for each word, the index of the previous and
// of the next occurrence of the same word (−1 and len(w) for none).
func linkOccurrences(w []Word, sc *lexicalScratch) (prev, next []int32) {
	t := &sc.words
	t.reset(len(w))
	prev, next = resized(sc.prev, len(w)), resized(sc.next, len(w))
	sc.prev, sc.next = prev, next
	for i := range w {
		h := repeatMix(w[i].key)
		s := t.lookup(h)
		// A word's slot holds 1 + the index of its last occurrence.
		prev[i] = t.vals[s] - 1
		next[i] = int32(len(w))
		if p := prev[i]; p >= 0 {
			next[p] = int32(i)
		}
		t.keys[s], t.vals[s] = h, int32(i+1)
	}
	return prev, next
}
