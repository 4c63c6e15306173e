package pipeline_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/direct"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/beam/pipeline"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/sources"
)

func TestMain(m *testing.M) {
	flag.Parse()
	// The runners log every plan and bundle at "info", and the pipeline
	// every unreadable input at "warn"; the tests count those instead.
	beamlog.LogLevel = "error"
	beam.Init()
	code := m.Run()
	removeCLI()
	os.Exit(code)
}

// runner runs a pipeline: direct.Execute or prism.Execute.
type runner func(context.Context, *beam.Pipeline) (beam.PipelineResult, error)

// runPipeline builds and runs the pipeline and returns its counters.
func runPipeline(t *testing.T, run runner, o pipeline.Options) pipeline.Counts {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, o); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := run(context.Background(), p)
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	c := pipeline.CountsOf(res)
	t.Logf("pipeline: %d inputs in %v", c.Scored+c.Failed, time.Since(start).Round(time.Millisecond))
	return c
}

// readShards returns the lines of every shard file, in shard order.
func readShards(t *testing.T, output string, shards int) [][]string {
	t.Helper()
	out := make([][]string, shards)
	for i := range shards {
		b, err := os.ReadFile(pipeline.ShardName(output, i, shards))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = splitLines(b)
	}
	return out
}

func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var summaryRE = regexp.MustCompile(`newsqual: scored (\d+), failed (\d+), skipped (\d+)`)

// cliScores runs `newsqual score --format jsonl` on files and returns its
// output and the counts of its summary line.
func cliScores(t *testing.T, files []string) ([]byte, pipeline.Counts) {
	t.Helper()
	return cliScoresIn(t, "", files)
}

// cliScoresIn is cliScores in the working directory dir.
func cliScoresIn(t *testing.T, dir string, files []string) ([]byte, pipeline.Counts) {
	t.Helper()
	start := time.Now()
	out, stderr, status := runCLIIn(t, dir, append([]string{"score", "--format", "jsonl", "--progress", "never"}, files...)...)
	t.Logf("newsqual score: %v", time.Since(start).Round(time.Millisecond))
	m := summaryRE.FindSubmatch(stderr)
	if m == nil {
		t.Fatalf("newsqual score gave no summary (exit %d):\n%s", status, stderr)
	}
	atoi := func(b []byte) int64 { n, _ := strconv.ParseInt(string(b), 10, 64); return n }
	c := pipeline.Counts{Scored: atoi(m[1]), Failed: atoi(m[2]), Skipped: atoi(m[3])}
	if want := map[bool]int{true: 2, false: 0}[c.Failed > 0]; status != want {
		t.Fatalf("newsqual score: exit %d with %d failed, want %d:\n%s", status, c.Failed, want, stderr)
	}
	return out, c
}

// checkSameAsCLI runs the pipeline on set and holds its results to the
// command line's: the single shard byte for byte, every input once; four
// shards with the same lines, each in the command line's order; and the
// per-source report equal to the one the sources package makes in
// process, and to what `newsqual sources` prints. It returns the lines of
// the single shard.
func checkSameAsCLI(t *testing.T, run runner, set inputSet, root string) (lines []string) {
	t.Helper()
	want, cliCounts := cliScores(t, set.Files)
	wantLines := splitLines(want)
	if cliCounts.Scored == 0 {
		t.Fatal("the command line scored nothing")
	}

	out := t.TempDir()
	o := pipeline.Options{
		Inputs:        set.Patterns,
		Output:        filepath.Join(out, "scores.jsonl"),
		SourcesOutput: filepath.Join(out, "sources.jsonl"),
	}
	c := runPipeline(t, run, o)
	if c.Scored != cliCounts.Scored || c.Failed != cliCounts.Failed || c.Skipped != cliCounts.Skipped {
		t.Errorf("pipeline counts %+v, command line %+v", c, cliCounts)
	}
	got, err := os.ReadFile(o.Output)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		reportDiff(t, splitLines(got), wantLines)
	}
	checkOnce(t, splitLines(got), int(cliCounts.Scored+cliCounts.Failed))

	// Sharded: the same lines, split by input, each shard in input order.
	o.Output = filepath.Join(out, "sharded", "scores.jsonl")
	o.Shards = 4
	o.SourcesOutput = ""
	runPipeline(t, run, o)
	shards := readShards(t, o.Output, o.Shards)
	var all []string
	for i, lines := range shards {
		if len(lines) == 0 {
			t.Errorf("shard %d of %d is empty: the inputs are not spread", i, o.Shards)
		}
		if !isSubsequence(lines, wantLines) {
			t.Errorf("shard %d is not in input order", i)
		}
		all = append(all, lines...)
	}
	slices.Sort(all)
	sortedWant := slices.Sorted(slices.Values(wantLines))
	if !slices.Equal(all, sortedWant) {
		reportDiff(t, all, sortedWant)
	}

	gotSources, err := os.ReadFile(filepath.Join(out, "sources.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	wantSources := referenceSources(t, set, root)
	if !bytes.Equal(gotSources, wantSources) {
		reportDiff(t, splitLines(gotSources), splitLines(wantSources))
	}
	if n := len(splitLines(gotSources)); n < 2 {
		t.Errorf("%d sources reported, want several", n)
	}
	cliSources, _, _ := runCLI(t, append([]string{"sources", "--format", "jsonl", "--progress", "never"}, set.Files...)...)
	if !bytes.Equal(gotSources, cliSources) {
		t.Error("the per-source report differs from newsqual sources:")
		reportDiff(t, splitLines(gotSources), splitLines(cliSources))
	}
	return splitLines(got)
}

// checkOnce checks that every input has exactly one line.
func checkOnce(t *testing.T, lines []string, inputs int) {
	t.Helper()
	if len(lines) != inputs {
		t.Errorf("%d result lines for %d inputs", len(lines), inputs)
	}
	seen := make(map[string]int)
	idRE := regexp.MustCompile(`^\{"schema_version":"[^"]*","id":("(?:[^"\\]|\\.)*")`)
	for _, l := range lines {
		m := idRE.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("result line without an id: %.80s", l)
		}
		// A failed record keeps its own id, which several inputs may
		// share; its error names its place, which no other input has.
		key := m[1]
		if i := strings.Index(l, `"error":`); i >= 0 {
			key += l[i:]
		}
		seen[key]++
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("id %s comes out %d times", id, n)
		}
	}
}

// reportDiff fails the test with the first line that differs.
func reportDiff(t *testing.T, got, want []string) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Fatalf("output differs at line %d of %d (want %d lines):\n got: %.300s\nwant: %.300s", i+1, len(got), len(want), g, w)
		}
	}
}

// isSubsequence reports whether sub appears in all in the same order.
func isSubsequence(sub, all []string) bool {
	i := 0
	for _, s := range all {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

// referenceSources aggregates the inputs by source in this process, with
// the corpus reader, the built-in model and the sources package, and
// encodes the reports as the pipeline writes them.
func referenceSources(t *testing.T, set inputSet, root string) []byte {
	t.Helper()
	scorer, err := newsqual.New(newsqual.Default().Model(), newsqual.WithMaxWords(features.DefaultMaxWords))
	if err != nil {
		t.Fatal(err)
	}
	var all sources.Sources
	err = corpus.Walk(set.Files, corpus.Options{}, func(it corpus.Item) error {
		if !it.OK() {
			return nil
		}
		all.Add(sources.Key(it.Article, root, it.Path), it.Article, scorer.Score(it.Article))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, r := range all.Reports(sources.DefaultOptions()) {
		line, err := jsonLine(r)
		if err != nil {
			t.Fatal(err)
		}
		buf.WriteString(line + "\n")
	}
	return buf.Bytes()
}

// TestDirectRunnerMatchesCLI scores a few hundred invented inputs of every
// format, readable or not, with the direct runner.
func TestDirectRunnerMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	set := writeInputs(t, dir, 330)
	lines := checkSameAsCLI(t, direct.Execute, set, filepath.Join(dir, "in"))
	// Among them are articles without a score, whose quality and spam
	// probability are null.
	for _, verdict := range []string{"too_short", "unsupported"} {
		unscored := `"quality":null,"spam_probability":null,"verdict":"` + verdict + `"`
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, unscored) }) {
			t.Errorf("no result line has %s", unscored)
		}
	}
}

// TestDirectRunnerMatchesCLIOnCorpus scores the first articles of every
// file of the shared corpus, read where they are.
func TestDirectRunnerMatchesCLIOnCorpus(t *testing.T) {
	corpusDir := sharedCorpus(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(corpusDir, "*.jsonl"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no corpus files in %s (%v)", corpusDir, err)
	}
	// The first lines of each file, byte for byte, in the test's own
	// temporary folder.
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.SplitAfter(b, []byte("\n"))
		head := bytes.Join(lines[:min(80, len(lines))], nil)
		if err := os.WriteFile(filepath.Join(in, filepath.Base(name)), head, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set := inputSet{Patterns: []string{filepath.Join(in, "*.jsonl")}}
	set.Files, _ = filepath.Glob(set.Patterns[0])
	checkSameAsCLI(t, direct.Execute, set, in)
}

// TestPrismMatchesCLI runs the pipeline on the prism runner, in this
// process with loopback workers, as `--runner prism` does.
func TestPrismMatchesCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("prism starts a job server; skipped with -short")
	}
	dir := t.TempDir()
	set := writeInputs(t, dir, 60)
	checkSameAsCLI(t, prism.Execute, set, filepath.Join(dir, "in"))
}

// TestMissingInputFailsThePipeline checks that a pattern that matches
// nothing is an error, as a missing path is for `newsqual score`.
func TestMissingInputFailsThePipeline(t *testing.T) {
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	err := pipeline.Build(s, pipeline.Options{
		Inputs: []string{filepath.Join(dir, "nothing-*.jsonl")},
		Output: filepath.Join(dir, "scores.jsonl"),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = direct.Execute(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), "no file matches") {
		t.Fatalf("got error %v, want one saying no file matches", err)
	}
}

// TestEmptyInputWritesEmptyFiles checks that every output file exists
// after a run that scored nothing (only a blank line was read).
func TestEmptyInputWritesEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "blank.jsonl")
	if err := os.WriteFile(in, []byte("\n   \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := pipeline.Options{
		Inputs:        []string{in},
		Output:        filepath.Join(dir, "out", "scores.jsonl"),
		Shards:        3,
		SourcesOutput: filepath.Join(dir, "out", "sources.jsonl"),
	}
	c := runPipeline(t, direct.Execute, o)
	if c != (pipeline.Counts{Skipped: 2}) {
		t.Errorf("counts %+v, want 2 skipped", c)
	}
	files := []string{o.SourcesOutput}
	for i := range o.Shards {
		files = append(files, pipeline.ShardName(o.Output, i, o.Shards))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Error(err)
		} else if len(b) != 0 {
			t.Errorf("%s: %d bytes, want none", f, len(b))
		}
	}
}

func TestBuildRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		o    pipeline.Options
		want string
	}{
		{"no input", pipeline.Options{Output: "x.jsonl"}, "no input"},
		{"no output", pipeline.Options{Inputs: []string{"a.jsonl"}}, "no output"},
		{"blank pattern", pipeline.Options{Inputs: []string{" "}, Output: "x.jsonl"}, "pattern is empty"},
		{"shards", pipeline.Options{Inputs: []string{"a.jsonl"}, Output: "x.jsonl", Shards: -2}, "shards -2"},
		{"limit", pipeline.Options{Inputs: []string{"a.jsonl"}, Output: "x.jsonl", MaxWords: -1}, "max words -1"},
		{"same file", pipeline.Options{Inputs: []string{"a.jsonl"}, Output: "x.jsonl", SourcesOutput: "x.jsonl"}, "same file"},
		{"rating", pipeline.Options{Inputs: []string{"a.jsonl"}, Output: "x.jsonl", SourceRating: sources.Options{PriorSpam: -1}}, "source rating"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, s := beam.NewPipelineWithRoot()
			err := pipeline.Build(s, tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestShardName(t *testing.T) {
	tests := []struct {
		output        string
		shard, shards int
		want          string
	}{
		{"out/scores.jsonl", 0, 1, "out/scores.jsonl"},
		{"out/scores.jsonl", 3, 16, "out/scores-00003-of-00016.jsonl"},
		{"gs://b/day/scores.jsonl.gz", 0, 2, "gs://b/day/scores-00000-of-00002.jsonl.gz"},
		{"scores", 1, 2, "scores-00001-of-00002"},
		{"scores.gz", 1, 2, "scores-00001-of-00002.gz"},
		{"out/.hidden", 1, 2, "out/.hidden-00001-of-00002"},
	}
	for _, tt := range tests {
		if got := pipeline.ShardName(tt.output, tt.shard, tt.shards); got != tt.want {
			t.Errorf("ShardName(%q, %d, %d) = %q, want %q", tt.output, tt.shard, tt.shards, got, tt.want)
		}
	}
}

// jsonLine encodes v as the pipeline writes a line.
func jsonLine(v any) (string, error) {
	var buf bytes.Buffer
	enc := newEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encode: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// TestRemoteFilesMatchCLI reads and writes through a Beam filesystem
// other than the local one (memfs://, in memory, standing for gs://): the
// files are copied to the worker to be read, and every ID, path and
// message names them as they were given.
func TestRemoteFilesMatchCLI(t *testing.T) {
	dir := t.TempDir()
	set := writeInputs(t, dir, 120)
	// The command line reads the files by their paths relative to dir,
	// "in/…", which sort among record IDs, URLs and WARC IDs as
	// "memfs://in/…" does, so that a tie between two examples of a signal
	// goes to the same article on both sides.
	const remoteDir = "memfs://in/"
	inPath := regexp.MustCompile(`(["\s])in/`)
	asRemote := func(b []byte) []byte { return inPath.ReplaceAll(b, []byte("${1}"+remoteDir)) }
	files := make([]string, len(set.Files))
	for i, f := range set.Files {
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = filepath.ToSlash(rel)
	}
	want, _ := cliScoresIn(t, dir, files)
	wantSources, _, _ := runCLIIn(t, dir, append([]string{"sources", "--format", "jsonl", "--progress", "never"}, files...)...)

	var patterns []string
	for _, f := range set.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		memfs.Write(remoteDir+filepath.Base(f), b)
	}
	for _, p := range set.Patterns {
		patterns = append(patterns, remoteDir+filepath.Base(p))
	}
	o := pipeline.Options{Inputs: patterns, Output: "memfs://out/scores.jsonl", SourcesOutput: "memfs://out/sources.jsonl"}
	runPipeline(t, direct.Execute, o)
	for _, c := range []struct {
		name string
		want []byte
	}{{o.Output, asRemote(want)}, {o.SourcesOutput, asRemote(wantSources)}} {
		got := readRemote(t, c.name)
		if !bytes.Equal(got, c.want) {
			t.Errorf("%s differs from the command line's output with %s for in/:", c.name, remoteDir)
			reportDiff(t, splitLines(got), splitLines(c.want))
		}
	}
}

// readRemote reads a file from a Beam filesystem.
func readRemote(t *testing.T, name string) []byte {
	t.Helper()
	ctx := context.Background()
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	b, err := filesystem.Read(ctx, fs, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return b
}
