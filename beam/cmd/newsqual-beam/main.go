// Command newsqual-beam scores news articles with newsqual on Apache Beam:
// locally with the prism or direct runner, or on Dataflow, Flink or Spark.
//
//	newsqual-beam --input 'crawl/*.jsonl.gz' --output scores.jsonl
//
// Run "newsqual-beam --help" for the flags and the runner command lines.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// The filesystems of the paths the pipeline reads and writes: local
	// files and gs:// (beamx registers both; named here so that it stays
	// so). Add .../io/filesystem/s3 for s3:// paths.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"

	"github.com/newsqual/newsqual/beam/pipeline"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/sources"
)

// patterns is a flag that may be given several times, each time with one
// pattern or several separated by commas.
type patterns []string

func (p *patterns) String() string { return strings.Join(*p, ",") }

func (p *patterns) Set(v string) error {
	for part := range strings.SplitSeq(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*p = append(*p, part)
		}
	}
	return nil
}

// ownFlags are the flags of this command, listed first in the help; the
// others come from Beam.
var ownFlags = []string{
	"input", "output", "shards", "sources_output", "model",
	"max_bytes", "max_line_bytes", "max_html_bytes", "max_html_depth", "max_words", "whole_page",
	"prior_spam", "prior_clean", "suspect_weight", "top_signals", "log_level",
}

// runnerFlags are Beam's flags that the runner command lines use.
var runnerFlags = []string{
	"runner", "endpoint", "environment_type", "environment_config", "job_name",
	"project", "region", "temp_location", "staging_location", "num_workers", "max_num_workers", "worker_machine_type",
}

const usageHead = `Usage: newsqual-beam --input PATTERN --output FILE [flags]

Score news articles with newsqual in an Apache Beam pipeline. Every input
(a file, or a line of a JSONL file) gets exactly the JSON line that
"newsqual score --format jsonl" prints for it, so results from the
pipeline and from the command line can be mixed.

Inputs are read like "newsqual score" reads them: JSONL (one article per
line, "text" or "html", optional "id", "title", "url", "source"), text and
HTML files, gzipped or not. Each file is read by one worker; the articles
are then spread over all workers for scoring. An input that cannot be read
gets an {"id","error"} line, as on the command line.

Output: the results, sorted by file and line, in --output, or in --shards
files named like scores-00003-of-00016.jsonl ("*.gz" names are written
gzip-compressed); with --sources_output, one JSON line per source (site).

Exit status: 0 when all went well; 2 on a usage error, when the pipeline
failed, or when any input could not be read.

Examples:
  # locally, in this process, with prism (the default runner)
  newsqual-beam --input 'crawl/*.jsonl.gz' --output out/scores.jsonl \
      --sources_output out/sources.jsonl

  # the in-process direct runner (one thread; for tests)
  newsqual-beam --runner direct --input a.jsonl --input b.jsonl --output scores.jsonl

  # Google Cloud Dataflow
  newsqual-beam --runner dataflow --project my-project --region europe-west1 \
      --temp_location gs://my-bucket/tmp --staging_location gs://my-bucket/staging \
      --input 'gs://my-bucket/crawl/*.jsonl.gz' --output gs://my-bucket/scores/scores.jsonl \
      --shards 256 --sources_output gs://my-bucket/scores/sources.jsonl

  # Flink or Spark, through their Beam job servers
  newsqual-beam --runner flink --endpoint localhost:8099 --environment_type LOOPBACK ...
  newsqual-beam --runner spark --endpoint localhost:8099 --environment_type LOOPBACK ...

Flags:
`

// config holds the command's own flags.
type config struct {
	opts   pipeline.Options
	inputs patterns
}

// newConfig registers the command's own flags on flags.
func newConfig(flags *flag.FlagSet) *config {
	c := &config{}
	o := &c.opts
	flags.Var(&c.inputs, "input", "file `pattern` to score (local path or glob, gs://...); repeat it or separate patterns with commas")
	flags.StringVar(&o.Output, "output", "", "`file` for the JSONL results (with --shards, the name the shard numbers go into)")
	flags.IntVar(&o.Shards, "shards", 1, "number of result files; each is sorted in one worker's memory, so keep each under about 1 GB")
	flags.StringVar(&o.SourcesOutput, "sources_output", "", "`file` for the per-source report, one JSON line per source, worst first (default: none)")
	flags.StringVar(&o.Model, "model", "", "model `file` to score with, on any filesystem (default: the model built into newsqual)")
	flags.IntVar(&o.MaxBytes, "max_bytes", corpus.DefaultMaxBytes, "bytes of text read per article; the rest is cut and the result says so")
	flags.IntVar(&o.MaxLineBytes, "max_line_bytes", corpus.DefaultMaxLineBytes, "bytes of one JSONL line; a longer line is reported as an error")
	flags.IntVar(&o.MaxHTMLBytes, "max_html_bytes", corpus.DefaultMaxHTMLBytes, "bytes of markup read from one HTML input")
	flags.IntVar(&o.MaxHTMLDepth, "max_html_depth", corpus.DefaultMaxHTMLDepth, "element nesting of HTML built as a tree (at most 512)")
	flags.IntVar(&o.MaxWords, "max_words", features.DefaultMaxWords, "words of one article the signals consider")
	flags.BoolVar(&o.WholePage, "whole_page", false, "score the visible text of whole HTML pages, not just the article readability finds")
	rating := sources.DefaultOptions()
	o.SourceRating = rating
	flags.Float64Var(&o.SourceRating.PriorSpam, "prior_spam", rating.PriorSpam, "pseudo-count of junk articles in the Beta prior of every source")
	flags.Float64Var(&o.SourceRating.PriorClean, "prior_clean", rating.PriorClean, "pseudo-count of clean articles in the Beta prior of every source")
	flags.Float64Var(&o.SourceRating.SuspectWeight, "suspect_weight", rating.SuspectWeight, "how much of a spam article a suspect article counts for (0-1)")
	flags.IntVar(&o.SourceRating.TopSignals, "top_signals", rating.TopSignals, "signals listed per source")
	flags.StringVar(&beamlog.LogLevel, "log_level", "warn", "what Beam and the pipeline log: debug, info (each skipped input, each runner step), warn (inputs that failed or were cut) or error")
	flags.Usage = func() { usage(flags.Output(), flags) }
	return c
}

func main() {
	c := newConfig(flag.CommandLine)
	flag.CommandLine.Init(os.Args[0], flag.ContinueOnError)
	os.Exit(run(flag.CommandLine, c, os.Args[1:], os.Stderr))
}

// run parses args, runs the pipeline and returns the exit status.
func run(flags *flag.FlagSet, c *config, args []string, stderr io.Writer) int {
	flags.SetOutput(stderr)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // the flag package has printed the error and the usage
	}
	beam.Init() // On a worker, this runs the worker and does not return.

	fail := func(msg string) int {
		fmt.Fprintln(stderr, "newsqual-beam:", msg)
		return 2
	}
	if flags.NArg() > 0 {
		return fail(fmt.Sprintf("unexpected argument %q: give inputs with --input", flags.Arg(0)))
	}
	o := c.opts
	o.Inputs = c.inputs
	ctx := context.Background()
	if err := checkInputs(ctx, o.Inputs); err != nil {
		return fail(err.Error())
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, o); err != nil {
		return fail(err.Error())
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return fail("pipeline failed: " + err.Error())
	}
	return report(stderr, res, o)
}

// usage prints the help: what the command does, its flags, and the Beam
// flags that the runner command lines use.
func usage(w io.Writer, flags *flag.FlagSet) {
	fmt.Fprint(w, usageHead)
	printFlags(w, flags, ownFlags)
	fmt.Fprint(w, "\nBeam flags used by the runner command lines (Beam accepts more):\n")
	printFlags(w, flags, runnerFlags)
}

// printFlags prints the named flags the way flag.PrintDefaults does.
func printFlags(w io.Writer, flags *flag.FlagSet, names []string) {
	for _, name := range names {
		f := flags.Lookup(name)
		if f == nil {
			continue
		}
		kind, help := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		help = strings.ReplaceAll(help, "\n", "\n    \t")
		line += "\n    \t" + help
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			line += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	}
}

// checkInputs fails early, before a pipeline starts, when an input
// pattern matches no file.
func checkInputs(ctx context.Context, inputs []string) error {
	if len(inputs) == 0 {
		return errors.New("no --input: give at least one file pattern (see --help)")
	}
	for _, in := range inputs {
		fs, err := filesystem.New(ctx, in)
		if err != nil {
			return fmt.Errorf("--input %s: %w", in, err)
		}
		matches, err := fs.List(ctx, in)
		fs.Close()
		if err != nil {
			return fmt.Errorf("--input %s: %w", in, err)
		}
		if len(matches) == 0 {
			return fmt.Errorf("--input %s: no file matches", in)
		}
	}
	return nil
}

// report prints the run's summary from the pipeline's counters and
// returns the exit status: 2 when an input could not be read.
func report(w io.Writer, res beam.PipelineResult, o pipeline.Options) int {
	c := pipeline.CountsOf(res)
	fmt.Fprintf(w, "newsqual-beam: scored %d, failed %d, skipped %d; results in %s", c.Scored, c.Failed, c.Skipped, pipeline.ShardName(o.Output, 0, o.Shards))
	if o.Shards > 1 {
		fmt.Fprintf(w, " and %d more shard(s)", o.Shards-1)
	}
	if o.SourcesOutput != "" {
		fmt.Fprintf(w, ", per source in %s", o.SourcesOutput)
	}
	fmt.Fprintln(w)
	if c.Failed > 0 {
		return 2
	}
	return 0
}
