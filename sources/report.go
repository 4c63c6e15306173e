package sources

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Report is the final judgement of one source.
type Report struct {
	// Source is the source's key (see Key).
	Source string `json:"source"`
	// Articles counts every article of the source; Judged those with a
	// clean, suspect or spam verdict, which the rating is computed from.
	Articles int `json:"articles"`
	Judged   int `json:"judged"`
	// Clean, Suspect, Spam, Unsupported, Empty and TooShort count the
	// articles by verdict.
	Clean       int `json:"clean"`
	Suspect     int `json:"suspect"`
	Spam        int `json:"spam"`
	Unsupported int `json:"unsupported"`
	Empty       int `json:"empty"`
	TooShort    int `json:"too_short"`
	// MeanQuality and MedianQuality are over the judged articles, 0 when
	// there are none; the median of an even count is the mean of the two
	// middle qualities.
	MeanQuality   float64 `json:"mean_quality"`
	MedianQuality float64 `json:"median_quality"`
	// SpamShare and SuspectShare are the observed shares of the judged
	// articles, as they are, without smoothing.
	SpamShare    float64 `json:"spam_share"`
	SuspectShare float64 `json:"suspect_share"`
	// Rating is 100 × (1 − the posterior mean junk share), from 0 (all
	// junk) to 100, and RatingLow to RatingHigh its credible interval
	// (see Options).
	Rating     float64 `json:"rating"`
	RatingLow  float64 `json:"rating_low"`
	RatingHigh float64 `json:"rating_high"`
	// Verdict is one of the source Verdict constants.
	Verdict string `json:"verdict"`
	// Signals are the signals that most often pushed the source's flagged
	// articles toward spam, most frequent first.
	Signals []SignalReport `json:"signals"`
}

// SignalReport is one frequent signal of a source.
type SignalReport struct {
	// Signal is the signal's name, e.g. "ad_injection".
	Signal string `json:"signal"`
	// Articles counts the flagged articles it pushed toward spam, and
	// Share is that count over all flagged (spam or suspect) articles.
	Articles int     `json:"articles"`
	Share    float64 `json:"share"`
	// Examples are evidence of the signal from the source's articles.
	Examples []Example `json:"examples"`
}

// Report returns the judgement of the source named source from the
// articles added so far. opts must be valid (see Options.Validate).
func (acc *Accumulator) Report(source string, opts Options) Report {
	r := Report{
		Source:      source,
		Articles:    acc.Articles,
		Judged:      acc.Judged(),
		Clean:       acc.Clean,
		Suspect:     acc.Suspect,
		Spam:        acc.Spam,
		Unsupported: acc.Unsupported,
		Empty:       acc.Empty,
		TooShort:    acc.TooShort,
		Signals:     []SignalReport{},
	}
	r.MeanQuality, r.MedianQuality = qualityStats(acc.Quality)
	if r.Judged > 0 {
		r.SpamShare = round(float64(acc.Spam)/float64(r.Judged), 4)
		r.SuspectShare = round(float64(acc.Suspect)/float64(r.Judged), 4)
	}
	rt := rate(acc.Clean, acc.Suspect, acc.Spam, opts)
	r.Rating = round(100*(1-rt.mean), 1)
	r.RatingLow = round(100*(1-rt.high), 1)
	r.RatingHigh = round(100*(1-rt.low), 1)
	r.Verdict = rt.verdict
	r.Signals = topSignals(acc.Signals, acc.Spam+acc.Suspect, opts.TopSignals)
	return r
}

// qualityStats returns the mean and median of a quality histogram.
func qualityStats(hist [101]int) (mean, median float64) {
	n, sum := 0, 0
	for q, c := range hist {
		n += c
		sum += q * c
	}
	if n == 0 {
		return 0, 0
	}
	// The median is the mean of the values at ranks lo and hi (0-based).
	lo, hi := (n-1)/2, n/2
	var atLo, atHi, seen int
	for q, c := range hist {
		if seen <= lo && lo < seen+c {
			atLo = q
		}
		if seen <= hi && hi < seen+c {
			atHi = q
			break
		}
		seen += c
	}
	return round(float64(sum)/float64(n), 1), float64(atLo+atHi) / 2
}

// topSignals returns the n signals counted in the most articles, ties by
// name.
func topSignals(tallies map[string]*SignalTally, flagged, n int) []SignalReport {
	out := make([]SignalReport, 0, len(tallies))
	for name, t := range tallies {
		if t == nil || t.Articles == 0 {
			continue
		}
		sr := SignalReport{Signal: name, Articles: t.Articles, Examples: slices.Clone(t.Examples)}
		if sr.Examples == nil {
			sr.Examples = []Example{}
		}
		if flagged > 0 {
			sr.Share = round(float64(t.Articles)/float64(flagged), 4)
		}
		out = append(out, sr)
	}
	slices.SortFunc(out, func(a, b SignalReport) int {
		if c := cmp.Compare(b.Articles, a.Articles); c != 0 {
			return c
		}
		return strings.Compare(a.Signal, b.Signal)
	})
	return out[:min(n, len(out))]
}

// Sort orders reports worst first: by rating, then by the high end of the
// interval (the source that is bad even at best first), then by more
// articles, then by source name, so the order is total and the same on
// every run.
func Sort(reports []Report) {
	slices.SortFunc(reports, func(a, b Report) int {
		if c := cmp.Compare(a.Rating, b.Rating); c != 0 {
			return c
		}
		if c := cmp.Compare(a.RatingHigh, b.RatingHigh); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Articles, a.Articles); c != 0 {
			return c
		}
		return strings.Compare(a.Source, b.Source)
	})
}

// round rounds x to the given number of decimals, so output is short and
// stable.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
