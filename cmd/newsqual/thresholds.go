package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// thresholdFlags are --spam-threshold and --suspect-threshold, the verdict
// cut-offs every command that gives verdicts takes, as quality numbers:
// an article is spam when its quality before rounding, 100 × (1 −
// spam_probability), is at or below the spam cut-off, suspect when at or
// below the suspect one, else clean (see newsqual.QualityThresholds). A
// flag left out keeps the model's own threshold, so without them the
// verdicts are the model's.
type thresholdFlags struct {
	spam, suspect float64
	fl            *pflag.FlagSet
}

// The names of the flags.
const (
	spamThresholdFlag    = "spam-threshold"
	suspectThresholdFlag = "suspect-threshold"
)

// registerThresholdFlags adds --spam-threshold and --suspect-threshold to
// cmd and returns them; call their scorer (or thresholds) method once the
// flags are parsed. The help gives the built-in model's cut-offs, worked
// out only when it is shown, so that no run reads the model for them.
func registerThresholdFlags(cmd *cobra.Command) *thresholdFlags {
	t := &thresholdFlags{fl: cmd.Flags()}
	t.fl.Float64Var(&t.spam, spamThresholdFlag, 0,
		"verdict spam for an article whose quality before rounding, 100×(1−spam_probability), is at or below `Q` (above 0, below 100; default: "+modelsOwn+")")
	t.fl.Float64Var(&t.suspect, suspectThresholdFlag, 0,
		"verdict suspect for an article whose quality before rounding is at or below `Q` but above the spam cut-off (at or above --spam-threshold; default: "+modelsOwn+")")
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		th := newsqual.Default().Thresholds()
		for name, p := range map[string]float64{spamThresholdFlag: th.Spam, suspectThresholdFlag: th.Suspect} {
			f := c.Flags().Lookup(name)
			if f == nil || strings.Contains(f.Usage, builtIn) {
				continue
			}
			f.Usage = strings.Replace(f.Usage, modelsOwn, fmt.Sprintf("%s, %s %s", modelsOwn, formatCutoff(newsqual.QualityCutoff(p)), builtIn), 1)
		}
		// The help of the command tree, as if this one had none of its own.
		self := c.HelpFunc()
		c.SetHelpFunc(nil)
		defer c.SetHelpFunc(self)
		c.HelpFunc()(c, args)
	})
	return t
}

// modelsOwn ends the flags' usage, and the help adds the built-in model's
// cut-off after it.
const (
	modelsOwn = "the model's own"
	builtIn   = "for the built-in model"
)

// formatCutoff writes a quality cut-off as briefly as it reads back.
func formatCutoff(q float64) string { return strconv.FormatFloat(q, 'f', -1, 64) }

// given reports whether either flag was set on the command line.
func (t *thresholdFlags) given() bool {
	return t.fl.Changed(spamThresholdFlag) || t.fl.Changed(suspectThresholdFlag)
}

// check refuses a cut-off out of range on its own, before any model is
// read; thresholds checks the pair against the model.
func (t *thresholdFlags) check() error {
	for _, c := range []struct {
		name string
		q    float64
	}{{spamThresholdFlag, t.spam}, {suspectThresholdFlag, t.suspect}} {
		if !t.fl.Changed(c.name) {
			continue
		}
		if err := newsqual.CheckQualityCutoff(c.q); err != nil {
			return fmt.Errorf("--%s %s: %v", c.name, formatCutoff(c.q), err)
		}
	}
	return nil
}

// thresholds returns the probability thresholds the flags ask for, each
// flag left out taking its threshold from base (the model's), or an error
// naming the flags when a cut-off is out of range or the spam cut-off is
// above the suspect one.
func (t *thresholdFlags) thresholds(base model.Thresholds) (model.Thresholds, error) {
	if err := t.check(); err != nil {
		return model.Thresholds{}, err
	}
	var spam, suspect *float64
	if t.fl.Changed(spamThresholdFlag) {
		spam = &t.spam
	}
	if t.fl.Changed(suspectThresholdFlag) {
		suspect = &t.suspect
	}
	th, err := newsqual.OverrideThresholds(base, spam, suspect)
	if err != nil {
		name := func(flag string, given *float64, own float64) string {
			if given != nil {
				return fmt.Sprintf("--%s %s", flag, formatCutoff(*given))
			}
			return fmt.Sprintf("the model's %s cut-off %s (set --%s to change it)", flag[:len(flag)-len("-threshold")], formatCutoff(newsqual.QualityCutoff(own)), flag)
		}
		return model.Thresholds{}, fmt.Errorf("%s is above %s: want the spam cut-off at or below the suspect one, as an article is suspect before it is spam",
			name(spamThresholdFlag, spam, base.Spam), name(suspectThresholdFlag, suspect, base.Suspect))
	}
	return th, nil
}

// scorer returns s with the thresholds the flags ask for, or s itself
// when neither flag was given. The error names the flags; the caller
// exits 2 with it.
func (t *thresholdFlags) scorer(s *newsqual.Scorer) (*newsqual.Scorer, error) {
	if !t.given() {
		return s, nil
	}
	th, err := t.thresholds(s.Model().Thresholds)
	if err != nil {
		return nil, err
	}
	return s.With(newsqual.WithThresholds(th))
}
