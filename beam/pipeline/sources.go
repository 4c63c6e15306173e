package pipeline

import (
	"context"
	"encoding/json"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"

	"github.com/newsqual/newsqual/sources"
)

// The per-source report: each scored article becomes a one-article
// sources.Accumulator keyed by sources.Key, CombinePerKey merges the
// accumulators of a source wherever they were made (merging commutes, so
// the result does not depend on how the runner splits the work), and the
// merged accumulators become sources.Reports, written worst first as
// `newsqual sources` orders them.

// combineSourcesFn merges the accumulators of one source.
type combineSourcesFn struct{}

// CreateAccumulator returns an accumulator with no article.
func (combineSourcesFn) CreateAccumulator() sources.Accumulator { return sources.Accumulator{} }

// AddInput adds the accumulator of one or more articles.
func (combineSourcesFn) AddInput(acc, in sources.Accumulator) sources.Accumulator {
	acc.Merge(&in)
	return acc
}

// MergeAccumulators merges two partial accumulators.
func (combineSourcesFn) MergeAccumulators(a, b sources.Accumulator) sources.Accumulator {
	a.Merge(&b)
	return a
}

// ExtractOutput returns the merged accumulator; its report is made once
// its key is known, in reportFn.
func (combineSourcesFn) ExtractOutput(acc sources.Accumulator) sources.Accumulator { return acc }

// reportFn turns a source's merged accumulator into its report.
type reportFn struct {
	Rating sources.Options `json:"rating"`
}

// ProcessElement reports on one source, keyed for the single writer.
func (f *reportFn) ProcessElement(key string, acc sources.Accumulator) (int, sources.Report) {
	return 0, acc.Report(key, f.Rating)
}

// writeSources combines the per-article accumulators by source and writes
// one report line per source to output, worst first.
func writeSources(s beam.Scope, output string, rating sources.Options, perSource beam.PCollection) {
	s = s.Scope("Sources")
	combined := beam.CombinePerKey(s, combineSourcesFn{}, perSource)
	reports := beam.ParDo(s, &reportFn{Rating: rating}, combined)
	// A marker (a report of no article) makes sure the file is written
	// when no article was scored.
	marker := beam.ParDo(s, sourcesMarker, beam.Impulse(s))
	grouped := beam.GroupByKey(s, beam.Flatten(s, reports, marker))
	beam.ParDo0(s, &writeSourcesFn{Output: output}, grouped)
}

// sourcesMarker is the empty report that writeSourcesFn drops.
func sourcesMarker(_ []byte) (int, sources.Report) { return 0, sources.Report{} }

// writeSourcesFn sorts every source's report and writes them.
type writeSourcesFn struct {
	Output string `json:"output"`
}

// ProcessElement writes the reports, one JSON line each.
func (f *writeSourcesFn) ProcessElement(ctx context.Context, _ int, next func(*sources.Report) bool) error {
	var reports []sources.Report
	var r sources.Report
	for next(&r) {
		if r.Articles > 0 {
			reports = append(reports, r)
		}
		r = sources.Report{}
	}
	sources.Sort(reports)
	log.Infof(ctx, "writing %d source reports to %s", len(reports), f.Output)
	return writeLines(ctx, f.Output, func(emit func(string) error) error {
		for _, r := range reports {
			line, err := encodeLine(r)
			if err != nil {
				return err
			}
			if err := emit(line); err != nil {
				return err
			}
		}
		return nil
	})
}

// The source types travel between workers as JSON, which is what their
// exported fields are made for (an accumulator's fixed-size quality
// histogram is not a Beam schema type). Each type has coder functions of
// its own: portable runners find a coder function by its name.
func init() {
	beam.RegisterCoder(reflect.TypeFor[sources.Accumulator](), encodeAccumulator, decodeAccumulator)
	beam.RegisterCoder(reflect.TypeFor[sources.Report](), encodeReport, decodeReport)
}

func encodeAccumulator(acc sources.Accumulator) ([]byte, error) { return json.Marshal(acc) }

func decodeAccumulator(b []byte) (sources.Accumulator, error) {
	var acc sources.Accumulator
	err := json.Unmarshal(b, &acc)
	return acc, err
}

func encodeReport(r sources.Report) ([]byte, error) { return json.Marshal(r) }

func decodeReport(b []byte) (sources.Report, error) {
	var r sources.Report
	err := json.Unmarshal(b, &r)
	return r, err
}
