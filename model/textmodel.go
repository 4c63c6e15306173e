package model

import (
	"math"
	"slices"
	"sync"

	"github.com/newsqual/newsqual/features"
)

// TextModel is a linear model over the words and the style of a text (see
// FeatureCounts): its log-odds of spam is
//
//	Bias + Σ weight(f) · (1 + ln count(f)) / ‖1 + ln count‖
//
// over the features f of the text that the model knows, the norm taken
// over those same features, so that long and short texts score on one
// scale. Training (package training) fits it the NBSVM way: each weight
// is a logistic coefficient times the feature's naive Bayes log-count
// ratio.
type TextModel struct {
	// Bias is the log-odds of a text with no known feature.
	Bias float64 `json:"bias"`
	// Weights holds each feature's weight, by key.
	Weights FeatureWeights `json:"weights"`

	// index finds the features the walk meets without building their
	// keys; built once, on first use.
	indexOnce sync.Once
	index     *featureIndex
	tallies   sync.Pool
}

// byIndex returns the model's feature index, building it on first use.
func (m *TextModel) byIndex() *featureIndex {
	m.indexOnce.Do(func() {
		m.index = newFeatureIndex(m.Weights)
		m.tallies.New = func() any { return newTally() }
	})
	return m.index
}

// tally counts the features of one text by their occurrences' keys: the
// counts and first occurrences sit in touched, in the order the features
// were first met, found through a small open-addressing table, sized to
// the text rather than to the model, so that both stay in the processor's
// cache. Only then is each distinct feature looked up in the model, once.
// A tally is reused across texts.
type tally struct {
	slots   []int32 // 1 + a feature's place in touched, 0 for none; a power of two of them, at most half used
	shift   uint8   // 64 − log2(len(slots))
	touched []touchedFeature
	found   []knownFeature // by place in touched, once looked up
	known   []knownCount   // the features the model knows, in the order of touched
}

type touchedFeature struct {
	key   uint64 // the occurrences' key (see occurrence)
	count int32
	start int32 // byte offset of the first occurrence
	line  int32 // index in Document.Lines of the first occurrence
	word  bool  // a word, whose key is a hash: no style key can be told from it by value
}

// knownCount is a feature of the text that the model knows, with its
// count and first occurrence.
type knownCount struct {
	knownFeature
	count, start, line int32
}

// minTallyBits is log2 of the size of a new tally's table, enough for
// most news articles; a table grown beyond 1<<maxTallyBits for a long
// text shrinks back once a shorter one follows, so that clearing it stays
// cheap.
const (
	minTallyBits = 11
	maxTallyBits = 15
)

func newTally() *tally {
	return &tally{slots: make([]int32, 1<<minTallyBits), shift: 64 - minTallyBits}
}

// reset forgets the last text.
func (t *tally) reset() {
	if len(t.slots) > 1<<maxTallyBits && 8*len(t.touched) < len(t.slots) {
		t.slots, t.shift = make([]int32, 1<<minTallyBits), 64-minTallyBits
	} else {
		clear(t.slots)
	}
	t.touched = t.touched[:0]
}

// home returns the place where the probe for a key starts.
func (t *tally) home(key uint64) int { return int(key * 0x9E3779B97F4A7C15 >> t.shift) }

// count counts one occurrence.
func (t *tally) count(o *occurrence) {
	mask := len(t.slots) - 1
	word := o.word >= 0
	for i := t.home(o.key); ; i = (i + 1) & mask {
		at := t.slots[i]
		if at == 0 {
			t.first(i, o, word)
			return
		}
		if e := &t.touched[at-1]; e.key == o.key && e.word == word {
			e.count++
			return
		}
	}
}

// first files a feature met for the first time in the text, in slot i.
func (t *tally) first(i int, o *occurrence, word bool) {
	t.touched = append(t.touched, touchedFeature{key: o.key, count: 1, start: o.start, line: o.line, word: word})
	t.slots[i] = int32(len(t.touched))
	if 2*len(t.touched) > len(t.slots) {
		t.grow()
	}
}

// grow doubles the table, filing the features met so far anew.
func (t *tally) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	t.shift--
	mask := len(t.slots) - 1
	for k := range t.touched {
		i := t.home(t.touched[k].key)
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

// lookUp finds every feature of the tally in the index, keeps those the
// model knows, in the order they were first met, and returns how many it
// knows and how often they occur. The lookups do not depend on each
// other, so the processor can wait for many of them at once.
func (t *tally) lookUp(ix *featureIndex) (known, occurrences int) {
	t.found = resized(t.found, len(t.touched))
	for i := range t.touched {
		t.found[i] = ix.find(t.touched[i].key, t.touched[i].word)
	}
	t.known = t.known[:0]
	for i, f := range t.found {
		if f.slot >= 0 {
			e := &t.touched[i]
			t.known = append(t.known, knownCount{knownFeature: f, count: e.count, start: e.start, line: e.line})
			occurrences += int(e.count)
		}
	}
	return len(t.known), occurrences
}

// minTellingWeight is the smallest contribution to the text model's
// log-odds that makes a feature worth quoting as evidence.
const minTellingWeight = 0.02

// maxTelling is how many features the scan keeps in each direction for
// Strongest.
const maxTelling = 8

// TextScan is the text model's reading of one document.
type TextScan struct {
	// Score is the text model's log-odds of spam.
	Score float64
	// Known is the number of distinct features of the text the model
	// knows, Occurrences how often they occur in all.
	Known, Occurrences int

	// spam and clean are the features that push hardest toward spam and
	// toward clean, strongest first; evidence quotes them, by ID.
	spam, clean []tellingFeature
	evidence    *textList
}

// tellingFeature is one feature's part in a scan.
type tellingFeature struct {
	id           int32 // the feature's ID
	start        int32 // byte offset of the first occurrence, to order ties
	line         int32 // the line of the first occurrence: its index in Document.Lines, then its number
	count        int32
	contribution float64
}

// Scan scores a document. It is safe for concurrent use.
func (m *TextModel) Scan(d *features.Document) TextScan {
	ix := m.byIndex()
	t := m.tallies.Get().(*tally)
	defer m.tallies.Put(t)
	defer t.reset()
	w := featureWalk{tally: t}
	w.walk(d)
	scan := TextScan{Score: m.Bias, evidence: &ix.evidence}
	scan.Known, scan.Occurrences = t.lookUp(ix)
	if scan.Known == 0 {
		return scan
	}
	var spam, clean telling
	scan.Score, spam, clean = t.weigh(m.Bias, ix)
	scan.spam, scan.clean = numberLines(spam.list(), clean.list(), d.Lines)
	return scan
}

// weigh returns the text model's log-odds for the known features of the
// tally, and the features that push hardest toward spam and toward clean.
func (t *tally) weigh(bias float64, ix *featureIndex) (score float64, spam, clean telling) {
	norm := 0.0
	for i := range t.known {
		v := logCount(t.known[i].count)
		norm += v * v
	}
	norm = math.Sqrt(norm)
	score = bias
	for i := range t.known {
		f := &t.known[i]
		c := f.weight * logCount(f.count) / norm
		score += c
		if math.Abs(c) < minTellingWeight {
			continue
		}
		side := &clean
		if c > 0 {
			side = &spam
		}
		if side.admits(c) {
			side.keep(tellingFeature{id: ix.idOf(f.slot), line: f.line, count: f.count, contribution: c, start: f.start})
		}
	}
	return score, spam, clean
}

// resized returns s with length n, reusing its storage when it can.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// logCounts holds 1 + ln n for small n, the weighting of a count.
var logCounts = func() (t [256]float64) {
	for n := 1; n < len(t); n++ {
		t[n] = 1 + math.Log(float64(n))
	}
	return t
}()

// logCount returns 1 + ln n.
func logCount(n int32) float64 {
	if n < int32(len(logCounts)) {
		return logCounts[n]
	}
	return 1 + math.Log(float64(n))
}

// telling keeps the features that push hardest in one direction: up to
// maxTelling of them, strongest first, ties the earlier in the text first.
type telling struct {
	kept [maxTelling]tellingFeature
	n    int
}

// admits reports whether a feature of contribution c may be among the
// kept: false when the list is full of stronger ones. (A feature as strong
// as the last kept is admitted, and keep orders the tie by place.)
func (t *telling) admits(c float64) bool {
	return t.n < maxTelling || math.Abs(c) >= math.Abs(t.kept[maxTelling-1].contribution)
}

// keep files f in its place, dropping the weakest when the list is full.
func (t *telling) keep(f tellingFeature) {
	stronger := func(a, b tellingFeature) bool {
		if x, y := math.Abs(a.contribution), math.Abs(b.contribution); x != y {
			return x > y
		}
		return a.start < b.start
	}
	if t.n == maxTelling && !stronger(f, t.kept[t.n-1]) {
		return
	}
	i := t.n
	if t.n == maxTelling {
		i--
	} else {
		t.n++
	}
	for i > 0 && stronger(f, t.kept[i-1]) {
		t.kept[i] = t.kept[i-1]
		i--
	}
	t.kept[i] = f
}

// list returns the kept features, strongest first.
func (t *telling) list() []tellingFeature { return t.kept[:t.n] }

// numberLines returns copies of the features toward spam and toward clean,
// in one allocation, with the line numbers of their first occurrences.
func numberLines(spam, clean []tellingFeature, lines []features.Line) ([]tellingFeature, []tellingFeature) {
	if len(spam)+len(clean) == 0 {
		return nil, nil
	}
	all := append(append(make([]tellingFeature, 0, len(spam)+len(clean)), spam...), clean...)
	for i := range all {
		f := &all[i]
		if int(f.line) < len(lines) {
			f.line = int32(lines[f.line].Number)
		} else {
			f.line = 0
		}
	}
	return nilIfEmpty(all[:len(spam):len(spam)]), nilIfEmpty(all[len(spam):])
}

func nilIfEmpty(s []tellingFeature) []tellingFeature {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TokenScore is one feature's part in a text-model score.
type TokenScore struct {
	// Token is the word, or the style pattern with its shapes named
	// ("[Name] said", "of the [long word]").
	Token string
	// Count is how often the feature occurs in the document.
	Count int
	// Line is the line number of its first occurrence.
	Line int
	// LogRatio is the feature's contribution to the log-odds.
	LogRatio float64
}

// Strongest returns up to n (at most 8) of the scanned features that push
// hardest in the direction of sign (+1 toward spam, −1 toward clean),
// strongest first.
func (s TextScan) Strongest(sign float64, n int) []TokenScore {
	list := s.spam
	if sign < 0 {
		list = s.clean
	}
	list = list[:min(n, len(list))]
	if len(list) == 0 {
		return nil
	}
	out := make([]TokenScore, 0, len(list))
	for _, f := range list {
		out = append(out, TokenScore{Token: s.evidence.at(int(f.id)), Count: int(f.count), Line: int(f.line), LogRatio: f.contribution})
	}
	return out
}

// Score returns the text model's log-odds for the feature counts of a
// document, as FeatureCounts gives them: what Scan computes, from keys.
func (m *TextModel) Score(counts map[string]int) float64 {
	norm := 0.0
	for k, c := range counts {
		if _, ok := m.Weights.Get(k); ok {
			v := 1 + math.Log(float64(c))
			norm += v * v
		}
	}
	z := m.Bias
	if norm == 0 {
		return z
	}
	norm = math.Sqrt(norm)
	// Sum in the order of the keys, so the result does not depend on the
	// order a map is walked.
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if w, ok := m.Weights.Get(k); ok {
			z += w * (1 + math.Log(float64(counts[k]))) / norm
		}
	}
	return z
}
