package model

import (
	"math"
	"slices"
	"strings"
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

	// index finds a feature's weight by the hash the feature walk gives
	// it, so that scoring builds no keys; built once, on first use.
	indexOnce sync.Once
	index     *featureIndex
	tallies   sync.Pool
}

// featureIndex is an open-addressing table from feature hashes to their
// weights: one flat array of hashes probed linearly, small enough to stay
// in the processor's cache, cheaper than a Go map for the lookup of every
// feature of every article. A feature is known by the slot it sits in:
// its weight and word are at the same place of their arrays. Hash 0 marks
// an empty slot, so a feature whose hash is 0 sits in the extra last slot.
type featureIndex struct {
	hashes  []uint64
	mask    uint64
	weights []float64
	// evidence holds how each feature is quoted as evidence: a word as
	// itself, a style pattern with its shapes named (see patternText).
	evidence []string
	// zero says a feature's hash is 0.
	zero bool
}

func (m *TextModel) byHash() *featureIndex {
	m.indexOnce.Do(func() {
		size := 1
		for size < 3*m.Weights.Len()/2+2 {
			size <<= 1
		}
		ix := &featureIndex{hashes: make([]uint64, size+1), mask: uint64(size - 1),
			weights: make([]float64, size+1), evidence: make([]string, size+1)}
		for k, w := range m.Weights.All() {
			i := ix.put(featureKeyHash(k))
			ix.weights[i] = w
			ix.evidence[i] = patternText(k)
		}
		m.index = ix
		m.tallies.New = func() any { return &tally{slots: make([]tallySlot, len(ix.hashes))} }
	})
	return m.index
}

// patternText is how a feature is quoted as evidence: a word as itself,
// a style pattern with its shapes named, as in "[Name] said" or "of the
// [long word]", since the pattern's occurrences differ in those words.
func patternText(key string) string {
	if !strings.Contains(key, "<") {
		return key
	}
	parts := strings.Split(key, " ")
	for i, p := range parts {
		if name, ok := shapeNames[p]; ok {
			parts[i] = name
		}
	}
	return strings.Join(parts, " ")
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

// put files hash h and returns its slot.
func (ix *featureIndex) put(h uint64) int {
	if h == 0 {
		ix.zero = true
		return len(ix.hashes) - 1
	}
	for i := h & ix.mask; ; i = (i + 1) & ix.mask {
		if ix.hashes[i] == 0 || ix.hashes[i] == h {
			ix.hashes[i] = h
			return int(i)
		}
	}
}

// get returns the slot of the feature with hash h, or -1 when the model
// does not know it.
func (ix *featureIndex) get(h uint64) int32 {
	if h == 0 {
		if ix.zero {
			return int32(len(ix.hashes) - 1)
		}
		return -1
	}
	for i := h & ix.mask; ; i = (i + 1) & ix.mask {
		switch ix.hashes[i] {
		case h:
			return int32(i)
		case 0:
			return -1
		}
	}
}

// tally counts the known features of one text. Its slots, one per feature
// of the model, are reused across texts: a slot counts for the current
// text only when its stamp is the text's, so nothing is cleared between
// texts. The counts and first occurrences sit in touched, in the order the
// features were first met.
type tally struct {
	slots   []tallySlot
	stamp   uint32
	touched []touchedFeature
}

type tallySlot struct {
	stamp uint32
	at    int32 // place in touched
}

type touchedFeature struct {
	pos   int32 // the feature's slot in the index
	count int32
	start int32 // byte offset of the first occurrence
	line  int32 // line number of the first occurrence
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
	// toward clean, strongest first.
	spam, clean []tellingFeature
}

// tellingFeature is one feature's part in a scan.
type tellingFeature struct {
	text         string // as the evidence quotes it
	start        int32  // byte offset of the first occurrence, to order ties
	line, count  int32
	contribution float64
}

// Scan scores a document. It is safe for concurrent use.
func (m *TextModel) Scan(d *features.Document) TextScan {
	ix := m.byHash()
	t := m.tallies.Get().(*tally)
	defer m.tallies.Put(t)
	t.stamp++
	if t.stamp == 0 { // wrapped: old stamps could match again
		clear(t.slots)
		t.stamp = 1
	}
	t.touched = t.touched[:0]
	scan := TextScan{Score: m.Bias}
	st := scanState{index: ix, tally: t, lines: d.Lines}
	w := featureWalk{scan: &st}
	w.walk(d)
	scan.Occurrences = st.occurrences
	scan.Known = len(t.touched)
	if scan.Known == 0 {
		return scan
	}
	norm := 0.0
	for _, f := range t.touched {
		v := logCount(f.count)
		norm += v * v
	}
	norm = math.Sqrt(norm)
	var spam, clean [maxTelling]tellingFeature
	nSpam, nClean := 0, 0
	for _, s := range t.touched {
		c := ix.weights[s.pos] * logCount(s.count) / norm
		scan.Score += c
		if math.Abs(c) < minTellingWeight {
			continue
		}
		f := tellingFeature{text: ix.evidence[s.pos], line: s.line, count: s.count, contribution: c, start: s.start}
		if c > 0 {
			nSpam = keepStrongest(spam[:], nSpam, f)
		} else {
			nClean = keepStrongest(clean[:], nClean, f)
		}
	}
	scan.spam = append([]tellingFeature(nil), spam[:nSpam]...)
	scan.clean = append([]tellingFeature(nil), clean[:nClean]...)
	return scan
}

// scanState is what Scan's walk tallies into.
type scanState struct {
	index       *featureIndex
	tally       *tally
	lines       []features.Line
	occurrences int
}

// add tallies one occurrence of a feature, if the model knows it.
func (st *scanState) add(o occurrence) {
	j := st.index.get(o.hash)
	if j < 0 {
		return
	}
	st.occurrences++
	t := st.tally
	s := &t.slots[j]
	if s.stamp != t.stamp {
		line := 0
		if o.line < len(st.lines) {
			line = st.lines[o.line].Number
		}
		*s = tallySlot{stamp: t.stamp, at: int32(len(t.touched))}
		t.touched = append(t.touched, touchedFeature{pos: j, start: int32(o.start), line: int32(line)})
	}
	t.touched[s.at].count++
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

// keepStrongest files f among the n strongest features kept so far,
// strongest first (ties: the earlier in the text first), and returns the
// new count.
func keepStrongest(kept []tellingFeature, n int, f tellingFeature) int {
	stronger := func(a, b tellingFeature) bool {
		if x, y := math.Abs(a.contribution), math.Abs(b.contribution); x != y {
			return x > y
		}
		return a.start < b.start
	}
	if n == len(kept) && !stronger(f, kept[n-1]) {
		return n
	}
	i := n
	if n == len(kept) {
		i = n - 1
	} else {
		n++
	}
	for i > 0 && stronger(f, kept[i-1]) {
		kept[i] = kept[i-1]
		i--
	}
	kept[i] = f
	return n
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
		out = append(out, TokenScore{Token: f.text, Count: int(f.count), Line: int(f.line), LogRatio: f.contribution})
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
