package sources

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// scoredPair is an article with its result, as Add takes them.
type scoredPair struct {
	a corpus.Article
	r newsqual.Result
}

// randomResults makes n results with varied verdicts, qualities and
// reasons, from a fixed seed.
func randomResults(n int, seed uint64) []scoredPair {
	rng := rand.New(rand.NewPCG(seed, 1))
	verdicts := []newsqual.Verdict{"clean", "clean", "suspect", "spam", "spam", "unsupported", "empty", "too_short", "something-new"}
	signals := []string{"ad_injection", "keyword_stuffing", "text_model", "ai_filler", "shop_template"}
	out := make([]scoredPair, n)
	for i := range out {
		id := fmt.Sprintf("art-%03d", i)
		r := newsqual.Result{ID: id, Verdict: verdicts[rng.IntN(len(verdicts))], Quality: new(rng.IntN(101))}
		for _, s := range signals {
			if rng.IntN(2) == 0 {
				continue
			}
			reason := newsqual.Reason{
				Signal:  s,
				Message: "found " + s,
				// Few distinct weights and texts, so ties are common.
				Weight:   float64(rng.IntN(7)-2) / 2,
				Evidence: []newsqual.Evidence{},
			}
			if rng.IntN(3) > 0 {
				reason.Evidence = append(reason.Evidence, newsqual.Evidence{Text: fmt.Sprintf("line %d", rng.IntN(4)), Count: 1})
			}
			r.Reasons = append(r.Reasons, reason)
		}
		a := corpus.Article{ID: id}
		if rng.IntN(2) == 0 {
			a.URL = "https://example.com/" + id
		}
		out[i] = scoredPair{a, r}
	}
	return out
}

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMergeInAnyOrderGivesTheSameAccumulator(t *testing.T) {
	items := randomResults(300, 7)
	var whole Accumulator
	for _, it := range items {
		whole.Add(it.a, it.r)
	}
	want := encode(t, whole)
	wantReport := encode(t, whole.Report("s", DefaultOptions()))

	rng := rand.New(rand.NewPCG(11, 13))
	for trial := range 20 {
		// Shuffle the articles, deal them to k accumulators, and merge
		// those in a shuffled order, some after a trip through JSON as
		// between pipeline workers.
		shuffled := append([]scoredPair(nil), items...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		k := 1 + rng.IntN(8)
		parts := make([]*Accumulator, k)
		for i := range parts {
			parts[i] = &Accumulator{}
		}
		for _, it := range shuffled {
			parts[rng.IntN(k)].Add(it.a, it.r)
		}
		rng.Shuffle(k, func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		var merged Accumulator
		for i, p := range parts {
			if i%2 == 1 {
				var back Accumulator
				if err := json.Unmarshal([]byte(encode(t, p)), &back); err != nil {
					t.Fatal(err)
				}
				p = &back
			}
			merged.Merge(p)
		}
		if got := encode(t, merged); got != want {
			t.Fatalf("trial %d (%d parts): merged accumulator differs:\n got %s\nwant %s", trial, k, got, want)
		}
		if got := encode(t, merged.Report("s", DefaultOptions())); got != wantReport {
			t.Fatalf("trial %d: report differs", trial)
		}
	}
}

func TestAddCountsVerdictsAndKeepsUnjudgedApart(t *testing.T) {
	var acc Accumulator
	add := func(verdict newsqual.Verdict, quality *int) {
		acc.Add(corpus.Article{}, newsqual.Result{Verdict: verdict, Quality: quality})
	}
	add("clean", new(90))
	add("suspect", new(60))
	add("spam", new(5))
	add("spam", new(150)) // out of range: counted as 100
	add("spam", nil)      // no quality (Score never gives it): counted, not in the histogram
	add("unsupported", nil)
	add("unsupported", new(40)) // as earlier versions wrote it
	add("empty", nil)
	add("too_short", nil)
	add("too_short", new(0))
	add("a-verdict-from-a-newer-model", new(50))
	if acc.Articles != 11 || acc.Clean != 1 || acc.Suspect != 1 || acc.Spam != 3 || acc.Unsupported != 3 || acc.Empty != 1 || acc.TooShort != 2 {
		t.Errorf("counts %+v", acc)
	}
	if acc.Judged() != 5 {
		t.Errorf("judged %d, want 5", acc.Judged())
	}
	// Only judged articles with a quality enter the histogram.
	n := 0
	for _, c := range acc.Quality {
		n += c
	}
	if n != 4 || acc.Quality[100] != 1 || acc.Quality[40] != 0 || acc.Quality[0] != 0 || acc.Quality[50] != 0 {
		t.Errorf("histogram holds %d articles (q100=%d, q40=%d, q0=%d, q50=%d), want the 4 judged ones with a quality",
			n, acc.Quality[100], acc.Quality[40], acc.Quality[0], acc.Quality[50])
	}
}

func TestQualityStats(t *testing.T) {
	cases := []struct {
		qualities    []int
		mean, median float64
	}{
		{nil, 0, 0},
		{[]int{10}, 10, 10},
		{[]int{10, 20}, 15, 15},
		{[]int{0, 100, 50}, 50, 50},
		{[]int{1, 2, 2, 100}, 26.3, 2},
		{[]int{3, 3, 3, 90, 90, 90}, 46.5, 46.5},
		{[]int{99, 0, 0, 0, 0}, 19.8, 0},
	}
	for _, c := range cases {
		var hist [101]int
		for _, q := range c.qualities {
			hist[q]++
		}
		mean, median := qualityStats(hist)
		if mean != c.mean || median != c.median {
			t.Errorf("%v: mean %v median %v, want %v and %v", c.qualities, mean, median, c.mean, c.median)
		}
	}
}

func TestSignalsKeepBoundedStrongestExamples(t *testing.T) {
	var acc Accumulator
	for i := range 1000 {
		acc.Add(corpus.Article{ID: fmt.Sprintf("a%04d", i), URL: fmt.Sprintf("https://farm.example/%d", i)}, newsqual.Result{
			Verdict: "spam",
			Quality: new(3),
			Reasons: []newsqual.Reason{
				{Signal: "ad_injection", Weight: float64(1+i%250) / 10, Evidence: []newsqual.Evidence{{Text: fmt.Sprintf("Buy now %d", i), Count: 1}}},
				{Signal: "text_model", Weight: 0.5, Message: "the wording is typical of low-quality news", Evidence: []newsqual.Evidence{}},
				{Signal: "attribution", Weight: -1, Evidence: []newsqual.Evidence{{Text: "said", Count: 3}}},
			},
		})
	}
	ads := acc.Signals["ad_injection"]
	if ads.Articles != 1000 || len(ads.Examples) != MaxExamples {
		t.Fatalf("ad_injection: %d articles, %d examples; want 1000 and %d", ads.Articles, len(ads.Examples), MaxExamples)
	}
	// Weight 25 occurs for i = 249, 499, 749, 999; the smaller texts win.
	if ads.Examples[0].Evidence != "Buy now 249" || ads.Examples[1].Evidence != "Buy now 499" {
		t.Errorf("examples %+v: want the two strongest, smallest text first", ads.Examples)
	}
	if ads.Examples[0].Article != "https://farm.example/249" {
		t.Errorf("example article %q: want the URL", ads.Examples[0].Article)
	}
	// A reason without evidence is shown by its message, once.
	tm := acc.Signals["text_model"]
	if len(tm.Examples) != 1 || tm.Examples[0].Evidence != "the wording is typical of low-quality news" {
		t.Errorf("text_model examples %+v", tm.Examples)
	}
	// Reasons toward clean are not signals of junk.
	if _, ok := acc.Signals["attribution"]; ok {
		t.Error("a reason toward clean was counted")
	}
}

func TestCleanArticlesAddNoSignals(t *testing.T) {
	var acc Accumulator
	acc.Add(corpus.Article{}, newsqual.Result{Verdict: "clean", Quality: new(97), Reasons: []newsqual.Reason{{Signal: "text_model", Weight: 0.3}}})
	if len(acc.Signals) != 0 {
		t.Errorf("signals %v: a clean article's small pushes are not the source's problems", acc.Signals)
	}
}

func TestSourcesMergeAddsEverySource(t *testing.T) {
	items := randomResults(120, 3)
	var whole, left, right Sources
	for i, it := range items {
		key := []string{"a.example", "b.example", "c.example"}[i%3]
		whole.Add(key, it.a, it.r)
		if i%2 == 0 {
			left.Add(key, it.a, it.r)
		} else {
			right.Add(key, it.a, it.r)
		}
	}
	right.Merge(&left)
	right.Merge(nil)
	if got, want := encode(t, right.Reports(DefaultOptions())), encode(t, whole.Reports(DefaultOptions())); got != want {
		t.Errorf("merged reports differ:\n got %s\nwant %s", got, want)
	}
	if right.Len() != 3 || right.Accumulator("b.example").Articles != 40 || right.Accumulator("z.example") != nil {
		t.Errorf("merged: %d sources, b has %d articles", right.Len(), right.Accumulator("b.example").Articles)
	}
}
