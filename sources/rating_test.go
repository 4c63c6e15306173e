package sources

import (
	"fmt"
	"math"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// accumulatorOf returns an accumulator with the given verdict counts.
func accumulatorOf(clean, suspect, spam int) *Accumulator {
	acc := &Accumulator{}
	add := func(n int, verdict newsqual.Verdict, quality int) {
		for range n {
			acc.Add(corpus.Article{}, newsqual.Result{Verdict: verdict, Quality: new(quality)})
		}
	}
	add(clean, newsqual.VerdictClean, 95)
	add(suspect, newsqual.VerdictSuspect, 60)
	add(spam, newsqual.VerdictSpam, 5)
	return acc
}

// The expected values follow from the Beta(1, 1) prior: the posterior of
// the junk share after k junk of n judged articles is Beta(1+k, 1+n−k),
// with mean (1+k)/(n+2). For k = n its 5% quantile is 0.05^(1/(n+1)), and
// for k = 0 its 95% quantile is 1 − 0.05^(1/(n+1)).
func TestRatingFollowsTheBetaPosterior(t *testing.T) {
	cases := []struct {
		clean, suspect, spam int
		rating, low, high    float64
		verdict              string
	}{
		// No judged article: the prior alone.
		{0, 0, 0, 50, 5, 95, VerdictUnrated},
		// One spam article: mean 2/3; the interval's ends are
		// 1 − sqrt(0.95) and 1 − sqrt(0.05).
		{0, 0, 1, 33.3, 2.5, 77.6, VerdictUncertain},
		{1, 0, 0, 66.7, 22.4, 97.5, VerdictUncertain},
		// Three spam: 5% quantile 0.05^(1/4) = 0.473, above 0.25 but
		// below 0.5; 95% quantile 0.95^(1/4) = 0.987.
		{0, 0, 3, 20, 1.3, 52.7, VerdictSuspect},
		// Four spam: 0.05^(1/5) = 0.549, at least 0.5.
		{0, 0, 4, 16.7, 1.0, 45.1, VerdictSpam},
		{0, 0, 60, 1.6, 0, 4.8, VerdictSpam},
		// Twenty clean: 95% quantile 1 − 0.05^(1/21) = 0.133, within 0.25.
		{20, 0, 0, 95.5, 86.7, 99.8, VerdictClean},
		// Ten clean: 1 − 0.05^(1/11) = 0.238, within 0.25.
		{10, 0, 0, 91.7, 76.2, 99.5, VerdictClean},
		// Nine clean: 1 − 0.05^(1/10) = 0.259, not yet.
		{9, 0, 0, 90.9, 74.1, 99.5, VerdictUncertain},
		// Two suspect count as one junk article of two: Beta(2, 2).
		{0, 2, 0, 50, 13.5, 86.5, VerdictUncertain},
	}
	for _, c := range cases {
		r := accumulatorOf(c.clean, c.suspect, c.spam).Report("s", DefaultOptions())
		if math.Abs(r.Rating-c.rating) > 0.05 || math.Abs(r.RatingLow-c.low) > 0.15 || math.Abs(r.RatingHigh-c.high) > 0.15 || r.Verdict != c.verdict {
			t.Errorf("clean %d suspect %d spam %d: rating %v [%v, %v] %s; want %v [%v, %v] %s",
				c.clean, c.suspect, c.spam, r.Rating, r.RatingLow, r.RatingHigh, r.Verdict, c.rating, c.low, c.high, c.verdict)
		}
	}
}

func TestUnjudgedArticlesDoNotCountAgainstASource(t *testing.T) {
	acc := accumulatorOf(3, 0, 0)
	before := acc.Report("s", DefaultOptions())
	for range 50 {
		acc.Add(corpus.Article{}, newsqual.Result{Verdict: newsqual.VerdictUnsupported})
		acc.Add(corpus.Article{}, newsqual.Result{Verdict: newsqual.VerdictUnsupported, Quality: new(2)}) // as earlier versions wrote it
		acc.Add(corpus.Article{}, newsqual.Result{Verdict: newsqual.VerdictEmpty})
		acc.Add(corpus.Article{}, newsqual.Result{Verdict: newsqual.VerdictTooShort})
	}
	after := acc.Report("s", DefaultOptions())
	if after.Rating != before.Rating || after.Verdict != before.Verdict || after.MeanQuality != before.MeanQuality ||
		after.MedianQuality != before.MedianQuality {
		t.Errorf("unsupported, empty and too short articles changed the report: %+v -> %+v", before, after)
	}
	if after.Articles != 203 || after.Unsupported != 100 || after.Empty != 50 || after.TooShort != 50 {
		t.Errorf("counts %+v", after)
	}
}

// A site with one or two articles never gets an extreme rating, and never
// tops the worst-first list above sites whose junk is well attested.
func TestSmallSitesNeverTopTheList(t *testing.T) {
	var all Sources
	addN := func(key string, clean, spam int) {
		for i := range clean + spam {
			v, q := newsqual.VerdictClean, 95
			if i < spam {
				v, q = newsqual.VerdictSpam, 2
			}
			all.Add(key, corpus.Article{}, newsqual.Result{Verdict: v, Quality: new(q)})
		}
	}
	addN("one-spam.example", 0, 1)
	addN("two-spam.example", 0, 2)
	addN("one-clean.example", 1, 0)
	addN("farm.example", 2, 30)
	addN("mostly-junk.example", 3, 9)
	addN("news.example", 40, 1)
	reports := all.Reports(DefaultOptions())
	var order []string
	for _, r := range reports {
		order = append(order, r.Source)
		if r.Articles <= 2 && (r.Rating < 25 || r.Rating > 75 || r.Verdict == VerdictSpam || r.Verdict == VerdictClean) {
			t.Errorf("%s (%d articles): rating %v %s; want between 25 and 75 with no firm verdict", r.Source, r.Articles, r.Rating, r.Verdict)
		}
	}
	// Posterior mean junk share: farm 31/34, two-spam 3/4, mostly-junk
	// 10/14, one-spam 2/3, one-clean 1/3, news 2/43. Two spam articles
	// out of two weigh a little more than nine out of twelve, but no
	// small site comes near the farm.
	want := "[farm.example two-spam.example mostly-junk.example one-spam.example one-clean.example news.example]"
	if got := fmt.Sprint(order); got != want {
		t.Errorf("worst-first order %s, want %s", got, want)
	}
	if reports[0].Verdict != VerdictSpam || reports[len(reports)-1].Verdict != VerdictClean {
		t.Errorf("verdicts: worst %s, best %s; want spam and clean", reports[0].Verdict, reports[len(reports)-1].Verdict)
	}
}

func TestSortBreaksTiesDeterministically(t *testing.T) {
	reports := []Report{
		{Source: "b", Rating: 40, RatingHigh: 80, Articles: 3},
		{Source: "a", Rating: 40, RatingHigh: 80, Articles: 3},
		{Source: "c", Rating: 40, RatingHigh: 80, Articles: 9},
		{Source: "d", Rating: 40, RatingHigh: 70, Articles: 1},
		{Source: "e", Rating: 10, RatingHigh: 90, Articles: 1},
	}
	Sort(reports)
	var got []string
	for _, r := range reports {
		got = append(got, r.Source)
	}
	if fmt.Sprint(got) != "[e d c a b]" {
		t.Errorf("order %v, want [e d c a b]", got)
	}
}

func TestValidateRejectsOptionsOutOfRange(t *testing.T) {
	if err := DefaultOptions().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	cases := []func(*Options){
		func(o *Options) { o.PriorSpam = 0 },
		func(o *Options) { o.PriorClean = -1 },
		func(o *Options) { o.PriorClean = math.NaN() },
		func(o *Options) { o.PriorSpam = math.Inf(1) },
		func(o *Options) { o.SuspectWeight = 1.5 },
		func(o *Options) { o.Level = 1 },
		func(o *Options) { o.Level = 0 },
		func(o *Options) { o.CleanAt = 0 },
		func(o *Options) { o.SpamAt = o.CleanAt },
		func(o *Options) { o.SpamAt = 1 },
		func(o *Options) { o.TopSignals = -1 },
	}
	for i, change := range cases {
		o := DefaultOptions()
		change(&o)
		if err := o.Validate(); err == nil {
			t.Errorf("case %d: %+v accepted", i, o)
		}
	}
}
