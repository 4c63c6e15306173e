//go:build !eval

package main

import (
	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual/training"
)

// evalLinked reports whether this binary holds the evaluation (built with
// -tags eval).
const evalLinked = false

// evalNotLinked says where eval went: the evaluation (its report charts
// and fonts, and the golearn peer) is left out of the default build, which
// scores, so that the newsqual binary stays small.
const evalNotLinked = "eval is not built into this binary, which is built for scoring: " +
	"build newsqual with -tags eval (go build -tags eval ./cmd/newsqual) to evaluate, as make eval does"

// runEvalReport fails at once, before any data is read, in a binary built
// without the eval tag.
func runEvalReport(*cobra.Command, []string, evalFlags, training.GroupBy) error {
	return &exitError{2, evalNotLinked}
}
