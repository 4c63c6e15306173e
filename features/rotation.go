package features

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Rotated keyword stuffing: a spinner writes one keyword phrase a dozen
// ways, each slot filled from a list of synonyms ("{cheap|budget|low cost}
// {flight|plane|airline} {tickets|fares|deals}"), so that no wording comes
// back often enough to be seen as repetition. What gives the copies away is
// that their words belong together and hardly anywhere else in the text,
// that the wordings cross (each synonym of one slot goes with several of the
// next), and that the copies sit in the middle of sentences that read on
// without them.
const (
	// rotatedMinCopies is the fewest copies inside sentences that fire.
	rotatedMinCopies = 8
	// rotatedMinWordings is the fewest distinct wordings: with fewer, one
	// wording is repeated, and that is a phrase for findStuffedPhrases.
	rotatedMinWordings = 3
	// rotatedMinWords and rotatedMaxWords bound the distinct words of the
	// wordings: a spinner's lists are short, while the noun phrases of a
	// long story chain into families of dozens of words.
	rotatedMinWords = 4
	rotatedMaxWords = 30
	// rotatedMinCycles is the fewest independent cycles (see cycles) of the
	// wordings' word graph.
	rotatedMinCycles = 1
	// rotatedMaxEvidence is how many wordings the evidence quotes.
	rotatedMaxEvidence = 3
)

// rotSeenBits is the size of the bit set of the stems seen in runs, which
// spares the count of every word's occurrences a map lookup.
const rotSeenBits = 4096

// closedClassTable flags the words of closedClassWords, for the pass of
// findRotated over every word.
var closedClassTable = newWordFlagTable(map[uint16][]string{1: slices.Sorted(maps.Keys(closedClassWords))}, true)

// rotatedPhrase is a family of wordings of one phrase: the pieces of text
// made of its words and those of them that sit inside sentences.
type rotatedPhrase struct {
	pieces   int              // pieces of the family's words
	copies   int              // pieces inside a sentence (see insertedPiece)
	wordings []rotatedWording // the distinct wordings of the copies, most frequent first
	words    int              // distinct words of the copies
	tokens   int              // words in the copies
	crossed  int              // see crossings
	cycles   int              // see cycles
}

// rotatedWording is one wording of a rotated phrase.
type rotatedWording struct {
	from, to int // word range of its first copy
	count    int
	key      uint64 // hash of its words' stems, in order
}

// fired reports whether the family is stuffing: enough copies inside
// sentences, at least two thirds of the family's pieces, in several
// wordings of a few words that cross one another.
func (r rotatedPhrase) fired() bool {
	return r.copies >= rotatedMinCopies && 3*r.copies >= 2*r.pieces &&
		len(r.wordings) >= rotatedMinWordings && rotatedMinWords <= r.words && r.words <= rotatedMaxWords &&
		r.crossed >= 1 && r.cycles >= rotatedMinCycles
}

// excess is the number of words in the copies beyond two, taken at the
// copies' mean length: a repeated phrase is counted in copies (see
// stuffedPhrase.excess), whose repeats the n-gram shares count again, while
// a spun phrase repeats no n-gram, and each of its words is one the
// article does not need.
func (r rotatedPhrase) excess() float64 {
	return float64(r.copies-2) * float64(r.tokens) / float64(r.copies)
}

// rotatedWord is what findRotated counts about one word (by stem).
type rotatedWord struct {
	total  int32 // occurrences in the text
	inRun  int32 // occurrences inside runs of two or more topic words
	parent int32 // union-find link between words that sit side by side in a piece
}

// findRotated returns the family of rotated wordings in the text that
// fires (see rotatedPhrase.fired); false when none does.
//
// A piece is two or more topic words written in one piece (white space
// only between them) in a paragraph of running text, in one case, each
// word foreign to the text: used at least twice, two thirds of its
// occurrences or more inside runs of topic words, and not in the title.
// Pieces are joined into families through the words they share and the
// words they put side by side: a family is the pieces of one connected set
// of words.
func (c *stuffContext) findRotated() (rotatedPhrase, bool) {
	d, words, sc := c.d, c.words, c.sc
	if c.paraOfLine == nil {
		c.mapParagraphs()
	}
	stems := sc.word[:len(words)]
	if sc.rotated == nil {
		sc.rotated = make(map[uint64]int32)
	}
	index := sc.rotated
	clear(index)
	sc.rotWords = sc.rotWords[:0]
	sc.inRun = resized(sc.inRun, len(words))
	clear(sc.rotSeen[:])

	// The words that may stand in a run: topic words in running text. A
	// function word in lower case never is, and the table settles most
	// words; topicWord's look at the text around (is the word part of an
	// address?) is left for the words next to another such word.
	const (
		notInRun    = iota
		plainWord   // no function word: a topic word unless a figure or in an address
		capitalWord // a function word in capitals ("US", "New"): topicWord decides
	)
	state := resized(sc.runState, len(words))
	sc.runState = state
	var closed [256]uint16
	for from := 0; from < len(words); from += len(closed) {
		chunk := words[from:min(from+len(closed), len(words))]
		closedClassTable.flagsOf(chunk, closed[:])
		for k, w := range chunk {
			st := uint8(notInRun)
			if p := c.paraOfLine[w.Line]; w.Line != c.title && p >= 0 && sc.running[p] {
				switch {
				case closed[k] == 0:
					st = plainWord
				case capitalised(w.Text):
					st = capitalWord
				}
			}
			state[from+k] = st
		}
	}
	sc.runWord = resized(sc.runWord, len(words))
	for i, w := range words {
		ok := false
		if state[i] != notInRun && (i > 0 && state[i-1] != notInRun || i+1 < len(words) && state[i+1] != notInRun) {
			switch {
			case w.Norm != "" && isDigitByte(w.Norm[0]):
				// A figure is no topic word (see topicWord).
			case state[i] == plainWord && w.Norm != "" && w.Norm[0] < utf8.RuneSelf:
				ok = !c.d.inAddress(w) // topicWord, for a word that is no function word
			case state[i] == capitalWord && !nameWords[w.Norm] && !allCapitals(w.Text):
				// A function word opening a sentence ("The", "But").
			default:
				ok = c.topicWord(w)
			}
		}
		sc.runWord[i] = ok
	}
	for i := 0; i < len(words); {
		if !sc.runWord[i] {
			sc.inRun[i] = false
			i++
			continue
		}
		j := i + 1
		for j < len(words) && sc.runWord[j] && wordGap(textBetween(d, words, j-1)) {
			j++
		}
		for k := i; k < j; k++ {
			sc.inRun[k] = j-i >= 2
			if j-i < 2 {
				continue
			}
			sc.rotSeen[stems[k]%rotSeenBits/64] |= 1 << (stems[k] % 64)
			at, ok := index[stems[k]]
			if !ok {
				at = int32(len(sc.rotWords))
				index[stems[k]] = at
				sc.rotWords = append(sc.rotWords, rotatedWord{parent: at})
			}
			sc.rotWords[at].inRun++
		}
		i = j
	}
	if len(sc.rotWords) == 0 {
		return rotatedPhrase{}, false
	}
	for _, h := range stems {
		if sc.rotSeen[h%rotSeenBits/64]&(1<<(h%64)) == 0 {
			continue // no word of a run: most words leave here
		}
		if at, ok := index[h]; ok {
			sc.rotWords[at].total++
		}
	}
	foreign := func(i int) (int32, bool) {
		if !sc.inRun[i] {
			return 0, false
		}
		at := index[stems[i]]
		w := sc.rotWords[at]
		return at, w.total >= 2 && 3*w.inRun >= 2*w.total && !c.inTitle(words[i].Norm)
	}
	find := func(x int32) int32 {
		for sc.rotWords[x].parent != x {
			p := sc.rotWords[x].parent
			sc.rotWords[x].parent = sc.rotWords[p].parent
			x = p
		}
		return x
	}

	// Pieces: maximal runs of foreign words, two or more, inside a run.
	sc.pieces = sc.pieces[:0]
	for i := 0; i < len(words); {
		at, ok := foreign(i)
		if !ok {
			i++
			continue
		}
		j := i + 1
		// A piece is in one case: a name ("Human Rights Council") that a
		// copy was pasted into is no part of the copy.
		upper := capitalised(words[i].Text)
		for j < len(words) && sc.inRun[j] && capitalised(words[j].Text) == upper && wordGap(textBetween(d, words, j-1)) {
			next, ok := foreign(j)
			if !ok {
				break
			}
			if a, b := find(at), find(next); a != b {
				sc.rotWords[b].parent = a
			}
			at = next
			j++
		}
		if j-i >= 2 {
			sc.pieces = append(sc.pieces, [2]int{i, j})
		}
		i = j
	}

	// Families: the pieces of each connected set of words, taken in the
	// order of their first piece; the one with the most copies fires.
	sc.families = sc.families[:0]
	for k, p := range sc.pieces {
		sc.families = append(sc.families, familyPiece{root: find(index[stems[p[0]]]), piece: int32(k)})
	}
	slices.SortStableFunc(sc.families, func(a, b familyPiece) int { return cmp.Compare(a.root, b.root) })
	var spans [][2]int // of sc.families, one per family, by first piece
	for i := 0; i < len(sc.families); {
		j := i + 1
		for j < len(sc.families) && sc.families[j].root == sc.families[i].root {
			j++
		}
		if j-i >= rotatedMinCopies {
			spans = append(spans, [2]int{i, j})
		}
		i = j
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(sc.families[a[0]].piece, sc.families[b[0]].piece) })
	var best rotatedPhrase
	found := false
	for _, span := range spans {
		mine := make([][2]int, 0, span[1]-span[0])
		for _, f := range sc.families[span[0]:span[1]] {
			mine = append(mine, sc.pieces[f.piece])
		}
		if r := c.rotatedFamily(mine); r.fired() && (!found || r.copies > best.copies) {
			best, found = r, true
		}
	}
	return best, found
}

// familyPiece is a piece (an index into ngramScratch.pieces) and the root
// of its family's words, for findRotated.
type familyPiece struct{ root, piece int32 }

// rotatedFamily measures the family of the given pieces, in order.
func (c *stuffContext) rotatedFamily(mine [][2]int) rotatedPhrase {
	stems := c.sc.word
	core := twoCore(mine, stems)
	inCore := func(k int) bool {
		_, ok := slices.BinarySearch(core, stems[k])
		return ok
	}
	var r rotatedPhrase
	var distinct []uint64
	for _, p := range mine {
		// A piece is its words of the core; a word of the text that a
		// copy was pasted next to hangs off the core and falls away.
		from, to := p[0], p[1]
		for from < to && !inCore(from) {
			from++
		}
		for to > from && !inCore(to-1) {
			to--
		}
		if to-from < 2 {
			continue
		}
		r.pieces++
		if !c.insertedPiece(from, to) {
			continue
		}
		r.copies++
		r.tokens += to - from
		key := uint64(0)
		for k := from; k < to; k++ {
			key = growGram(key, stems[k])
			if !slices.Contains(distinct, stems[k]) {
				distinct = append(distinct, stems[k])
			}
		}
		if len(distinct) > rotatedMaxWords {
			return rotatedPhrase{words: len(distinct)} // too many words to be a spinner's
		}
		if at := slices.IndexFunc(r.wordings, func(w rotatedWording) bool { return w.key == key }); at >= 0 {
			r.wordings[at].count++
		} else {
			r.wordings = append(r.wordings, rotatedWording{from: from, to: to, count: 1, key: key})
		}
	}
	r.words = len(distinct)
	r.crossed = crossings(r.wordings, stems)
	r.cycles = cycles(r.wordings, stems, r.words)
	slices.SortStableFunc(r.wordings, func(a, b rotatedWording) int { return b.count - a.count })
	return r
}

// twoCore returns, sorted, the words of the pieces that stay when every
// word with fewer than two distinct neighbours in the pieces is taken away,
// again and again (the 2-core of the graph of neighbouring words). Words
// in cycles stay, with what lies between them; chains and trees fall away.
// It peels the graph with a queue, in time linear in its size.
func twoCore(pieces [][2]int, stems []uint64) []uint64 {
	var pairs []wordPair
	var nodes []uint64
	for _, p := range pieces {
		for k := p[0]; k+1 < p[1]; k++ {
			a, b := stems[k], stems[k+1]
			if a == b {
				continue
			}
			if a > b {
				a, b = b, a
			}
			pairs = append(pairs, wordPair{a, b})
			nodes = append(nodes, a, b)
		}
	}
	slices.SortFunc(pairs, comparePairs)
	pairs = slices.Compact(pairs)
	slices.Sort(nodes)
	nodes = slices.Compact(nodes)
	node := func(h uint64) int {
		i, _ := slices.BinarySearch(nodes, h)
		return i
	}
	// Adjacency lists, packed: the neighbours of node i are
	// next[start[i]:start[i+1]].
	start := make([]int, len(nodes)+1)
	for _, e := range pairs {
		start[node(e.a)+1]++
		start[node(e.b)+1]++
	}
	for i := range nodes {
		start[i+1] += start[i]
	}
	next := make([]int, start[len(nodes)])
	fill := slices.Clone(start[:len(nodes)])
	for _, e := range pairs {
		a, b := node(e.a), node(e.b)
		next[fill[a]], next[fill[b]] = b, a
		fill[a]++
		fill[b]++
	}
	degree := make([]int, len(nodes))
	var queue []int
	for i := range nodes {
		degree[i] = start[i+1] - start[i]
		if degree[i] < 2 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, j := range next[start[i]:start[i+1]] {
			degree[j]--
			if degree[j] == 1 {
				queue = append(queue, j)
			}
		}
	}
	var core []uint64
	for i, h := range nodes {
		if degree[i] >= 2 {
			core = append(core, h)
		}
	}
	return core
}

// insertedPiece reports whether the piece words[from:to] sits in a
// sentence as a phrase pasted in does: inside it (see insideSentence: no
// punctuation after it, which would end a clause) and not needed by the
// sentence (see judge).
func (c *stuffContext) insertedPiece(from, to int) bool {
	return c.insideSentence(from, to) && c.judge(from, to) != occAnchored
}

// wordPair is two words (by stem) side by side.
type wordPair struct{ a, b uint64 }

// wordPairs returns the distinct pairs of neighbouring words in the
// wordings, sorted; unordered ones (a <= b) unless ordered.
func wordPairs(wordings []rotatedWording, stems []uint64, ordered bool) []wordPair {
	var pairs []wordPair
	for _, w := range wordings {
		for k := w.from; k+1 < w.to; k++ {
			a, b := stems[k], stems[k+1]
			if !ordered && a > b {
				a, b = b, a
			}
			pairs = append(pairs, wordPair{a, b})
		}
	}
	slices.SortFunc(pairs, comparePairs)
	return slices.Compact(pairs)
}

// comparePairs orders word pairs by their first word, then their second.
func comparePairs(x, y wordPair) int {
	if x.a != y.a {
		return cmp.Compare(x.a, y.a)
	}
	return cmp.Compare(x.b, y.b)
}

// crossings counts the pairs of distinct words that each go right before
// the same two distinct words somewhere in the wordings: "cheap flight",
// "cheap plane", "budget flight", "budget plane". Slots filled from lists
// of synonyms cross like that as soon as a few copies are written; the
// wordings of a natural phrase grow it at its edges ("public health",
// "public health agencies") or chain into one another ("federal court",
// "district court", "southern district").
func crossings(wordings []rotatedWording, stems []uint64) int {
	pairs := wordPairs(wordings, stems, true)
	// The words that follow each word with two or more of them.
	var next [][]uint64
	for i := 0; i < len(pairs); {
		j := i
		var after []uint64
		for j < len(pairs) && pairs[j].a == pairs[i].a {
			after = append(after, pairs[j].b)
			j++
		}
		if len(after) >= 2 {
			next = append(next, after)
		}
		i = j
	}
	n := 0
	for i := range next {
		for j := i + 1; j < len(next); j++ {
			common := 0
			for _, b := range next[i] {
				if _, ok := slices.BinarySearch(next[j], b); ok {
					common++
				}
			}
			if common >= 2 {
				n++
			}
		}
	}
	return n
}

// cycles is the number of independent cycles of the graph whose nodes are
// the wordings' words and whose edges join neighbouring words: edges less
// nodes plus one, for a connected family. A phrase that only grows or
// chains makes a tree; crossing slots close loops.
func cycles(wordings []rotatedWording, stems []uint64, words int) int {
	return len(wordPairs(wordings, stems, false)) - words + 1
}

// rotatedSignal reports a rotated phrase as keyword stuffing.
func rotatedSignal(d *Document, r rotatedPhrase) Signal {
	s := Signal{Value: math.Log1p(r.excess()), Fired: true}
	quoted := make([]string, 0, rotatedMaxEvidence)
	for k, w := range r.wordings {
		if k == rotatedMaxEvidence {
			break
		}
		text := d.Span(w.from, w.to)
		s.Evidence = append(s.Evidence, Evidence{Text: text, Count: w.count, Line: d.Lines[d.Words[w.from].Line].Number})
		quoted = append(quoted, fmt.Sprintf("%q", strings.ToLower(text)))
	}
	more := ""
	if len(r.wordings) > rotatedMaxEvidence {
		more = ", …"
	}
	s.Message = fmt.Sprintf("one phrase reworded %d ways (%s%s), put into sentences %d times",
		len(r.wordings), strings.Join(quoted, ", "), more, r.copies)
	return s
}
