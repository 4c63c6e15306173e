package sources

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Source verdicts a Report can carry.
const (
	// VerdictClean: even the pessimistic end of the interval puts the
	// source's junk share at or below Options.CleanAt.
	VerdictClean = "clean"
	// VerdictSuspect: even the optimistic end puts its junk share above
	// Options.CleanAt, but not yet at Options.SpamAt.
	VerdictSuspect = "suspect"
	// VerdictSpam: even the optimistic end puts its junk share at or above
	// Options.SpamAt.
	VerdictSpam = "spam"
	// VerdictUncertain: the interval reaches both sides of Options.CleanAt;
	// more articles are needed to tell.
	VerdictUncertain = "uncertain"
	// VerdictUnrated: the source has no judged article (only unsupported
	// or empty ones), so the rating is the prior alone.
	VerdictUnrated = "unrated"
)

// Options sets how a source is rated.
//
// The rating estimates the source's junk share: the share of its articles
// that are spam, a suspect article counting as SuspectWeight of one. With
// few articles the observed share is mostly noise (one spam article out
// of one is 100%), so the estimate is Bayesian: a Beta(PriorSpam,
// PriorClean) prior over the junk share, updated with the source's own
// articles, gives the posterior Beta(PriorSpam + junk, PriorClean +
// judged − junk). The rating is 100 × (1 − posterior mean), and the
// interval the Level credible interval (equal tails) of the same, so that a
// site with one spam article gets a middling rating with a wide interval,
// while a site with sixty gets a low rating with a narrow one.
//
// The prior is fixed, not fitted to the other sources, so each source's
// rating depends on its own articles only: it can be computed per key in
// a distributed pipeline and does not move when other sources are added.
// The default Beta(1, 1) is uniform: it claims nothing about the source,
// and weighs as much as two articles.
type Options struct {
	// PriorSpam and PriorClean are the Beta prior's pseudo-counts of junk
	// and clean articles (default 1 and 1). Both must be positive.
	PriorSpam  float64
	PriorClean float64
	// SuspectWeight is the share of a spam article that a suspect article
	// counts for, from 0 to 1 (default 0.5).
	SuspectWeight float64
	// Level is the probability mass of the credible interval, between 0
	// and 1 (default 0.9: from the 5% to the 95% quantile).
	Level float64
	// SpamAt is the junk share from which a source is spam when even the
	// optimistic end of its interval reaches it (default 0.5).
	SpamAt float64
	// CleanAt is the junk share up to which a source is clean when even
	// the pessimistic end of its interval stays within it (default 0.25).
	// A model flags some clean articles, so a clean site's junk share is
	// rarely zero.
	CleanAt float64
	// TopSignals is how many signals a Report lists (default 5).
	TopSignals int
}

// DefaultOptions returns the options documented on Options.
func DefaultOptions() Options {
	return Options{PriorSpam: 1, PriorClean: 1, SuspectWeight: 0.5, Level: 0.9, SpamAt: 0.5, CleanAt: 0.25, TopSignals: 5}
}

// Validate reports the first option that is out of range.
func (o Options) Validate() error {
	switch {
	case !(o.PriorSpam > 0) || math.IsInf(o.PriorSpam, 0):
		return fmt.Errorf("prior spam pseudo-count %v: want a positive number", o.PriorSpam)
	case !(o.PriorClean > 0) || math.IsInf(o.PriorClean, 0):
		return fmt.Errorf("prior clean pseudo-count %v: want a positive number", o.PriorClean)
	case !(o.SuspectWeight >= 0 && o.SuspectWeight <= 1):
		return fmt.Errorf("suspect weight %v: want 0 to 1", o.SuspectWeight)
	case !(o.Level > 0 && o.Level < 1):
		return fmt.Errorf("interval level %v: want more than 0 and less than 1", o.Level)
	case !(o.CleanAt > 0 && o.CleanAt < 1):
		return fmt.Errorf("clean junk share %v: want more than 0 and less than 1", o.CleanAt)
	case !(o.SpamAt > o.CleanAt && o.SpamAt < 1):
		return fmt.Errorf("spam junk share %v: want more than the clean share %v and less than 1", o.SpamAt, o.CleanAt)
	case o.TopSignals < 0:
		return errors.New("top signals: want 0 or more")
	}
	return nil
}

// rating is the posterior view of a source's junk share.
type rating struct {
	// mean, low and high are the posterior mean of the junk share and the
	// ends of its credible interval.
	mean, low, high float64
	verdict         string
}

// rate computes the rating of a source from its verdict counts.
func rate(clean, suspect, spam int, o Options) rating {
	junk := float64(spam) + o.SuspectWeight*float64(suspect)
	judged := float64(clean + suspect + spam)
	post := distuv.Beta{Alpha: o.PriorSpam + junk, Beta: o.PriorClean + judged - junk}
	tail := (1 - o.Level) / 2
	r := rating{mean: post.Mean(), low: post.Quantile(tail), high: post.Quantile(1 - tail)}
	switch {
	case judged == 0:
		r.verdict = VerdictUnrated
	case r.low >= o.SpamAt:
		r.verdict = VerdictSpam
	case r.high <= o.CleanAt:
		r.verdict = VerdictClean
	case r.low > o.CleanAt:
		r.verdict = VerdictSuspect
	default:
		r.verdict = VerdictUncertain
	}
	return r
}
