package model

import (
	"slices"
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

// itemID numbers the items of the style sequence (see styleItems), so
// that an n-gram of items is a small number rather than a string.
type itemID uint16

// itemBits is the width of an itemID inside the code of an n-gram (see
// bigramCode): there are fewer than 1<<itemBits items.
const itemBits = 9

// styleItems holds the key of every item of the style sequence, the
// function words first (so that an item is a function word when its ID is
// below numFunctionWords), then the shapes, then the punctuation.
var styleItems, numFunctionWords = func() ([]string, int) {
	keys := slices.Compact(slices.Sorted(slices.Values(functionWordList)))
	n := len(keys)
	keys = append(keys, shapeCap, shapeNumber, shapeLong, shapeWord, punctOther, `"`, "'", "--", "...")
	for _, c := range asciiPunctMarks {
		if k := string(c); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 1<<itemBits {
		panic("model: too many style items for an itemID code")
	}
	return keys, n
}()

// asciiPunctMarks are the ASCII punctuation marks and symbols that stand
// for themselves in the style sequence; '`' reads as "'".
const asciiPunctMarks = `,.;:!?()[]{}/&%$*#@+=|~<>_^\"'-`

// items finds an item by its key, through the key's hash (see
// features.Word.Hash).
var items = newItemSet(styleItems)

// The items of the shapes and of the folded typographic marks.
var (
	itemCap    = items.mustFind(shapeCap)
	itemNumber = items.mustFind(shapeNumber)
	itemLong   = items.mustFind(shapeLong)
	itemWord   = items.mustFind(shapeWord)
	itemOther  = items.mustFind(punctOther)
	itemQuote  = items.mustFind(`"`)
	itemApos   = items.mustFind("'")
	itemDash   = items.mustFind("--")
	itemDots   = items.mustFind("...")
)

// isFunction reports whether an item is a function word.
func (id itemID) isFunction() bool { return int(id) < numFunctionWords }

// key returns the item's key.
func (id itemID) key() string { return styleItems[id] }

// itemSet maps item keys to their IDs, looked up by the keys' FNV-1a
// hashes (which features.Word.Hash gives for free), the key compared on a
// match: an open-addressing table, cheaper than a map of strings for every
// word of every article.
type itemSet struct {
	slots []itemSlot
	mask  uint64
}

type itemSlot struct {
	hash uint64
	ref  uint16 // the item's ID + 1; 0 marks an empty slot
}

func newItemSet(keys []string) *itemSet {
	size := 1
	for size < 4*len(keys) {
		size <<= 1
	}
	s := &itemSet{slots: make([]itemSlot, size), mask: uint64(size - 1)}
	for id, k := range keys {
		h := keyHash(k)
		i := s.home(h)
		for s.slots[i].ref != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = itemSlot{hash: h, ref: uint16(id + 1)}
	}
	return s
}

// home returns the slot where the probe for hash h starts.
func (s *itemSet) home(h uint64) uint64 { return h * 0x9E3779B97F4A7C15 >> 32 & s.mask }

// find returns the item whose key is key, whose hash is h.
func (s *itemSet) find(key string, h uint64) (itemID, bool) {
	for i := s.home(h); s.slots[i].ref != 0; i = (i + 1) & s.mask {
		if sl := &s.slots[i]; sl.hash == h {
			if id := itemID(sl.ref - 1); styleItems[id] == key {
				return id, true
			}
		}
	}
	return 0, false
}

func (s *itemSet) mustFind(key string) itemID {
	id, ok := s.find(key, keyHash(key))
	if !ok {
		panic("model: no style item " + key)
	}
	return id
}

// punct is the style item of a punctuation mark or symbol; ok is false
// for the runes the sequence leaves out.
type punct struct {
	id itemID
	ok bool
}

// asciiPunct maps the ASCII punctuation and symbols of the style sequence
// to their items; typographic variants are folded in punctItem.
var asciiPunct = func() (t [utf8.RuneSelf]punct) {
	for _, c := range asciiPunctMarks {
		t[c] = punct{id: items.mustFind(string(c)), ok: true}
	}
	t['`'] = punct{id: itemApos, ok: true}
	return t
}()

// punctItem returns the style item of a punctuation or symbol rune, or
// ok false for white space and other runes the sequence leaves out.
func punctItem(r rune) punct {
	if r < utf8.RuneSelf {
		return asciiPunct[r]
	}
	switch r {
	case '“', '”', '„', '«', '»', '‟':
		return punct{itemQuote, true}
	case '‘', '’', '‚', '‛':
		return punct{itemApos, true}
	case '–', '—', '―', '−':
		return punct{itemDash, true}
	case '…':
		return punct{itemDots, true}
	}
	if unicode.IsPunct(r) || unicode.IsSymbol(r) {
		return punct{itemOther, true}
	}
	return punct{}
}

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
// one: lower case, a trailing "'s" dropped; none for numbers (digits says
// the word holds one) and words of one letter.
func wordToken(norm string, digits bool) (string, bool) {
	if len(norm) < 2 || digits {
		return "", false
	}
	return strings.TrimSuffix(norm, "'s"), true
}

// styleOf returns the style item of a word: the word itself for a
// function word, else its shape; and whether the word holds a digit
// (function words hold none).
func styleOf(w *features.Word) (style itemID, digits bool) {
	if id, ok := items.find(w.Norm, w.Hash()); ok && id.isFunction() {
		return id, false
	}
	switch {
	case hasDigit(w.Norm):
		return itemNumber, true
	case startsUpper(w.Text):
		return itemCap, false
	case len(w.Norm) > longWord:
		return itemLong, false
	}
	return itemWord, false
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

// item is one item of a document's style sequence, where it occurs.
type item struct {
	id    itemID
	start int32 // byte offset in Document.Text
	line  int32 // index in Document.Lines
}

// bigramCode and trigramCode number the style n-grams of two and three
// items: the items' IDs side by side over a marker bit of the order, so
// that no code is 0, bigrams and trigrams never share one, and no code is
// an item ID (which numbers a style unigram in an occurrence).
func bigramCode(a, b itemID) uint64 {
	return 1<<(3*itemBits) | uint64(a)<<itemBits | uint64(b)
}

func trigramCode(a, b, c itemID) uint64 {
	return 1<<(3*itemBits+1) | uint64(a)<<(2*itemBits) | uint64(b)<<itemBits | uint64(c)
}

// occurrence is one feature found in the text, named by numbers rather
// than by its key: a word by its token's hash (and its place among the
// words), a style n-gram by its code, a style unigram by its item's ID.
type occurrence struct {
	key   uint64
	start int32 // byte offset in Document.Text of its first byte
	line  int32 // index in Document.Lines of its first byte
	word  int32 // a word's index in Document.Words; −1 for style
}

// walkBatch is the number of occurrences the walk hands a featureSink at
// a time: few calls through the interface, few enough to stay in the
// processor's cache.
const walkBatch = 256

// A featureSink takes the occurrences a featureWalk finds, a batch at a
// time, in text order: training's key counts (FeatureCounts). The scan
// counts them in its tally, called directly for each one.
type featureSink interface {
	take(batch []occurrence)
}

// featureWalk goes through a document's features in text order and hands
// them to a sink: the style n-grams that each item of the style sequence
// ends (itself unless a function word, then the bigram and the trigram),
// after each word's own items the word.
type featureWalk struct {
	// seq holds the last items of the style sequence, item k of the
	// document at seq[k%4]; pushed counts the items so far.
	seq    [4]item
	pushed int

	batch []occurrence
	sink  featureSink
	// tally, when set, counts the occurrences one by one instead of sink:
	// the scan's own sink, called directly.
	tally *tally
}

// back returns the item k places before the last one pushed (0: the last).
func (w *featureWalk) back(k int) *item { return &w.seq[(w.pushed-1-k)&3] }

// walk hands every feature occurrence of d to the sink, in text order.
func (w *featureWalk) walk(d *features.Document) {
	w.pushed = 0
	if w.tally == nil && cap(w.batch) < walkBatch {
		w.batch = make([]occurrence, 0, walkBatch)
	}
	prevEnd := 0
	for i := range d.Words {
		word := &d.Words[i]
		gap := ""
		if word.Start >= prevEnd && word.Start <= len(d.Text) {
			gap = d.Text[prevEnd:word.Start]
		}
		if gap != " " {
			for k, r := range gap {
				if p := punctItem(r); p.ok {
					w.push(item{id: p.id, start: int32(prevEnd + k), line: int32(word.Line)})
				}
			}
		}
		style, digits := styleOf(word)
		w.push(item{id: style, start: int32(word.Start), line: int32(word.Line)})
		if tok, ok := wordToken(word.Norm, digits); ok && (i == 0 || style != itemCap || endsSentenceGap(gap)) {
			h := word.Hash()
			if len(tok) != len(word.Norm) {
				h = keyHash(tok)
			}
			w.add(occurrence{key: h, start: int32(word.Start), line: int32(word.Line), word: int32(i)})
		}
		prevEnd = word.Start + len(word.Text)
	}
	if len(w.batch) > 0 {
		w.sink.take(w.batch)
		w.batch = w.batch[:0]
	}
}

// push adds an item to the style sequence and adds the n-grams it ends.
func (w *featureWalk) push(it item) {
	w.seq[w.pushed&3] = it
	w.pushed++
	if !it.id.isFunction() {
		w.add(occurrence{key: uint64(it.id), start: it.start, line: it.line, word: -1})
	}
	if w.pushed < 2 {
		return
	}
	prev := w.back(1)
	w.add(occurrence{key: bigramCode(prev.id, it.id), start: prev.start, line: prev.line, word: -1})
	if w.pushed < 3 {
		return
	}
	first := w.back(2)
	w.add(occurrence{key: trigramCode(first.id, prev.id, it.id), start: first.start, line: first.line, word: -1})
}

// add adds an occurrence to the batch, handing the batch on when full;
// a tally counts it at once.
func (w *featureWalk) add(o occurrence) {
	if w.tally != nil {
		w.tally.count(&o)
		return
	}
	w.batch = append(w.batch, o)
	if len(w.batch) == cap(w.batch) {
		w.sink.take(w.batch)
		w.batch = w.batch[:0]
	}
}

// occurrenceKey returns the key of an occurrence in d.
func occurrenceKey(d *features.Document, o *occurrence) string {
	switch {
	case o.word >= 0:
		tok, _ := wordToken(d.Words[o.word].Norm, false)
		return tok
	case o.key < 1<<itemBits:
		return itemID(o.key).key()
	}
	mask := uint64(1)<<itemBits - 1
	a, b, c := itemID(o.key>>(2*itemBits)&mask), itemID(o.key>>itemBits&mask), itemID(o.key&mask)
	if o.key < 1<<(3*itemBits+1) { // a bigram
		return b.key() + " " + c.key()
	}
	return a.key() + " " + b.key() + " " + c.key()
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

// FeatureCounts returns the text-model features of a document with their
// counts, by key. Training uses it; scoring reads the same features by
// hash, without building keys.
func FeatureCounts(d *features.Document) map[string]int {
	c := keyCounter{d: d, counts: make(map[string]int)}
	w := featureWalk{sink: &c}
	w.walk(d)
	return c.counts
}

// keyCounter counts the occurrences of a document's features by key.
type keyCounter struct {
	d      *features.Document
	counts map[string]int
}

func (c *keyCounter) take(batch []occurrence) {
	for i := range batch {
		c.counts[occurrenceKey(c.d, &batch[i])]++
	}
}
