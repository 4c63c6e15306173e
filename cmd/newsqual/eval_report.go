//go:build eval

package main

import (
	"context"
	"fmt"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/eval"
	"github.com/newsqual/newsqual/training"
)

// evalLinked reports whether this binary holds the evaluation (built with
// -tags eval).
const evalLinked = true

// runEvalReport reads the labelled data, evaluates and writes the report,
// once runEval has checked the flags.
func runEvalReport(cmd *cobra.Command, paths []string, f evalFlags, groupBy training.GroupBy) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	examples, err := loadExamples(paths, corpus.Options{PreferHTML: f.html, FollowSymlinks: f.followSymlinks}, stderr, f.progress)
	if err != nil {
		return &exitError{2, err.Error()}
	}
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()
	scoring := newSteps(stderr, f.progress, "scoring")
	defer scoring.finish()
	opts := eval.Options{Workers: f.workers, WorstErrors: f.worst, Peers: f.peers, Log: stderr, Progress: scoring.step}
	var report *eval.Report
	if f.folds > 0 {
		topts := training.DefaultOptions()
		topts.Folds, topts.Seed, topts.Workers, topts.Log = f.folds, f.seed, f.workers, stderr
		topts.Augment = f.augment
		topts.GroupBy = groupBy
		extracting := newSteps(stderr, f.progress, "extracting")
		defer extracting.finish()
		topts.Progress = extracting.set
		for _, path := range f.debris {
			lines, err := training.PageDebris(path)
			if err != nil {
				return &exitError{2, err.Error()}
			}
			topts.Pools.Benign = append(topts.Pools.Benign, lines...)
		}
		report, err = eval.CrossValidate(ctx, examples, paths, topts, opts)
	} else {
		scorer, lerr := loadScorer(f.modelPath)
		if lerr != nil {
			return &exitError{2, lerr.Error()}
		}
		name := f.modelPath
		if name == "" {
			name = "built-in model"
		}
		articles := make([]corpus.Article, len(examples))
		opts.Files = make([]string, len(examples))
		for i, e := range examples {
			articles[i], opts.Files[i] = e.Article, e.File
		}
		report, err = eval.EvaluateModel(ctx, scorer, name, articles, paths, opts)
	}
	scoring.finish()
	if err != nil {
		return &exitError{2, err.Error()}
	}
	if err := eval.Write(f.report, report); err != nil {
		return &exitError{2, err.Error()}
	}
	eval.Summary(stdout, report)
	fmt.Fprintf(stdout, "report written to %s/ (%s, %s, %s, %s, %s)\n", f.report, eval.MetricsFile, eval.HTMLFile, eval.MarkdownFile, eval.ThroughputFile, eval.PredictionsFile)
	return nil
}
