package sources

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// Bounds on what an Accumulator keeps, so that its size does not grow
// with the number of articles.
const (
	// MaxExamples is how many example evidence strings are kept per signal.
	MaxExamples = 2
	// maxExampleRunes caps the evidence text of one example.
	maxExampleRunes = 160
	// maxArticleRunes caps the article reference of one example.
	maxArticleRunes = 300
)

// Accumulator sums up the scored articles of one source. Its memory is
// bounded however many articles it sees: counts, a 101-bucket histogram
// of quality, and per signal a count and at most MaxExamples examples.
//
// Adding and merging commute: the same articles give the same
// Accumulator, and so the same Report, whatever the order they were added
// in and however they were split between accumulators that were then
// merged. That makes it fit a Beam CombinePerKey. Its fields are exported
// and encode to JSON, so it can travel between workers.
type Accumulator struct {
	// Articles counts every article added.
	Articles int `json:"articles"`
	// Clean, Suspect and Spam count the articles with each verdict; these
	// are the articles the rating judges by.
	Clean   int `json:"clean"`
	Suspect int `json:"suspect"`
	Spam    int `json:"spam"`
	// Unsupported counts articles in a language the model does not cover
	// (and any verdict this package does not know); Empty counts articles
	// without words, TooShort those with fewer than newsqual.MinWords.
	// These articles have no quality: none is held against the source or
	// counted in Quality.
	Unsupported int `json:"unsupported"`
	Empty       int `json:"empty"`
	TooShort    int `json:"too_short"`
	// Quality[q] counts the judged (clean, suspect or spam) articles of
	// quality q, which gives their mean and exact median.
	Quality [101]int `json:"quality"`
	// Signals holds, per signal name, the flagged (spam or suspect)
	// articles the signal pushed toward spam.
	Signals map[string]*SignalTally `json:"signals,omitempty"`
}

// SignalTally is what an Accumulator keeps of one signal.
type SignalTally struct {
	// Articles counts the flagged articles this signal pushed toward spam.
	Articles int `json:"articles"`
	// Examples are at most MaxExamples pieces of evidence with distinct
	// text, those of the articles where the signal weighed most (ties go
	// to the smaller text, then the smaller article), so the choice does
	// not depend on the order articles arrive in.
	Examples []Example `json:"examples,omitempty"`
}

// Example is one piece of evidence behind a signal, with the article it
// came from.
type Example struct {
	// Article is the article's URL, else its ID.
	Article string `json:"article"`
	// Evidence is the signal's first (most telling) evidence in that
	// article, or its message when it has no evidence.
	Evidence string `json:"evidence"`
	// Weight is the signal's contribution to the article's spam log-odds.
	Weight float64 `json:"weight"`
}

// Add counts one scored article: a is the article (only its URL and ID
// are used, to name examples) and r its result. A result without a quality
// is never counted in the Quality histogram, whatever its verdict.
func (acc *Accumulator) Add(a corpus.Article, r newsqual.Result) {
	acc.Articles++
	switch r.Verdict {
	case newsqual.VerdictClean:
		acc.Clean++
	case newsqual.VerdictSuspect:
		acc.Suspect++
	case newsqual.VerdictSpam:
		acc.Spam++
	case newsqual.VerdictEmpty:
		acc.Empty++
		return
	case newsqual.VerdictTooShort:
		acc.TooShort++
		return
	default:
		acc.Unsupported++
		return
	}
	if r.Quality != nil {
		acc.Quality[min(max(*r.Quality, 0), 100)]++
	}
	if r.Verdict == newsqual.VerdictClean {
		return
	}
	ref := a.URL
	if strings.TrimSpace(ref) == "" {
		ref = r.ID
	}
	if ref == "" {
		ref = a.ID
	}
	ref = clip(ref, maxArticleRunes)
	seen := make(map[string]bool, len(r.Reasons))
	for _, reason := range r.Reasons {
		if reason.Weight <= 0 || reason.Signal == "" || seen[reason.Signal] {
			continue
		}
		seen[reason.Signal] = true
		text := reason.Message
		if len(reason.Evidence) > 0 {
			text = reason.Evidence[0].Text
		}
		ex := Example{Article: ref, Evidence: clip(text, maxExampleRunes), Weight: reason.Weight}
		tally := acc.tally(reason.Signal)
		tally.Articles++
		tally.Examples = bestExamples(tally.Examples, []Example{ex})
	}
}

// Merge adds the counts of other into acc; other is left as it was.
func (acc *Accumulator) Merge(other *Accumulator) {
	if other == nil {
		return
	}
	acc.Articles += other.Articles
	acc.Clean += other.Clean
	acc.Suspect += other.Suspect
	acc.Spam += other.Spam
	acc.Unsupported += other.Unsupported
	acc.Empty += other.Empty
	acc.TooShort += other.TooShort
	for q, n := range other.Quality {
		acc.Quality[q] += n
	}
	for name, t := range other.Signals {
		if t == nil {
			continue
		}
		tally := acc.tally(name)
		tally.Articles += t.Articles
		tally.Examples = bestExamples(tally.Examples, t.Examples)
	}
}

// Judged is the number of articles with a clean, suspect or spam verdict.
func (acc *Accumulator) Judged() int { return acc.Clean + acc.Suspect + acc.Spam }

func (acc *Accumulator) tally(name string) *SignalTally {
	if acc.Signals == nil {
		acc.Signals = make(map[string]*SignalTally)
	}
	t := acc.Signals[name]
	if t == nil {
		t = &SignalTally{}
		acc.Signals[name] = t
	}
	return t
}

// bestExamples returns the best MaxExamples examples of a and b with
// distinct evidence, best first, in a new slice.
func bestExamples(a, b []Example) []Example {
	all := slices.Concat(a, b)
	slices.SortFunc(all, compareExamples)
	out := make([]Example, 0, MaxExamples)
	for _, ex := range all {
		if len(out) == MaxExamples {
			break
		}
		if !slices.ContainsFunc(out, func(kept Example) bool { return kept.Evidence == ex.Evidence }) {
			out = append(out, ex)
		}
	}
	return out
}

// compareExamples orders examples best first: greater weight, then
// smaller evidence text, then smaller article.
func compareExamples(x, y Example) int {
	if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
		return c
	}
	if c := strings.Compare(x.Evidence, y.Evidence); c != 0 {
		return c
	}
	return strings.Compare(x.Article, y.Article)
}

// clip shortens s to at most n runes with its white space collapsed,
// marking a cut with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
