package main

import (
	"context"
	"fmt"
	"os/signal"
	"sync/atomic"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/ordered"
)

// pipelineFlags are the flags of the commands that read articles from
// paths and score them in input order (score, filter), with the same names,
// defaults and checks.
type pipelineFlags struct {
	modelPath string
	workers   int
	reader    readerFlags
	progress  string
	// thresholds are --spam-threshold and --suspect-threshold, when the
	// command registered them (registerThresholdFlags).
	thresholds *thresholdFlags
}

// register adds the flags to fl.
func (p *pipelineFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&p.modelPath, "model", "", "model file to score with (default: the model built into newsqual)")
	fl.IntVar(&p.workers, "workers", 0, "articles scored at once (default: one per CPU)")
	p.reader.register(fl, true)
	fl.StringVar(&p.progress, "progress", "auto", "progress bar on stderr: auto (on a terminal), always or never")
}

// pipeline is one run that reads articles from paths, scores them on
// several goroutines and hands the results over in input order, counting
// what it passes over for the summary.
type pipeline struct {
	ctx context.Context
	// stop releases the stop signals; call it when the run ends.
	stop   func()
	scorer *newsqual.Scorer
	// modelSHA names the scorer's model in every record.
	modelSHA string
	// stderr takes the lines of the reading goroutine and of the caller,
	// one whole line at a time.
	stderr  *lockedWriter
	workers int
	// progress is the --progress mode; bar the bar mapItems starts.
	progress string
	bar      *progress
	// skipped counts the inputs passed over, skips the records passed
	// over inside files by reason.
	skipped atomic.Int64
	skips   skipCounts
}

// newPipeline checks the flags and the extra limits of the command, loads
// the model and catches the stop signals. Its errors are usage errors
// (exit status 2).
func newPipeline(cmd *cobra.Command, p pipelineFlags, extra ...limit) (*pipeline, error) {
	if err := checkProgress(p.progress); err != nil {
		return nil, &exitError{2, err.Error()}
	}
	limits := append(append([]limit{workersLimit(p.workers)}, extra...), p.reader.limits(true)...)
	if err := checkLimits(limits...); err != nil {
		return nil, &exitError{2, err.Error()}
	}
	if p.thresholds != nil {
		if err := p.thresholds.check(); err != nil {
			return nil, &exitError{2, err.Error()}
		}
	}
	scorer, err := loadScorer(p.modelPath, newsqual.WithMaxWords(p.reader.maxWords))
	if err != nil {
		return nil, &exitError{2, err.Error()}
	}
	if p.thresholds != nil {
		if scorer, err = p.thresholds.scorer(scorer); err != nil {
			return nil, &exitError{2, err.Error()}
		}
	}
	run := &pipeline{
		scorer:   scorer,
		stderr:   &lockedWriter{w: cmd.ErrOrStderr()},
		workers:  p.workers,
		progress: p.progress,
		modelSHA: scorer.ModelSHA256(),
	}
	run.ctx, run.stop = signal.NotifyContext(context.Background(), stopSignals...)
	return run, nil
}

// mapItems reads paths with corpus.Walk on a goroutine of its own and
// returns fn of every article and failed input, in input order, computed
// on the run's workers. Warnings and skipped files go to stderr as they
// come; the first skip articles (read or failed) are passed over quietly,
// as already reported by the run being resumed. It starts the run's
// progress bar, sized by the paths when their sizes are known.
func mapItems[R any](run *pipeline, paths []string, opts corpus.Options, skip int, fn func(corpus.Item) R) <-chan R {
	run.bar = startProgress(run.stderr, run.progress, paths)
	run.bar.hook(&opts)
	items := make(chan corpus.Item, 64)
	go func() {
		defer close(items)
		passed := 0 // articles before the resume point, already reported
		_ = corpus.Walk(paths, opts, func(it corpus.Item) error {
			if passed < skip {
				if it.Skipped == "" {
					passed++
				}
				return run.ctx.Err()
			}
			if it.Warning != "" {
				fmt.Fprintf(run.stderr, "warning: %s: %s\n", quotePath(it.Where()), escapeControls(it.Warning))
			}
			if it.Skipped != "" {
				run.skipped.Add(int64(it.Count()))
				run.skips.note(it, run.stderr)
				return run.ctx.Err()
			}
			select {
			case items <- it:
				return nil
			case <-run.ctx.Done():
				return run.ctx.Err()
			}
		})
	}()
	return ordered.Map(run.ctx, items, run.workers, fn)
}

// tick counts one result on the progress bar.
func (run *pipeline) tick() { run.bar.tick() }

// finish clears the line of the progress bar for the summary.
func (run *pipeline) finish() { run.bar.finish() }

// interrupted reports whether a stop signal cut the run short.
func (run *pipeline) interrupted() bool { return run.ctx.Err() != nil }

// skippedSummary is the summary's count of inputs passed over, with the
// reasons of the records passed over inside files: "skipped 3 (blank
// line: 3)".
func (run *pipeline) skippedSummary() string {
	s := fmt.Sprintf("skipped %d", run.skipped.Load())
	if counts := run.skips.String(); counts != "" {
		s += " (" + counts + ")"
	}
	return s
}
