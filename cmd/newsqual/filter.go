package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

type filterFlags struct {
	pipelineFlags
	minQuality   int
	drop         []string
	rejected     string
	output       string
	keepUnscored bool
}

// filterReasons is how many of an article's reasons the "newsqual" member
// of a kept JSONL record holds, strongest first.
const filterReasons = 3

// droppable are the verdicts --drop takes.
var droppable = []newsqual.Verdict{newsqual.VerdictSpam, newsqual.VerdictSuspect, newsqual.VerdictClean}

func newFilterCommand() *cobra.Command {
	var f filterFlags
	cmd := &cobra.Command{
		Use:   "filter (--min-quality N | --drop VERDICTS) [flags] PATH...",
		Short: "Keep the articles that pass a quality bar, as they were given",
		Long: `Score every article found in the given paths and write back the ones that pass,
in input order, as they were given, for curating a corpus:

  - a JSONL record is copied as its line, with one member added before its
    closing brace: "newsqual": {"quality", "spam_probability", "verdict",
    "reasons": the ` + strconv.Itoa(filterReasons) + ` strongest, each its "signal" and "message"}. Every
    other byte of the line is kept as it was (fields, their order, escapes
    and spacing); only the line end becomes "\n". A "newsqual" member
    already on the line (from an earlier filter) is replaced.
  - a text or HTML file (named, or found in a folder) is listed as its
    path, one per line ("-" for standard input). A path with control
    characters or spaces at either end is quoted as Go quotes strings.
  - a WARC response record is listed as its file's path, a tab and its
    WARC-Record-ID.

PATH is what score reads: files (gzipped or not), folders (recursively, in
name order) and - for standard input.

An article is rejected when its quality is below --min-quality, or its
verdict is one of --drop; give either or both (with both, failing either
rejects). Articles without a score (the verdicts empty, too_short and
unsupported: no words, fewer than ` + strconv.Itoa(newsqual.MinWords) + `, not English) have no quality to
compare: they are kept by default, since a quality bar says nothing about
them, and rejected with --keep-unscored=false. --spam-threshold and
--suspect-threshold set the quality cut-offs of the verdicts that --drop
names, as they do for score.

Rejected articles are written, in the same form, to --rejected when it is
given, else dropped. An input that cannot be read or scored (a line that is
not JSON, a record without text, an unreadable file) is neither kept nor
rejected: it is reported on stderr as "error: FILE:LINE: why" and counted as
failed. Files and records passed over (other extensions, blank lines) are
counted as skipped. The summary line on stderr accounts for every input:
"newsqual: kept K, rejected R, failed F, skipped S".

Exit status: 0 when every input was kept or rejected; 2 when any input
failed, the run was interrupted or the flags are wrong.`,
		Example: `  newsqual filter --min-quality 60 crawl.jsonl.gz > kept.jsonl
  newsqual filter --drop spam,suspect --rejected rejected.jsonl -o kept.jsonl crawl.jsonl
  newsqual filter --drop spam --keep-unscored=false pages/ > kept-files.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFilter(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	f.pipelineFlags.register(fl)
	f.thresholds = registerThresholdFlags(cmd)
	fl.IntVar(&f.minQuality, "min-quality", 0, "reject articles whose quality is below `N` (0-100)")
	fl.StringSliceVar(&f.drop, "drop", nil, "reject articles with these `VERDICTS`, comma-separated: spam, suspect, clean")
	fl.BoolVar(&f.keepUnscored, "keep-unscored", true, "keep articles without a score (empty, too_short, unsupported); false rejects them")
	fl.StringVar(&f.rejected, "rejected", "", "write the rejected articles to `FILE`, in the form of the kept ones (default: drop them)")
	fl.StringVarP(&f.output, "output", "o", "", "write the kept articles to `FILE` instead of stdout")
	return cmd
}

// filterRule decides which scored articles are kept.
type filterRule struct {
	minQuality   int // -1: none
	drop         map[newsqual.Verdict]bool
	keepUnscored bool
}

// keeps reports whether the rule keeps a result.
func (r filterRule) keeps(res newsqual.Result) bool {
	if !res.Judged() {
		return r.keepUnscored
	}
	if r.minQuality >= 0 && *res.Quality < r.minQuality {
		return false
	}
	return !r.drop[res.Verdict]
}

// newFilterRule checks the flags that make the rule.
func newFilterRule(cmd *cobra.Command, f filterFlags) (filterRule, error) {
	rule := filterRule{minQuality: -1, keepUnscored: f.keepUnscored}
	quality, drop := cmd.Flags().Changed("min-quality"), cmd.Flags().Changed("drop")
	if !quality && !drop {
		return rule, errors.New("say what to reject: --min-quality N, --drop VERDICTS, or both")
	}
	if quality {
		l := limit{name: "--min-quality", value: int64(f.minQuality), min: 0, max: 100}
		if err := l.check(); err != nil {
			return rule, err
		}
		rule.minQuality = f.minQuality
	}
	if drop {
		rule.drop = make(map[newsqual.Verdict]bool)
		verdicts := f.drop
		if len(verdicts) == 0 {
			verdicts = []string{""} // --drop "" names no verdict: refused below
		}
		for _, v := range verdicts {
			v := newsqual.Verdict(strings.TrimSpace(v))
			if !slices.Contains(droppable, v) {
				return rule, fmt.Errorf("unknown --drop verdict %q: want spam, suspect or clean (articles without a score go by --keep-unscored)", v)
			}
			rule.drop[v] = true
		}
	}
	return rule, nil
}

// checkOutputs refuses output files that would clobber each other or an
// input: creating one empties it before it is read.
func checkOutputs(paths []string, f filterFlags) error {
	if f.output == "-" || f.rejected == "-" {
		return errors.New("name a file for -o and --rejected (the kept articles go to stdout without -o)")
	}
	if f.output != "" && f.rejected != "" && sameFile(f.output, f.rejected) {
		return fmt.Errorf("-o and --rejected are the same file %s", quotePath(f.output))
	}
	for _, out := range []struct{ flag, path string }{{"-o", f.output}, {"--rejected", f.rejected}} {
		if out.path == "" {
			continue
		}
		for _, p := range paths {
			if p != "-" && sameFile(out.path, p) {
				return fmt.Errorf("%s %s is an input: writing it would empty it before it is read", out.flag, quotePath(out.path))
			}
		}
	}
	return nil
}

// sameFile reports whether two paths name one file: the same path, or
// two links to one existing file.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ai, errA := os.Stat(a)
	bi, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ai, bi)
}

func runFilter(cmd *cobra.Command, paths []string, f filterFlags) error {
	rule, err := newFilterRule(cmd, f)
	if err != nil {
		return &exitError{2, err.Error()}
	}
	if err := checkOutputs(paths, f); err != nil {
		return &exitError{2, err.Error()}
	}
	run, err := newPipeline(cmd, f.pipelineFlags)
	if err != nil {
		return err
	}
	defer run.stop()

	kept, err := openOutput(f.output, cmd.OutOrStdout())
	if err != nil {
		return &exitError{2, err.Error()}
	}
	defer kept.close()
	var rejected *output
	if f.rejected != "" {
		if rejected, err = openOutput(f.rejected, nil); err != nil {
			return &exitError{2, err.Error()}
		}
		defer rejected.close()
	}

	opts := f.reader.options(cmd.InOrStdin())
	opts.KeepRecord = true
	var nKept, nRejected, nFailed int
	for r := range mapItems(run, paths, opts, 0, func(it corpus.Item) filtered { return filterItem(run.scorer, run.modelSHA, rule, it) }) {
		var out *output
		switch {
		case r.failure != "":
			nFailed++
			fmt.Fprintf(run.stderr, "error: %s\n", escapeControls(r.failure))
		case r.keep:
			nKept++
			out = kept
		default:
			nRejected++
			out = rejected
		}
		if out != nil {
			if err := out.write(r.line); err != nil {
				return &exitError{2, err.Error()}
			}
		}
		run.tick()
	}
	run.finish()
	for _, out := range []*output{kept, rejected} {
		if err := out.close(); err != nil {
			return &exitError{2, err.Error()}
		}
	}
	summary := fmt.Sprintf("newsqual: kept %d, rejected %d, failed %d, %s", nKept, nRejected, nFailed, run.skippedSummary())
	if run.interrupted() {
		summary += " (interrupted: the articles written are complete up to the last one; the inputs after it were not read)"
	}
	fmt.Fprintln(run.stderr, summary)
	if nFailed > 0 || run.interrupted() {
		return &exitError{code: 2}
	}
	return nil
}

// output is where kept or rejected articles go: whole records per write,
// as score writes them, so that runs appending to one file never splice
// their lines.
type output struct {
	name string
	buf  *recordBuffer
	file *os.File // nil for stdout
	done bool
}

// openOutput creates the file name, or writes to stdout when name is "".
func openOutput(name string, stdout io.Writer) (*output, error) {
	if name == "" {
		return &output{name: "output", buf: newRecordBuffer(stdout)}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	return &output{name: quotePath(name), buf: newRecordBuffer(f), file: f}, nil
}

// write adds one record (a line with its "\n").
func (o *output) write(line []byte) error {
	_, _ = o.buf.Write(line)
	if err := o.buf.EndRecord(); err != nil {
		return fmt.Errorf("write %s: %v", o.name, err)
	}
	return nil
}

// close flushes the output and closes its file; only the first call does
// anything. A nil output is closed.
func (o *output) close() error {
	if o == nil || o.done {
		return nil
	}
	o.done = true
	err := o.buf.Flush()
	if o.file != nil {
		if cerr := o.file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %v", o.name, err)
	}
	return nil
}

// filtered is the outcome for one input: the line to write and whether it
// is kept, or why the input failed.
type filtered struct {
	line    []byte
	keep    bool
	failure string
}

// filterItem scores an item, decides whether the rule keeps it, and
// prepares its output line (on the workers, so that the writing loop only
// writes). modelSHA names the model in the note.
func filterItem(s *newsqual.Scorer, modelSHA string, rule filterRule, it corpus.Item) filtered {
	rec := scoreItem(s, modelSHA, it, false)
	if rec.failed() {
		return filtered{failure: failureText(it, rec)}
	}
	var line []byte
	switch {
	case it.Record != nil:
		var err error
		if line, err = addNote(it.Record, noteOf(rec.result, modelSHA)); err != nil {
			return filtered{failure: place(it) + ": " + err.Error()}
		}
	case it.Line == 0:
		line = []byte(quotePath(it.Path))
	default: // a WARC record
		line = []byte(quotePath(it.Path) + "\t" + escapeControls(rec.result.ID))
	}
	return filtered{line: append(line, '\n'), keep: rule.keeps(rec.result)}
}

// place names an input as corpus.Position does, FILE:LINE (FILE alone for
// a whole file), with the file's name quoted when it needs it.
func place(it corpus.Item) string {
	name := quotePath(corpus.Position(it.Path, 0))
	if it.Line > 0 {
		name += ":" + strconv.Itoa(it.Line)
	}
	return name
}

// failureText is the stderr message of a failed input: "FILE:LINE: why".
func failureText(it corpus.Item, rec record) string {
	var ce *corpus.Error
	if !errors.As(it.Err, &ce) {
		return place(it) + ": " + rec.err // the scorer's error, naming the article
	}
	var parts []string
	for _, e := range []error{ce.Kind, ce.Err} {
		if e != nil {
			parts = append(parts, e.Error())
		}
	}
	return place(it) + ": " + strings.Join(parts, ": ")
}

// note is the "newsqual" member added to a kept or rejected JSONL record.
type note struct {
	Quality         *int             `json:"quality"`
	SpamProbability *float64         `json:"spam_probability"`
	Verdict         newsqual.Verdict `json:"verdict"`
	Reasons         []noteReason     `json:"reasons"`
	// ModelSHA256 names the model that judged the record, as the records
	// of newsqual score do.
	ModelSHA256 string `json:"model_sha256"`
}

// noteReason is one reason of a note, without its evidence and weight.
type noteReason struct {
	Signal  string `json:"signal"`
	Message string `json:"message"`
}

// noteOf returns the note of a result, encoded.
func noteOf(r newsqual.Result, modelSHA string) []byte {
	n := note{Quality: r.Quality, SpamProbability: r.SpamProbability, Verdict: r.Verdict, Reasons: []noteReason{}, ModelSHA256: wire.ShortSHA(modelSHA)}
	for _, reason := range r.Reasons[:min(len(r.Reasons), filterReasons)] {
		n.Reasons = append(n.Reasons, noteReason{reason.Signal, reason.Message})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(n) // strings and numbers only: it cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// noteKey is the member addNote adds.
const noteKey = "newsqual"

// addNote returns a JSON object's line with the member "newsqual":value
// added before its closing brace, every other byte as it was. Members
// named "newsqual" already there are taken out first, so that filtering
// filtered output gives one note, the new one.
func addNote(line, value []byte) ([]byte, error) {
	if bytes.Contains(line, []byte(`"`+noteKey+`"`)) {
		var err error
		if line, err = dropMembers(line, noteKey); err != nil {
			return nil, err
		}
	}
	end := len(bytes.TrimRight(line, " \t\r\n"))
	if end == 0 || line[end-1] != '}' {
		return nil, errors.New(`the record does not end with "}"`)
	}
	body := line[:end-1]
	last := len(bytes.TrimRight(body, " \t\r\n")) // just past the last member
	out := make([]byte, 0, len(line)+len(value)+len(noteKey)+5)
	out = append(out, body[:last]...)
	if last > 0 && body[last-1] != '{' {
		out = append(out, ',')
	}
	out = append(out, `"`+noteKey+`":`...)
	out = append(out, value...)
	out = append(out, body[last:]...)
	return append(out, line[end-1:]...), nil
}

// dropMembers returns a JSON object with its top-level members named key
// taken out, commas put right, and every other byte as it was.
func dropMembers(obj []byte, key string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("the record is not a JSON object")
	}
	type span struct{ from, to int64 }
	var cut []span
	prev := dec.InputOffset() // just past "{" or the previous value
	first := true
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		end := dec.InputOffset()
		if name, _ := t.(string); name == key {
			if first {
				// Take the comma after it instead of the one before.
				rest := bytes.TrimLeft(obj[end:], " \t\r\n")
				if len(rest) > 0 && rest[0] == ',' {
					end = int64(len(obj) - len(rest) + 1)
				}
			}
			cut = append(cut, span{prev, end})
		} else {
			first = false
		}
		prev = end
	}
	out := make([]byte, 0, len(obj))
	at := int64(0)
	for _, s := range cut {
		out = append(out, obj[at:s.from]...)
		at = s.to
	}
	return append(out, obj[at:]...), nil
}
