// The shared floor: word lists and tests on single words (stop words, the
// flag tables that hold word lists, stems, capitals).

package features

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords is a standard English stop-word list (function words:
// articles, pronouns, auxiliaries, prepositions, conjunctions), folded like
// Word.Norm.
var stopWords = func() *wordFlagTable {
	list := []string{
		"a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
		"any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
		"below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
		"couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
		"during", "each", "few", "for", "from", "further", "had", "hadn't", "has",
		"hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her",
		"here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i",
		"i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's",
		"its", "itself", "let's", "me", "more", "most", "mustn't", "my", "myself", "no",
		"nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought", "our",
		"ours", "ourselves", "out", "over", "own", "same", "shan't", "she", "she'd",
		"she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
		"that's", "the", "their", "theirs", "them", "themselves", "then", "there",
		"there's", "these", "they", "they'd", "they'll", "they're", "they've", "this",
		"those", "through", "to", "too", "under", "until", "up", "very", "was", "wasn't",
		"we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's",
		"when", "when's", "where", "where's", "which", "while", "who", "who's", "whom",
		"why", "why's", "will", "with", "won't", "would", "wouldn't", "you", "you'd",
		"you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
	}
	return newWordFlagTable(map[uint16][]string{1: list}, true)
}()

// wordFlagTable maps folded words to a few bits of flags, for the loops
// that look up every word of a document. A lookup allocates nothing. Words
// are hashed on their length and three of their bytes; a one-byte tag per
// slot settles nearly every miss without touching the words, and a word
// whose tag matches is compared in full. A table of words common in prose
// (stop words) also packs its words of up to seven bytes whole into keys
// found in a direct-mapped table without a branch, so that the random run
// of hits and misses that prose gives costs fewer mispredicted branches.
// As in a Lexicon, a word ending in "*" stands for every word with that
// prefix. The table is built once and only read afterwards, so it is safe
// for concurrent use.
type wordFlagTable struct {
	// When common is set, shortKeys and shortFlags hold the words of up
	// to wordFlagShort bytes at slot shortSlot(key); an empty slot has key 0,
	// which no word packs to. The other words are in the tagged slots.
	common     bool
	shortKeys  []uint64
	shortFlags []uint16
	shortMul   uint64
	shortShift uint64
	// tags[i] is 0 for an empty slot, else wordFlagTag of the word whose
	// index in words is entry[i].
	tags  []uint8
	entry []uint16
	words []string
	flags []uint16 // flags[k] are the flags of words[k]
	mask  uint32   // len(tags)-1
	shift uint32   // 32 - log2(len(tags))
	// maxLen is the length of the longest word.
	maxLen int
	// prefixes are the prefix patterns; minPrefix is the length of the
	// shortest, and prefixStart[b] is 1 when a prefix is empty or starts
	// with byte b.
	prefixes    []wordFlagPrefix
	minPrefix   int
	prefixStart [256]uint8
}

// newWordFlagTable builds a table that gives each word the union of the
// flags whose lists hold it. Common says that prose is full of its words,
// as it is of stop words.
func newWordFlagTable(lists map[uint16][]string, common bool) *wordFlagTable {
	t := &wordFlagTable{common: common}
	all := make(map[string]uint16)
	for flag, list := range lists {
		for _, w := range list {
			if pre, ok := strings.CutSuffix(w, "*"); ok {
				t.addPrefix(pre, flag)
			} else if w != "" {
				all[w] |= flag
			}
		}
	}
	if len(all) >= 1<<16 {
		panic("newWordFlagTable: too many words")
	}
	short := make(map[uint64]uint16)
	long := make(map[string]uint16)
	for w, f := range all {
		t.maxLen = max(t.maxLen, len(w))
		if common && len(w) <= wordFlagShort {
			short[shortKey(w)] = f
		} else {
			long[w] = f
		}
	}
	if common {
		t.buildShort(short)
	}
	// At most a sixteenth of the slots are used, so that a word not in
	// the table nearly always finds its first slot empty: probes of
	// varying length cost mispredicted branches.
	bits := uint32(4)
	for 1<<bits < 16*len(long) {
		bits++
	}
	size := 1 << bits
	t.tags, t.entry, t.mask, t.shift = make([]uint8, size), make([]uint16, size), uint32(size-1), 32-bits
	for w, f := range long {
		h := wordFlagHash(w)
		for i := h >> t.shift; ; i = (i + 1) & t.mask {
			if t.tags[i] == 0 {
				t.tags[i], t.entry[i] = wordFlagTag(h, t.shift), uint16(len(t.words))
				t.words, t.flags = append(t.words, w), append(t.flags, f)
				break
			}
		}
	}
	return t
}

// addPrefix adds a prefix pattern.
func (t *wordFlagTable) addPrefix(prefix string, flag uint16) {
	if len(t.prefixes) == 0 || len(prefix) < t.minPrefix {
		t.minPrefix = len(prefix)
	}
	t.prefixes = append(t.prefixes, wordFlagPrefix{prefix, flag})
	if prefix == "" {
		for b := range t.prefixStart {
			t.prefixStart[b] = 1
		}
		return
	}
	t.prefixStart[prefix[0]] = 1
}

// mayHavePrefix reports whether w may start with one of the prefixes: it
// is long enough and starts like one. The two are tested as one, since
// nearly every word fails and two tests would each be a branch prose does
// not predict.
func (t *wordFlagTable) mayHavePrefix(w string) bool {
	long := uint8(uint(t.minPrefix-len(w)-1) >> 63) // 1 when len(w) >= minPrefix
	start := t.prefixStart[0]                       // 1 when a prefix is empty
	if w != "" {
		start = t.prefixStart[w[0]]
	}
	return len(t.prefixes) > 0 && start&long != 0
}

// prefixFlags returns the flags of the prefix patterns w matches; callers
// ask mayHavePrefix first.
func (t *wordFlagTable) prefixFlags(w string) uint16 {
	var f uint16
	for _, p := range t.prefixes {
		if strings.HasPrefix(w, p.prefix) {
			f |= p.flag
		}
	}
	return f
}

// buildShort lays out the direct-mapped table of short words, trying
// multipliers until no two words share a slot.
func (t *wordFlagTable) buildShort(short map[uint64]uint16) {
	bits := uint64(4)
	for 1<<bits < 16*len(short) {
		bits++
	}
	state := uint64(0x9e3779b97f4a7c15)
	for try := 1; ; try++ {
		if try%32 == 0 {
			bits++
		}
		state = state*6364136223846793005 + 1442695040888963407
		t.shortMul, t.shortShift = state|1, 64-bits
		t.shortKeys, t.shortFlags = make([]uint64, 1<<bits), make([]uint16, 1<<bits)
		ok := true
		for key, f := range short {
			i := t.shortSlot(key)
			if t.shortKeys[i] != 0 {
				ok = false
				break
			}
			t.shortKeys[i], t.shortFlags[i] = key, f
		}
		if ok {
			return
		}
	}
}

// shortKey packs a non-empty word into 64 bits: its length (capped at
// 255) and its first wordFlagShort bytes, the last one repeated past the
// end of a shorter word. It holds a word of up to wordFlagShort bytes
// whole. The byte positions are computed without a branch.
func shortKey(w string) uint64 {
	n := len(w)
	m := n - 1
	d1, d2, d3, d4, d5, d6 := m-1, m-2, m-3, m-4, m-5, m-6
	p1 := 1 + d1&(d1>>63) // min(1, m)
	p2 := 2 + d2&(d2>>63) // min(2, m)
	p3 := 3 + d3&(d3>>63) // min(3, m)
	p4 := 4 + d4&(d4>>63) // min(4, m)
	p5 := 5 + d5&(d5>>63) // min(5, m)
	p6 := 6 + d6&(d6>>63) // min(6, m)
	return uint64(min(n, 255)) | uint64(w[0])<<8 | uint64(w[p1])<<16 | uint64(w[p2])<<24 |
		uint64(w[p3])<<32 | uint64(w[p4])<<40 | uint64(w[p5])<<48 | uint64(w[p6])<<56
}

// shortSlot is the slot of a short word's key.
func (t *wordFlagTable) shortSlot(key uint64) uint64 { return (key * t.shortMul) >> t.shortShift }

// wordFlagHash hashes a non-empty word on its length and its first, middle
// and last bytes; the top bits give its slot.
func wordFlagHash(w string) uint32 {
	n := len(w)
	return (uint32(w[0]) | uint32(w[n-1])<<8 | uint32(w[n/2])<<16 | uint32(n)<<24) * 0x9e3779b1
}

// wordFlagTag is the tag of a word of hash h: seven bits of the hash below
// those of the slot, and a high bit so that it is never 0.
func wordFlagTag(h, shift uint32) uint8 { return uint8(h>>(shift-8)) | 0x80 }

// getShort returns the flags of a non-empty word of up to wordFlagShort
// bytes (and 0 for a longer word).
func (t *wordFlagTable) getShort(w string) uint16 {
	key := shortKey(w)
	i := t.shortSlot(key)
	return t.shortFlags[i] & sameMask(t.shortKeys[i], key)
}

// sameMask is 0xffff when a == b and 0 otherwise, computed without a
// branch: a^b-1 borrows into the top bit only when a^b is 0, and a^b
// itself has the top bit set only when a and b differ there.
func sameMask(a, b uint64) uint16 {
	x := a ^ b
	return uint16(((x - 1) &^ x) >> 63 * 0xffff)
}

// getLong returns the flags of a non-empty word no longer than maxLen from
// the tagged slots, which hold every word but the short ones of a common
// table.
func (t *wordFlagTable) getLong(w string) uint16 {
	h := wordFlagHash(w)
	tag := wordFlagTag(h, t.shift)
	for i := h >> t.shift; ; i = (i + 1) & t.mask {
		switch t.tags[i] {
		case 0:
			return 0
		case tag:
			if k := t.entry[i]; t.words[k] == w {
				return t.flags[k]
			}
		}
	}
}

// get returns the flags of w, 0 when the table does not hold it.
func (t *wordFlagTable) get(w string) uint16 {
	var f uint16
	if t.mayHavePrefix(w) {
		f = t.prefixFlags(w)
	}
	switch n := len(w); {
	case n == 0 || n > t.maxLen:
	case t.common && n <= wordFlagShort:
		f |= t.getShort(w)
	default:
		f |= t.getLong(w)
	}
	return f
}

// flagsOf sets dst[i] to the flags of words[i].Norm; dst must be at least
// as long as words. For a common table it runs in two passes, so that
// whether a word is short is not a branch either: the first looks up every
// word in the table of short words (a longer word packs to a key no short
// word has) and notes the longer words, the second looks those up.
func (t *wordFlagTable) flagsOf(words []Word, dst []uint16) {
	if !t.common {
		// A single pass, whose branches prose, which seldom holds the
		// words of such a table, predicts well.
		tags, entry, keys, flags, mask, shift, maxLen := t.tags, t.entry, t.words, t.flags, t.mask, t.shift, t.maxLen
		for j := range words {
			w := words[j].Norm
			var f uint16
			if n := len(w); n > 0 && n <= maxLen {
				// getLong, written out.
				h := wordFlagHash(w)
				tag := wordFlagTag(h, shift)
				for i := h >> shift; ; i = (i + 1) & mask {
					if g := tags[i]; g == 0 {
						break
					} else if k := entry[i]; g == tag && keys[k] == w {
						f = flags[k]
						break
					}
				}
			}
			if t.mayHavePrefix(w) {
				f |= t.prefixFlags(w)
			}
			dst[j] = f
		}
		return
	}
	var long [256]uint16
	keys, flags, mul, shift := t.shortKeys, t.shortFlags, t.shortMul, t.shortShift
	for from := 0; from < len(words); from += len(long) {
		chunk := words[from:min(from+len(long), len(words))]
		out := dst[from : from+len(chunk)]
		nlong := 0
		for j := range chunk {
			w := chunk[j].Norm
			if w == "" {
				out[j] = 0
				continue
			}
			// getShort, written out.
			key := shortKey(w)
			i := (key * mul) >> shift
			out[j] = flags[i] & sameMask(keys[i], key)
			// Note j when wordFlagShort < len(w) <= maxLen, and move on
			// only then.
			n := len(w)
			long[nlong] = uint16(j)
			nlong += int(uint(wordFlagShort-n)>>63) &^ int(uint(t.maxLen-n)>>63)
		}
		for _, j := range long[:nlong] {
			out[j] = t.getLong(chunk[j].Norm)
		}
		if len(t.prefixes) > 0 {
			for j := range chunk {
				if t.mayHavePrefix(chunk[j].Norm) {
					out[j] |= t.prefixFlags(chunk[j].Norm)
				}
			}
		}
	}
}

// has reports whether the table holds w.
func (t *wordFlagTable) has(w string) bool { return t.get(w) != 0 }

// inflectionStem returns a word's folded form without the inflection a
// stuffer rotates a phrase through to slip past repetition counts
// ("flights", "ticketing", "cheaper", "investors", "booked" for "flight",
// "ticket", "cheap", "invest", "book"). It drops a plural first (-s, -es
// after s, x, z, ch or sh, -ies for -y; words ending in -ss, -us or -is
// keep their s), then one of -ing, -er or -ed with the doubled consonant
// before it ("shopping" for "shop"), each when at least three letters
// remain, or the -or of a word of eight letters or more ("investor"); so
// a word and its plural always share a stem ("player", "players"). The
// repetition measures count words by their stems, so that "cheap flight
// tickets" and "cheaper flights ticket" are one phrase. Everything it
// drops or adds is ASCII.
func inflectionStem(norm string) string {
	if len(norm) < 4 {
		return norm
	}
	stem := norm
	switch {
	case strings.HasSuffix(stem, "ies") && len(stem) >= 6:
		stem = stem[:len(stem)-3] + "y"
	case strings.HasSuffix(stem, "es") && len(stem) >= 5 && sibilantEnd(stem[:len(stem)-2]):
		stem = stem[:len(stem)-2]
	case strings.HasSuffix(stem, "s") && !strings.HasSuffix(stem, "ss") && !strings.HasSuffix(stem, "us") && !strings.HasSuffix(stem, "is"):
		stem = stem[:len(stem)-1]
	}
	for _, suffix := range [...]string{"ing", "er", "ed", "or"} {
		if len(stem)-len(suffix) >= 3 && strings.HasSuffix(stem, suffix) && (suffix != "or" || len(stem) >= 8) {
			stem = stem[:len(stem)-len(suffix)]
			if n := len(stem); n >= 4 && stem[n-1] == stem[n-2] && doublable(stem[n-1]) {
				stem = stem[:n-1]
			}
			break
		}
	}
	return stem
}

// isTopicWord reports whether a word carries topic: not a function word,
// a number, a unit or a reporting verb.
func isTopicWord(w Word) bool {
	if w.Norm == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w.Norm)
	if unicode.IsDigit(r) {
		return false
	}
	return !closedClassWords[w.Norm]
}

// allCapitals reports whether s has no lower-case letter.
func allCapitals(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// wordSetOf builds a set from white-space separated words.
func wordSetOf(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// isCapitalised reports whether a word starts with an upper-case letter.
func isCapitalised(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// titleCase reports whether a sentence reads as a headline: no terminal
// punctuation and most words capitalised.
func titleCase(s Sentence, words []Word) bool {
	if len(words) < 3 || endsSentence(s.Text) {
		return false
	}
	caps := 0
	for i := range words {
		if isCapitalised(words[i].Text) {
			caps++
		}
	}
	return caps*10 > len(words)*6
}

// isDigitByte reports whether c is an ASCII digit.
func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// sibilantEnd reports whether s ends in s, x, z, ch or sh: the endings
// whose plural takes -es.
func sibilantEnd(s string) bool {
	switch s[len(s)-1] {
	case 's', 'x', 'z':
		return true
	case 'h':
		return len(s) >= 2 && (s[len(s)-2] == 'c' || s[len(s)-2] == 's')
	}
	return false
}

// doublable reports whether a consonant is doubled before -ing, -er and
// -ed ("shopping", "planned"); l, s and z end words doubled ("selling",
// "passed").
func doublable(b byte) bool {
	return strings.IndexByte("bdgmnprt", b) >= 0
}

// closedClassWords lists function words, numbers spelled out, units, days and
// reporting verbs: words that do not make a repeated phrase topical.
var closedClassWords = wordSetOf(`
a about above across after again against all almost along also although always am among an and another any anyone anything are around as at
be because been before being below between both but by can cannot could did do does doing done down during each either else even ever every
few for from further had has have having he her here hers herself him himself his how however i if in into is it its itself just least less
like many may me might more most much must my myself neither no nor not now of off often on once one only or other others otherwise our ours
ourselves out over own per perhaps quite rather same several shall she should since so some still such than that the their theirs them
themselves then there these they this those though through thus to too toward towards under until up upon us very via was we were what
whatever when where whether which while who whom whose why will with within without would yet you your yours yourself yourselves
's s t don't doesn't didn't won't can't isn't aren't wasn't weren't hasn't haven't hadn't it's that's he's she's they're we're i'm
nil zero two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand million billion trillion first second third last
mln bln dlrs dlr pct cts ct pence cent cents percent vs shr shrs revs net qtr avg mths
said says say saying told tells tell added according asked
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
year years month months week weeks day days time times mr mrs ms dr
new old other same
`)

// wordFlagPrefix gives flag to every word that starts with prefix.
type wordFlagPrefix struct {
	prefix string
	flag   uint16
}

// wordFlagShort is the longest word held in the direct-mapped table.
const wordFlagShort = 7

// bpPlural renders a count with its noun: "1 line", "3 lines".
func bpPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
