package model

import (
	"math/bits"
	"strings"
)

// featureIndex finds the features of a text model as the feature walk
// meets them, by numbers the walk has at hand rather than by keys: a word
// by its hash, a style n-gram by the IDs of its items. Each table holds a
// feature's weight beside its key, so that looking a feature up reads one
// place in memory, and during a scan a feature is known by that place, its
// slot: the slots of words are numbered first, then those of n-grams.
type featureIndex struct {
	// words holds the features of one word or item, by the hash of the
	// key (see keyHash).
	words featureTable
	// ngrams holds the style bigrams and trigrams, by their codes (see
	// bigramCode).
	ngrams featureTable
	// unigrams holds the feature of each item's style unigram, by item
	// ID; slot −1 for an item the model does not know.
	unigrams []knownFeature
	// evidence holds how each feature is quoted as evidence, by ID: a word
	// as itself, a style pattern with its shapes named (see patternText).
	evidence textList
}

// knownFeature is a feature found in the index.
type knownFeature struct {
	slot   int32 // −1: none
	weight float64
}

// newFeatureIndex indexes the features of fw. A key of two or three
// parts that are not all items of the style sequence is no feature the
// walk can meet, and is left out.
func newFeatureIndex(fw FeatureWeights) *featureIndex {
	var words, grams []int32
	for id := range fw.Len() {
		if strings.IndexByte(fw.keys.at(id), ' ') >= 0 {
			grams = append(grams, int32(id))
		} else {
			words = append(words, int32(id))
		}
	}
	ix := &featureIndex{
		unigrams: make([]knownFeature, len(styleItems)),
		evidence: evidenceTexts(fw.keys),
	}
	wt := newTableBuilder(len(words))
	for _, id := range words {
		wt.put(keyHash(fw.keys.at(int(id))), id, fw.values[id])
	}
	ix.words = wt.table(0)
	gt := newTableBuilder(len(grams))
	for _, id := range grams {
		if code, ok := styleCode(fw.keys.at(int(id))); ok {
			gt.put(code, id, fw.values[id])
		}
	}
	ix.ngrams = gt.table(int32(len(ix.words.slots)))
	for id, key := range styleItems {
		ix.unigrams[id] = ix.words.get(keyHash(key))
	}
	return ix
}

// find returns the feature of occurrences with this key (see occurrence),
// with slot −1 for one the model does not know.
func (ix *featureIndex) find(key uint64, word bool) knownFeature {
	switch {
	case word:
		return ix.words.get(key)
	case key < 1<<itemBits:
		return ix.unigrams[key]
	}
	return ix.ngrams.get(key)
}

// idOf returns the ID of the feature in slot.
func (ix *featureIndex) idOf(slot int32) int32 {
	if t := &ix.ngrams; slot >= t.first {
		return t.ids[slot-t.first]
	}
	return ix.words.ids[slot]
}

// styleCode returns the code of the style n-gram whose key is key, and
// false when key is not two or three items joined by spaces.
func styleCode(key string) (uint64, bool) {
	var ids [3]itemID
	n := 0
	for part := range strings.SplitSeq(key, " ") {
		id, ok := items.find(part, keyHash(part))
		if !ok || n == len(ids) {
			return 0, false
		}
		ids[n] = id
		n++
	}
	switch n {
	case 2:
		return bigramCode(ids[0], ids[1]), true
	case 3:
		return trigramCode(ids[0], ids[1], ids[2]), true
	}
	return 0, false
}

// evidenceTexts returns the evidence text of every key (see patternText).
func evidenceTexts(keys textList) textList {
	var b textListBuilder
	b.grow(len(keys.text)+len(keys.text)/4, len(keys.ends))
	for i := range len(keys.ends) {
		b.buf = appendPatternText(b.buf, keys.at(i))
		b.end()
	}
	return b.list()
}

// patternText is how a feature is quoted as evidence: a word as itself,
// a style pattern with its shapes named, as in "[Name] said" or "of the
// [long word]", since the pattern's occurrences differ in those words.
func patternText(key string) string {
	if strings.IndexByte(key, '<') < 0 {
		return key
	}
	return string(appendPatternText(nil, key))
}

// appendPatternText appends the evidence text of key to dst.
func appendPatternText(dst []byte, key string) []byte {
	if strings.IndexByte(key, '<') < 0 {
		return append(dst, key...)
	}
	for i, part := range strings.Split(key, " ") {
		if i > 0 {
			dst = append(dst, ' ')
		}
		if name, ok := shapeNames[part]; ok {
			part = name
		}
		dst = append(dst, part...)
	}
	return dst
}

// shapeNames are the names evidence gives the shapes of the style
// sequence.
var shapeNames = map[string]string{
	shapeCap:    "[Name]",
	shapeNumber: "[number]",
	shapeLong:   "[long word]",
	shapeWord:   "[word]",
	punctOther:  "[symbol]",
}

// featureTable is an open-addressing table from keys (the hashes of
// words, the codes of n-grams) to features: one flat array of slots, each
// key probed for from its home slot onward, about 70% of the home slots
// used. A probe that runs past the last home slot goes on into a tail of
// overflow slots, so probes never wrap around, and the last slot is always
// empty, so every probe ends. Key 0 marks an empty slot; the one feature
// whose key may be 0 (a word whose hash is 0) has a slot of its own at
// the end. It is built once and then only read.
type featureTable struct {
	slots []featureSlot
	ids   []int32 // by slot: the feature's ID
	homes uint64  // the number of home slots
	first int32   // the number of slots[0] among the index's slots
	zero  int32   // the slot of key 0, or −1
}

type featureSlot struct {
	key    uint64
	weight float64
}

// home returns the slot where the probe for key k starts: the key times a
// large odd number (which spreads n-gram codes, small numbers side by
// side, as well as word hashes), scaled to the home slots.
func home(k, homes uint64) int {
	hi, _ := bits.Mul64(k*0x9E3779B97F4A7C15, homes)
	return int(hi)
}

// get returns the feature filed as key k, with slot −1 when there is none.
func (t *featureTable) get(k uint64) knownFeature {
	if k == 0 {
		return t.getZero()
	}
	i := home(k, t.homes)
	for t.slots[i].key != k && t.slots[i].key != 0 {
		i++
	}
	if t.slots[i].key == 0 {
		return knownFeature{slot: -1}
	}
	return knownFeature{slot: t.first + int32(i), weight: t.slots[i].weight}
}

func (t *featureTable) getZero() knownFeature {
	if t.zero < 0 {
		return knownFeature{slot: -1}
	}
	return knownFeature{slot: t.first + t.zero, weight: t.slots[t.zero].weight}
}

// tableBuilder files the features of a featureTable.
type tableBuilder struct {
	slots  []featureSlot
	ids    []int32
	homes  uint64
	zero   featureSlot
	zeroID int32
}

func newTableBuilder(n int) *tableBuilder {
	homes := n*10/7 + 1
	return &tableBuilder{slots: make([]featureSlot, homes+1), ids: make([]int32, homes+1), homes: uint64(homes), zeroID: -1}
}

// put files key k as feature id of this weight; a key filed twice keeps
// the last.
func (b *tableBuilder) put(k uint64, id int32, weight float64) {
	if k == 0 {
		b.zero, b.zeroID = featureSlot{weight: weight}, id
		return
	}
	i := home(k, b.homes)
	for b.slots[i].key != 0 && b.slots[i].key != k {
		i++
	}
	b.slots[i], b.ids[i] = featureSlot{key: k, weight: weight}, id
	if i == len(b.slots)-1 {
		b.slots, b.ids = append(b.slots, featureSlot{}), append(b.ids, 0)
	}
}

// table returns the table, its slots numbered from first.
func (b *tableBuilder) table(first int32) featureTable {
	t := featureTable{slots: b.slots, ids: b.ids, homes: b.homes, first: first, zero: -1}
	if b.zeroID >= 0 {
		t.zero = int32(len(t.slots))
		t.slots, t.ids = append(t.slots, b.zero), append(t.ids, b.zeroID)
	}
	return t
}
