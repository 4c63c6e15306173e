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

func (lexical) Names() []string { return []string{"repeated_trigrams", "lexical_diversity"} }

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
}

var lexicalPool = sync.Pool{New: func() any { return new(lexicalScratch) }}

// mix64 is the finalizer of splitmix64: it spreads a combination of
// word hashes over all 64 bits, as hashTable needs.
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Run measures the document.
func (lexical) Run(d *Document) []Signal {
	sc := lexicalPool.Get().(*lexicalScratch)
	defer lexicalPool.Put(sc)
	return []Signal{repeatedTrigrams(d, sc), lexicalDiversity(d, sc)}
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
	for i := range n {
		h := mix64(w[i].key*0x9E3779B97F4A7C15 ^ w[i+1].key*0xC2B2AE3D27D4EB4F ^ w[i+2].key)
		s := t.add(h)
		if t.vals[s] == 1 {
			sc.first[s] = int32(i)
		}
		if t.vals[s] > bestCount {
			best, bestCount = s, t.vals[s]
		}
	}
	repeated := 0
	for _, c := range t.vals {
		if c > 1 {
			repeated += int(c)
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
	t := &sc.words
	t.reset(len(w))
	// A word's slot value is 1 + its count in the window, so that a word
	// that left the window keeps its slot and the table needs no
	// deletions.
	distinct := 0
	enter := func(k uint64) {
		s := t.lookup(mix64(k))
		if t.vals[s] == 0 {
			t.keys[s], t.vals[s] = mix64(k), 1
		}
		if t.vals[s] == 1 {
			distinct++
		}
		t.vals[s]++
	}
	leave := func(k uint64) {
		s := t.lookup(mix64(k))
		t.vals[s]--
		if t.vals[s] == 1 {
			distinct--
		}
	}
	window := min(diversityWindow, len(w))
	for _, x := range w[:window] {
		enter(x.key)
	}
	sum, windows := float64(distinct), 1
	for i := window; i < len(w); i++ {
		leave(w[i-window].key)
		enter(w[i].key)
		sum += float64(distinct)
		windows++
	}
	v := sum / float64(windows) / float64(window)
	return Signal{Value: v, Message: fmt.Sprintf("%.0f%% of the words in a window of %d are distinct", 100*v, window)}
}
