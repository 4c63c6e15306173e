// The shared floor: lexiconSet, which matches several lexicons against a
// document in one pass.

package features

import (
	"math/bits"
	"strings"
)

// lexiconSet matches several lexicons against a document in one pass,
// consulting a lexicon only where one of its phrases may start. Words are
// sorted into slots by their first and last letters and their length; a
// table of slots says which lexicons have a one-word phrase starting in
// that slot, and a table of hashed slot pairs which have a longer phrase
// starting with two words in those slots. Most words, even "the" and "a",
// then cost no lexicon lookup. Each lexicon's matches are exactly those of
// its FindIn.
type lexiconSet struct {
	lexicons []*Lexicon
	// single[slot] has bit k set when lexicon k has a one-word phrase in
	// that slot, or a longer one whose second word is a prefix pattern.
	single []uint8
	// pairs[pairIndex(a, b)] has bit k set when lexicon k has a phrase of
	// two or more words whose first two words are in slots a and b.
	pairs []uint8
	// firsts[slot] has bit k set when lexicon k has a phrase whose first
	// word is in that slot.
	firsts []uint8
	// always has bit k set when lexicon k has a phrase starting with a
	// prefix pattern ("underscor*"), which no slot holds.
	always uint8
}

// newLexiconSet compiles one lexicon per list of phrases.
func newLexiconSet(lists ...[]string) *lexiconSet {
	if len(lists) > maxSetLexicons {
		panic("newLexiconSet: too many lexicons")
	}
	s := &lexiconSet{single: make([]uint8, slotCount), pairs: make([]uint8, 1<<pairBits), firsts: make([]uint8, slotCount)}
	for k, list := range lists {
		bit := uint8(1) << k
		s.lexicons = append(s.lexicons, NewLexicon(list...))
		for _, p := range list {
			words := PhraseWords(p)
			switch {
			case len(words) == 0:
			case strings.HasSuffix(words[0], "*"):
				s.always |= bit
			case len(words) == 1 || strings.HasSuffix(words[1], "*"):
				s.single[wordSlot(words[0])] |= bit
				s.firsts[wordSlot(words[0])] |= bit
			default:
				s.pairs[pairIndex(wordSlot(words[0]), wordSlot(words[1]))] |= bit
				s.firsts[wordSlot(words[0])] |= bit
			}
		}
	}
	return s
}

// mayStart reports whether a phrase of lexicon k may start with the folded
// word w: false means that none does.
func (s *lexiconSet) mayStart(k int, w string) bool {
	return (s.firsts[wordSlot(w)]|s.always)&(1<<k) != 0
}

// findIn returns the matches of each lexicon among words[from:to], as
// lexicons[k].FindIn(words, from, to) would, for the lexicons whose bit is
// set in mask.
func (s *lexiconSet) findIn(words []Word, from, to int, mask uint8) (out [maxSetLexicons][]Match) {
	if from >= to {
		return out
	}
	var next [maxSetLexicons]int // where each lexicon's next match may start
	sub := words[:to]
	slot := wordSlot(sub[from].Norm)
	for i := from; i < to; i++ {
		pending := s.single[slot] | s.always
		nextSlot := 0
		if i+1 < to {
			nextSlot = wordSlot(sub[i+1].Norm)
			pending |= s.pairs[pairIndex(slot, nextSlot)]
		}
		slot = nextSlot
		for pending &= mask; pending != 0; {
			n := bits.TrailingZeros8(pending)
			pending &^= 1 << n
			if i < next[n] {
				continue
			}
			if m, ok := s.lexicons[n].matchAt(sub, i); ok {
				if out[n] == nil {
					out[n] = make([]Match, 0, 8)
				}
				out[n] = append(out[n], m)
				next[n] = i + m.Len
			}
		}
	}
	return out
}

// maxSetLexicons is the most lexicons a lexiconSet holds.
const maxSetLexicons = 8

// Word slots: 27 letter classes (a to z, anything else) for the first and
// the last byte, and lengths 1 to slotMaxLen, longer words sharing the
// last length.
const (
	slotClasses = 27
	slotMaxLen  = 15
	slotCount   = slotClasses * slotClasses * (slotMaxLen + 1)
	pairBits    = 14
)

// wordSlot returns the slot of a folded word.
func wordSlot(w string) int {
	n := min(len(w), slotMaxLen)
	if n == 0 {
		return 0
	}
	return (letterClass(w[0])*slotClasses+letterClass(w[len(w)-1]))*(slotMaxLen+1) + n
}

// pairIndex hashes the slots of two consecutive words into lexiconSet.pairs.
func pairIndex(a, b int) int {
	return int((uint32(a)*slotCount + uint32(b)) * 0x9E3779B1 >> (32 - pairBits))
}

// letterClass returns 0 to 25 for the letters a to z, 26 for any other byte.
func letterClass(b byte) int {
	if 'a' <= b && b <= 'z' {
		return int(b - 'a')
	}
	return slotClasses - 1
}
