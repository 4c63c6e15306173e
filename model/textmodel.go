package model

import (
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
	index     map[uint64]float64
}

// byHash returns the hash index of Tokens.
func (m *TextModel) byHash() map[uint64]float64 {
	m.indexOnce.Do(func() {
		m.index = make(map[uint64]float64, len(m.Tokens))
		for t, r := range m.Tokens {
			m.index[tokenHash(t)] = r
		}
	})
	return m.index
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
	index := m.byHash()
	sum := 0.0
	for _, w := range words {
		h, ok := wordHash(w.Norm)
		if !ok {
			continue
		}
		n++
		if r, known := index[h]; known {
			sum += r
		} else {
			sum += m.UnseenLogRatio
		}
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// StrongestWords is Strongest over a document's words: it looks up each
// word's ratio by hash and counts the telling ones by hash, building a
// token string only once per distinct telling token.
func (m *TextModel) StrongestWords(words []features.Word, sign float64, n int) []TokenScore {
	index := m.byHash()
	type candidate struct {
		token string
		ratio float64
		count int
	}
	var cands []candidate
	var seen map[uint64]int
	for _, w := range words {
		h, ok := wordHash(w.Norm)
		if !ok {
			continue
		}
		r, known := index[h]
		if !known || r*sign < minTellingRatio {
			continue
		}
		if k, dup := seen[h]; dup {
			cands[k].count++
			continue
		}
		if seen == nil {
			seen = make(map[uint64]int)
		}
		t, _ := Token(w.Norm)
		seen[h] = len(cands)
		cands = append(cands, candidate{token: t, ratio: r, count: 1})
	}
	if len(cands) == 0 {
		return nil
	}
	sort.Slice(cands, func(i, j int) bool {
		ri, rj := cands[i].ratio*sign, cands[j].ratio*sign
		if ri != rj {
			return ri > rj
		}
		if cands[i].count != cands[j].count {
			return cands[i].count > cands[j].count
		}
		return cands[i].token < cands[j].token
	})
	out := make([]TokenScore, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, TokenScore{Token: c.token, Count: c.count, LogRatio: c.ratio * float64(c.count)})
	}
	return out
}

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
