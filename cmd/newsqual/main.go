// Command newsqual scores scraped news articles for quality, trains the
// model it scores with, and evaluates it.
//
//	newsqual score [flags] PATH...    score files, folders, JSONL, WARC or stdin
//	newsqual filter [flags] PATH...   keep the articles that pass a quality bar
//	newsqual sources [flags] PATH...  rate the sites the articles come from
//	newsqual serve [flags]            answer scoring requests over HTTP
//	newsqual train [flags] DATA...    train a model on labelled data
//	newsqual eval [flags] DATA...     evaluate a model and write reports
//
// Run "newsqual help COMMAND" for each command's flags. eval is built in
// only with the eval build tag (go build -tags eval ./cmd/newsqual), which
// links the report's charts and fonts and the golearn peer; the default
// build, for scoring, answers eval by saying so.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	// WARC files (.warc, .warc.gz) are read by their own package.
	_ "github.com/newsqual/newsqual/corpus/warc"
)

// exitError carries a process exit code up to main.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades a little memory for speed: scoring allocates short-lived
// buffers, and collecting less often saves about a sixth of the time. A
// soft memory limit makes the collector work harder only when the heap
// nears it, so memory stays bounded on huge inputs. GOGC and GOMEMLIMIT,
// when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(128 << 20)
	}
}

// newRootCommand assembles the command tree.
func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "newsqual",
		Short: "Score scraped news articles for quality, with reasons",
		Long: `newsqual reads scraped news articles and says how trustworthy each one looks
as a piece of journalism: a quality score from 0 (spam) to 100 (clean), a
verdict (clean, suspect, spam), and the reasons behind it, each with the
lines or phrases that triggered it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newScoreCommand(), newFilterCommand(), newSourcesCommand(), newServeCommand(), newTrainCommand(), newEvalCommand(), newVersionCommand())
	// --version prints what `newsqual version` prints (see the template
	// function buildInfo).
	root.Version = "(see newsqual version)"
	root.SetVersionTemplate("{{buildInfo}}")
	root.AddCommand(newManCommand())
	// Last, once every command is in the tree.
	registerCompletions(root)
	return root
}

// run executes the command line and returns the process exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "newsqual:", escapeControls(ee.msg))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "newsqual:", escapeControls(err.Error()))
	return 2
}
