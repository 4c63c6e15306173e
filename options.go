package newsqual

import (
	"fmt"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// settings are the parts of a Scorer that options choose; the model is
// not one of them.
type settings struct {
	// thresholds give the verdicts: the model's own, unless
	// WithThresholds chose others.
	thresholds model.Thresholds
	// maxReasons caps the reasons of a Result; 0 or less keeps them all.
	maxReasons int
	// maxWords caps the words of an article that are considered; always
	// at least 1.
	maxWords int
}

// An Option sets one setting of a Scorer as New, Load, Read or
// Scorer.With makes it. Options are applied in order, so of two that set
// the same thing the last one wins. An Option only ever touches the
// Scorer being made, never an existing one.
type Option func(*settings) error

// WithMaxWords caps the words of an article the scorer considers at n;
// the result of a longer article has the "truncated" reason and
// Result.Truncated set, and is scored on its first n words. The default,
// which n of 0 or less also gives, is features.DefaultMaxWords.
func WithMaxWords(n int) Option {
	return func(s *settings) error {
		if n <= 0 {
			n = features.DefaultMaxWords
		}
		s.maxWords = n
		return nil
	}
}

// WithMaxReasons caps the weighed reasons of a Result at n, the strongest
// of both directions (default DefaultMaxReasons); n of 0 or less keeps
// every reason whose weight counts (at least 0.05 in log-odds). The
// "truncated" reason of a cut article comes on top. The cap changes no
// score or verdict.
func WithMaxReasons(n int) Option {
	return func(s *settings) error {
		s.maxReasons = n
		return nil
	}
}

// WithThresholds gives the verdicts at the spam-probability thresholds t
// instead of the model's own (QualityThresholds converts quality
// cut-offs). It changes nothing but the verdicts. The scorer being made
// fails with an error unless 0 < t.Suspect <= t.Spam < 1.
func WithThresholds(t model.Thresholds) Option {
	return func(s *settings) error {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("newsqual: %w", err)
		}
		s.thresholds = t
		return nil
	}
}

// With returns a Scorer that scores with s's model, the same one (it is
// shared, not copied), and s's settings changed by opts, applied in order.
// s itself is left as it is, so a shared Scorer such as Default can give
// each caller the settings it needs. With no options it returns s. It
// returns an error, and no Scorer, when an option is invalid.
func (s *Scorer) With(opts ...Option) (*Scorer, error) {
	if len(opts) == 0 {
		return s, nil
	}
	c := *s
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&c.settings); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// MaxWords returns how many words of an article the scorer considers (see
// WithMaxWords).
func (s *Scorer) MaxWords() int { return s.maxWords }

// MaxReasons returns how many reasons a Result carries at most; 0 or less
// means every reason that counts (see WithMaxReasons).
func (s *Scorer) MaxReasons() int { return s.maxReasons }
