package features

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
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
	// dupLaterShare is the share of the text that third and later copies
	// of repeated 5- and 10-grams in running text must pass, on top of
	// Gopher's threshold, for those signals to fire: a passage that keeps
	// coming back (a generator caught in a loop, a template), not one
	// quote, caption or summary that a news page shows twice.
	dupLaterShare = 0.03
	// runningTextWords: a paragraph of more words is running text.
	runningTextWords = 12
	// runningFigureShare: running text has fewer than one figure in so
	// many words.
	runningFigureShare = 8
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
	// stuffMaxEndsShare: a stuffed phrase ends a clause (is followed by
	// punctuation) in at most one of so many occurrences.
	stuffMaxEndsShare = 4
	// stuffMaxAnchorShare: at most one of so many occurrences of a stuffed
	// phrase is one its sentence needs. A stuffer repeats a phrase of the
	// article itself, so a few of its occurrences are the article's own.
	stuffMaxAnchorShare = 5
)

// stuffing measures repetition: a phrase stuffed into the text far beyond
// normal use, and the Gopher repetition measures of the whole text.
//
// Signals:
//   - keyword_stuffing: log1p of the stuffed phrase's excess count (see
//     stuffedPhrase.excess). A repeated phrase of topic words (2-5 words
//     written in one piece, which a modifier such as "new" or "first" may
//     open, widened to the maximal repeated phrase up to 10 and never a
//     shorter phrase pasted twice; no piece of a web address) looks
//     inserted when the sentences
//     around it never need it, its neighbouring words keep changing and it
//     hardly ever ends a clause. Repetition alone never fires it: a name or
//     a show's title repeated in a story about it, a squad list or a label
//     is written into its sentences. It fires when the phrase also shows
//     evidence of insertion (a paragraph of its own, a fake heading, glued
//     onto the next sentence, a lower-case sentence start, wedged between a
//     subject and its verb, running into an article, capitals in a
//     lower-case sentence, after a subject pronoun or an auxiliary where a
//     verb belongs): at least five times with strong evidence, at
//     least eight times with some, or at least eight times in ever-changing
//     company with words the text uses nowhere else (see
//     stuffedPhrase.fired).
//   - top_2gram_share, top_3gram_share, top_4gram_share: share of word
//     characters in the repeats of the most frequent 2-, 3-, 4-gram (its
//     copies after the first, 0 when nothing repeats), so that a short
//     text, where one pair of words covers more of the text, reads like a
//     long one. They fire where Gopher's share, every copy counted, passes
//     its threshold.
//   - dup_5gram_share, dup_10gram_share: share of word characters inside
//     repeated occurrences of 5-grams and 10-grams (first occurrences not
//     counted).
//   - dup_line_share, dup_paragraph_share: share of the characters of
//     non-blank lines (paragraphs) that repeat an earlier identical line
//     (paragraph).
//
// Characters are counted in runes of the folded words, without spaces and
// punctuation. The values of all but keyword_stuffing are taken over at
// least shortTextWords words (see shortTextWeight); the rules fire on the
// shares of the text itself. The Gopher measures fire past the thresholds
// of that filter on documents of at least 50 words. The n-gram measures fire only on what
// a news page does not do by itself: the most frequent n-gram must occur
// mostly in running text (not in credits or labels on lines of their own),
// and repeated passages must come back a third time in running text (see
// dupLaterShare): one caption, quote or summary shown twice is how news
// pages are scraped.
type stuffing struct{}

// newStuffing builds the repetition check.
func newStuffing() Check { return stuffing{} }

// Signals declares the repetition signals.
func (stuffing) Signals() []Spec {
	return []Spec{
		{"keyword_stuffing", "keyword stuffing"},
		{"top_2gram_share", "text in the most repeated word pair"},
		{"top_3gram_share", "text in the most repeated three-word phrase"},
		{"top_4gram_share", "text in the most repeated four-word phrase"},
		{"dup_5gram_share", "text in repeated five-word phrases"},
		{"dup_10gram_share", "text in repeated ten-word passages"},
		{"dup_line_share", "duplicated lines"},
		{"dup_paragraph_share", "duplicated paragraphs"},
	}
}

// ngramScratch holds the per-document buffers of the repetition measures,
// reused through a pool so that scoring allocates little. A scratch belongs
// to one Run at a time.
type ngramScratch struct {
	word     []uint64 // hash of each word's Norm
	gram     []uint64 // hash of the n-gram starting at each word, for the current n (valid at the positions in pos)
	chars    []int32  // rune length of each word
	pos      []int32  // start of every n-gram of the current n that may repeat, in order
	slot     []int32  // table slot of the n-gram starting at pos[j], for every j
	seen     []uint8  // per table slot, for the Gopher duplicate scan (see dupNgramChars)
	running  []bool   // per paragraph: running text (see markRunning)
	copyWord []bool   // per word: inside a paragraph that repeats an earlier one (see markCopies)
	table    hashTable
	pairs    []occurrencePair
	occ      []int // occurrences of all candidates, grouped by candidate

	shape     []lineShape // per line, for stuffContext
	paraOf    []int32     // per line, for stuffContext
	covered   []bool      // per word, for findStuffedPhrases
	blocks    []textBlock // for dupBlockSignal
	lineHash  []uint64    // per line, for dupBlockSignal
	lineChars []int32     // per line, for dupBlockSignal

	rotated  map[uint64]int32 // word stem to its index in rotWords, for findRotated
	rotWords []rotatedWord
	inRun    []bool // per word, for findRotated
	runWord  []bool // per word, for findRotated
	runState []uint8
	rotSeen  [rotSeenBits / 64]uint64
	pieces   [][2]int // word ranges, for findRotated
	families []familyPiece
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
	n := min(len(d.Words), stuffingMaxWords)
	words := d.Words[:n]

	sc.word = resized(sc.word, n)
	sc.chars = resized(sc.chars, n)
	total := 0
	for i := range words {
		// The word is counted by its stem; the suffixes a stem drops are
		// ASCII, one character a byte.
		norm := words[i].Norm
		stem := inflectionStem(norm)
		h, c := textHashCount(stem)
		c += len(norm) - len(stem)
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
	sc.markRunning(d)
	top := [5]float64{}    // Gopher's share of the most frequent n-gram, every copy counted
	cover := [5]float64{}  // the share of the text its copies cover, overlaps counted once
	repeat := [5]float64{} // the same, the first copy not counted
	topProse := [5]bool{}  // the most frequent n-gram occurs mostly in running text
	dup5, dup10 := 0.0, 0.0
	later5, later10 := 0.0, 0.0 // the same, in third and later copies
	for size := 2; size <= 10; size++ {
		if size > 2 {
			sc.pos = sc.narrowPositions(n, size)
		}
		if len(sc.pos) == 0 {
			// Nothing repeats at this length, nor at any longer one.
			if size <= 4 && n-size+1 > 0 && total > 0 {
				top[size] = float64(charsOf(sc.chars[:size])) / float64(total)
				cover[size] = top[size]
			}
			if size < 4 {
				continue
			}
			break
		}
		best, bestAt, bestSlot := sc.countGrams(size)
		if size <= 4 && total > 0 {
			chars := float64(charsOf(sc.chars[bestAt:bestAt+size])) / float64(total)
			top[size] = float64(best) * chars
			repeat[size] = float64(best-1) * chars
			topProse[size] = best < 2 || 2*sc.inProse(d, bestSlot) >= int(best)
			cover[size] = top[size]
			if best >= 2 {
				cover[size] = sc.coverage(bestSlot, size, total)
			}
		}
		if size <= 5 {
			cands = ctx.collectCandidates(cands, sc, size)
		}
		if (size == 5 || size == 10) && total > 0 {
			dup, later := sc.dupNgramChars(d, size)
			if size == 5 {
				dup5, later5 = float64(dup)/float64(total), float64(later)/float64(total)
			} else {
				dup10, later10 = float64(dup)/float64(total), float64(later)/float64(total)
			}
		}
	}
	if len(cands) > 0 {
		sc.groupOccurrences(cands)
		stuffed = ctx.findStuffedPhrases(cands)
	}

	stuffedSignal := stuffingSignal(d, stuffed, n)
	if !stuffedSignal.Fired {
		if r, ok := ctx.findRotated(); ok {
			stuffedSignal = rotatedSignal(d, r)
		}
	}
	enough := n >= gopherMinWords
	var topShare [5]Signal // by n-gram length
	for k := 2; k <= 4; k++ {
		fired := enough && top[k] > [5]float64{2: gopherTop2, 3: gopherTop3, 4: gopherTop4}[k] && topProse[k]
		topShare[k] = shareSignal(repeat[k], fired, fmt.Sprintf("most frequent %d-gram covers", k))
		if fired {
			// top counts overlapping copies (Gopher's measure, which the
			// model weighs) and can pass 1; the message gives the share of
			// the text the copies actually cover.
			topShare[k].Message = fmt.Sprintf("most frequent %d-gram covers %.0f%% of the text", k, 100*cover[k])
		}
	}
	// Every share but keyword_stuffing counts less in a short text.
	weight := shortTextWeight(n)
	weighted := func(name string, s Signal) Signal {
		s.Value *= weight
		return named(name, s)
	}
	return []Signal{
		named("keyword_stuffing", stuffedSignal),
		weighted("top_2gram_share", topShare[2]),
		weighted("top_3gram_share", topShare[3]),
		weighted("top_4gram_share", topShare[4]),
		weighted("dup_5gram_share", shareSignal(dup5, enough && dup5 > gopherDup5 && later5 > dupLaterShare, "repeated 5-grams cover")),
		weighted("dup_10gram_share", shareSignal(dup10, enough && dup10 > gopherDup10 && later10 > dupLaterShare, "repeated 10-grams cover")),
		weighted("dup_line_share", dupBlockSignal(d, sc, false, enough)),
		weighted("dup_paragraph_share", dupBlockSignal(d, sc, true, enough)),
	}, stuffed
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
func (sc *ngramScratch) countGrams(size int) (best int32, bestAt, bestSlot int) {
	t := &sc.table
	t.reset(len(sc.pos))
	for j, p := range sc.pos {
		i := int(p)
		h := growGram(sc.gram[i], sc.word[i+size-1])
		sc.gram[i] = h
		s := t.add(h)
		sc.slot[j] = int32(s)
		if c := t.vals[s]; c > best {
			best, bestAt, bestSlot = c, i, s
		}
	}
	if best < 2 {
		return 1, 0, -1
	}
	return best, bestAt, bestSlot
}

// coverage returns the share of the text's total characters in the words
// covered by the n-gram of the given size in table slot s, counted by
// countGrams: each word once, however many overlapping copies hold it, so
// the share is at most 1.
func (sc *ngramScratch) coverage(s, size, total int) float64 {
	covered := 0
	end := 0 // the first word not yet counted; positions come in order
	for j, p := range sc.pos {
		if int(sc.slot[j]) != s {
			continue
		}
		from, to := max(int(p), end), int(p)+size
		if from < to {
			covered += charsOf(sc.chars[from:to])
			end = to
		}
	}
	return unitShare(float64(covered) / float64(total))
}

// inProse counts the occurrences of the n-gram in table slot s, counted by
// countGrams, that start in running text (see markRunning). A credit or a
// label repeated on lines of its own is page furniture, which the line
// measures see.
func (sc *ngramScratch) inProse(d *Document, s int) int {
	n := 0
	k := 0 // the paragraph of the current position
	for j, p := range sc.pos {
		if int(sc.slot[j]) != s {
			continue
		}
		for k+1 < len(d.Paragraphs) && d.Paragraphs[k].EndWord <= int(p) {
			k++
		}
		if sc.running[k] {
			n++
		}
	}
	return n
}

// markRunning flags, in sc.running, the paragraphs of d that are running
// text: more than runningTextWords words, fewer than one in
// runningFigureShare of them figures (a table run together is not).
func (sc *ngramScratch) markRunning(d *Document) {
	sc.running = resized(sc.running, len(d.Paragraphs))
	for k, p := range d.Paragraphs {
		n := p.EndWord - p.FirstWord
		figures := 0
		for _, w := range d.Words[p.FirstWord:p.EndWord] {
			if w.Norm != "" && isDigitByte(w.Norm[0]) {
				figures++
			}
		}
		sc.running[k] = n > runningTextWords && runningFigureShare*figures < n
	}
}

// shareSignal wraps a share in [0, 1] as a signal.
func shareSignal(v float64, fired bool, what string) Signal {
	s := Signal{Value: unitShare(v), Fired: fired}
	if fired {
		s.Message = fmt.Sprintf("%s %.0f%% of the text", what, 100*v)
	}
	return s
}

// charsOf sums character counts.
func charsOf(c []int32) int {
	s := 0
	for _, v := range c {
		s += int(v)
	}
	return s
}

// growGram extends the hash of an n-gram by the hash of the word after it.
// The step is a bijection of either input when the other is fixed, and its
// high bits, which index the tables, depend on every bit of both.
func growGram(gram, word uint64) uint64 {
	return (bits.RotateLeft64(gram, 23) ^ word) * 0x9e3779b97f4a7c15
}

// dupNgramChars counts the characters inside repeated n-grams of the given
// size the way the Gopher filter does: scanning left to right, an n-gram
// seen before adds its characters and the scan jumps past it; otherwise it
// is remembered and the scan moves one word. An n-gram that occurs once is
// never seen before, so only the repeating ones, at the positions in pos,
// are looked at. later is the part of dup in n-grams that occurred at least
// twice before (jumped over or not) and start in running text: the third
// and later copies of a passage, not of a credit or a label on a line of
// its own.
func (sc *ngramScratch) dupNgramChars(d *Document, size int) (dup, later int) {
	// Per table slot: bit 0, the scan remembered the n-gram; the bits
	// above, how often it occurred so far, up to 2.
	sc.seen = resized(sc.seen, len(sc.table.vals))
	clear(sc.seen)
	next := 0 // where the scan stands
	k := 0    // the paragraph of the current position
	for j, p := range sc.pos {
		if !sc.repeats(j) {
			continue
		}
		i := int(p)
		for k+1 < len(d.Paragraphs) && d.Paragraphs[k].EndWord <= i {
			k++
		}
		s := sc.slot[j]
		before := sc.seen[s] >> 1
		if before < 2 {
			sc.seen[s] += 2
		}
		if i < next {
			continue
		}
		if sc.seen[s]&1 == 0 {
			sc.seen[s] |= 1
			continue
		}
		c := charsOf(sc.chars[i : i+size])
		dup += c
		if before >= 2 && sc.running[k] {
			later += c
		}
		next = i + size
	}
	return dup, later
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
			if !c.opensPhrase(words[i]) || !c.topicWord(words[i+size-1]) {
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

// topicWord is isTopicWord, except that a function word written in
// capitals ("US") counts as a topic word unless its whole line is in
// capitals (a wire headline), and so does a capitalised word of time,
// order or number, as in a name ("New Hampshire", "Memorial Day", "Super
// Tuesday", "Second Amendment").
func (c *stuffContext) topicWord(w Word) bool {
	if c.d.inAddress(w) {
		return false
	}
	if isTopicWord(w) {
		return true
	}
	if c.shouting(w.Line) {
		return false
	}
	if nameWords[w.Norm] && capitalised(w.Text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w.Norm)
	return !unicode.IsDigit(r) && len(w.Text) >= 2 && w.Norm != "i" && allCapitals(w.Text)
}

// opensPhrase reports whether w may open a repeated phrase: a topic word,
// or a modifier before the topic words ("new tax rules", "first quarter")
// outside a line in capitals.
func (c *stuffContext) opensPhrase(w Word) bool {
	return c.topicWord(w) || modifiers[w.Norm] && !c.shouting(w.Line) && !c.d.inAddress(w)
}

// modifiers are the closed-class words that may open a keyword phrase in
// any case, though they do not end one.
var modifiers = wordSetOf("new old first second third last")

// nameWords are the closed-class words that, capitalised, are part of a
// name: words of time, order and number, days and months.
var nameWords = wordSetOf(`new old first second third last
	one two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand million
	day days week weeks month months year years time times
	monday tuesday wednesday thursday friday saturday sunday
	january february march april june july august september october november december`)

// capitalised reports whether s starts with a capital letter.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
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
	ends     int     // occurrences followed by punctuation: the end of a clause
	foreign  bool    // its topic words, or half of a longer phrase's, occur nowhere but in its occurrences (see stuffContext.foreign)
}

// evidence weighs the occurrences that break the text: two points for a
// paragraph of its own (counted once), a fake heading, a run into the next
// sentence, a lower-case sentence start or a wedge between two function
// words; one for a run into an article, for capitals in a lower-case
// sentence, for a sentence-case copy run into the capitalised start of a
// sentence and for a copy after a subject pronoun or an auxiliary.
func (p stuffedPhrase) evidence() int {
	return 2*(min(p.kinds[occAlone], 1)+p.kinds[occHeading]+p.kinds[occGlued]+p.kinds[occLowerStart]+p.kinds[occWedged]) +
		p.kinds[occArticle] + p.kinds[occShouted] + p.kinds[occRunOn] + p.kinds[occAfterSubject]
}

// inserted reports whether the phrase looks pasted into the text rather
// than written with it: the sentences around it seldom need it (at most
// one occurrence in stuffMaxAnchorShare), its
// neighbours hardly ever repeat (a natural phrase settles into recurring
// constructions, "the … said", "of … ."), and it sits in running text at
// least twice.
func (p stuffedPhrase) inserted() bool {
	return p.anchors*stuffMaxAnchorShare <= p.count && p.repeats <= 0.25 && p.prose >= 2
}

// excess is the phrase's count beyond natural use: occurrences beyond two,
// less three for every occurrence the sentence needs; 0 unless the phrase
// fires, or looks inserted, hardly ever ends a clause and breaks the text
// at least once.
func (p stuffedPhrase) excess() float64 {
	if !p.fired() && (!p.inserted() || p.ends*stuffMaxEndsShare > p.count || p.evidence() == 0) {
		return 0
	}
	return math.Max(0, float64(p.count-2-3*p.anchors))
}

// fired says whether the phrase is clearly stuffed: inserted, hardly ever
// ending a clause (a natural phrase is often followed by a comma or a full
// stop; an inserted one is always followed by the word it was put before),
// and either repeated at least five times with strong evidence of breaking
// the text, or at least eight times with some evidence, or at least eight
// times in ever-changing company with words that the text uses nowhere
// else (unrelated words pasted in). Repetition alone never fires: a name,
// a show's title or a label repeated in a story about it is written into
// its sentences.
func (p stuffedPhrase) fired() bool {
	if !p.inserted() || p.count < 5 || p.ends*stuffMaxEndsShare > p.count {
		return false
	}
	e := p.evidence()
	switch {
	case e >= 4:
		return true
	case p.count < 8:
		return false
	}
	return e >= 2 || p.foreign
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
		starts := ctx.keepTight(c.occ, c.size)
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
		if ctx.periodic(starts[0]-left, starts[0]+c.size+right) {
			// A phrase pasted twice in a row ("ec warns ec warns") is that
			// phrase, examined as a candidate of its own.
			continue
		}
		for _, i := range starts {
			for w := i - left; w < i+c.size+right; w++ {
				covered[w] = true
			}
		}
		p := stuffedPhrase{from: starts[0] - left, to: starts[0] + c.size + right, count: len(starts)}
		p.line = d.Lines[words[p.from].Line].Number
		for _, i := range starts {
			o := ctx.judge(i-left, i+c.size+right)
			// A copy on a line of its own ends no clause: it stands apart.
			if to := i + c.size + right; words[i].Line != ctx.title && o != occAlone && o != occHeading && ctx.endsClause(to) {
				p.ends++
			}
			switch o {
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
		if p.count >= 8 && p.repeats <= ctx.foreignRepeats(p) && p.ends*stuffMaxEndsShare <= p.count && p.inserted() {
			p.foreign = ctx.foreign(p) && 3*ctx.withinCount(starts, left, c.size+right) >= 2*p.count
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if fi, fj := out[i].fired(), out[j].fired(); fi != fj {
			return fi
		}
		return out[i].excess() > out[j].excess()
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
			if j < lo || j >= hi || c.sc.word[j] != c.sc.word[starts[0]+off] {
				return false
			}
			// The word joins the phrase across white space only.
			if off < 0 && !wordGap(textBetween(c.d, words, j)) || off > 0 && !wordGap(textBetween(c.d, words, j-1)) {
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

// periodic reports whether the words words[from:to] are a shorter phrase
// and its copies, end to end ("ec warns ec warns", "officer acting chief
// executive officer"): every word equals the word a period of at most
// half the phrase before it.
func (c *stuffContext) periodic(from, to int) bool {
	words := c.sc.word
	for period := 1; 2*period <= to-from; period++ {
		same := true
		for i := from + period; i < to && same; i++ {
			same = words[i] == words[i-period]
		}
		if same {
			return true
		}
	}
	return false
}

// endsClause reports whether punctuation follows the word before to,
// attached to it: a comma, a full stop, a closing bracket or quote ends
// the phrase's clause. A mark after a space (an opening quote or bracket,
// a bullet, a spaced dash) opens what comes next, and a phrase pasted in
// at random lands before one as often as the text has them.
func (c *stuffContext) endsClause(to int) bool {
	d := c.d
	w := d.Words[to-1]
	end := len(d.Text)
	if to < len(d.Words) {
		end = d.Words[to].Start
	}
	gap := d.Text[w.Start+len(w.Text) : end]
	r, _ := utf8.DecodeRuneInString(gap)
	return gap != "" && !unicode.IsSpace(r)
}

// foreign reports whether at least half the topic words of phrase p (all
// of a phrase of one or two) occur nowhere in the text but inside the
// phrase's occurrences, nor in the document's title: words unrelated to
// the article around them. A longer phrase may share a common word or two
// with the text ("best … deal").
// A phrase of the headline is what the story is about, however often it
// comes back.
func (c *stuffContext) foreign(p stuffedPhrase) bool {
	hashes := c.sc.word[:len(c.words)]
	topic, used := 0, 0
	for k := p.from; k < p.to; k++ {
		if !isTopicWord(c.words[k]) {
			continue
		}
		topic++
		if c.inTitle(c.words[k].Norm) {
			used++
			continue
		}
		h := hashes[k]
		inPhrase, total := 0, 0
		for j := p.from; j < p.to; j++ {
			if hashes[j] == h {
				inPhrase++
			}
		}
		for _, v := range hashes {
			if v == h {
				total++
			}
		}
		if total > inPhrase*p.count {
			used++
		}
	}
	if topic < 3 {
		return topic > 0 && used == 0
	}
	return 2*used <= topic
}

// foreignRepeats is the largest share of occurrences with a repeating
// neighbour (see stuffedPhrase.repeats) that a phrase of unrelated words
// may have: 0.1 for a phrase of one or two topic words, since a natural
// pair ("New York", "Social Security") settles into recurring company, and
// 0.25 for a longer phrase, which a stuffer pasted at random lands next to
// a common word ("the", "and") as often as the text has them.
func (c *stuffContext) foreignRepeats(p stuffedPhrase) float64 {
	topic := 0
	for k := p.from; k < p.to; k++ {
		if isTopicWord(c.words[k]) {
			topic++
		}
	}
	if topic >= 3 {
		return 0.25
	}
	return 0.1
}

// inTitle reports whether the folded word norm is a word of the
// document's title.
func (c *stuffContext) inTitle(norm string) bool {
	if c.titleWords == nil {
		c.titleWords = []string{}
		t := c.d.Title
		for t != "" {
			i := strings.IndexFunc(t, isWordRune)
			if i < 0 {
				break
			}
			t = t[i:]
			j := strings.IndexFunc(t, func(r rune) bool { return !isWordRune(r) && !isJoiner(r) })
			if j < 0 {
				j = len(t)
			}
			c.titleWords = append(c.titleWords, string(appendFolded(nil, t[:j])))
			t = t[j:]
		}
	}
	return slices.Contains(c.titleWords, norm)
}

// withinCount counts the occurrences (at starts, widened by left words,
// size words long) that sit inside a sentence (see insideSentence). A
// caption's credit or a widget's label sits at the edge of its line.
func (c *stuffContext) withinCount(starts []int, left, size int) int {
	n := 0
	for _, i := range starts {
		if c.insideSentence(i-left, i+size) {
			n++
		}
	}
	return n
}

// insideSentence reports whether the words words[from:to] sit inside a
// sentence: a word of the same paragraph right before and right after,
// with only white space between.
func (c *stuffContext) insideSentence(from, to int) bool {
	d, words := c.d, c.words
	k := c.paraOfLine[words[from].Line]
	if k < 0 || to >= len(words) {
		return false
	}
	p := d.Paragraphs[k]
	return from > p.FirstWord && to < p.EndWord && blankGap(textBetween(d, words, from-1)) && blankGap(textBetween(d, words, to-1))
}

// keepTight keeps, in place, the occurrences (starts of size words) whose
// words are joined by white space only: a keyword phrase is written in one
// piece, while a run of words across a full stop, a bracket or a slash
// ("Cambodia. Reuters/Jorge", "raw (1 cup") is the shape of a caption or a
// table, not a phrase.
func (c *stuffContext) keepTight(starts []int, size int) []int {
	kept := starts[:0]
	for _, i := range starts {
		tight := true
		for k := i; k+1 < i+size && tight; k++ {
			tight = wordGap(textBetween(c.d, c.words, k))
		}
		if tight {
			kept = append(kept, i)
		}
	}
	return kept
}

// wordGap reports whether s, the text between two words, is white space
// within one paragraph: spaces and tabs, and at most one line break (a
// hard wrap).
func wordGap(s string) bool {
	breaks := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t':
		case '\n':
			breaks++
		default:
			return false
		}
	}
	return s != "" && breaks <= 1
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
	titleWords []string            // the title's words, folded (see inTitle)
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
	// sentence, after a sentence fragment that opens with a function word,
	// between paragraphs of running text (a fake heading such as "Upon his
	// arrival <phrase>"). A caption's credit ("… in 1968. Courtesy of
	// <name>", "Kitchen <agency>") follows a full sentence or a noun, and
	// does not count.
	occHeading
	// occGlued: the phrase, at the start of a sentence or inside one, runs
	// without punctuation into a capitalised function word, the start of
	// the next sentence (not the next word of a title in Title Case).
	occGlued
	// occLowerStart: the phrase starts a sentence in lower case, right
	// after the full stop (not after a dash or a bullet).
	occLowerStart
	// occArticle: the phrase, ending in a content word and placed inside a
	// sentence (a word right before it), runs into an article or a
	// possessive ("… in <phrase> a broader strategy").
	occArticle
	// occWedged: the phrase sits between two function words that no noun
	// or verb phrase can separate: a subject pronoun and its verb ("he
	// <phrase> said"), or, outside a question, an auxiliary and the
	// auxiliary it goes with ("will <phrase> be").
	occWedged
	// occShouted: a phrase of two or more words in capitals sits inside a
	// sentence in lower case ("the company had paid <PHRASE> 31 cents"):
	// capitals mark single acronyms in running text, not phrases.
	occShouted
	// occRunOn: a phrase with a word in lower case opens a sentence of
	// running text and runs without punctuation into a capitalised word
	// that is no function word, the first of that sentence ("<phrase>
	// Senate leaders said …"). A title before a name is written in Title
	// Case ("Prime Minister Boris Johnson") and does not count.
	occRunOn
	// occAfterSubject: the phrase follows a subject pronoun ("they
	// <phrase> want"), where a verb belongs, or follows an auxiliary and
	// runs into an article, a determiner, a pronoun or a capitalised word
	// ("was <phrase> the"), outside a question.
	occAfterSubject
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
	// leads: the paragraph opens with the phrase, nothing before it.
	leads := from == p.FirstWord && d.Words[from].Start == d.Lines[p.FirstLine].Start
	amid := c.amidProse(int(c.paraOfLine[li]))
	if amid && leads && to == end && c.shape(li) != shapeTable {
		return occAlone
	}
	if c.shape(li) != shapeProse {
		return occNeutral
	}
	if amid {
		if to == end && p.EndWord-p.FirstWord <= 12 && !endsSentence(p.Text) && c.fragmentBefore(p, from) {
			return occHeading
		}
	}
	// The word after the phrase in the same sentence, if any.
	var next *Word
	if to < end && blankGap(textBetween(d, words, to-1)) {
		next = &words[to]
	}
	// starts: the phrase opens a sentence right after its full stop (or
	// opens the paragraph); inside: a word of the same clause stands right
	// before it, with nothing but white space between.
	starts := leads || from > p.FirstWord && c.startsSentence(from) && sentenceGap(textBetween(d, words, from-1))
	inside := from > p.FirstWord && blankGap(textBetween(d, words, from-1))
	if next != nil && inside && c.shouted(from, to) && hasLower(words[from-1].Text) && hasLower(next.Text) {
		return occShouted
	}
	if next != nil {
		r, _ := utf8.DecodeRuneInString(next.Text)
		if (starts || inside) && unicode.IsUpper(r) && sentenceOpeners[next.Norm] && !allCapitals(next.Text) && !c.titleCase(from, to, end) {
			return occGlued
		}
		if inside && nounStarters[next.Norm] && c.topicWord(words[to-1]) {
			return occArticle
		}
	}
	if starts || from == p.FirstWord || c.startsSentence(from) {
		first := words[from].Text
		r, _ := utf8.DecodeRuneInString(first)
		if starts && unicode.IsLower(r) && strings.IndexFunc(first, unicode.IsUpper) < 0 {
			return occLowerStart
		}
		if next != nil {
			r, _ := utf8.DecodeRuneInString(next.Text)
			if unicode.IsLower(r) {
				return occAnchored
			}
			if starts && p.EndWord-p.FirstWord > 12 && unicode.IsUpper(r) && !allCapitals(next.Text) &&
				c.topicWord(*next) && !c.phraseTitleCase(from, to) {
				return occRunOn
			}
		}
		return occNeutral
	}
	if !inside {
		return occNeutral
	}
	prev := words[from-1].Norm
	if next != nil && wedges(prev, next.Norm) && !c.inQuestion(from) {
		return occWedged
	}
	if next != nil && afterSubject(prev, *next) && !c.inQuestion(from) {
		return occAfterSubject
	}
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

// shouted reports whether words[from:to] are two or more words in
// capitals, each of two letters or more.
func (c *stuffContext) shouted(from, to int) bool {
	if to-from < 2 {
		return false
	}
	for _, w := range c.words[from:to] {
		if utf8.RuneCountInString(w.Text) < 2 || !allCapitals(w.Text) || strings.IndexFunc(w.Text, unicode.IsLetter) < 0 {
			return false
		}
	}
	return true
}

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }

// titleCase reports whether the phrase words[from:to] and the capitalised
// function word after it belong to a title quoted in Title Case ("… View
// Open Source As A Key Tactic"): the phrase's topic words are capitalised,
// and so is the word after that function word (before end). A capitalised
// function word there starts no sentence; after a phrase in lower or
// sentence case ("latest updates The Senate is …") it does.
func (c *stuffContext) titleCase(from, to, end int) bool {
	if to+1 >= end || !c.phraseTitleCase(from, to) {
		return false
	}
	return capitalised(c.words[to+1].Text)
}

// phraseTitleCase reports whether every topic word of words[from:to] is
// capitalised.
func (c *stuffContext) phraseTitleCase(from, to int) bool {
	for _, w := range c.words[from:to] {
		if isTopicWord(w) && !capitalised(w.Text) {
			return false
		}
	}
	return true
}

// afterSubject reports whether a phrase between the words prev and next
// stands where no noun phrase can: after a subject pronoun (not "it",
// which is also an object), or after an auxiliary and before an article,
// a determiner, a pronoun or a capitalised word.
func afterSubject(prev string, next Word) bool {
	switch {
	case subjectPronouns[prev] && prev != "it":
		return true
	case auxiliaries[prev]:
		return determiners[next.Norm] || subjectPronouns[next.Norm] || capitalised(next.Text) && !allCapitals(next.Text)
	}
	return false
}

// wedges reports whether nothing can stand between the words prev and
// next: a subject pronoun and a verb or auxiliary, or an auxiliary and the
// auxiliary it goes with.
func wedges(prev, next string) bool {
	switch {
	case subjectPronouns[prev]:
		return verbish[next] || auxiliaries[next]
	case auxiliaries[prev]:
		return auxiliaries[next]
	}
	return false
}

// fragmentBefore reports whether the words of paragraph p before word
// from are a sentence fragment that a heading could be broken from: one to
// eight words right before the phrase, with no sentence end among them,
// opening with a function word or a connective ("Upon his arrival",
// "Despite the challenges"). A caption's text before its credit is a full
// sentence or a noun ("Kitchen"), and is no fragment.
func (c *stuffContext) fragmentBefore(p Paragraph, from int) bool {
	d, words := c.d, c.words
	n := from - p.FirstWord
	if n < 1 || n > 8 || !blankGap(textBetween(d, words, from-1)) {
		return false
	}
	first := words[p.FirstWord]
	if d.Lines[p.FirstLine].Start != first.Start {
		return false // a bullet, a bracket or a quote opens the line
	}
	for i := p.FirstWord; i+1 < from; i++ {
		if !blankGap(textBetween(d, words, i)) {
			return false
		}
	}
	return !isTopicWord(first) || sentenceOpeners[first.Norm] || prepositions[first.Norm]
}

// sentenceGap reports whether the text between two words closes a
// sentence and opens the next one with nothing else: a full stop, question
// or exclamation mark, closing quotes or brackets, then white space.
func sentenceGap(s string) bool {
	i := 0
	for i < len(s) && strings.IndexByte(".!?", s[i]) >= 0 {
		i++
	}
	if i == 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r != '…' {
			return false
		}
		i = n
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("\"'”’)]»", r) {
			break
		}
		i += n
	}
	return i < len(s) && blankGap(s[i:])
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
// (past any copies of it) are running text (more than 12 words, or a
// sentence of six words or more) or the title: a short line there is out
// of place, while among other short lines it is a menu or a list.
func (c *stuffContext) amidProse(k int) bool {
	ps := c.d.Paragraphs
	for _, step := range []int{-1, 1} {
		// Copies of the same line next to it are passed over: a phrase
		// pasted as a line several times in a row is still out of place.
		j := k + step
		for j >= 0 && j < len(ps) && ps[j].Text == ps[k].Text {
			j += step
		}
		if j < 0 || j >= len(ps) {
			continue
		}
		if p := ps[j]; p.EndWord-p.FirstWord <= 12 && p.FirstLine != c.title && !shortSentence(p) {
			return false
		}
	}
	return true
}

// shortSentence reports whether paragraph p is one sentence of six words
// or more: it opens with a capital and ends with a full stop, a question
// or an exclamation mark ("That's not what the council did."), as a menu
// item, a label or a list entry does not.
func shortSentence(p Paragraph) bool {
	return p.EndWord-p.FirstWord >= 6 && endsSentence(p.Text) && capitalised(p.Text)
}

// inQuestion reports whether word i lies in a sentence that asks a
// question, where an auxiliary comes before its subject ("Did the
// president do this?").
func (c *stuffContext) inQuestion(i int) bool {
	ss := c.d.Sentences
	k := sort.Search(len(ss), func(k int) bool { return ss[k].EndWord > i })
	return k < len(ss) && ss[k].FirstWord <= i && strings.HasSuffix(strings.TrimRight(ss[k].Text, "\"'”’)] "), "?")
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
	prepositions = wordSetOf(`of in on at by for from with into onto upon about over under between against across
		through during after before per via among amid amidst without within toward towards`)
	verbish      = wordSetOf("is was are were has have had will would said says can could may might should must")
	conjunctions = wordSetOf("and or but")
	// nounStarters open a noun phrase, which cannot follow a complete
	// one directly.
	nounStarters    = wordSetOf("a an the his its their our my your")
	subjectPronouns = wordSetOf("he she it we i they")
	auxiliaries     = wordSetOf("is was are were will would can could should may might must shall has have had be been being do does did")
)

// stuffingSignal reports the most stuffed phrase and quotes up to three
// repeated phrases, most stuffed first.
func stuffingSignal(d *Document, found []stuffedPhrase, words int) Signal {
	if len(found) == 0 || found[0].excess() == 0 {
		return Signal{}
	}
	best := found[0]
	s := Signal{Value: math.Log1p(best.excess()), Fired: best.fired()}
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
