package pipeline

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/sources"
)

// Options configures the pipeline that Build adds. Zero limits take the
// defaults of `newsqual score`, so that both score alike.
type Options struct {
	// Inputs are file patterns: local paths or globs ("crawl/*.jsonl.gz"),
	// or paths on a Beam filesystem ("gs://bucket/crawl/*.jsonl"). A local
	// folder is read recursively, as on the command line. Every pattern
	// must match at least one file.
	Inputs []string
	// Output is where the JSONL results go. With one shard it is the file
	// written; with more, the shard number is put before the extension:
	// "scores.jsonl" becomes "scores-00003-of-00016.jsonl".
	Output string
	// Shards is the number of result files (default 1). Each shard is
	// sorted in the memory of one worker before it is written, so choose
	// enough shards that each holds at most about a gigabyte of results.
	Shards int
	// SourcesOutput, when set, is the file that gets one JSON line per
	// source (site), sorted by source: the per-source report of
	// `newsqual sources`.
	SourcesOutput string
	// SourceRating sets how sources are rated in the per-source report;
	// the zero value means sources.DefaultOptions().
	SourceRating sources.Options
	// Model is the model file to score with (any Beam filesystem path);
	// empty means the model built into newsqual.
	Model string
	// MaxBytes caps the text of one article (default
	// corpus.DefaultMaxBytes); longer text is cut and the result says so.
	MaxBytes int
	// MaxLineBytes caps one JSONL line (default corpus.DefaultMaxLineBytes);
	// a longer line is reported as an error.
	MaxLineBytes int
	// MaxHTMLBytes caps the markup read from one HTML input (default
	// corpus.DefaultMaxHTMLBytes).
	MaxHTMLBytes int
	// MaxHTMLDepth caps the element nesting of HTML built as a tree
	// (default and maximum corpus.DefaultMaxHTMLDepth).
	MaxHTMLDepth int
	// MaxWords caps the words of one article that the signals consider
	// (default features.DefaultMaxWords).
	MaxWords int
	// WholePage scores the visible text of whole HTML pages instead of the
	// article that readability finds.
	WholePage bool
}

// withDefaults returns the options with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.SourceRating == (sources.Options{}) {
		o.SourceRating = sources.DefaultOptions()
	}
	if o.Shards == 0 {
		o.Shards = 1
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = corpus.DefaultMaxBytes
	}
	if o.MaxLineBytes == 0 {
		o.MaxLineBytes = corpus.DefaultMaxLineBytes
	}
	if o.MaxHTMLBytes == 0 {
		o.MaxHTMLBytes = corpus.DefaultMaxHTMLBytes
	}
	if o.MaxHTMLDepth == 0 {
		o.MaxHTMLDepth = corpus.DefaultMaxHTMLDepth
	}
	if o.MaxWords == 0 {
		o.MaxWords = features.DefaultMaxWords
	}
	return o
}

// maxShards bounds Options.Shards: the file names have five digits.
const maxShards = 99999

// validate reports the first option that cannot work, worded for the
// person who set it.
func (o Options) validate() error {
	var problems []string
	if len(o.Inputs) == 0 {
		problems = append(problems, "no input: give at least one file pattern")
	}
	for _, in := range o.Inputs {
		if strings.TrimSpace(in) == "" {
			problems = append(problems, "an input pattern is empty")
			break
		}
	}
	if strings.TrimSpace(o.Output) == "" {
		problems = append(problems, "no output: give the path of the results file")
	}
	if o.Shards < 1 || o.Shards > maxShards {
		problems = append(problems, fmt.Sprintf("shards %d: want 1 to %d", o.Shards, maxShards))
	}
	for _, lim := range []struct {
		name  string
		value int
	}{
		{"max bytes", o.MaxBytes}, {"max line bytes", o.MaxLineBytes},
		{"max HTML bytes", o.MaxHTMLBytes}, {"max HTML depth", o.MaxHTMLDepth},
		{"max words", o.MaxWords},
	} {
		if lim.value < 0 {
			problems = append(problems, fmt.Sprintf("%s %d: want a positive number", lim.name, lim.value))
		}
	}
	if err := o.SourceRating.Validate(); err != nil {
		problems = append(problems, "source rating: "+err.Error())
	}
	if o.SourcesOutput != "" && o.SourcesOutput == o.Output {
		problems = append(problems, "the sources output and the results output are the same file")
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("pipeline options: " + strings.Join(problems, "; "))
}
