package newsqual

import (
	"fmt"
	"math"

	"github.com/newsqual/newsqual/model"
)

// Verdict thresholds come in two forms. A model file holds them as spam
// probabilities: an article is spam when its spam probability p is at or
// above Thresholds.Spam, suspect when at or above Thresholds.Suspect, clean
// below. People act on quality, 100 × (1 − p), so the command line and the
// service take them as quality cut-offs: with a spam cut-off Q an article
// is spam when its quality before rounding, 100 × (1 − p), is at or below
// Q, which is exactly p >= 1 − Q/100; likewise suspect with the suspect
// cut-off. The built-in model's thresholds, spam 0.765011 and suspect
// 0.41163, are the quality cut-offs 23.4989 and 58.837, and those give the
// very same verdicts.
//
// Result.Quality is rounded to a whole number, so an article shown with
// quality 23 may be suspect at the cut-off 23.4989 (its quality before
// rounding is then between 23.4989 and 23.5), and with a whole cut-off such
// as 30 every spam article shows a quality of 30 or less.

// qualityDecimals is the precision of quality cut-offs: finer digits are
// rounded away, so that a cut-off written with up to this many decimals
// converts to the very probability it names.
const qualityDecimals = 8

// ProbabilityThreshold returns the spam-probability threshold of a quality
// cut-off q: 1 − q/100, rounded to qualityDecimals+2 decimals. A result
// outside (0, 1), or NaN, means q is no usable cut-off (see
// CheckQualityCutoff).
func ProbabilityThreshold(q float64) float64 {
	const scale = 1e10 // 10^(qualityDecimals+2)
	return math.Round((100-q)/100*scale) / scale
}

// QualityCutoff returns the quality cut-off of a spam-probability
// threshold t: 100 × (1 − t), rounded to 8 decimals. ProbabilityThreshold
// gives t back for every threshold with up to 10 decimals.
func QualityCutoff(t float64) float64 {
	const scale = 1e8 // 10^qualityDecimals
	return math.Round(100*(1-t)*scale) / scale
}

// CheckQualityCutoff returns an error when q is not a quality cut-off a
// Scorer can use: a finite number above 0 and below 100 (in steps of at
// least 0.00000001). The error does not name the flag or field; the
// caller does.
func CheckQualityCutoff(q float64) error {
	t := ProbabilityThreshold(q)
	if math.IsNaN(q) || math.IsInf(q, 0) || !(0 < t && t < 1) {
		return fmt.Errorf("want a quality cut-off above 0 and below 100, got %v", q)
	}
	return nil
}

// QualityThresholds returns the probability thresholds of the quality
// cut-offs spam and suspect, or an error when either is out of range or
// spam is above suspect: an article must fall to the suspect cut-off
// before it reaches the spam one. The error speaks of quality, not
// probability.
func QualityThresholds(spam, suspect float64) (model.Thresholds, error) {
	if err := CheckQualityCutoff(spam); err != nil {
		return model.Thresholds{}, fmt.Errorf("spam cut-off: %w", err)
	}
	if err := CheckQualityCutoff(suspect); err != nil {
		return model.Thresholds{}, fmt.Errorf("suspect cut-off: %w", err)
	}
	t := model.Thresholds{Spam: ProbabilityThreshold(spam), Suspect: ProbabilityThreshold(suspect)}
	if t.Suspect > t.Spam {
		return model.Thresholds{}, fmt.Errorf("spam cut-off %v is above suspect cut-off %v: want spam at or below suspect, as an article is suspect before it is spam", spam, suspect)
	}
	return t, nil
}

// OverrideThresholds returns base with the quality cut-offs that are
// given (non-nil) in place of its own; a cut-off left nil keeps base's
// threshold exactly, not rounded through its quality. The error is
// QualityThresholds's, for the pair of cut-offs in effect.
func OverrideThresholds(base model.Thresholds, spam, suspect *float64) (model.Thresholds, error) {
	s, u := QualityCutoff(base.Spam), QualityCutoff(base.Suspect)
	if spam != nil {
		s = *spam
	}
	if suspect != nil {
		u = *suspect
	}
	t, err := QualityThresholds(s, u)
	if err != nil {
		return model.Thresholds{}, err
	}
	if spam == nil {
		t.Spam = base.Spam
	}
	if suspect == nil {
		t.Suspect = base.Suspect
	}
	return t, nil
}

// Thresholds returns the spam-probability thresholds the scorer's verdicts
// use: the model's own, unless the scorer was made with WithThresholds.
func (s *Scorer) Thresholds() model.Thresholds { return s.thresholds }
