package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/newsqual/newsqual/sources"
)

// The pipeline's functions, DoFns and element types are registered so
// that portable runners (prism, Dataflow, Flink, Spark) can call them on
// their workers without reflection.
func init() {
	register.DoFn3x1[context.Context, string, func(fileToRead), error](&matchFn{})
	register.DoFn3x1[context.Context, fileToRead, func(input), error](&readFn{})
	register.DoFn4x1[context.Context, input, func(int, resultLine), func(string, sources.Accumulator), error](&scoreFn{})
	register.DoFn3x1[context.Context, int, func(*resultLine) bool, error](&writeShardFn{})
	register.Function1x2(shardMarker)
	register.Emitter1[fileToRead]()
	register.Emitter1[input]()
	register.Emitter2[int, resultLine]()
	register.Emitter2[string, sources.Accumulator]()
	register.Combiner2[sources.Accumulator, sources.Accumulator](&combineSourcesFn{})
	register.DoFn2x2[string, sources.Accumulator, int, sources.Report](&reportFn{})
	register.Function1x2(sourcesMarker)
	register.DoFn3x1[context.Context, int, func(*sources.Report) bool, error](&writeSourcesFn{})
	register.Emitter2[int, sources.Report]()
	register.Iter1[sources.Report]()
	register.Iter1[resultLine]()
}
