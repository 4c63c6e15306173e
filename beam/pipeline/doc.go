// Package pipeline scores news articles with newsqual in an Apache Beam
// pipeline, for corpora too large for one machine.
//
// Build adds the whole pipeline to a scope: it matches the input file
// patterns, reads every file with the same reader as `newsqual score`
// (JSONL, text, HTML, gzip; one item per JSONL line), scores each article
// with a newsqual.Scorer that every worker loads once, writes one JSON line
// per input (exactly the line `newsqual score --format jsonl` prints for
// it) to sharded result files, and, when asked, combines the results per
// source into one report line per source.
//
//	beam.Init()
//	p, s := beam.NewPipelineWithRoot()
//	err := pipeline.Build(s, pipeline.Options{
//		Inputs: []string{"gs://crawl/2026-05-01/*.jsonl.gz"},
//		Output: "gs://crawl-scores/2026-05-01/scores.jsonl",
//		Shards: 512,
//	})
//	...
//	err = beamx.Run(ctx, p)
//
// Each file is read whole by one worker (JSONL files are not split at
// byte offsets, so that a record without an "id" gets the same "FILE:LINE"
// ID as on the command line); the articles read are then spread over all
// workers for scoring, which is where the time goes.
package pipeline
