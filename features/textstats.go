package features

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textStats measures the plain statistics that web-text quality filters
// (Gopher, C4, FineWeb) use, computed on re-flowed paragraphs so that wire
// copy hard-wrapped at 65 columns reads like any other text.
//
// Signals:
//   - word_count: log1p of the number of words.
//   - mean_word_length: mean length of a word in letters and digits (not
//     counting apostrophes, hyphens and dots inside it), capped at 15.
//     Fired when a text of 50 words or more averages under 3 or over 10
//     letters a word (Gopher's bounds): symbol soup or glued keywords.
//   - stopword_ratio: share of words that are English stop words ("the",
//     "of", "and", ...), 0..1. Fired when a text of 50 words or more has
//     under 15%, and is not a table of figures: a keyword list, not prose.
//   - terminal_punct_share: share of paragraphs that end in terminal
//     punctuation, 0..1 (1 for prose). A title on the first line is left
//     out, and a last paragraph of prose cut off mid-sentence counts as
//     ended, so that how a source was clipped does not show.
//   - short_line_share: share of paragraphs under 30 characters, 0..1
//     (menus, widgets, fake headings), leaving out a title on the first
//     line.
//   - symbol_ratio: symbols ("#", "…", "|", "»", "•", "★", emoji, ...)
//     per word, capped at 1. Fired above 0.1 (Gopher's bound) in a text of
//     20 words or more.
//   - bullet_share: share of non-blank lines that start with a bullet ("•",
//     "-", "*", "►", "1.", "2)"), 0..1.
//   - fake_headings: log1p of the number of fake headings: short
//     unpunctuated lines, set apart like headings, that are really the start
//     of the next paragraph's sentence ("The U.S. position" / "as
//     articulated by ...") or a connective opener ("Despite the
//     challenges", "In conclusion"). Fired at two or more.
type textStats struct {
	openers *Lexicon
}

func newTextStats() Check {
	return &textStats{openers: NewLexicon(headingOpeners...)}
}

func (*textStats) Names() []string {
	return []string{
		"word_count", "mean_word_length", "stopword_ratio", "terminal_punct_share",
		"short_line_share", "symbol_ratio", "bullet_share", "fake_headings",
	}
}

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

// wordFlagPrefix gives flag to every word that starts with prefix.
type wordFlagPrefix struct {
	prefix string
	flag   uint16
}

// wordFlagShort is the longest word held in the direct-mapped table.
const wordFlagShort = 7

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

// headingOpeners begin an adverbial clause or a transition: a short line
// that starts with one and stops without punctuation is a sentence broken
// off into a heading ("Upon his arrival", "Despite the challenges", "As the
// discussions continued", "In conclusion").
var headingOpeners = []string{
	"upon", "despite", "in spite of", "as", "while", "whilst", "although", "though",
	"because", "since", "when", "whenever", "amid", "amidst", "given", "if", "unless",
	"until", "whether", "and", "but", "or", "so", "yet", "in conclusion", "in summary",
	"to conclude", "to sum up", "in addition", "additionally", "furthermore",
	"moreover", "however", "meanwhile", "nevertheless", "nonetheless", "ultimately",
	"notably", "consequently", "therefore", "thus", "hence", "in light of",
	"in the wake of", "in response to", "as a result", "on the other hand",
	"in the meantime", "at the same time", "in turn", "not only",
}

// danglingWords cannot end a heading: a line that stops on one is a
// sentence cut in two ("The talks were held in").
var danglingWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "or": true,
	"by": true, "with": true, "for": true, "in": true, "on": true, "at": true, "from": true,
	"that": true, "which": true, "who": true, "is": true, "are": true, "was": true,
	"were": true, "its": true, "their": true, "his": true, "her": true,
}

const (
	// statsMinWords is the fewest words for the word-level rules to fire.
	statsMinWords = 50
	// shortParagraphChars: a paragraph under this many characters is short.
	shortParagraphChars = 30
	// titleMaxWords is the longest first line taken for a title.
	titleMaxWords = 25
	// truncatedMinWords is the fewest words of a last paragraph taken for
	// prose cut off mid-sentence.
	truncatedMinWords = 20
	// fakeHeadingMaxWords is the longest line taken for a fake heading.
	fakeHeadingMaxWords = 8
	// fakeHeadingMinNext is the fewest words the paragraph after a fake
	// heading must have.
	fakeHeadingMinNext = 12
)

// Run measures the text statistics of d.
func (c *textStats) Run(d *Document) []Signal {
	out := make([]Signal, 8)
	msg := statsMessages{buf: make([]byte, 0, 256)}
	words := len(d.Words)
	letters, symbols := scanText(d.Text)
	if words > 0 {
		out[0] = Signal{Value: math.Log1p(float64(words))}
		msg.buf = append(strconv.AppendInt(msg.buf, int64(words), 10), " words"...)
		msg.end(&out[0])
		stops, numbers := 0, 0
		var stop [256]uint16
		for from := 0; from < words; from += len(stop) {
			chunk := d.Words[from:min(from+len(stop), words)]
			stopWords.flagsOf(chunk, stop[:])
			for i := range chunk {
				// stops += 1 when the flags are set, without a branch.
				stops += int((uint32(stop[i]) + 0xffff) >> 16)
				// No stop word is a number, and no word led by an ASCII
				// letter.
				if w := chunk[i].Norm; w != "" && !asciiLetter(w[0]) && bpNumeric(w) {
					numbers++
				}
			}
		}
		mean := float64(letters) / float64(words)
		out[1] = Signal{
			Value: math.Min(mean, 15),
			Fired: words >= statsMinWords && (mean < 3 || mean > 10),
		}
		msg.buf = append(strconv.AppendFloat(append(msg.buf, "mean word length "...), mean, 'f', 1, 64), " letters"...)
		msg.end(&out[1])
		ratio := float64(stops) / float64(words)
		out[2] = Signal{
			Value: ratio,
			Fired: words >= statsMinWords && ratio < 0.15 && 5*numbers < words,
		}
		msg.buf = append(strconv.AppendFloat(msg.buf, 100*ratio, 'f', 0, 64), "% of words are stop words"...)
		msg.end(&out[2])
	}
	paragraphShape(d, &out[3], &out[4], &msg)
	symbolRatio(words, symbols, &out[5], &msg)
	bulletShare(d, &out[6], &msg)
	msg.flush()
	out[7] = c.fakeHeadings(d)
	return out
}

// statsMessages builds the messages of one Run in a single buffer and
// hands each signal its part at the end, so that they cost one allocation
// between them.
type statsMessages struct {
	buf  []byte
	sigs [8]*Signal
	ends [8]int
	n    int
}

// end closes the message written to buf since the previous one, for sig.
func (m *statsMessages) end(sig *Signal) {
	m.sigs[m.n], m.ends[m.n] = sig, len(m.buf)
	m.n++
}

// flush sets the messages of the signals.
func (m *statsMessages) flush() {
	all := string(m.buf)
	from := 0
	for k, sig := range m.sigs[:m.n] {
		sig.Message = all[from:m.ends[k]]
		from = m.ends[k]
	}
}

// appendCounts appends "a of b" to buf.
func appendCounts(buf []byte, a, b int) []byte {
	return strconv.AppendInt(append(strconv.AppendInt(buf, int64(a), 10), " of "...), int64(b), 10)
}

// asciiLetter reports whether c is an ASCII letter.
func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// runeCountBelow reports whether s has fewer than n characters, counting
// only as far as it needs to.
func runeCountBelow(s string, n int) bool {
	if len(s) < n {
		return true
	}
	if len(s) >= n*utf8.UTFMax {
		return false
	}
	return utf8.RuneCountInString(s) < n
}

// endsSentenceQuick is endsSentence, answered from the last byte when that
// is ASCII and neither a closing quote or bracket nor a space.
func endsSentenceQuick(text string) bool {
	if text == "" {
		return false
	}
	switch c := text[len(text)-1]; c {
	case '"', '\'', ')', ']', ' ':
	case '.', '!', '?', ':', ';':
		return true
	default:
		if c < utf8.RuneSelf {
			return false
		}
	}
	return endsSentence(text)
}

// paragraphShape measures the share of paragraphs that end in terminal
// punctuation (into terminal) and the share that are short (into short).
// Paragraphs are re-flowed, so a hard-wrapped line counts with the rest of
// its paragraph, and rows of figures (tables) are left out. So are two accidents of how a text was
// cut: a title on the first line (some sources keep it, some do not), a
// wire sign-off on the last ("REUTER", "-30-"), and a last paragraph of
// prose cut off mid-sentence, which counts as ended.
func paragraphShape(d *Document, terminal, short *Signal, msg *statsMessages) {
	paras := statParagraphs(d)
	if len(paras) > 1 && isTitleParagraph(paras[0]) {
		paras = paras[1:]
	}
	if len(paras) > 1 && isSignOff(d, paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	n, ended, shorts := 0, 0, 0
	var unended []Evidence
	for k, p := range paras {
		if figureRow(d, p) {
			continue
		}
		n++
		switch {
		case endsSentenceQuick(p.Text):
			ended++
		case k == len(paras)-1 && truncatedProse(p):
			ended++
		case len(unended) < 5:
			unended = append(unended, Evidence{Text: p.Text, Count: 1, Line: d.Lines[p.FirstLine].Number})
		}
		if runeCountBelow(p.Text, shortParagraphChars) {
			shorts++
		}
	}
	if n == 0 {
		return
	}
	*terminal = Signal{Value: float64(ended) / float64(n)}
	if ended < n {
		terminal.Evidence = unended
	}
	msg.buf = append(appendCounts(msg.buf, ended, n), " paragraphs end in terminal punctuation"...)
	msg.end(terminal)
	*short = Signal{Value: float64(shorts) / float64(n)}
	msg.buf = append(appendCounts(msg.buf, shorts, n), " paragraphs are under "...)
	msg.buf = append(strconv.AppendInt(msg.buf, shortParagraphChars, 10), " characters"...)
	msg.end(short)
}

// statParagraphs returns the paragraphs of d, re-flowed once more for wire
// copy: there every line that follows a non-blank line without indent goes
// on the same paragraph, even after a short first line (a dropped
// dateline) or a wrap after an abbreviation ("U.S.").
func statParagraphs(d *Document) []Paragraph {
	if !d.isWireCopy() {
		return d.Paragraphs
	}
	// The joined texts share one buffer; joined lists where each of them
	// lies in it, to be cut out once the buffer is complete.
	var (
		b      strings.Builder
		joined []struct{ para, from, to int }
	)
	out := make([]Paragraph, 0, len(d.Paragraphs))
	for i := 0; i < len(d.Paragraphs); {
		p := d.Paragraphs[i]
		j := i + 1
		for j < len(d.Paragraphs) && d.Paragraphs[j].FirstLine == d.Paragraphs[j-1].EndLine && !d.Lines[d.Paragraphs[j].FirstLine].Indented {
			j++
		}
		if j > i+1 {
			from := b.Len()
			for k := i; k < j; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(d.Paragraphs[k].Text)
			}
			joined = append(joined, struct{ para, from, to int }{len(out), from, b.Len()})
			last := d.Paragraphs[j-1]
			p.EndLine, p.EndWord = last.EndLine, last.EndWord
		}
		out = append(out, p)
		i = j
	}
	all := b.String()
	for _, j := range joined {
		out[j.para].Text = all[j.from:j.to]
	}
	return out
}

// figureRow reports whether a paragraph is a row of a table: a short line
// with at least two figures ("Shr 34 cts vs 1.19 dlrs").
func figureRow(d *Document, p Paragraph) bool {
	if p.EndLine-p.FirstLine != 1 || p.EndWord-p.FirstWord > 12 {
		return false
	}
	return bpTableRow(d, &d.Lines[p.FirstLine])
}

// isSignOff reports whether a paragraph is an end-of-story mark of wire
// copy: one word in capitals ("REUTER", "ENDS") or a mark such as "###" or
// "-30-".
func isSignOff(d *Document, p Paragraph) bool {
	if p.EndLine-p.FirstLine != 1 {
		return false
	}
	switch p.EndWord - p.FirstWord {
	case 0:
		return utf8.RuneCountInString(p.Text) <= 5
	case 1:
		w := d.Words[p.FirstWord].Text
		return p.Text == "-30-" || (utf8.RuneCountInString(p.Text) <= len(w)+2 && wordInCapitals(w))
	}
	return false
}

// wordInCapitals reports whether a word has two letters or more, all capitals.
func wordInCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// isTitleParagraph reports whether a paragraph reads as a title: one line
// of at most titleMaxWords words, without a full stop.
func isTitleParagraph(p Paragraph) bool {
	n := p.EndWord - p.FirstWord
	return p.EndLine-p.FirstLine == 1 && n > 0 && n <= titleMaxWords && !endsSentenceQuick(p.Text)
}

// truncatedProse reports whether a paragraph is prose cut off mid-sentence:
// long, with at least one full sentence before the cut.
func truncatedProse(p Paragraph) bool {
	return p.EndWord-p.FirstWord >= truncatedMinWords && strings.Contains(p.Text, ". ")
}

// isTextSymbol reports whether r is one of the symbols that mark lists,
// menus, hashtags, ellipses, decorations and emoji rather than prose.
func isTextSymbol(r rune) bool {
	switch r {
	case '#', '…', '|', '»', '«', '•', '·', '►', '▶', '◄', '◆', '■', '□', '▪', '●',
		'○', '→', '←', '★', '☆', '✓', '✔', '✅', '❤', '♥', '©', '®', '™', '¦', '~':
		return true
	}
	if r >= 0x1F000 && r <= 0x1FAFF { // emoji, pictographs, playing cards
		return true
	}
	if r >= 0x2600 && r <= 0x27BF { // miscellaneous symbols and dingbats
		return true
	}
	return r > 0x2000 && unicode.Is(unicode.So, r)
}

// statsByteClass sorts bytes for scanText: 1 for ASCII letters and
// digits, 2 for the bytes that need a closer look (".", the ASCII symbols
// and the bytes of other characters), 0 for the rest.
var statsByteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = 1
		case c == '.' || c >= utf8.RuneSelf || isTextSymbol(rune(c)):
			t[c] = 2
		}
	}
	return t
}()

// scanText counts, in one pass, the letters, digits and marks of text
// (isWordRune) and its symbols (isTextSymbol), a run of three dots or more
// counting as one ellipsis. Every letter, digit and mark of a text belongs
// to one of its words, so the first count is that of the words' letters.
func scanText(text string) (letters, symbols int) {
	for i := 0; i < len(text); {
		b := text[i]
		class := statsByteClass[b]
		if class < 2 {
			letters += int(class)
			i++
			continue
		}
		switch {
		case b == '.':
			j := i + 1
			for j < len(text) && text[j] == '.' {
				j++
			}
			if j-i >= 3 {
				symbols++
			}
			i = j
		case b < utf8.RuneSelf:
			symbols++
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				letters++
			}
			if isTextSymbol(r) {
				symbols++
			}
			i += size
		}
	}
	return letters, symbols
}

// symbolRatio measures symbols per word into sig.
func symbolRatio(words, symbols int, sig *Signal, msg *statsMessages) {
	if words == 0 {
		return
	}
	ratio := float64(symbols) / float64(words)
	*sig = Signal{
		Value: math.Min(ratio, 1),
		Fired: words >= 20 && ratio > 0.1,
	}
	msg.buf = append(strconv.AppendInt(msg.buf, int64(symbols), 10), " symbols in "...)
	msg.buf = append(strconv.AppendInt(msg.buf, int64(words), 10), " words"...)
	msg.end(sig)
}

// bulletShare measures the share of non-blank lines that start with a list
// bullet or a list number into sig.
func bulletShare(d *Document, sig *Signal, msg *statsMessages) {
	lines, bullets := 0, 0
	var ev []Evidence
	for i := range d.Lines {
		ln := &d.Lines[i]
		if ln.Blank() {
			continue
		}
		lines++
		if startsWithBullet(ln.Text) {
			bullets++
			if len(ev) < 5 {
				ev = append(ev, Evidence{Text: ln.Text, Count: 1, Line: ln.Number})
			}
		}
	}
	if bullets == 0 {
		return
	}
	*sig = Signal{Value: float64(bullets) / float64(lines), Evidence: ev}
	msg.buf = append(appendCounts(msg.buf, bullets, lines), " lines are list items"...)
	msg.end(sig)
}

// startsWithBullet reports whether a line starts with a bullet symbol
// followed by a space, or with a list number such as "1." or "2)".
func startsWithBullet(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '·', '►', '▶', '▪', '■', '●', '○', '◆', '✓', '✔', '✅', '➤', '➢', '→', '-', '*', '–', '—':
		next, _ := utf8.DecodeRuneInString(s[size:])
		return next == ' ' || next == '\t'
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// fakeHeadings finds short unpunctuated paragraphs, set apart as headings,
// that are the broken-off start of a sentence: the next paragraph goes on
// in lower case ("The U.S. position" / "as articulated by Blinken, ..."),
// the heading opens with a connective ("Despite the challenges", "In
// conclusion"), or it stops on a word no heading ends with ("of", "the").
// A real heading ("Market reaction") followed by a full capitalised sentence
// does not count. The first paragraph, the title, is never a heading.
func (c *textStats) fakeHeadings(d *Document) Signal {
	var ev []Evidence
	count := 0
	for i := 1; i+1 < len(d.Paragraphs); i++ {
		p, next := d.Paragraphs[i], d.Paragraphs[i+1]
		n := p.EndWord - p.FirstWord
		// A line with a colon is a label ("Photo: …", "Related: …"), not
		// a sentence broken off.
		if n < 2 || n > fakeHeadingMaxWords || p.EndLine-p.FirstLine != 1 || endsSentenceQuick(p.Text) || strings.IndexByte(p.Text, ':') >= 0 {
			continue
		}
		// A heading starts with a capital and stands apart, with a blank
		// line before or after it; a short line run straight into the next
		// is a hard wrap.
		if first, _ := utf8.DecodeRuneInString(p.Text); !unicode.IsUpper(first) {
			continue
		}
		if !d.Lines[p.FirstLine-1].Blank() && (p.EndLine == len(d.Lines) || !d.Lines[p.EndLine].Blank()) {
			continue
		}
		if next.EndWord-next.FirstWord < fakeHeadingMinNext {
			continue
		}
		r, _ := utf8.DecodeRuneInString(next.Text)
		lowerNext := unicode.IsLower(r)
		opener := false
		if m := c.openers.FindIn(d.Words, p.FirstWord, p.EndWord); len(m) > 0 && m[0].Word == p.FirstWord {
			opener = true
		}
		dangling := danglingWords[d.Words[p.EndWord-1].Norm]
		if !lowerNext && !opener && !dangling {
			continue
		}
		count++
		if len(ev) < 10 {
			ev = append(ev, Evidence{Text: p.Text, Count: 1, Line: d.Lines[p.FirstLine].Number})
		}
	}
	if count == 0 {
		return Signal{}
	}
	return Signal{
		Value:    math.Log1p(float64(count)),
		Fired:    count >= 2,
		Message:  fmt.Sprintf("%s broken off into fake headings", bpPlural(count, "sentence")),
		Evidence: ev,
	}
}
