package main

import (
	"io"

	"github.com/schollz/progressbar/v3"
)

// progressUsage explains --progress to eval and train.
const progressUsage = "progress bars on stderr while reading, extracting and scoring: auto (on a terminal), always or never"

// wantProgress reports whether mode asks for a progress bar on stderr.
func wantProgress(stderr io.Writer, mode string) bool {
	switch mode {
	case "never":
		return false
	case "always":
		return true
	}
	return isTerminal(stderr)
}

// counter is a progress bar of a count with no known total, or nothing.
type counter struct {
	bar *progressbar.ProgressBar
}

// newCounter returns a bar counting articles under desc, which does
// nothing when mode asks for no bar.
func newCounter(stderr io.Writer, mode, desc string) *counter {
	if !wantProgress(stderr, mode) {
		return &counter{}
	}
	return &counter{bar: countingBar(stderr, desc)}
}

// countingBar is a bar on stderr that counts articles under desc, with no
// total, and clears its line when finished.
func countingBar(stderr io.Writer, desc string) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(progressThrottle),
		progressbar.OptionClearOnFinish(),
	)
}

// add counts one more.
func (c *counter) add() {
	if c.bar != nil {
		_ = c.bar.Add(1)
	}
}

// finish clears the bar.
func (c *counter) finish() {
	if c.bar != nil {
		_ = c.bar.Finish()
	}
}

// steps is a progress bar of steps out of a total that is known once the
// work starts, with a percentage and the time left, or nothing.
type steps struct {
	stderr      io.Writer
	desc        string
	on          bool
	bar         *progressbar.ProgressBar
	total, done int
}

// newSteps returns a bar described as desc, which does nothing when mode
// asks for no bar.
func newSteps(stderr io.Writer, mode, desc string) *steps {
	return &steps{stderr: stderr, desc: desc, on: wantProgress(stderr, mode)}
}

// set moves the bar to done of total; a new total starts a new bar.
func (s *steps) set(done, total int) {
	if !s.on {
		return
	}
	if s.bar == nil || total != s.total {
		s.finish()
		s.total = total
		s.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(s.stderr),
			progressbar.OptionSetDescription(s.desc),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionShowIts(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(progressThrottle),
			progressbar.OptionClearOnFinish(),
		)
	}
	s.done = done
	_ = s.bar.Set(done)
}

// step moves the bar one step on, of total.
func (s *steps) step(total int) { s.set(s.done+1, total) }

// finish completes and clears the bar.
func (s *steps) finish() {
	if s.bar != nil {
		_ = s.bar.Finish()
		s.bar = nil
	}
}
