package model

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsqual/newsqual/features"
)

// TextModel is a naive Bayes word model reduced to what scoring needs: the
// log-likelihood ratio log P(word|spam) − log P(word|clean) of every known
// token, and the ratio for tokens never seen in training. Its log-odds for a
// document equal those of the naive Bayes classifier it was exported from
// (see training.TrainTextModel).
type TextModel struct {
	// PriorLogOdds is log P(spam) − log P(clean) over training documents.
	PriorLogOdds float64 `json:"prior_log_odds"`
	// UnseenLogRatio is the log-likelihood ratio of a token not in Tokens.
	UnseenLogRatio float64 `json:"unseen_log_ratio"`
	// Tokens maps a normalised token to its log-likelihood ratio.
	Tokens map[string]float64 `json:"tokens"`

	// index maps the hash of each token to its ratio, so that scoring a
	// document's words needs no token strings; built once, on first use.
	indexOnce sync.Once
	index     *hashTable
}

// byHash returns the hash index of Tokens.
func (m *TextModel) byHash() *hashTable {
	m.indexOnce.Do(func() {
		m.index = newHashTable(len(m.Tokens))
		for t, r := range m.Tokens {
			m.index.put(tokenHash(t), r)
		}
	})
	return m.index
}

// hashTable is an open-addressing table from token hashes to ratios: one
// flat array probed linearly, cheaper than a Go map for the lookup of
// every word of every article. Key 0 marks an empty slot, so a token whose
// hash is 0 is kept aside.
type hashTable struct {
	keys    []uint64
	values  []float64
	mask    uint64
	zero    float64
	hasZero bool
}

func newHashTable(n int) *hashTable {
	size := 1
	for size < 2*n+2 {
		size <<= 1
	}
	return &hashTable{keys: make([]uint64, size), values: make([]float64, size), mask: uint64(size - 1)}
}

func (t *hashTable) put(k uint64, v float64) {
	if k == 0 {
		t.zero, t.hasZero = v, true
		return
	}
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		if t.keys[i] == 0 || t.keys[i] == k {
			t.keys[i], t.values[i] = k, v
			return
		}
	}
}

func (t *hashTable) get(k uint64) (float64, bool) {
	if k == 0 {
		return t.zero, t.hasZero
	}
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.values[i], true
		case 0:
			return 0, false
		}
	}
}

// tokenHash is FNV-1a over the bytes of a normalised token.
func tokenHash(t string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		h ^= uint64(t[i])
		h *= 1099511628211
	}
	return h
}

// wordHash returns the hash of the token a folded word becomes (see
// Token) without building the token, and ok false for a word the text
// model ignores.
func wordHash(norm string) (uint64, bool) {
	if len(norm) < 2 {
		return 0, false
	}
	digits := false
	for i := 0; i < len(norm); i++ {
		if '0' <= norm[i] && norm[i] <= '9' {
			digits = true
			break
		}
	}
	if !digits {
		norm = strings.TrimSuffix(norm, "'s")
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if '0' <= c && c <= '9' {
			c = '0'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h, true
}

// ScoreWords is Score over a document's words, without building tokens:
// the mean log-likelihood ratio per token and the number of tokens.
func (m *TextModel) ScoreWords(words []features.Word) (mean float64, n int) {
	scan := m.Scan(words)
	return scan.Mean, scan.N
}

// TextScan is the text model's reading of one document.
type TextScan struct {
	// Mean is the mean log-likelihood ratio per token; N the number of
	// tokens.
	Mean float64
	N    int
	// telling are the distinct tokens whose ratio is strong enough to
	// quote, in order of first appearance, with their counts.
	telling []tellingWord
}

type tellingWord struct {
	hash  uint64
	norm  string
	ratio float64
	count int
}

// Scan scores a document's words by hash, without building tokens, and
// keeps the telling words for Strongest.
func (m *TextModel) Scan(words []features.Word) TextScan {
	index := m.byHash()
	var scan TextScan
	tally := tallies.Get().(*tellingTally)
	defer tallies.Put(tally)
	tally.reset()
	sum := 0.0
	for _, w := range words {
		h, ok := wordHash(w.Norm)
		if !ok {
			continue
		}
		scan.N++
		r, known := index.get(h)
		if !known {
			sum += m.UnseenLogRatio
			continue
		}
		sum += r
		if r >= minTellingRatio || r <= -minTellingRatio {
			tally.add(h, w.Norm, r)
		}
	}
	if scan.N > 0 {
		scan.Mean = sum / float64(scan.N)
	}
	// One entry per distinct token, so memory follows the vocabulary, not
	// the length, of the text; the scratch goes back to the pool.
	scan.telling = slices.Clone(tally.words)
	return scan
}

// tellingTally counts the distinct telling tokens of one scan. It is
// reused across scans (see tallies), so scanning allocates only the final
// list.
type tellingTally struct {
	words []tellingWord
	// slots is an open-addressing table from token hash to 1 + the
	// token's place in words; 0 marks an empty slot. used lists the
	// filled slots so that reset clears only those.
	slots []int32
	used  []int32
}

var tallies = sync.Pool{New: func() any { return &tellingTally{slots: make([]int32, 256)} }}

func (t *tellingTally) reset() {
	for _, i := range t.used {
		t.slots[i] = 0
	}
	t.used = t.used[:0]
	t.words = t.words[:0]
}

func (t *tellingTally) add(h uint64, norm string, ratio float64) {
	if 2*(len(t.words)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			t.words = append(t.words, tellingWord{hash: h, norm: norm, ratio: ratio, count: 1})
			t.slots[i] = int32(len(t.words))
			t.used = append(t.used, int32(i))
			return
		}
		if t.words[k-1].hash == h {
			t.words[k-1].count++
			return
		}
	}
}

// grow doubles the table and files the words again.
func (t *tellingTally) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	t.used = t.used[:0]
	mask := uint64(len(t.slots) - 1)
	for k, w := range t.words {
		i := w.hash & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
		t.used = append(t.used, int32(i))
	}
}

// Strongest returns up to n of the scanned tokens that push hardest in the
// direction of sign, as TextModel.Strongest does for token strings.
func (s TextScan) Strongest(sign float64, n int) []TokenScore {
	if n <= 0 {
		return nil
	}
	// Tokens are built for the comparison only where ratio and count tie.
	token := func(c tellingWord) string { t, _ := Token(c.norm); return t }
	// before orders candidates strongest first; distinct tokens never tie.
	before := func(a, b tellingWord) bool {
		if ra, rb := a.ratio*sign, b.ratio*sign; ra != rb {
			return ra > rb
		}
		if a.count != b.count {
			return a.count > b.count
		}
		return token(a) < token(b)
	}
	// Keep the n strongest in order as the candidates go by: most fail
	// against the weakest kept, so this costs about one comparison each.
	top := topPool.Get().(*[]tellingWord)
	defer topPool.Put(top)
	kept := (*top)[:0]
	for _, w := range s.telling {
		if w.ratio*sign < minTellingRatio {
			continue
		}
		if len(kept) == n && !before(w, kept[n-1]) {
			continue
		}
		i := sort.Search(len(kept), func(i int) bool { return before(w, kept[i]) })
		if len(kept) < n {
			kept = append(kept, tellingWord{})
		}
		copy(kept[i+1:], kept[i:len(kept)-1])
		kept[i] = w
	}
	*top = kept
	if len(kept) == 0 {
		return nil
	}
	out := make([]TokenScore, 0, len(kept))
	for _, c := range kept {
		out = append(out, TokenScore{Token: token(c), Count: c.count, LogRatio: c.ratio * float64(c.count)})
	}
	return out
}

// topPool keeps Strongest's scratch list between calls.
var topPool = sync.Pool{New: func() any { return new([]tellingWord) }}

// Tokens returns the text-model tokens of a document: its folded words,
// with digits replaced by "0" so that numbers generalise, and words of one
// letter dropped. The slice shares no memory with the document.
func Tokens(d *features.Document) []string {
	out := make([]string, 0, len(d.Words))
	for _, w := range d.Words {
		if t, ok := Token(w.Norm); ok {
			out = append(out, t)
		}
	}
	return out
}

// Token normalises one folded word for the text model; ok is false for
// words the text model ignores.
func Token(norm string) (string, bool) {
	if len(norm) < 2 {
		return "", false
	}
	if strings.IndexAny(norm, "0123456789") < 0 {
		return strings.TrimSuffix(norm, "'s"), true
	}
	b := []byte(norm)
	for i, c := range b {
		if '0' <= c && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b), true
}

// minTellingRatio is the weakest log-likelihood ratio a token needs to be
// quoted as evidence: e^0.5 ≈ 1.6 times likelier in one class.
const minTellingRatio = 0.5

// TokenScore is one token's share of a text-model score.
type TokenScore struct {
	// Token is the normalised token.
	Token string
	// Count is how often it occurs in the document.
	Count int
	// LogRatio is the token's total contribution, Count × its ratio.
	LogRatio float64
}

// Score returns the mean log-likelihood ratio per token of the document
// (0 for a document with no tokens) and the number of tokens scored. The
// mean, not the sum, keeps long articles from looking overconfident.
func (m *TextModel) Score(tokens []string) (mean float64, n int) {
	if len(tokens) == 0 {
		return 0, 0
	}
	sum := 0.0
	for _, t := range tokens {
		sum += m.ratio(t)
	}
	return sum / float64(len(tokens)), len(tokens)
}

// LogOdds returns the naive Bayes posterior log-odds of spam for the tokens,
// exactly as the classifier computes it: prior plus the sum of ratios.
func (m *TextModel) LogOdds(tokens []string) float64 {
	sum := m.PriorLogOdds
	for _, t := range tokens {
		sum += m.ratio(t)
	}
	return sum
}

func (m *TextModel) ratio(t string) float64 {
	if r, ok := m.Tokens[t]; ok {
		return r
	}
	return m.UnseenLogRatio
}

// Strongest returns up to n tokens of the document that push hardest in
// the direction of sign (+1 toward spam, −1 toward clean): the tokens whose
// own ratio is strongest (at least minTellingRatio), ties broken by count.
// Ranking by the ratio rather than the total keeps frequent, barely
// telling words such as "the" out of the evidence.
func (m *TextModel) Strongest(tokens []string, sign float64, n int) []TokenScore {
	counts := make(map[string]int)
	for _, t := range tokens {
		if _, ok := m.Tokens[t]; ok {
			counts[t]++
		}
	}
	var out []TokenScore
	for t, c := range counts {
		if m.Tokens[t]*sign >= minTellingRatio {
			out = append(out, TokenScore{Token: t, Count: c, LogRatio: m.Tokens[t] * float64(c)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := m.Tokens[out[i].Token]*sign, m.Tokens[out[j].Token]*sign
		if ri != rj {
			return ri > rj
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Token < out[j].Token
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
