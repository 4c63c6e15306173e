package main

import (
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual/training"
)

type evalFlags struct {
	modelPath      string
	report         string
	folds          int
	seed           int64
	debris         []string
	peers          bool
	augment        bool
	workers        int
	worst          int
	groupBy        string
	html           bool
	followSymlinks bool
	progress       string
}

func newEvalCommand() *cobra.Command {
	var f evalFlags
	cmd := &cobra.Command{
		Use:   "eval [flags] DATA...",
		Short: "Measure a model on labelled data and write a report (metrics, charts, worst errors)",
		Long: `Measure how well newsqual separates clean news from spam on labelled data
(JSONL records with "label": "clean" or "spam", or clean/ and spam/ folders),
and write a report folder:

  metrics.json     every number: accuracy, precision, recall and F1 at each
                   verdict threshold, ROC AUC, average precision, Brier score,
                   log loss, calibration error, confusion matrix, the
                   thresholds for 1% and 5% false positives (with bootstrap
                   95% intervals on AUROC and their recall), by kind and by
                   source, the build and model provenance, and which data
                   files the model was trained on (training_overlap); the
                   same data, model, seed and build give the same bytes
  throughput.json  scoring speed measured in this run (newsqual and peers)
  report.html      one self-contained page: SVG charts (baselines and peers
                   overlaid, ROC on a log false positive scale), tables,
                   the worst errors with the lines their reasons fired on,
                   and a warning when the data was used to train the model
  report.md        the headline and per-kind tables, for a pull request
  predictions.jsonl one line per article: labels, group, probability, verdict

Without --folds, the model (--model, or the built-in one) scores the data.
With --folds K, models are trained out of fold on the data itself, as
"newsqual train" does (with the same augmentation and seed). Each fold holds
out whole groups (--group-by: whole sites, generators, rewrite groups or
sources), and its articles are judged by the model fitted without it, at
verdict thresholds chosen on the other folds only, so that every figure at a
threshold is one the model could have given on unseen outlets or
generators. The report gives the shares called spam per held-out group,
generator and task, measures the model's parts alone and, with --peers,
bogofilter and golearn's Bernoulli naive Bayes on the same folds.`,
		Example: `  newsqual eval --report reports/default ../shared/corpus/*.jsonl
  newsqual eval --folds 5 --group-by site,group --report reports/sites ../shared/corpus/*.jsonl
  newsqual eval --folds 5 --group-by model --report reports/generators ../shared/corpus/*.jsonl
  newsqual eval --folds 5 --peers --report reports/cv ../shared/corpus/*.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runEval(cmd, args, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.modelPath, "model", "", "model file to evaluate (default: the built-in model); not with --folds")
	fl.StringVar(&f.report, "report", "report", "folder to write the report to")
	fl.IntVar(&f.folds, "folds", 0, "cross-validate training with this many folds instead of scoring with a model")
	fl.Int64Var(&f.seed, "seed", 1, "seed of augmentation and folds, with --folds")
	fl.StringSliceVar(&f.debris, "debris", nil, "JSONL pages whose boilerplate lines feed augmentation, with --folds")
	fl.BoolVar(&f.peers, "peers", false, "also measure bogofilter and golearn on the same folds, with --folds")
	fl.BoolVar(&f.augment, "augment", true, "with --folds, add the synthetic examples training adds (false: the original articles alone)")
	fl.IntVar(&f.workers, "workers", 0, "goroutines scoring (default: one per CPU)")
	fl.IntVar(&f.worst, "worst", 10, "false positives and false negatives to quote")
	fl.StringVar(&f.groupBy, "group-by", training.DefaultGroupBy.String(), "with --folds, "+groupByUsage)
	registerPreferHTML(fl, &f.html)
	registerFollowSymlinks(fl, &f.followSymlinks)
	fl.StringVar(&f.progress, "progress", "auto", progressUsage)
	return cmd
}

func runEval(cmd *cobra.Command, paths []string, f evalFlags) error {
	if f.folds > 0 && f.modelPath != "" {
		return &exitError{2, "--model and --folds exclude each other: --folds trains its own models"}
	}
	if err := checkLimits(workersLimit(f.workers), limit{name: "--worst", value: int64(f.worst), min: 0, max: math.MaxInt32}); err != nil {
		return &exitError{2, err.Error()}
	}
	if f.folds == 1 || f.folds < 0 {
		return &exitError{2, fmt.Sprintf("--folds %d: want at least 2", f.folds)}
	}
	if f.folds == 0 && (f.peers || len(f.debris) > 0 || cmd.Flags().Changed("group-by")) {
		return &exitError{2, "--peers, --debris and --group-by need --folds"}
	}
	groupBy, err := training.ParseGroupBy(f.groupBy)
	if err != nil {
		return &exitError{2, "--group-by: " + err.Error()}
	}
	if err := checkProgress(f.progress); err != nil {
		return &exitError{2, err.Error()}
	}
	return runEvalReport(cmd, paths, f, groupBy)
}
