package main

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

// outputWriter renders records in one format.
type outputWriter interface {
	Write(record) error
	Close() error
}

type scoreFlags struct {
	pipelineFlags
	format     string
	explain    bool
	withText   bool
	minQuality int
	failOn     string
	skip       int
}

func newScoreCommand() *cobra.Command {
	var f scoreFlags
	cmd := &cobra.Command{
		Use:   "score [flags] PATH...",
		Short: "Score articles: files, folders (recursive), JSONL, or - for stdin",
		Long: `Score every article found in the given paths and print one result per article,
in input order.

PATH is a file (.txt, .md, .html/.htm, .jsonl/.ndjson, .warc/.warc.gz; any
of them may be gzipped), a folder (read recursively, in name order), or - for
standard input (plain text unless it starts with "{", then JSONL, or "WARC/",
then WARC). A JSONL record has "text" or "html" (read first with
--prefer-html) and may have "id", "title", "url", "source". In a WARC file every HTML response record is an article,
its id the WARC-Record-ID and its url the WARC-Target-URI.

Every input is accounted for: an article that cannot be read is reported
with its error in the output and on stderr, files passed over in folders are
listed on stderr, records passed over inside files (WARC requests, images,
redirects, blank lines) are counted by reason in the summary line that ends
the run.

Some articles get no score, and their quality and spam_probability are
null (an empty cell in csv, "-" in the table): the verdicts empty (no
words), too_short (fewer than ` + strconv.Itoa(newsqual.MinWords) + ` words) and unsupported (not in
English). Neither --min-quality nor --fail-on trips on them.

A json or jsonl record follows schema/result.schema.json (schema_version
` + wire.SchemaVersion + `): id, url, source, quality, spam_probability, verdict, language
(ISO 639-3, "und" when undetermined), truncated, model_sha256 (the first
` + strconv.Itoa(wire.ShortSHALen) + ` hex digits of the model file's SHA-256) and reasons, the strongest
` + strconv.Itoa(newsqual.DefaultMaxReasons) + ` with their evidence (every one with --explain). An input that
failed has schema_version, id and error only: it keeps its own id when
that could be read, and its error names its place as FILE:LINE. csv has
the columns id, quality, spam_probability, verdict, reasons, error, url,
source, language, truncated, top_reason and model_sha256, then
all_reasons with --explain (evidence is left to json and jsonl).

html is one page for a person to read: the articles worst first, each with
its verdict, quality and reasons and its text with every evidence span
highlighted in its signal's colour (the reason on hover or Tab focus); it
runs no script and loads nothing. The page is written once every article
is scored, so it holds them all in memory: give it a sample, not a crawl.
Every evidence item in json and jsonl has "spans", the byte offsets of its
occurrences in the article's text as read; --with-text adds that text, for
HTML input the text read from the page, as "text".

The verdict of a scored article is spam when its quality before rounding,
100 × (1 − spam_probability), is at or below --spam-threshold, suspect when
it is at or below --suspect-threshold, else clean. Without them the model's
own thresholds apply; --fail-on follows the verdicts they give, while
--min-quality looks at the quality alone.

Exit status: 0 when all went well; 1 when --min-quality or --fail-on was
given and an article fell below it; 2 when any input failed.`,
		Example: `  newsqual score testdata/articles
  newsqual score --format jsonl --explain crawl.jsonl > scores.jsonl
  newsqual score --format html incoming/ > review.html
  cat page.html | newsqual score --format json -
  newsqual score --fail-on spam --format csv incoming/
  newsqual score --spam-threshold 40 --suspect-threshold 70 --fail-on suspect incoming/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScore(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "", "output format: table, json, jsonl, csv or html (default table on a terminal, else jsonl)")
	fl.BoolVar(&f.withText, "with-text", false, "add each article's text, as it was scored, to the json and jsonl records as \"text\": the text the evidence spans point into (for HTML input, the text extracted from the page)")
	fl.BoolVar(&f.explain, "explain", false, "every reason, not the strongest "+strconv.Itoa(newsqual.DefaultMaxReasons)+": listed with its evidence under each article in the table, in full in json and jsonl, and in an all_reasons column (\"signal: message; ...\") in csv")
	f.pipelineFlags.register(fl)
	fl.IntVar(&f.minQuality, "min-quality", -1, "exit 1 when any article's quality is below `N` (0-100); articles without a quality never trip it")
	fl.StringVar(&f.failOn, "fail-on", "", "exit 1 when any article's verdict is spam, or with \"suspect\" suspect or worse")
	f.thresholds = registerThresholdFlags(cmd)
	fl.IntVar(&f.skip, "skip", 0, "pass over the first `N` articles (scored or failed) to resume an interrupted run; its summary gives N")
	return cmd
}

func runScore(cmd *cobra.Command, paths []string, f scoreFlags) error {
	stdout := cmd.OutOrStdout()
	format := f.format
	if format == "" {
		format = "jsonl"
		if isTerminal(stdout) {
			format = "table"
		}
	}
	bw := newRecordBuffer(stdout) // whole records per write, for appending runs
	var out outputWriter
	switch format {
	case "table":
		out = newTableWriter(bw, f.explain).fit(tableWidth(stdout))
	case "json":
		out = newJSONWriter(bw)
	case "jsonl":
		out = newJSONLWriter(bw)
	case "csv":
		out = newCSVWriter(bw, f.explain)
	case "html":
		out = newHTMLWriter(bw)
	default:
		return &exitError{2, fmt.Sprintf("unknown --format %q: want table, json, jsonl, csv or html", format)}
	}
	if f.withText && (format == "table" || format == "csv") {
		return &exitError{2, fmt.Sprintf("--with-text needs --format json or jsonl (html shows the text anyway), not %s", format)}
	}
	keepText := f.withText || format == "html"
	switch newsqual.Verdict(f.failOn) {
	case "", newsqual.VerdictSpam, newsqual.VerdictSuspect:
	default:
		return &exitError{2, fmt.Sprintf("unknown --fail-on %q: want spam or suspect", f.failOn)}
	}
	limits := []limit{skipLimit(f.skip)}
	if cmd.Flags().Changed("min-quality") {
		limits = append(limits, limit{name: "--min-quality", value: int64(f.minQuality), min: 0, max: 100})
	}
	run, err := newPipeline(cmd, f.pipelineFlags, limits...)
	if err != nil {
		return err
	}
	defer run.stop()
	stderr := run.stderr

	if f.explain {
		// Every reason: a scorer of the run's own, derived from the
		// pipeline's, which is left as it is.
		if run.scorer, err = run.scorer.With(newsqual.WithMaxReasons(0)); err != nil {
			return &exitError{2, err.Error()}
		}
	}
	opts := f.reader.options(cmd.InOrStdin())
	var scored, failed, below int
	for r := range mapItems(run, paths, opts, f.skip, func(it corpus.Item) record {
		rec := scoreItem(run.scorer, run.modelSHA, it, keepText)
		rec.withText = f.withText
		return rec
	}) {
		if err := out.Write(r); err != nil {
			return &exitError{2, fmt.Sprintf("write output: %v", err)}
		}
		if err := bw.EndRecord(); err != nil {
			return &exitError{2, fmt.Sprintf("write output: %v", err)}
		}
		if r.failed() {
			failed++
			fmt.Fprintf(stderr, "error: %s\n", escapeControls(r.err))
		} else {
			scored++
			if failsGate(r.result, f) {
				below++
			}
		}
		run.tick()
	}
	run.finish()
	if err := out.Close(); err != nil {
		return &exitError{2, fmt.Sprintf("write output: %v", err)}
	}
	if err := bw.Flush(); err != nil {
		return &exitError{2, fmt.Sprintf("write output: %v", err)}
	}
	summary := fmt.Sprintf("newsqual: scored %d, failed %d, %s", scored, failed, run.skippedSummary())
	if f.skip > 0 {
		summary += fmt.Sprintf(", resumed after %d", f.skip)
	}
	if f.minQuality >= 0 || f.failOn != "" {
		summary += fmt.Sprintf(", below the gate %d", below)
	}
	if run.interrupted() {
		summary += fmt.Sprintf(" (interrupted: the results above are complete up to the last one printed; run again with --skip %d to go on)", f.skip+scored+failed)
	}
	fmt.Fprintln(stderr, summary)
	switch {
	case failed > 0 || run.interrupted():
		return &exitError{code: 2}
	case below > 0:
		return &exitError{code: 1}
	}
	return nil
}

// failsGate reports whether a result falls below --min-quality or --fail-on.
// An article without a score (empty, too short, not English) has no quality
// to fall below and no spam or suspect verdict, so it passes both gates.
func failsGate(r newsqual.Result, f scoreFlags) bool {
	if f.minQuality >= 0 && r.Judged() && *r.Quality < f.minQuality {
		return true
	}
	switch newsqual.Verdict(f.failOn) {
	case newsqual.VerdictSpam:
		return r.Verdict == newsqual.VerdictSpam
	case newsqual.VerdictSuspect:
		return r.Verdict == newsqual.VerdictSpam || r.Verdict == newsqual.VerdictSuspect
	}
	return false
}

// loadScorer returns a scorer of the model file at path, or of the
// built-in model when path is "", with the settings of opts. The built-in
// one is derived from newsqual.Default, sharing its model; Default itself
// is never changed.
func loadScorer(path string, opts ...newsqual.Option) (*newsqual.Scorer, error) {
	if path == "" {
		return newsqual.Default().With(opts...)
	}
	return newsqual.Load(path, opts...)
}

func isTerminal(w io.Writer) bool {
	if l, ok := w.(*lockedWriter); ok {
		w = l.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// checkProgress refuses a --progress value other than auto, always and
// never.
func checkProgress(mode string) error {
	switch mode {
	case "auto", "always", "never":
		return nil
	}
	return fmt.Errorf("unknown --progress %q: want auto, always or never", mode)
}
