package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/ordered"
	"github.com/newsqual/newsqual/model"
	"github.com/newsqual/newsqual/sources"
)

type sourcesFlags struct {
	format        string
	explain       bool
	minArticles   int
	failOn        string
	input         string
	root          string
	priorSpam     float64
	priorClean    float64
	suspectWeight float64
	topSignals    int
	modelPath     string
	workers       int
	reader        readerFlags
	progress      string
	thresholds    *thresholdFlags
}

func newSourcesCommand() *cobra.Command {
	var f sourcesFlags
	defaults := sources.DefaultOptions()
	cmd := &cobra.Command{
		Use:   "sources [flags] PATH...",
		Short: "Rate the sites articles come from: which sources keep producing junk",
		Long: `Group articles by source and rate each source from its articles' scores,
worst first: article count, mean and median quality, share of spam and
suspect verdicts, the signals most often behind its flagged articles with an
example of each, and a smoothed rating with its 90% interval and a verdict.

PATH is what "newsqual score" reads (files, folders, JSONL, - for stdin),
scored on the fly, or the JSON Lines that "newsqual score --format jsonl"
wrote, read back without scoring again. With --input auto (the default), a
file named on the command line, or stdin, whose first record has a
"verdict" or "error" field and no "text" is read as scores; folders are
always read as articles.

An article's source is, by the first rule that gives one:
  1. the registrable domain of its "url" (www.example.co.uk and
     m.example.co.uk are both example.co.uk; IP addresses and hosts such as
     localhost stay as they are);
  2. its "source" (else "site") field;
  3. its folder: the first folder below the PATH it was found under
     (crawl/site-a/2024/x.html under crawl is site-a); for a file directly in
     PATH, or given as PATH, the name of its own folder; "-" for stdin.
A score record has no folder of its own: when its id is a file path, the
path is taken as found under --root (default: keyed by the id's own folder);
other records without url or source go under "(unknown)".

The rating is 100 × (1 − the estimated junk share of the source), where a
spam article counts 1 and a suspect one --suspect-weight. The estimate is
the mean of a Beta posterior: a Beta(--prior-spam, --prior-clean) prior,
uniform by default, updated with the source's clean, suspect and spam
articles. Unsupported (not English), empty and too short articles have no
quality and do not count; they are counted apart. So a
site with one spam article rates 33 with a wide interval, not 0, and never
tops a list that has real content farms; a site with sixty rates near 0.
The source verdict comes from the interval of the junk share: spam when even
its low end is at least 50%, clean when even its high end is at most 25%,
suspect when its low end is above 25%, otherwise uncertain (too few
articles to tell); unrated when no article was judged.

--spam-threshold and --suspect-threshold set the article verdicts as for
"newsqual score": an article is spam when its quality before rounding,
100 × (1 − spam_probability), is at or below the spam cut-off, suspect when
at or below the suspect one. With either flag, score records read back get
their verdicts again from their spam_probability (the flag left out keeps
the threshold of --model, or of the built-in model); without them their
verdicts are taken as written.

Exit status: 0 when all went well; 1 when --fail-on was given and a listed
source has that verdict; 2 when any input failed.`,
		Example: `  newsqual sources crawl/
  newsqual score --format jsonl crawl.jsonl > scores.jsonl
  newsqual sources --min-articles 5 --explain scores.jsonl
  newsqual sources --format csv --fail-on spam scores.jsonl > sources.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSources(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "", "output format: table, json, jsonl or csv (default table on a terminal, else jsonl)")
	fl.BoolVar(&f.explain, "explain", false, "list each source's counts and top signals with examples under its row in the table")
	fl.IntVar(&f.minArticles, "min-articles", 1, "list only sources with at least `N` articles")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when a listed source's verdict is spam, or with \"suspect\" suspect or spam")
	fl.StringVar(&f.input, "input", "auto", "what the paths hold: auto, articles (score them) or scores (newsqual score JSONL)")
	fl.StringVar(&f.root, "root", "", "folder `DIR` that the ids of score records were found under, for keying them by folder (see above)")
	fl.Float64Var(&f.priorSpam, "prior-spam", defaults.PriorSpam, "pseudo-count of junk articles in the Beta prior of every source")
	fl.Float64Var(&f.priorClean, "prior-clean", defaults.PriorClean, "pseudo-count of clean articles in the Beta prior of every source")
	fl.Float64Var(&f.suspectWeight, "suspect-weight", defaults.SuspectWeight, "how much of a spam article a suspect article counts for (0-1)")
	fl.IntVar(&f.topSignals, "top-signals", defaults.TopSignals, "signals listed per source")
	fl.StringVar(&f.modelPath, "model", "", "model file to score with (default: the model built into newsqual)")
	fl.IntVar(&f.workers, "workers", 0, "articles scored at once (default: one per CPU)")
	f.thresholds = registerThresholdFlags(cmd)
	f.reader.register(fl, true)
	fl.StringVar(&f.progress, "progress", "auto", "progress bar on stderr: auto (on a terminal), always or never")
	return cmd
}

// sourcesRun is the state of one run of the sources command.
type sourcesRun struct {
	f      sourcesFlags
	stderr io.Writer
	stdin  *bufio.Reader
	scorer *newsqual.Scorer
	// rethreshold, when set, gives score records read back their verdicts
	// again from their spam probability (--spam-threshold,
	// --suspect-threshold).
	rethreshold *model.Thresholds
	bar         *progress
	all         sources.Sources
	scored      int // articles scored on the fly
	read        int // results read from score output
	failed      int
	skipped     int
	// skips counts the records passed over inside files, by reason.
	skips skipCounts
}

func runSources(cmd *cobra.Command, paths []string, f sourcesFlags) error {
	stdout := cmd.OutOrStdout()
	format := f.format
	if format == "" {
		format = "jsonl"
		if isTerminal(stdout) {
			format = "table"
		}
	}
	write, ok := sourcesWriters[format]
	if !ok {
		return &exitError{2, fmt.Sprintf("unknown --format %q: want table, json, jsonl or csv", format)}
	}
	switch f.failOn {
	case "", sources.VerdictSpam, sources.VerdictSuspect:
	default:
		return &exitError{2, fmt.Sprintf("unknown --fail-on %q: want spam or suspect", f.failOn)}
	}
	if err := checkProgress(f.progress); err != nil {
		return &exitError{2, err.Error()}
	}
	err := checkLimits(append([]limit{
		workersLimit(f.workers),
		{name: "--min-articles", value: int64(f.minArticles), min: 0, max: math.MaxInt64},
	}, f.reader.limits(true)...)...)
	if err != nil {
		return &exitError{2, err.Error()}
	}
	opts := sources.DefaultOptions()
	opts.PriorSpam, opts.PriorClean, opts.SuspectWeight, opts.TopSignals = f.priorSpam, f.priorClean, f.suspectWeight, f.topSignals
	if err := opts.Validate(); err != nil {
		return &exitError{2, "rating: " + err.Error()}
	}
	if err := f.thresholds.check(); err != nil {
		return &exitError{2, err.Error()}
	}
	run := &sourcesRun{f: f, stderr: &lockedWriter{w: cmd.ErrOrStderr()}, stdin: bufio.NewReaderSize(cmd.InOrStdin(), 64<<10)}
	isScores, err := run.inputKinds(paths)
	if err != nil {
		return &exitError{2, err.Error()}
	}
	if slices.Contains(isScores, false) || f.thresholds.given() {
		// The thresholds flags need the model even for score records: a
		// flag left out keeps the model's threshold.
		if run.scorer, err = loadScorer(f.modelPath, newsqual.WithMaxWords(f.reader.maxWords)); err != nil {
			return &exitError{2, err.Error()}
		}
		if run.scorer, err = f.thresholds.scorer(run.scorer); err != nil {
			return &exitError{2, err.Error()}
		}
		if f.thresholds.given() {
			th := run.scorer.Thresholds()
			run.rethreshold = &th
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()
	run.bar = startProgress(run.stderr, f.progress, paths)
	for i, path := range paths {
		if ctx.Err() != nil {
			break
		}
		if isScores[i] {
			run.readScores(ctx, path)
		} else {
			run.scoreArticles(ctx, path)
		}
		run.bar.pathDone(i)
	}
	run.bar.finish()

	var listed []sources.Report
	for _, r := range run.all.Reports(opts) {
		if r.Articles >= f.minArticles {
			listed = append(listed, r)
		}
	}
	bw := newRecordBuffer(stdout) // one write, for appending runs
	if err := write(bw, listed, f.explain); err != nil {
		return &exitError{2, fmt.Sprintf("write output: %v", err)}
	}
	if err := bw.Flush(); err != nil {
		return &exitError{2, fmt.Sprintf("write output: %v", err)}
	}
	gated := 0
	for _, r := range listed {
		if f.failOn != "" && (r.Verdict == sources.VerdictSpam || f.failOn == sources.VerdictSuspect && r.Verdict == sources.VerdictSuspect) {
			gated++
		}
	}
	fmt.Fprintln(run.stderr, run.summary(len(listed), gated, ctx.Err() != nil))
	switch {
	case run.failed > 0 || ctx.Err() != nil:
		return &exitError{code: 2}
	case gated > 0:
		return &exitError{code: 1}
	}
	return nil
}

// summary is the line that ends a run on stderr.
func (run *sourcesRun) summary(listed, gated int, interrupted bool) string {
	s := fmt.Sprintf("newsqual: %d sources from %d articles (scored %d, read from scores %d), failed %d, skipped %d",
		run.all.Len(), run.scored+run.read, run.scored, run.read, run.failed, run.skipped)
	if counts := run.skips.String(); counts != "" {
		s += " (" + counts + ")"
	}
	if hidden := run.all.Len() - listed; hidden > 0 {
		s += fmt.Sprintf("; %d with fewer than %d articles not listed", hidden, run.f.minArticles)
	}
	if run.f.failOn != "" {
		s += fmt.Sprintf(", %d at the --fail-on gate", gated)
	}
	if interrupted {
		s += " (interrupted: the sources above cover the articles read before the interruption)"
	}
	return s
}

// inputKinds decides for each path whether it holds score output (true)
// or articles, by --input and, with auto, by the first record of each file
// named and of stdin.
func (run *sourcesRun) inputKinds(paths []string) ([]bool, error) {
	mode := run.f.input
	switch mode {
	case "auto", "articles", "scores":
	default:
		return nil, fmt.Errorf("unknown --input %q: want auto, articles or scores", mode)
	}
	isScores := make([]bool, len(paths))
	for i, path := range paths {
		if mode == "articles" {
			continue
		}
		if path == "-" {
			sample, _ := run.stdin.Peek(64 << 10)
			isScores[i] = mode == "scores" || sources.LooksLikeScores(sample)
			continue
		}
		info, err := os.Stat(path)
		switch {
		case err != nil:
			// Left to the reader, which reports it as a failed input.
		case info.IsDir():
			if mode == "scores" {
				return nil, fmt.Errorf("%s is a folder: --input scores reads files of score output, not folders", path)
			}
		case mode == "scores":
			isScores[i] = true
		case info.Mode().IsRegular():
			isScores[i] = fileLooksLikeScores(path)
		}
	}
	return isScores, nil
}

// fileLooksLikeScores reports whether a file (gzipped when its name ends
// in .gz) starts with a score record.
func fileLooksLikeScores(path string) bool {
	r, closeFn, err := openMaybeGzip(path)
	if err != nil {
		return false
	}
	defer closeFn()
	sample, _ := io.ReadAll(io.LimitReader(r, 64<<10))
	return sources.LooksLikeScores(sample)
}

// openMaybeGzip opens a file, through a gzip reader when its name ends in
// .gz; closeFn closes both.
func openMaybeGzip(path string) (r io.Reader, closeFn func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if !strings.EqualFold(filepath.Ext(path), ".gz") {
		return f, func() { f.Close() }, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	return zr, func() { zr.Close(); f.Close() }, nil
}

// readScores adds the results of a file (or stdin) of score output.
func (run *sourcesRun) readScores(ctx context.Context, path string) {
	name := path
	var r io.Reader = run.stdin
	if path == "-" {
		name = "stdin"
	} else {
		fr, closeFn, err := openMaybeGzip(path)
		if err != nil {
			run.fail(fmt.Sprintf("%s: %v", path, err))
			return
		}
		defer closeFn()
		r = fr
	}
	err := sources.ReadScores(r, run.f.reader.maxLineBytes, func(s sources.Scored) error {
		if s.Err == nil && run.rethreshold != nil {
			s.Result, s.Err = rethreshold(s.Result, *run.rethreshold)
		}
		if s.Err != nil {
			run.fail(fmt.Sprintf("%s: %v", corpus.Position(path, s.Line), s.Err))
		} else {
			key := sources.Key(s.Article, run.f.root, idPath(s.Article.ID))
			run.all.Add(key, s.Article, s.Result)
			run.read++
		}
		run.tick()
		return ctx.Err()
	})
	if err != nil && ctx.Err() == nil {
		run.fail(fmt.Sprintf("%s: %v", name, err))
	}
}

// rethreshold gives a judged result read back from score output its
// verdict at thresholds t, from its spam probability; a result that was
// not judged keeps its verdict. A judged result without a spam
// probability is an error: there is nothing to apply t to.
func rethreshold(r newsqual.Result, t model.Thresholds) (newsqual.Result, error) {
	switch r.Verdict {
	case newsqual.VerdictClean, newsqual.VerdictSuspect, newsqual.VerdictSpam:
	default:
		return r, nil
	}
	if r.SpamProbability == nil {
		return r, fmt.Errorf("%s: verdict %s without a spam_probability, which --spam-threshold and --suspect-threshold need", r.ID, r.Verdict)
	}
	r.Verdict = newsqual.Verdict(t.Verdict(*r.SpamProbability))
	return r, nil
}

// jsonlLineID matches the IDs the reader gives JSONL records without one:
// "PATH:LINE".
var jsonlLineID = regexp.MustCompile(`^(.+):[0-9]+$`)

// idPath returns the file path a score record's ID names, for keying by
// folder: "-" for stdin, the path of a file, or "" when the ID is no path.
func idPath(id string) string {
	if m := jsonlLineID.FindStringSubmatch(id); m != nil && !strings.Contains(id, "://") {
		id = m[1]
	}
	switch {
	case id == "stdin":
		return "-"
	case strings.Contains(id, "://") || !strings.ContainsRune(id, filepath.Separator):
		return ""
	}
	return id
}

// scoreArticles scores the articles of one path and adds them.
func (run *sourcesRun) scoreArticles(ctx context.Context, path string) {
	f := run.f
	opts := f.reader.options(run.stdin)
	run.bar.hook(&opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan corpus.Item, 64)
	skipped := make(chan int, 1)
	go func() {
		defer close(items)
		n := 0
		defer func() { skipped <- n }()
		_ = corpus.Walk([]string{path}, opts, func(it corpus.Item) error {
			if it.Warning != "" {
				fmt.Fprintf(run.stderr, "warning: %s: %s\n", quotePath(it.Where()), escapeControls(it.Warning))
			}
			if it.Skipped != "" {
				n += it.Count()
				run.skips.note(it, run.stderr)
				return ctx.Err()
			}
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	type keyed struct {
		rec record
		key string
	}
	score := func(it corpus.Item) keyed {
		return keyed{scoreItem(run.scorer, "", it, false), sources.Key(it.Article, path, it.Path)}
	}
	for k := range ordered.Map(ctx, items, f.workers, score) {
		if k.rec.failed() {
			run.fail(k.rec.err)
		} else {
			run.all.Add(k.key, k.rec.article, k.rec.result)
			run.scored++
		}
		run.tick()
	}
	cancel()
	run.skipped += <-skipped
}

func (run *sourcesRun) fail(msg string) {
	run.failed++
	fmt.Fprintf(run.stderr, "error: %s\n", escapeControls(msg))
}

func (run *sourcesRun) tick() {
	run.bar.tick()
}

// lockedWriter lets the reading goroutine and the main one write
// messages to stderr at the same time.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
