package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Build adds the scoring pipeline to scope s: match the input patterns,
// read and score every input, write the results and, when
// Options.SourcesOutput is set, the per-source report. It returns an error,
// and adds nothing, when the options cannot work.
//
// The result files hold, for every input, exactly the line that `newsqual
// score --format jsonl` prints for it with the same limits and model: one
// per article scored, and one {"id","error"} line per input that could not
// be read. Lines are sorted by file path and line within each shard, so a
// run gives the same bytes whatever the runner and its parallelism.
func Build(s beam.Scope, o Options) error {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return err
	}
	s = s.Scope("newsqual")
	patterns := beam.CreateList(s, o.Inputs)
	// The reshuffles spread the work: one pattern's files over the
	// workers that read them, and one file's articles over the workers
	// that score them.
	files := beam.Reshuffle(s, beam.ParDo(s.Scope("Match"), matchFn{}, patterns))
	inputs := beam.Reshuffle(s, beam.ParDo(s.Scope("Read"), newReadFn(o), files))
	lines, perSource := beam.ParDo2(s.Scope("Score"), &scoreFn{Model: o.Model, MaxWords: o.MaxWords, Shards: o.Shards}, inputs)
	writeShards(s, o.Output, o.Shards, lines)
	if o.SourcesOutput != "" {
		writeSources(s, o.SourcesOutput, o.SourceRating, perSource)
	}
	return nil
}
