package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsqual/newsqual/features"
)

// The text model reads two kinds of feature from a document:
//
//   - words: each word in lower case, except numbers, one-letter words and
//     capitalised words inside a sentence (names of people, places and
//     outlets, which say what a story is about and who printed it, not how
//     it was written);
//   - style: n-grams of one to three items of the text's style sequence,
//     in which function words ("the", "of", "however") stand as themselves,
//     every other word as its shape (<cap> capitalised, <num> a number,
//     <long> a word of more than seven letters, <w> any other word), and
//     punctuation between words as itself. "In the aftermath of the vote,
//     Smith said" reads "in the <long> of the <w> , <cap> said". Style
//     unigrams are kept only for shapes and punctuation: a function word's
//     unigram is already a word feature.
//
// A feature's key is its items joined by single spaces; no word contains a
// space, so words and n-grams never share a key.

// Shape and punctuation items of the style sequence.
const (
	shapeCap    = "<cap>"
	shapeNumber = "<num>"
	shapeLong   = "<long>"
	shapeWord   = "<w>"
	punctOther  = "<sym>"
)

// longWord is the length beyond which a word's shape is shapeLong.
const longWord = 7

// functionWordList holds the English function words that stand for
// themselves in the style sequence: articles, pronouns, prepositions,
// conjunctions, auxiliaries, common adverbs and connectives, and the verbs
// of attribution.
var functionWordList = strings.Fields(`
a about above according across actually added additionally after afterwards
again against ago ahead all almost along already also although always am
among an and another any anyone anything are around as asked at away be
because been before behind being below beside besides between beyond both
but by can cannot could did do does doing done down during each either else
enough especially even ever every everyone everything few finally first for
from further furthermore had has have having he hence her here hers herself
him himself his how however i if in including indeed instead into is it its
itself just last least less like likewise many may me meanwhile might more
moreover most mostly much must my myself near nearly neither never
nevertheless next no none nonetheless nor not nothing now of off often on
once one only onto or other others otherwise our ours ourselves out over
overall own per perhaps quite rather really regarding said same says see
several shall she should since so some someone something sometimes soon
still such than that the their theirs them themselves then there thereby
therefore these they this those though through throughout thus to together
told too toward towards under unless unlike until up upon us very via was we
well were what whatever when whenever where whereas whether which while who
whom whose why will with within without would yet you your yours yourself
yourselves
`)

// functionWords is functionWordList as a set, looked up by the words'
// hashes (see features.Word.Hash).
var functionWords = newWordSet(functionWordList)

// wordSet is a set of words looked up by their FNV-1a hashes: an
// open-addressing table, cheaper than a map of strings for every word of
// every article.
type wordSet struct {
	hashes []uint64
	words  []string
	mask   uint64
}

func newWordSet(words []string) *wordSet {
	size := 1
	for size < 4*len(words) {
		size <<= 1
	}
	s := &wordSet{hashes: make([]uint64, size), words: make([]string, size), mask: uint64(size - 1)}
	for _, w := range words {
		h := keyHash(w)
		i := h & s.mask
		for s.words[i] != "" && s.words[i] != w {
			i = (i + 1) & s.mask
		}
		s.hashes[i], s.words[i] = h, w
	}
	return s
}

// has reports whether word, whose hash is h, is in the set.
func (s *wordSet) has(word string, h uint64) bool {
	for i := h & s.mask; s.words[i] != ""; i = (i + 1) & s.mask {
		if s.hashes[i] == h && s.words[i] == word {
			return true
		}
	}
	return false
}

// punct is the style item of an ASCII punctuation mark or symbol, with its
// hash; key is "" for the runes the sequence leaves out.
type punct struct {
	key  string
	hash uint64
}

// asciiPunct maps the ASCII punctuation and symbols of the style sequence
// to their items; typographic variants are folded in punctItem.
var asciiPunct = func() (t [utf8.RuneSelf]punct) {
	for _, c := range `,.;:!?()[]{}/&%$*#@+=|~<>_^\"'-` {
		t[c] = punct{key: string(c)}
	}
	t['`'] = punct{key: "'"}
	for c := range t {
		if t[c].key != "" {
			t[c].hash = keyHash(t[c].key)
		}
	}
	return t
}()

// punctItem returns the style item of a punctuation or symbol rune, or a
// zero punct for white space and other runes the sequence leaves out.
func punctItem(r rune) punct {
	if r < utf8.RuneSelf {
		return asciiPunct[r]
	}
	var key string
	switch r {
	case '“', '”', '„', '«', '»', '‟':
		key = `"`
	case '‘', '’', '‚', '‛':
		key = "'"
	case '–', '—', '―', '−':
		key = "--"
	case '…':
		key = "..."
	default:
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			return punct{}
		}
		key = punctOther
	}
	return punct{key: key, hash: keyHash(key)}
}

// The hashes of the shapes.
var (
	hashCap    = keyHash(shapeCap)
	hashNumber = keyHash(shapeNumber)
	hashLong   = keyHash(shapeLong)
	hashWord   = keyHash(shapeWord)
)

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// wordToken returns the word feature of a folded word and whether it has
// one: lower case, a trailing "'s" dropped; none for numbers and words of
// one letter.
func wordToken(norm string) (string, bool) {
	if len(norm) < 2 || hasDigit(norm) {
		return "", false
	}
	return strings.TrimSuffix(norm, "'s"), true
}

// shapeOf returns the style item of a word and its hash: the word itself
// for a function word, else its shape.
func shapeOf(w features.Word) (key string, hash uint64, function bool) {
	switch h := w.Hash(); {
	case functionWords.has(w.Norm, h):
		return w.Norm, h, true
	case hasDigit(w.Norm):
		return shapeNumber, hashNumber, false
	case startsUpper(w.Text):
		return shapeCap, hashCap, false
	case len(w.Norm) > longWord:
		return shapeLong, hashLong, false
	}
	return shapeWord, hashWord, false
}

func startsUpper(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// A word feature is kept for a capitalised word only where the capital
// says nothing of a name: at the start of a sentence or line, or for a
// function word ("We", "However").

// endsSentenceGap reports whether the text between two words closes a
// sentence or a line, so that the next word's capital says nothing about
// it being a name.
func endsSentenceGap(gap string) bool { return strings.ContainsAny(gap, ".!?\n") }

// item is one item of a document's style sequence.
type item struct {
	key      string
	hash     uint64
	start    int // byte offset in Document.Text
	line     int // index in Document.Lines
	function bool
}

// occurrence is one feature found in the text.
type occurrence struct {
	hash  uint64
	start int // byte offset in Document.Text
	line  int // index in Document.Lines of its first byte
	// word is a word feature's token; empty for a style n-gram, whose
	// items are the last order items of the walk's sequence when it is
	// visited.
	word  string
	order int
}

// featureWalk goes through a document's features in text order, and
// either tallies them against a text model (scan set) or counts them by
// key (counts set).
type featureWalk struct {
	seq    [3]item // the last three items of the style sequence, oldest first
	n      int     // items in seq
	bigram uint64  // hash of the n-gram of the last two items

	scan   *scanState
	counts map[string]int
}

// walk visits every feature occurrence of d, in text order.
func (w *featureWalk) walk(d *features.Document) {
	w.n, w.bigram = 0, 0
	prevEnd := 0
	for i, word := range d.Words {
		gap := ""
		if word.Start >= prevEnd && word.Start <= len(d.Text) {
			gap = d.Text[prevEnd:word.Start]
		}
		for k, r := range gap {
			if r == ' ' {
				continue
			}
			if p := punctItem(r); p.key != "" {
				w.push(item{key: p.key, hash: p.hash, start: prevEnd + k, line: word.Line})
			}
		}
		key, hash, function := shapeOf(word)
		w.push(item{key: key, hash: hash, start: word.Start, line: word.Line, function: function})
		if tok, ok := wordToken(word.Norm); ok && (i == 0 || key != shapeCap || endsSentenceGap(gap)) {
			h := word.Hash()
			if len(tok) != len(word.Norm) {
				h = keyHash(tok)
			}
			w.visit(occurrence{hash: h, start: word.Start, line: word.Line, word: tok})
		}
		prevEnd = word.Start + len(word.Text)
	}
}

// push adds an item to the style sequence and visits the n-grams it ends:
// itself (unless a function word), and the bigram and trigram ending in it.
func (w *featureWalk) push(it item) {
	if w.n == len(w.seq) {
		w.seq[0], w.seq[1] = w.seq[1], w.seq[2]
		w.n--
	}
	w.seq[w.n] = it
	w.n++
	if !it.function {
		w.visit(occurrence{hash: it.hash, start: it.start, line: it.line, order: 1})
	}
	var bigram uint64
	if w.n >= 2 {
		first := &w.seq[w.n-2]
		bigram = mixHash(first.hash, it.hash)
		w.visit(occurrence{hash: bigram, start: first.start, line: first.line, order: 2})
	}
	if w.n == 3 {
		first := &w.seq[0]
		w.visit(occurrence{hash: mixHash(w.bigram, it.hash), start: first.start, line: first.line, order: 3})
	}
	w.bigram = bigram
}

// visit hands one occurrence to the scan or the count.
func (w *featureWalk) visit(o occurrence) {
	if w.scan != nil {
		w.scan.add(o)
		return
	}
	w.counts[w.key(o)]++
}

// key returns the key of the occurrence being visited.
func (w *featureWalk) key(o occurrence) string {
	if o.word != "" {
		return o.word
	}
	if o.order == 1 {
		return w.seq[w.n-1].key
	}
	parts := make([]string, 0, o.order)
	for _, it := range w.seq[w.n-o.order : w.n] {
		parts = append(parts, it.key)
	}
	return strings.Join(parts, " ")
}

// keyHash is FNV-1a over the bytes of an item or word key.
func keyHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mixHash extends the hash of an n-gram by the hash of one more item.
func mixHash(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return h
}

// featureKeyHash returns the hash that the walk gives the feature with
// this key: a word's or item's own hash, or the hashes of an n-gram's
// items folded with mixHash.
func featureKeyHash(key string) uint64 {
	first, rest, more := strings.Cut(key, " ")
	h := keyHash(first)
	for more {
		var part string
		part, rest, more = strings.Cut(rest, " ")
		h = mixHash(h, keyHash(part))
	}
	return h
}

// FeatureCounts returns the text-model features of a document with their
// counts, by key. Training uses it; scoring reads the same features by
// hash, without building keys.
func FeatureCounts(d *features.Document) map[string]int {
	w := featureWalk{counts: make(map[string]int)}
	w.walk(d)
	return w.counts
}
