package model

import (
	"sort"
	"strings"

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
