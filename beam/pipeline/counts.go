package pipeline

import "github.com/apache/beam/sdks/v2/go/pkg/beam"

// MetricsNamespace is the namespace of the pipeline's counters: "scored"
// (articles scored), "failed" (inputs that could not be read), "skipped"
// (inputs passed over, such as blank JSONL lines) and "warnings" (articles
// cut at a size limit and the like), as runners show them.
const MetricsNamespace = "newsqual"

// The pipeline's counters.
var (
	scoredInputs  = beam.NewCounter(MetricsNamespace, "scored")
	failedInputs  = beam.NewCounter(MetricsNamespace, "failed")
	skippedInputs = beam.NewCounter(MetricsNamespace, "skipped")
	warnedInputs  = beam.NewCounter(MetricsNamespace, "warnings")
)

// Counts are the pipeline's counters after a run.
type Counts struct {
	// Scored is the number of articles scored.
	Scored int64
	// Failed is the number of inputs that could not be read; each has an
	// error line in the results.
	Failed int64
	// Skipped is the number of inputs passed over on purpose (blank JSONL
	// lines, files of unknown type inside folders), as `newsqual score`
	// lists them on stderr.
	Skipped int64
	// Warnings is the number of articles the reader noted something about,
	// such as being cut at a size limit.
	Warnings int64
}

// CountsOf reads the counters of a finished run from its result; all are
// zero when the runner reports no metrics.
func CountsOf(res beam.PipelineResult) Counts {
	var c Counts
	if res == nil {
		return c
	}
	for _, r := range res.Metrics().AllMetrics().Counters() {
		if r.Namespace() != MetricsNamespace {
			continue
		}
		switch r.Name() {
		case "scored":
			c.Scored += r.Result()
		case "failed":
			c.Failed += r.Result()
		case "skipped":
			c.Skipped += r.Result()
		case "warnings":
			c.Warnings += r.Result()
		}
	}
	return c
}
