package features

import (
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// stuffingMaxWords caps the words that the repetition measures look at: only
// the first 100 000 words of a document are hashed. Past that point a page is
// far longer than any article, the measures have long since settled, and the
// cap keeps memory and time per document bounded.
const stuffingMaxWords = 100_000

// Thresholds of the Gopher quality filter (Rae et al. 2021, "Scaling
// Language Models", appendix A, MassiveText repetition removal). A document
// past one of them is dropped there; here the signal fires.
const (
	gopherTop2     = 0.20
	gopherTop3     = 0.18
	gopherTop4     = 0.16
	gopherDup5     = 0.15
	gopherDup10    = 0.10
	gopherDupLine  = 0.20
	gopherDupPara  = 0.20
	gopherMinWords = 50
)

// Keyword stuffing rules.
const (
	// stuffMinCount is the fewest occurrences a phrase needs to be
	// considered at all.
	stuffMinCount = 4
	// stuffMaxPhrase is the longest phrase reported (in words), after
	// extending a repeated 2- to 5-gram to its maximal form.
	stuffMaxPhrase = 10
	// stuffMaxCandidates bounds the repeated phrases examined per document.
	stuffMaxCandidates = 300
)

// stuffing measures repetition: a phrase stuffed into the text far beyond
// normal use, and the Gopher repetition measures of the whole text.
//
// Signals:
//   - keyword_stuffing: log1p of the stuffed phrase's excess count (see
//     stuffedPhrase.excess). A repeated phrase of topic words (2-5 words,
//     widened to the maximal repeated phrase up to 10) looks inserted when
//     the sentences around it never need it and its neighbouring words keep
//     changing; it fires when it also repeats at least five times and breaks
//     the text (a paragraph of its own, a fake heading, glued onto the next
//     sentence, a lower-case sentence start, running into an article), or
//     repeats at least eight times in ever-changing company (see
//     stuffedPhrase.fired).
//   - top_2gram_share, top_3gram_share, top_4gram_share: share of word
//     characters covered by the most frequent 2-, 3-, 4-gram (counting every
//     occurrence).
//   - dup_5gram_share, dup_10gram_share: share of word characters inside
//     repeated occurrences of 5-grams and 10-grams (first occurrences not
//     counted).
//   - dup_line_share, dup_paragraph_share: share of the characters of
//     non-blank lines (paragraphs) that repeat an earlier identical line
//     (paragraph).
//
// Characters are counted in runes of the folded words, without spaces and
// punctuation. The Gopher measures fire past the thresholds of that filter
// on documents of at least 50 words.
type stuffing struct{}

// newStuffing builds the repetition check.
func newStuffing() Check { return stuffing{} }

// Names lists the repetition signals.
func (stuffing) Names() []string {
	return []string{
		"keyword_stuffing",
		"top_2gram_share", "top_3gram_share", "top_4gram_share",
		"dup_5gram_share", "dup_10gram_share",
		"dup_line_share", "dup_paragraph_share",
	}
}

// ngramScratch holds the per-document buffers of the repetition measures,
// reused through a pool so that scoring allocates little. A scratch belongs
// to one Run at a time.
type ngramScratch struct {
	word  []uint64 // hash of each word's Norm
	gram  []uint64 // hash of the n-gram starting at each word, for the current n (valid at the positions in pos)
	chars []int32  // rune length of each word
	pos   []int32  // start of every n-gram of the current n that may repeat, in order
	slot  []int32  // table slot of the n-gram starting at pos[j], for every j
	seen  []bool   // per table slot: n-gram met before, for the Gopher duplicate scan
	table hashTable
	pairs []occurrencePair
	occ   []int // occurrences of all candidates, grouped by candidate

	shape     []lineShape // per line, for stuffContext
	paraOf    []int32     // per line, for stuffContext
	covered   []bool      // per word, for findStuffedPhrases
	blocks    []textBlock // for dupBlockSignal
	lineHash  []uint64    // per line, for dupBlockSignal
	lineChars []int32     // per line, for dupBlockSignal
}

// occurrencePair is one occurrence (a word index) of a phrase candidate.
type occurrencePair struct{ cand, at int32 }

// textBlock is a distinct line or paragraph, for dupBlockSignal.
type textBlock struct {
	text         string
	count, chars int
	line         int
}

var ngramPool = sync.Pool{New: func() any { return new(ngramScratch) }}

// hashTable is an open-addressing table from 64-bit hashes to a small
// integer, 0 marking an empty slot. The hashes must be well mixed: their top
// bits pick the slot. Its size follows the number of keys it was reset for,
// so clearing it costs time linear in the document.
type hashTable struct {
	keys  []uint64
	vals  []int32
	shift uint
}

// reset empties the table and sizes it for up to n keys.
func (t *hashTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.vals) < size {
		t.keys = make([]uint64, size)
		t.vals = make([]int32, size)
	} else {
		t.keys = t.keys[:size]
		t.vals = t.vals[:size]
		clear(t.vals)
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
}

// lookup returns the slot of h: the slot holding it, or the empty slot
// where it belongs.
func (t *hashTable) lookup(h uint64) int {
	mask := len(t.vals) - 1
	i := int(h >> t.shift)
	for t.vals[i] != 0 && t.keys[i] != h {
		i = (i + 1) & mask
	}
	return i
}

// add counts one more occurrence of h and returns its slot.
func (t *hashTable) add(h uint64) int {
	i := t.lookup(h)
	if t.vals[i] == 0 {
		t.keys[i] = h
	}
	t.vals[i]++
	return i
}

// resized returns s with length n, reusing its storage when it can.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Run measures the document.
func (c stuffing) Run(d *Document) []Signal {
	sc := ngramPool.Get().(*ngramScratch)
	defer ngramPool.Put(sc)
	out, _ := c.measure(d, sc)
	return out
}

// measure computes the signals and returns the repeated phrases examined,
// most stuffed first.
//
// An n-gram can only repeat where both (n-1)-grams it is made of repeat, so
// every n after 2 counts only those positions: on ordinary text few
// positions remain after three or four words. The counts, the most frequent
// n-gram, the candidates and the duplicate scans are those of counting every
// n-gram.
func (stuffing) measure(d *Document, sc *ngramScratch) ([]Signal, []stuffedPhrase) {
	out := make([]Signal, 8)
	n := min(len(d.Words), stuffingMaxWords)
	words := d.Words[:n]

	sc.word = resized(sc.word, n)
	sc.chars = resized(sc.chars, n)
	total := 0
	for i := range words {
		h, c := textHashCount(words[i].Norm)
		sc.word[i], sc.chars[i] = h, int32(c)
		total += c
	}
	sc.gram = append(sc.gram[:0], sc.word...)
	sc.slot = resized(sc.slot, n)
	sc.pos = sc.pos[:0]
	for i := 0; i+2 <= n; i++ {
		sc.pos = append(sc.pos, int32(i))
	}
	sc.pairs = sc.pairs[:0]

	ctx := newStuffContext(d, words, sc)
	var stuffed []stuffedPhrase
	var cands []stuffCandidate
	top := [5]float64{}
	dup5, dup10 := 0.0, 0.0
	for size := 2; size <= 10; size++ {
		if size > 2 {
			sc.pos = sc.narrowPositions(n, size)
		}
		if len(sc.pos) == 0 {
			// Nothing repeats at this length, nor at any longer one.
			if size <= 4 && n-size+1 > 0 && total > 0 {
				top[size] = float64(charsOf(sc.chars[:size])) / float64(total)
			}
			if size < 4 {
				continue
			}
			break
		}
		best, bestAt := sc.countGrams(size)
		if size <= 4 && total > 0 {
			top[size] = float64(best) * float64(charsOf(sc.chars[bestAt:bestAt+size])) / float64(total)
		}
		if size <= 5 {
			cands = ctx.collectCandidates(cands, sc, size)
		}
		if (size == 5 || size == 10) && total > 0 {
			share := float64(sc.dupNgramChars(size)) / float64(total)
			if size == 5 {
				dup5 = share
			} else {
				dup10 = share
			}
		}
	}
	if len(cands) > 0 {
		sc.groupOccurrences(cands)
		stuffed = ctx.findStuffedPhrases(cands)
	}

	out[0] = stuffingSignal(d, stuffed, n)
	enough := n >= gopherMinWords
	out[1] = shareSignal(top[2], enough && top[2] > gopherTop2, "most frequent 2-gram covers")
	out[2] = shareSignal(top[3], enough && top[3] > gopherTop3, "most frequent 3-gram covers")
	out[3] = shareSignal(top[4], enough && top[4] > gopherTop4, "most frequent 4-gram covers")
	out[4] = shareSignal(dup5, enough && dup5 > gopherDup5, "repeated 5-grams cover")
	out[5] = shareSignal(dup10, enough && dup10 > gopherDup10, "repeated 10-grams cover")
	out[6] = dupBlockSignal(d, sc, false, enough)
	out[7] = dupBlockSignal(d, sc, true, enough)
	return out, stuffed
}

// repeats reports whether the n-gram at pos[j], counted by countGrams,
// occurs more than once (collectCandidates marks claimed n-grams, which
// occur at least stuffMinCount times, with negative values).
func (sc *ngramScratch) repeats(j int) bool {
	v := sc.table.vals[sc.slot[j]]
	return v >= 2 || v < 0
}

// narrowPositions keeps the positions where an n-gram of the given size
// may repeat: both of its (size-1)-grams, counted last, repeat.
func (sc *ngramScratch) narrowPositions(n, size int) []int32 {
	pos := sc.pos
	kept := 0
	for j, p := range pos {
		if int(p)+size <= n && j+1 < len(pos) && pos[j+1] == p+1 && sc.repeats(j) && sc.repeats(j+1) {
			pos[kept] = p
			kept++
		}
	}
	return pos[:kept]
}

// countGrams grows the hashes at the positions in pos to n-grams of the
// given size and counts them, and returns the count of the most frequent
// n-gram and the first position where an n-gram reached that count (a
// position of 0 and a count of 1 when none repeats).
func (sc *ngramScratch) countGrams(size int) (best int32, bestAt int) {
	t := &sc.table
	t.reset(len(sc.pos))
	for j, p := range sc.pos {
		i := int(p)
		h := growGram(sc.gram[i], sc.word[i+size-1])
		sc.gram[i] = h
		s := t.add(h)
		sc.slot[j] = int32(s)
		if c := t.vals[s]; c > best {
			best, bestAt = c, i
		}
	}
	if best < 2 {
		return 1, 0
	}
	return best, bestAt
}

// shareSignal wraps a share in [0, 1] as a signal.
func shareSignal(v float64, fired bool, what string) Signal {
	s := Signal{Value: unitShare(v), Fired: fired}
	if fired {
		s.Message = fmt.Sprintf("%s %.0f%% of the text", what, 100*v)
	}
	return s
}

// unitShare clamps v to [0, 1], mapping NaN to 0.
func unitShare(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return min(v, 1)
}

// charsOf sums character counts.
func charsOf(c []int32) int {
	s := 0
	for _, v := range c {
		s += int(v)
	}
	return s
}

// textHashCount returns a fast 64-bit hash of s, read eight bytes at a time
// (equal strings hash alike, and different ones practically never do), and
// the number of characters in s (valid UTF-8).
func textHashCount(s string) (uint64, int) {
	const p = 0xbf58476d1ce4e5b9
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	var high uint64 // top bits of every byte read: non-zero unless ASCII
	rest := s
	for len(rest) > 8 {
		v := first8(rest)
		high |= v
		h = bits.RotateLeft64((h^v)*p, 31)
		rest = rest[8:]
	}
	// The last one to eight bytes, read so that the bytes and the length
	// determine the value.
	var v uint64
	switch n := len(rest); {
	case n >= 4:
		v = uint64(first4(rest)) | uint64(first4(rest[n-4:]))<<32
	case n > 0:
		v = uint64(rest[0]) | uint64(rest[n/2])<<8 | uint64(rest[n-1])<<16
	}
	high |= v
	h = repeatMix(bits.RotateLeft64((h^v)*p, 31))
	if high&0x8080808080808080 == 0 {
		return h, len(s)
	}
	return h, runeCount(s)
}

// first8 reads the first eight bytes of s, little-endian.
func first8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// first4 reads the first four bytes of s, little-endian.
func first4(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// growGram extends the hash of an n-gram by the hash of the word after it.
// The step is a bijection of either input when the other is fixed, and its
// high bits, which index the tables, depend on every bit of both.
func growGram(gram, word uint64) uint64 {
	return (bits.RotateLeft64(gram, 23) ^ word) * 0x9e3779b97f4a7c15
}

// repeatMix scrambles the bits of h (the finaliser of SplitMix64), so that
// every bit of a hash depends on every bit of its input.
func repeatMix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// dupNgramChars counts the characters inside repeated n-grams of the given
// size the way the Gopher filter does: scanning left to right, an n-gram
// seen before adds its characters and the scan jumps past it; otherwise it
// is remembered and the scan moves one word. An n-gram that occurs once is
// never seen before, so only the repeating ones, at the positions in pos,
// are looked at.
func (sc *ngramScratch) dupNgramChars(size int) int {
	sc.seen = resized(sc.seen, len(sc.table.vals))
	clear(sc.seen)
	dup := 0
	next := 0 // where the scan stands
	for j, p := range sc.pos {
		i := int(p)
		if i < next || !sc.repeats(j) {
			continue
		}
		s := sc.slot[j]
		if sc.seen[s] {
			dup += charsOf(sc.chars[i : i+size])
			next = i + size
			continue
		}
		sc.seen[s] = true
	}
	return dup
}

// runeCount is utf8.RuneCountInString for valid UTF-8 (as all text of a
// Document is): it counts the bytes that start a character, eight at a
// time.
func runeCount(s string) int {
	n := len(s)
	for len(s) >= 8 {
		x := first8(s)
		// Continuation bytes are 10xxxxxx: top bit set, next bit clear.
		n -= bits.OnesCount64(x & 0x8080808080808080 &^ (x << 1))
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			n--
		}
	}
	return n
}

// dupBlockSignal measures the share of characters in lines (or paragraphs)
// that repeat an earlier one, and quotes the most repeated ones. The line
// pass leaves each line's hash and length in sc for the paragraph pass,
// which must follow it.
func dupBlockSignal(d *Document, sc *ngramScratch, paragraphs, enough bool) Signal {
	index := &sc.table
	blocks := sc.blocks[:0]
	defer func() {
		clear(blocks) // let go of the document's text
		sc.blocks = blocks[:0]
	}()
	total, dup := 0, 0
	add := func(text string, line int, h uint64, c int) {
		total += c
		mask := len(index.vals) - 1
		s := int(h >> index.shift)
		for ; index.vals[s] != 0; s = (s + 1) & mask {
			if k := index.vals[s] - 1; index.keys[s] == h && blocks[k].text == text {
				blocks[k].count++
				dup += c
				return
			}
		}
		index.keys[s] = h
		index.vals[s] = int32(len(blocks) + 1)
		blocks = append(blocks, textBlock{text: text, count: 1, chars: c, line: line})
	}
	if paragraphs {
		index.reset(len(d.Paragraphs))
		for _, p := range d.Paragraphs {
			if p.Text == "" {
				continue
			}
			if p.EndLine-p.FirstLine == 1 && p.Text == d.Lines[p.FirstLine].Text {
				add(p.Text, d.Lines[p.FirstLine].Number, sc.lineHash[p.FirstLine], int(sc.lineChars[p.FirstLine]))
				continue
			}
			h, c := textHashCount(p.Text)
			add(p.Text, d.Lines[p.FirstLine].Number, h, c)
		}
	} else {
		index.reset(len(d.Lines))
		sc.lineHash = resized(sc.lineHash, len(d.Lines))
		sc.lineChars = resized(sc.lineChars, len(d.Lines))
		for i, l := range d.Lines {
			if l.Text == "" {
				continue
			}
			h, c := textHashCount(l.Text)
			sc.lineHash[i], sc.lineChars[i] = h, int32(c)
			add(l.Text, l.Number, h, c)
		}
	}
	s := Signal{}
	if total == 0 || dup == 0 {
		return s
	}
	s.Value = unitShare(float64(dup) / float64(total))
	limit := gopherDupLine
	what := "lines"
	if paragraphs {
		limit = gopherDupPara
		what = "paragraphs"
	}
	s.Fired = enough && s.Value > limit
	var repeated []textBlock
	for _, b := range blocks {
		if b.count > 1 {
			repeated = append(repeated, b)
		}
	}
	// Most repeated characters first.
	sort.SliceStable(repeated, func(i, j int) bool {
		return repeated[i].count*repeated[i].chars > repeated[j].count*repeated[j].chars
	})
	ev := make([]Evidence, 0, min(len(repeated), 10))
	for _, b := range repeated[:min(len(repeated), 10)] {
		ev = append(ev, Evidence{Text: b.text, Count: b.count, Line: b.line})
	}
	s.Evidence = ev
	s.Message = fmt.Sprintf("repeated %s make up %.0f%% of the text", what, 100*s.Value)
	return s
}

// stuffCandidate is a repeated n-gram whose first and last words are content
// words.
type stuffCandidate struct {
	size  int
	count int
	first int
	last  int   // the latest occurrence kept, while collecting
	occ   []int // the non-overlapping occurrences, in order
}

// Marks in the n-gram table of an n-gram already claimed by
// collectCandidates: claimedNoTopic when it is no candidate; -(k+1) for
// candidate k.
const claimedNoTopic = math.MinInt32

// collectCandidates appends the n-grams of the given size that repeat at
// least stuffMinCount times and start and end with topic words, in order of
// first occurrence, and records their non-overlapping occurrences. It runs
// after countGrams, whose counts it replaces by claim marks.
func (c *stuffContext) collectCandidates(dst []stuffCandidate, sc *ngramScratch, size int) []stuffCandidate {
	words := c.words
	vals := sc.table.vals
	for j, p := range sc.pos {
		i := int(p)
		s := sc.slot[j]
		v := vals[s]
		switch {
		case v >= stuffMinCount:
			// Claim the n-gram on its first occurrence.
			if !c.topicWord(words[i]) || !c.topicWord(words[i+size-1]) {
				vals[s] = claimedNoTopic
				continue
			}
			k := len(dst)
			vals[s] = -int32(k + 1)
			dst = append(dst, stuffCandidate{size: size, count: int(v), first: i, last: i})
			sc.pairs = append(sc.pairs, occurrencePair{cand: int32(k), at: p})
		case v < 0 && v != claimedNoTopic:
			k := int(-v - 1)
			if dst[k].last+size > i {
				continue // overlapping occurrence
			}
			dst[k].last = i
			sc.pairs = append(sc.pairs, occurrencePair{cand: int32(k), at: p})
		}
	}
	return dst
}

// groupOccurrences hands every candidate its occurrences, in order.
func (sc *ngramScratch) groupOccurrences(cands []stuffCandidate) {
	sc.occ = resized(sc.occ, len(sc.pairs))
	// Count per candidate, then place: the pairs of one candidate are in
	// order of position already.
	start := make([]int, len(cands)+1)
	for _, p := range sc.pairs {
		start[p.cand+1]++
	}
	for k := range cands {
		start[k+1] += start[k]
	}
	next := start[:len(cands)]
	for _, p := range sc.pairs {
		sc.occ[next[p.cand]] = int(p.at)
		next[p.cand]++
	}
	// next[k] now is the end of candidate k's occurrences.
	from := 0
	for k := range cands {
		cands[k].occ = sc.occ[from:next[k]:next[k]]
		from = next[k]
	}
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

// topicWord is isTopicWord, except that a function word written in
// capitals ("US") counts as a topic word unless its whole line is in
// capitals (a wire headline).
func (c *stuffContext) topicWord(w Word) bool {
	if isTopicWord(w) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w.Norm)
	return !unicode.IsDigit(r) && len(w.Text) >= 2 && w.Norm != "i" && allCapitals(w.Text) && !c.shouting(w.Line)
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

// stuffedPhrase is a repeated phrase with the occurrences that break the
// sentence around them.
type stuffedPhrase struct {
	from, to int // word range of the first occurrence
	count    int
	breaks   int // occurrences that break the text around them
	anchors  int // occurrences the sentence needs
	kinds    [occKinds]int
	prose    int     // occurrences inside running text (paragraphs of more than 12 words)
	repeats  float64 // share of occurrences whose neighbour (either side) repeats an earlier one
	line     int     // 1-based line of the first occurrence
}

// evidence weighs the occurrences that break the text: two points for a
// paragraph of its own (counted once), a fake heading, a run into the next
// sentence or a lower-case sentence start, one for a run into an article.
func (p stuffedPhrase) evidence() int {
	return 2*(min(p.kinds[occAlone], 1)+p.kinds[occHeading]+p.kinds[occGlued]+p.kinds[occLowerStart]) + p.kinds[occArticle]
}

// inserted reports whether the phrase looks pasted into the text rather
// than written with it: the sentences around it hardly ever need it, its
// neighbours hardly ever repeat (a natural phrase settles into recurring
// constructions, "the … said", "of … ."), and it sits in running text at
// least twice.
func (p stuffedPhrase) inserted() bool {
	return p.anchors*10 <= p.count && p.repeats <= 0.25 && p.prose >= 2
}

// excess is the phrase's count beyond natural use: occurrences beyond two,
// less three for every occurrence the sentence needs; 0 unless the phrase
// looks inserted and breaks the text at least once or fires.
func (p stuffedPhrase) excess(words int) float64 {
	if !p.inserted() || (p.evidence() == 0 && !p.fired(words)) {
		return 0
	}
	return math.Max(0, float64(p.count-2-3*p.anchors))
}

// fired says whether the phrase is clearly stuffed: inserted and repeated
// at least five times with strong evidence of breaking the text, or at
// least eight times with some evidence, or at least eight times (and once
// per 150 words) in neighbourhoods that almost never repeat.
func (p stuffedPhrase) fired(words int) bool {
	if !p.inserted() || p.count < 5 {
		return false
	}
	e := p.evidence()
	switch {
	case e >= 4:
		return true
	case p.count < 8:
		return false
	case e >= 1:
		return true
	}
	return p.repeats <= 0.1 && p.count*150 >= words
}

// findStuffedPhrases examines the candidates, longest first (a candidate
// inside a longer phrase already examined is skipped), and returns the
// phrases, most stuffed first.
func (ctx *stuffContext) findStuffedPhrases(cands []stuffCandidate) []stuffedPhrase {
	d, words := ctx.d, ctx.words
	// Keep the most repeated candidates, then examine the longest first.
	if len(cands) > stuffMaxCandidates {
		sort.Slice(cands, func(i, j int) bool {
			if cands[i].count != cands[j].count {
				return cands[i].count > cands[j].count
			}
			return cands[i].first < cands[j].first
		})
		cands = cands[:stuffMaxCandidates]
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].size != cands[j].size {
			return cands[i].size > cands[j].size
		}
		if cands[i].count != cands[j].count {
			return cands[i].count > cands[j].count
		}
		return cands[i].first < cands[j].first
	})
	ctx.mapParagraphs()

	sc := ctx.sc
	sc.covered = resized(sc.covered, len(words))
	covered := sc.covered
	clear(covered)
	var out []stuffedPhrase
	for _, c := range cands {
		starts := c.occ
		if len(starts) < stuffMinCount {
			continue
		}
		inside := 0
		for _, i := range starts {
			if covered[i] || covered[i+c.size-1] {
				inside++
			}
		}
		if inside*10 >= len(starts)*6 {
			continue // part of a longer phrase already examined
		}
		left, right := ctx.extendPhrase(starts, c.size)
		for _, i := range starts {
			for w := i - left; w < i+c.size+right; w++ {
				covered[w] = true
			}
		}
		p := stuffedPhrase{from: starts[0] - left, to: starts[0] + c.size + right, count: len(starts)}
		p.line = d.Lines[words[p.from].Line].Number
		for _, i := range starts {
			switch o := ctx.judge(i-left, i+c.size+right); o {
			case occNeutral:
			case occAnchored:
				p.anchors++
			default:
				p.breaks++
				p.kinds[o]++
			}
		}
		p.prose = ctx.proseCount(starts)
		p.repeats = ctx.contextRepeats(starts, left, c.size+right)
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if fi, fj := out[i].fired(len(words)), out[j].fired(len(words)); fi != fj {
			return fi
		}
		return out[i].excess(len(words)) > out[j].excess(len(words))
	})
	return out
}

// extendPhrase widens a repeated n-gram while every occurrence has the same
// word on that side (without running into the neighbouring occurrence), so
// that the reported phrase is maximal, then gives back the determiners,
// prepositions and conjunctions at its edges.
func (c *stuffContext) extendPhrase(starts []int, size int) (left, right int) {
	words := c.words
	// sameAt reports whether every occurrence has the same word at offset
	// off from its start, between the occurrences before and after it.
	sameAt := func(off int) bool {
		for k, i := range starts {
			lo, hi := 0, len(words)
			if k > 0 {
				lo = starts[k-1] + size + right
			}
			if k+1 < len(starts) {
				hi = starts[k+1] - left
			}
			j := i + off
			if j < lo || j >= hi || words[j].Norm != words[starts[0]+off].Norm {
				return false
			}
		}
		return true
	}
	for size+left+right < stuffMaxPhrase && sameAt(-left-1) {
		left++
	}
	for size+left+right < stuffMaxPhrase && sameAt(size+right) {
		right++
	}
	// A determiner, preposition or conjunction shared by every occurrence
	// is the phrase's natural setting ("the … targets"), not part of it.
	for left > 0 && isLinkWord(words[starts[0]-left].Norm) {
		left--
	}
	for right > 0 && isLinkWord(words[starts[0]+size+right-1].Norm) {
		right--
	}
	return left, right
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

// textBetween returns the text between two consecutive words.
func textBetween(d *Document, words []Word, i int) string {
	a := words[i]
	return d.Text[a.Start+len(a.Text) : words[i+1].Start]
}

// blankGap reports whether s holds nothing but white space.
func blankGap(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n':
		default:
			return false
		}
	}
	return true
}

// stuffContext holds what the phrase tests need about a document.
type stuffContext struct {
	d          *Document
	words      []Word  // the words considered (at most stuffingMaxWords)
	title      int     // line index of the title, or -1
	paraOfLine []int32 // paragraph of each line, -1 for blank lines (see mapParagraphs)
	lineShape  []lineShape
	seen       map[string]struct{} // scratch set for contextRepeats
	sc         *ngramScratch
}

// lineShape caches what a line looks like, computed on first use.
type lineShape uint8

const (
	shapeUnknown lineShape = iota
	shapeProse
	shapeShouting // in capitals: a wire headline
	shapeTable    // columns separated by runs of spaces
)

// newStuffContext prepares the phrase tests for the first words of d, with
// its buffers in sc.
func newStuffContext(d *Document, words []Word, sc *ngramScratch) *stuffContext {
	sc.shape = resized(sc.shape, len(d.Lines))
	clear(sc.shape)
	return &stuffContext{d: d, words: words, title: firstTextLine(d), lineShape: sc.shape, sc: sc}
}

// mapParagraphs fills paraOfLine.
func (c *stuffContext) mapParagraphs() {
	sc := c.sc
	sc.paraOf = resized(sc.paraOf, len(c.d.Lines))
	c.paraOfLine = sc.paraOf
	for i := range c.paraOfLine {
		c.paraOfLine[i] = -1
	}
	for k, p := range c.d.Paragraphs {
		for l := p.FirstLine; l < p.EndLine; l++ {
			c.paraOfLine[l] = int32(k)
		}
	}
}

// shape returns the shape of line li.
func (c *stuffContext) shape(li int) lineShape {
	if c.lineShape[li] == shapeUnknown {
		t := c.d.Lines[li].Text
		switch {
		case isShouting(t):
			c.lineShape[li] = shapeShouting
		case strings.Contains(t, "   "):
			c.lineShape[li] = shapeTable
		default:
			c.lineShape[li] = shapeProse
		}
	}
	return c.lineShape[li]
}

// shouting reports whether line li is in capitals.
func (c *stuffContext) shouting(li int) bool { return c.shape(li) == shapeShouting }

// occurrence tells how one occurrence of a repeated phrase sits in its
// sentence: neutral, anchored (the sentence needs it), or one of the ways it
// breaks the text around it.
type occurrence int

const (
	// occNeutral: nothing tells either way.
	occNeutral occurrence = iota
	// occAnchored: without the phrase the words around it would not read:
	// a determiner or preposition before it and punctuation or a function
	// word that cannot follow one after it ("the … said", "of … ."), or a
	// sentence start before it and a lower-case word after it.
	occAnchored
	// occAlone: the phrase is a paragraph of its own, between paragraphs
	// of running text.
	occAlone
	// occHeading: the phrase ends a short paragraph that does not end a
	// sentence, between paragraphs of running text (a fake heading such as
	// "Upon his arrival <phrase>").
	occHeading
	// occGlued: the phrase runs without punctuation into a capitalised
	// function word, the start of the next sentence.
	occGlued
	// occLowerStart: the phrase starts a sentence in lower case.
	occLowerStart
	// occArticle: the phrase, ending in a content word, runs into an
	// article ("… <phrase> a broader strategy").
	occArticle
	occKinds
)

// judge classifies the occurrence words[from:to]. A phrase inserted into
// finished text is never anchored, since removing it gives back the
// original sentence; a natural phrase often is.
func (c *stuffContext) judge(from, to int) occurrence {
	d, words := c.d, c.words
	li := words[from].Line
	if li == c.title || c.paraOfLine[li] < 0 {
		return occNeutral
	}
	p := d.Paragraphs[c.paraOfLine[li]]
	end := min(p.EndWord, len(words))
	if to > end {
		return occNeutral
	}
	if c.shape(li) != shapeProse {
		return occNeutral
	}
	if c.amidProse(int(c.paraOfLine[li])) {
		if from == p.FirstWord && to == end {
			return occAlone
		}
		if to == end && p.EndWord-p.FirstWord <= 12 && !endsSentence(p.Text) {
			return occHeading
		}
	}
	// The word after the phrase in the same sentence, if any.
	var next *Word
	if to < end && blankGap(textBetween(d, words, to-1)) {
		next = &words[to]
	}
	if next != nil {
		r, _ := utf8.DecodeRuneInString(next.Text)
		if unicode.IsUpper(r) && sentenceOpeners[next.Norm] && !allCapitals(next.Text) {
			return occGlued
		}
		if articleWords[next.Norm] && c.topicWord(words[to-1]) {
			return occArticle
		}
	}
	if from == p.FirstWord || c.startsSentence(from) {
		first := words[from].Text
		r, _ := utf8.DecodeRuneInString(first)
		if unicode.IsLower(r) && strings.IndexFunc(first, unicode.IsUpper) < 0 {
			return occLowerStart
		}
		if next != nil {
			r, _ := utf8.DecodeRuneInString(next.Text)
			if unicode.IsLower(r) {
				return occAnchored
			}
		}
		return occNeutral
	}
	if !blankGap(textBetween(d, words, from-1)) {
		return occNeutral
	}
	prev := words[from-1].Norm
	switch {
	case determiners[prev]:
		if next == nil || determiners[next.Norm] || prepositions[next.Norm] || verbish[next.Norm] || conjunctions[next.Norm] || next.Norm == "to" {
			return occAnchored
		}
	case prepositions[prev]:
		if next == nil || prepositions[next.Norm] || verbish[next.Norm] || conjunctions[next.Norm] {
			return occAnchored
		}
	}
	return occNeutral
}

// proseCount counts the occurrences that sit in paragraphs of more than 12
// words.
func (c *stuffContext) proseCount(starts []int) int {
	n := 0
	for _, i := range starts {
		if k := c.paraOfLine[c.words[i].Line]; k >= 0 {
			p := c.d.Paragraphs[k]
			if p.EndWord-p.FirstWord > 12 {
				n++
			}
		}
	}
	return n
}

// contextRepeats returns the share of the 2×len(starts) neighbours of the
// occurrences (the word before and the word after) that repeat an earlier
// occurrence's neighbour on the same side. Punctuation, paragraph starts and
// adjacent copies of the phrase are not counted as repeats.
func (c *stuffContext) contextRepeats(starts []int, left, right int) float64 {
	if c.seen == nil {
		c.seen = make(map[string]struct{})
	}
	rep := 0
	for side := 0; side < 2; side++ {
		clear(c.seen)
		for _, i := range starts {
			// A break in the text (punctuation, a paragraph start) and a
			// neighbouring copy of the phrase itself are no construction
			// the phrase settles into: pasted copies sit exactly there.
			key := ""
			if side == 0 {
				if j := i - left - 1; j >= 0 && blankGap(textBetween(c.d, c.words, j)) && c.words[j].Norm != c.words[i+right-1].Norm {
					key = c.words[j].Norm
				}
			} else if j := i + right; j < len(c.words) && blankGap(textBetween(c.d, c.words, j-1)) && c.words[j].Norm != c.words[i-left].Norm {
				key = c.words[j].Norm
			}
			if key == "" {
				continue
			}
			if _, ok := c.seen[key]; ok {
				rep++
			}
			c.seen[key] = struct{}{}
		}
	}
	return float64(rep) / float64(2*len(starts))
}

// isLinkWord reports whether a word is a determiner, preposition or
// conjunction.
func isLinkWord(norm string) bool {
	return determiners[norm] || prepositions[norm] || conjunctions[norm] || norm == "to"
}

// amidProse reports whether the paragraphs on either side of paragraph k
// are running text (more than 12 words) or the title: a short line there is
// out of place, while among other short lines it is a menu or a list.
func (c *stuffContext) amidProse(k int) bool {
	for _, j := range []int{k - 1, k + 1} {
		if j < 0 || j >= len(c.d.Paragraphs) {
			continue
		}
		p := c.d.Paragraphs[j]
		if p.EndWord-p.FirstWord <= 12 && p.FirstLine != c.title {
			return false
		}
	}
	return true
}

// startsSentence reports whether word i opens a sentence of the document.
func (c *stuffContext) startsSentence(i int) bool {
	ss := c.d.Sentences
	k := sort.Search(len(ss), func(k int) bool { return ss[k].FirstWord >= i })
	return k < len(ss) && ss[k].FirstWord == i
}

// Word classes for judge.
var (
	sentenceOpeners = wordSetOf(`the a an in on at as after before while when if this that these those it its he she
		they we you his her their our there however but and yet so although though despite during since with for
		from by meanwhile also`)
	articleWords = wordSetOf("a an the")
	determiners  = wordSetOf("the a an this these those his her its their our my your every each")
	prepositions = wordSetOf(`of in on at by for from with into about over under between against across
		through during after before per via among without within toward towards`)
	verbish      = wordSetOf("is was are were has have had will would said says can could may might should must")
	conjunctions = wordSetOf("and or but")
)

// stuffingSignal reports the most stuffed phrase and quotes up to three
// repeated phrases, most stuffed first.
func stuffingSignal(d *Document, found []stuffedPhrase, words int) Signal {
	if len(found) == 0 || found[0].excess(words) == 0 {
		return Signal{}
	}
	best := found[0]
	s := Signal{Value: math.Log1p(best.excess(words)), Fired: best.fired(words)}
	for k, p := range found {
		if k == 3 {
			break
		}
		s.Evidence = append(s.Evidence, Evidence{Text: d.Span(p.from, p.to), Count: p.count, Line: p.line})
	}
	s.Message = fmt.Sprintf("phrase %q repeated %d times, %d of them out of place",
		strings.ToLower(s.Evidence[0].Text), best.count, best.breaks)
	return s
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

// wordSetOf builds a set from white-space separated words.
func wordSetOf(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}
