package main

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/training"
)

type trainFlags struct {
	out            string
	folds          int
	seed           int64
	debris         []string
	date           string
	revision       string
	augment        bool
	workers        int
	html           bool
	followSymlinks bool
	groupBy        string
	progress       string
}

func newTrainCommand() *cobra.Command {
	f := trainFlags{}
	cmd := &cobra.Command{
		Use:   "train [flags] DATA...",
		Short: "Train a model on labelled articles and print its cross-validated metrics",
		Long: `Train a model on labelled data and write it as one JSON file.

DATA are JSONL files whose records carry "label": "clean" or "spam"
(records labelled "page" are passed over), or folders holding clean/ and
spam/ sub-folders of articles.

Cross-validation holds out whole groups (--group-by): by default whole
sites ("site"), else whole groups of an original and its rewrites
("group"), else whole sources, so that the thresholds are chosen on
predictions for outlets the model had not seen.

Training adds synthetic examples (seeded): clean articles with injected ads,
stuffed keywords or shop templates (spam), with ordinary page debris
(clean), and spam articles with content-farm debris. --debris names JSONL
files of whole pages ("label": "page", "line_is_body" per line) whose
boilerplate lines join the pool of ordinary debris.

The text model is a logistic regression over the words (without names and
numbers) and the style n-grams of the text, scaled by their naive Bayes
log-count ratios; the final model is a logistic regression over the signals
and the text model's score, with the L2 penalty and the verdict thresholds
(1% and 5% of clean articles flagged) chosen on held-out folds. The same
data, flags and seed give the same file, byte for byte.`,
		Example: `  newsqual train --out model.json --debris ../shared/corpus/pages-with-boilerplate.jsonl ../shared/corpus/*.jsonl
  newsqual train --folds 10 --seed 7 data/clean data/spam`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runTrain(cmd, args, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "model.json", "where to write the model")
	fl.IntVar(&f.folds, "folds", 5, "cross-validation folds")
	fl.Int64Var(&f.seed, "seed", 1, "seed of augmentation and fold assignment")
	fl.StringSliceVar(&f.debris, "debris", nil, "JSONL pages whose boilerplate lines feed the ordinary-debris pool")
	fl.StringVar(&f.date, "date", "", "date to record in the model's training metadata")
	fl.StringVar(&f.revision, "revision", "", "code revision to record in the model's training metadata")
	fl.BoolVar(&f.augment, "augment", true, "add synthetic examples of injected spam patterns")
	fl.IntVar(&f.workers, "workers", 0, "goroutines extracting signals (default: one per CPU)")
	registerPreferHTML(fl, &f.html)
	registerFollowSymlinks(fl, &f.followSymlinks)
	fl.StringVar(&f.groupBy, "group-by", training.DefaultGroupBy.String(), groupByUsage)
	fl.StringVar(&f.progress, "progress", "auto", progressUsage)
	return cmd
}

// groupByUsage explains --group-by to train and eval.
const groupByUsage = `fields whose values are held out together in cross-validation, the first an article has deciding: site, source, model (the generator's family), group, id (comma-separated); articles with none of them fall back to their source`

func runTrain(cmd *cobra.Command, paths []string, f trainFlags) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := checkLimits(workersLimit(f.workers), limit{name: "--folds", value: int64(f.folds), min: 2, max: 1000}); err != nil {
		return &exitError{2, err.Error()}
	}
	if err := checkProgress(f.progress); err != nil {
		return &exitError{2, err.Error()}
	}
	examples, err := loadExamples(paths, corpus.Options{PreferHTML: f.html, FollowSymlinks: f.followSymlinks}, stderr, f.progress)
	if err != nil {
		return &exitError{2, err.Error()}
	}
	opts := training.DefaultOptions()
	opts.Folds, opts.Seed, opts.Augment, opts.Workers = f.folds, f.seed, f.augment, f.workers
	groupBy, err := training.ParseGroupBy(f.groupBy)
	if err != nil {
		return &exitError{2, "--group-by: " + err.Error()}
	}
	opts.GroupBy = groupBy
	opts.Log = stderr
	bar := newSteps(stderr, f.progress, "extracting")
	opts.Progress = bar.set
	for _, path := range f.debris {
		lines, err := training.PageDebris(path)
		if err != nil {
			return &exitError{2, err.Error()}
		}
		fmt.Fprintf(stderr, "debris: %d boilerplate lines from %s\n", len(lines), quotePath(path))
		opts.Pools.Benign = append(opts.Pools.Benign, lines...)
	}
	res, err := training.Train(examples, opts)
	bar.finish()
	if err != nil {
		return &exitError{2, err.Error()}
	}
	res.Model.Training.Date = f.date
	res.Model.Training.Revision = f.revision
	var buf bytes.Buffer
	if err := res.Model.Write(&buf); err != nil {
		return &exitError{2, err.Error()}
	}
	if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
		return &exitError{2, err.Error()}
	}
	printTrainReport(stdout, res)
	fmt.Fprintf(stdout, "model written to %s (%d bytes)\n", f.out, buf.Len())
	return nil
}

// loadExamples reads labelled articles with the reader options opts; any
// unreadable or mislabelled record stops training, since a model must not
// silently lose data.
func loadExamples(paths []string, opts corpus.Options, stderr io.Writer, progress string) ([]training.Example, error) {
	var examples []training.Example
	bar := newCounter(stderr, progress, "reading")
	defer bar.finish()
	var failed int
	var first error
	skipped := map[string]int{}
	err := corpus.WalkLabelled(paths, opts, func(it corpus.Item) error {
		switch {
		case it.Err != nil:
			failed++
			if first == nil {
				first = it.Err
			}
			if failed <= 20 {
				fmt.Fprintln(stderr, "error:", escapeControls(it.Err.Error()))
			}
		case it.Skipped != "":
			skipped[it.Skipped] += it.Count()
		default:
			examples = append(examples, training.Example{
				Article: it.Article,
				Spam:    it.Article.Label == corpus.LabelSpam,
				File:    filepath.ToSlash(it.Path),
			})
			bar.add()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, reason := range slices.Sorted(maps.Keys(skipped)) {
		fmt.Fprintf(stderr, "skipped %d records: %s\n", skipped[reason], escapeControls(reason))
	}
	if failed > 0 {
		return nil, fmt.Errorf("%d records could not be used, the first: %v", failed, first)
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("no labelled articles in %s", strings.Join(paths, " "))
	}
	return examples, nil
}

func printTrainReport(w io.Writer, res *training.Result) {
	m := res.Model
	cv := m.Training.CrossValidated
	var originals, synthetic int
	for _, e := range res.Examples {
		if e.Augmented == "" {
			originals++
		} else {
			synthetic++
		}
	}
	fmt.Fprintf(w, "trained on %d articles (%d synthetic), %d-fold group-aware cross-validation, lambda %g\n",
		originals+synthetic, synthetic, m.Training.Folds, m.Training.Lambda)
	fmt.Fprintf(w, "cross-validated: AUROC %.4f  precision %.4f  recall %.4f  F1 %.4f  clean flagged %.2f%%  log loss %.4f  Brier %.4f\n",
		cv.AUROC, cv.Precision, cv.Recall, cv.F1, 100*cv.CleanFlagged, cv.LogLoss, cv.Brier)
	fmt.Fprintf(w, "thresholds: suspect %.4f  spam %.4f\n", m.Thresholds.Suspect, m.Thresholds.Spam)

	// The same measures on the original articles alone and per kind of
	// example, so that synthetic data does not flatter the numbers.
	groups := map[string][]int{}
	var order []string
	for i, e := range res.Examples {
		key := e.Article.Kind
		if key == "" {
			key = map[bool]string{true: "spam", false: "clean"}[e.Spam]
		}
		if e.Augmented != "" {
			key = "synthetic " + e.Augmented
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], i)
	}
	fmt.Fprintf(w, "%-34s %7s %9s %9s\n", "out of fold, by kind", "count", "mean p", "flagged")
	for _, key := range order {
		idx := groups[key]
		sum, flagged := 0.0, 0
		for _, i := range idx {
			sum += res.OutOfFold[i]
			if res.OutOfFold[i] >= m.Thresholds.Spam {
				flagged++
			}
		}
		fmt.Fprintf(w, "%-34s %7d %9.3f %8.1f%%\n", key, len(idx), sum/float64(len(idx)), 100*float64(flagged)/float64(len(idx)))
	}
	o := m.Training.CrossValidatedOriginals
	fmt.Fprintf(w, "originals only: AUROC %.4f  precision %.4f  recall %.4f  F1 %.4f  clean flagged %.2f%%\n",
		o.AUROC, o.Precision, o.Recall, o.F1, 100*o.CleanFlagged)
	fmt.Fprintln(w, "reliability (out of fold): predicted → observed spam share")
	for _, b := range m.Training.Reliability {
		if b.Count > 0 {
			fmt.Fprintf(w, "  [%.1f, %.1f)  %5d  %.3f → %.3f\n", b.Low, b.High, b.Count, b.Predicted, b.Observed)
		}
	}
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a failed run never leaves half a model.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".newsqual-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
