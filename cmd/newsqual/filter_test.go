package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
)

// exampleText returns the text of testdata/examples/NAME.txt.
func exampleText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examples, name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jsonString encodes s as a JSON string with every non-ASCII character
// written as a \u escape, as some exporters write them.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				r1, r2 := (r-0x10000)>>10+0xd800, (r-0x10000)&0x3ff+0xdc00
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// filterRecords are JSONL lines in the shapes users have: fields before and
// after the text, escapes (\u00e9, \u003c, \/) that a re-encoding would
// change, odd spacing, numbers that would lose digits as float64. Lines 1
// and 3 are clean, 2 and 4 spam.
func filterRecords(t *testing.T) []string {
	return []string{
		`{"url":"https://news.example/port","meta":{"tags":["a","b"],"n":12345678901234567890},"text":` + jsonString(exampleText(t, "clean-port-strike")) + `,"z":"caf\u00e9 \u003cb\u003e \/"}`,
		`{ "id" : 7, "text" : ` + jsonString(exampleText(t, "ad-injected-festival")) + ` , "source":"Ads Daily" }`,
		`{"text":` + jsonString(exampleText(t, "clean-council-budget")) + `,"id":"council","score":1.50}`,
		`{"id":"stuffed","text":` + jsonString(exampleText(t, "stuffed-electric-cars")) + `}`,
	}
}

// noteOn splits a line the filter wrote into the line it was given and the
// "newsqual" member it added, checking that the member was added just
// before the closing brace and nothing else changed.
func noteOn(t *testing.T, out, in string) note {
	t.Helper()
	body := strings.TrimRight(in[:strings.LastIndex(in, "}")], " ")
	tail := in[len(body):] // the spacing before the brace, the brace and after
	if !strings.HasPrefix(out, body+`,"newsqual":`) || !strings.HasSuffix(out, tail) || len(out) < len(body)+len(tail)+1 {
		t.Fatalf("not the input with a note before its brace:\n got %.300q\nfrom %.300q", out, in)
	}
	member := out[len(body)+1 : len(out)-len(tail)]
	var n struct {
		Note note `json:"newsqual"`
	}
	if err := json.Unmarshal([]byte("{"+member+"}"), &n); err != nil {
		t.Fatalf("note %q: %v", member, err)
	}
	if !json.Valid([]byte(out)) {
		t.Errorf("not valid JSON: %.200q", out)
	}
	return n.Note
}

func TestFilterJSONLKeepsRecordsVerbatim(t *testing.T) {
	dir := t.TempDir()
	lines := filterRecords(t)
	in := writeFile(t, dir, "in.jsonl", strings.Join(lines, "\n")+"\n")
	rejectedPath := filepath.Join(dir, "rejected.jsonl")
	stdout, stderr, code := runCLI(t, "", "filter", "--min-quality", "50", "--rejected", rejectedPath, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "newsqual: kept 2, rejected 2, failed 0, skipped 0\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	kept := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	rejectedBytes, err := os.ReadFile(rejectedPath)
	if err != nil {
		t.Fatal(err)
	}
	rejected := strings.Split(strings.TrimSuffix(string(rejectedBytes), "\n"), "\n")
	if len(kept) != 2 || len(rejected) != 2 {
		t.Fatalf("kept %d and rejected %d lines, want 2 and 2:\n%s\n%s", len(kept), len(rejected), stdout, rejectedBytes)
	}
	for i, c := range []struct {
		out, in string
		keep    bool
	}{{kept[0], lines[0], true}, {rejected[0], lines[1], false}, {kept[1], lines[2], true}, {rejected[1], lines[3], false}} {
		n := noteOn(t, c.out, c.in)
		if n.Quality == nil || n.SpamProbability == nil {
			t.Fatalf("line %d: note without a score: %+v", i+1, n)
		}
		if keep := *n.Quality >= 50; keep != c.keep {
			t.Errorf("line %d: quality %d kept=%v, want kept=%v", i+1, *n.Quality, c.keep, keep)
		}
		wantVerdict := newsqual.VerdictClean
		if !c.keep {
			wantVerdict = "spam"
		}
		if n.Verdict != wantVerdict {
			t.Errorf("line %d: verdict %q, want %q", i+1, n.Verdict, wantVerdict)
		}
		if len(n.Reasons) == 0 || len(n.Reasons) > filterReasons || n.Reasons[0].Signal == "" || n.Reasons[0].Message == "" {
			t.Errorf("line %d: reasons %+v, want 1 to %d with signal and message", i+1, n.Reasons, filterReasons)
		}
	}
	// The unicode escapes and the big number are as they were.
	if !strings.Contains(kept[0], `"z":"caf\u00e9 \u003cb\u003e \/"`) || !strings.Contains(kept[0], `12345678901234567890`) {
		t.Errorf("escapes or numbers re-encoded: %.300s", kept[0])
	}

	// The same bytes again, whatever the number of workers.
	for _, workers := range []string{"1", "3"} {
		again, _, _ := runCLI(t, "", "filter", "--workers", workers, "--min-quality", "50", in)
		if again != stdout {
			t.Errorf("--workers %s: output differs from the first run", workers)
		}
	}
}

// TestFilterDropVerdicts checks --drop alone and together with
// --min-quality: failing either rejects.
func TestFilterDropVerdicts(t *testing.T) {
	dir := t.TempDir()
	records := filterRecords(t)
	in := writeFile(t, dir, "in.jsonl", strings.Join(records, "\n")+"\n")
	cases := []struct {
		args []string
		want string // which of the four records are kept
	}{
		{[]string{"--drop", "spam"}, "1010"},
		{[]string{"--drop", "spam,suspect"}, "1010"},
		{[]string{"--drop", "clean,suspect"}, "0101"},
		{[]string{"--drop", " clean , spam "}, "0000"},
		{[]string{"--min-quality", "0"}, "1111"},
		{[]string{"--min-quality", "0", "--drop", "spam"}, "1010"},
		{[]string{"--min-quality", "100", "--drop", "spam"}, ""}, // set below
	}
	// Quality 100 keeps only what scores 100: find out which do.
	scores, _, _ := runCLI(t, "", "score", "--format", "jsonl", in)
	want100 := ""
	for line := range strings.Lines(scores) {
		var r struct{ Quality int }
		_ = json.Unmarshal([]byte(line), &r)
		want100 += map[bool]string{true: "1", false: "0"}[r.Quality == 100]
	}
	cases[len(cases)-1].want = want100
	for _, c := range cases {
		args := append(append([]string{"filter"}, c.args...), in)
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		got := ""
		for _, line := range records {
			got += map[bool]string{true: "1", false: "0"}[strings.Contains(stdout, line[:40])]
		}
		if got != c.want {
			t.Errorf("%v: kept %s, want %s", c.args, got, c.want)
		}
		kept := strings.Count(c.want, "1")
		if want := fmt.Sprintf("newsqual: kept %d, rejected %d,", kept, 4-kept); !strings.HasPrefix(stderr, want) {
			t.Errorf("%v: summary %q, want %q...", c.args, stderr, want)
		}
	}
}

func TestFilterTextFoldersListPaths(t *testing.T) {
	stdout, stderr, code := runCLI(t, "", "filter", "--drop", "spam", examples, unscored)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := strings.Join([]string{
		examples + "/clean-council-budget.txt",
		examples + "/clean-port-strike.txt",
		unscored + "/french-schools.txt",
		unscored + "/police-brief.txt",
		unscored + "/separators.txt",
	}, "\n") + "\n"
	if stdout != want {
		t.Errorf("kept:\n%s\nwant:\n%s", stdout, want)
	}
	if want := "newsqual: kept 5, rejected 4, failed 0, skipped 0\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}

	// Unscored articles are rejected with --keep-unscored=false.
	rejectedPath := filepath.Join(t.TempDir(), "rejected.txt")
	stdout, stderr, code = runCLI(t, "", "filter", "--drop", "spam", "--keep-unscored=false", "--rejected", rejectedPath, examples, unscored)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := examples + "/clean-council-budget.txt\n" + examples + "/clean-port-strike.txt\n"; stdout != want {
		t.Errorf("kept with --keep-unscored=false:\n%s\nwant:\n%s", stdout, want)
	}
	rejected, _ := os.ReadFile(rejectedPath)
	if got := strings.Count(string(rejected), "\n"); got != 7 || !strings.Contains(string(rejected), unscored+"/french-schools.txt\n") {
		t.Errorf("rejected (%d lines):\n%s", got, rejected)
	}
	if want := "newsqual: kept 2, rejected 7, failed 0, skipped 0\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// TestFilterUnscoredJSONL checks the note of a record without a score:
// null quality and spam probability, the verdict saying why.
func TestFilterUnscoredJSONL(t *testing.T) {
	line := `{"id":"brief","text":"Police closed the road for an hour after a lorry shed its load."}`
	stdout, stderr, code := runCLI(t, line+"\n", "filter", "--min-quality", "90", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `{"id":"brief","text":"Police closed the road for an hour after a lorry shed its load.","newsqual":{"quality":null,"spam_probability":null,"verdict":"too_short","reasons":[{"signal":"too_short",`
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("got %s\nwant %s...", stdout, want)
	}
	stdout, stderr, _ = runCLI(t, line+"\n", "filter", "--min-quality", "90", "--keep-unscored=false", "-")
	if stdout != "" || !strings.HasSuffix(stderr, "newsqual: kept 0, rejected 1, failed 0, skipped 0\n") {
		t.Errorf("--keep-unscored=false: stdout %q, stderr %q", stdout, stderr)
	}
}

func TestFilterGzipReadsLikePlain(t *testing.T) {
	dir := t.TempDir()
	data := strings.Join(filterRecords(t), "\n") + "\n"
	plain := writeFile(t, dir, "in.jsonl", data)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(data))
	_ = zw.Close()
	zipped := writeFile(t, dir, "in.jsonl.gz", gz.String())
	want, _, _ := runCLI(t, "", "filter", "--min-quality", "50", plain)
	got, stderr, code := runCLI(t, "", "filter", "--min-quality", "50", zipped)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got != want || strings.Count(got, "\n") != 2 {
		t.Errorf("gzip output differs from plain:\n%s\nwant:\n%s", got, want)
	}
}

// TestFilterAccountsForEveryInput feeds bad lines among good ones: every
// line is kept, rejected, failed (with FILE:LINE on stderr) or skipped, and
// the run exits 2.
func TestFilterAccountsForEveryInput(t *testing.T) {
	dir := t.TempDir()
	good := filterRecords(t)
	lines := []string{
		good[0],
		`{"id":"cut","text":"no end`,
		good[1],
		`{"id":"empty","text":"  "}`,
		``,
		`["an","array"]`,
		good[2],
		`{"text":42}`,
	}
	in := writeFile(t, dir, "bad.jsonl", strings.Join(lines, "\n")+"\n")
	rejectedPath := filepath.Join(dir, "rejected.jsonl")
	stdout, stderr, code := runCLI(t, "", "filter", "--min-quality", "50", "--rejected", rejectedPath, in, filepath.Join(dir, "missing.jsonl"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	rejected, _ := os.ReadFile(rejectedPath)
	nKept, nRejected := strings.Count(stdout, "\n"), strings.Count(string(rejected), "\n")
	var errs []string
	var summary string
	for line := range strings.Lines(stderr) {
		switch {
		case strings.HasPrefix(line, "error: "):
			errs = append(errs, line)
		case strings.HasPrefix(line, "newsqual: "):
			summary = line
		default:
			t.Errorf("unexpected stderr line %q", line)
		}
	}
	if want := "newsqual: kept 2, rejected 1, failed 5, skipped 1 (blank line: 1)\n"; summary != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
	// Every input: 8 lines and the missing file.
	if total := nKept + nRejected + len(errs) + 1; nKept != 2 || nRejected != 1 || total != len(lines)+1 {
		t.Errorf("kept %d + rejected %d + failed %d + skipped 1 = %d, want %d", nKept, nRejected, len(errs), total, len(lines)+1)
	}
	for i, want := range []string{
		"error: " + in + ":2: invalid JSON: ",
		"error: " + in + ":4: no text: ",
		"error: " + in + ":6: invalid JSON: want an object, got array",
		"error: " + in + ":8: invalid JSON: field \"text\": want a string, got number",
		"error: " + filepath.Join(dir, "missing.jsonl") + ": ",
	} {
		if i >= len(errs) || !strings.HasPrefix(errs[i], want) {
			t.Errorf("error %d: got %q, want %q...", i+1, errs[min(i, len(errs)-1)], want)
		}
	}
	if !strings.Contains(string(rejected), `"source":"Ads Daily"`) {
		t.Errorf("rejected file lacks the spam record:\n%.300s", rejected)
	}
}

// TestFilterTwiceReplacesTheNote filters filtered output: the note is
// replaced, not doubled, so the output is the same again.
func TestFilterTwiceReplacesTheNote(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", strings.Join(filterRecords(t), "\n")+"\n")
	once, _, _ := runCLI(t, "", "filter", "--min-quality", "0", in)
	twice, stderr, code := runCLI(t, once, "filter", "--min-quality", "0", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if twice != once {
		t.Errorf("filtering again changed the output:\n%.400s\nwant\n%.400s", twice, once)
	}
	if n := strings.Count(once, `"newsqual":`); n != 4 {
		t.Errorf("%d notes in 4 records", n)
	}
}

func TestAnnotate(t *testing.T) {
	v := []byte(`{"q":1}`)
	cases := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1,"newsqual":{"q":1}}`},
		{`{ "a" : 1 }  `, `{ "a" : 1,"newsqual":{"q":1} }  `},
		{`{}`, `{"newsqual":{"q":1}}`},
		{`{"newsqual":{"old":true}}`, `{"newsqual":{"q":1}}`},
		{`{"newsqual":0, "a":1}`, `{ "a":1,"newsqual":{"q":1}}`},
		{`{"a":1,"newsqual":[1,{"x":"}"}],"b":2}`, `{"a":1,"b":2,"newsqual":{"q":1}}`},
		{`{"a":{"newsqual":1},"newsqual":2,"newsqual":3}`, `{"a":{"newsqual":1},"newsqual":{"q":1}}`},
		{`{"a":"\"newsqual\""}`, `{"a":"\"newsqual\"","newsqual":{"q":1}}`},
	}
	for _, c := range cases {
		got, err := addNote([]byte(c.in), v)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, got, c.want)
		}
		if !json.Valid(got) {
			t.Errorf("%s: invalid JSON %s", c.in, got)
		}
	}
	if _, err := addNote([]byte(`"text"`), v); err == nil {
		t.Error("a JSON string was annotated")
	}
}

func TestFilterWARCListsRecordIDs(t *testing.T) {
	path, _ := writeTestWARC(t, t.TempDir(), "crawl.warc.gz", testCrawl)
	stdout, stderr, code := runCLI(t, "", "filter", "--min-quality", "0", "--keep-unscored=true", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := path + "\turn:uuid:00000000-0000-4000-8000-000000000002\n" + path + "\turn:uuid:00000000-0000-4000-8000-000000000005\n"
	if stdout != want {
		t.Errorf("got %q\nwant %q", stdout, want)
	}
	if !strings.HasPrefix(stderr, "newsqual: kept 2, rejected 0, failed 0, skipped 4 (") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestFilterFlagValidation(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", filterRecords(t)[0]+"\n")
	other := filepath.Join(dir, "out.jsonl")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{in}, "say what to reject: --min-quality N, --drop VERDICTS, or both"},
		{[]string{"--min-quality", "-1", in}, "--min-quality -1: want 0 to 100"},
		{[]string{"--min-quality", "101", in}, "--min-quality 101: want 0 to 100"},
		{[]string{"--drop", "spam,junk", in}, `unknown --drop verdict "junk": want spam, suspect or clean`},
		{[]string{"--drop", "too_short", in}, `unknown --drop verdict "too_short"`},
		{[]string{"--drop", "", in}, `unknown --drop verdict ""`},
		{[]string{"--drop", "spam", "--workers", "-3", in}, "--workers -3"},
		{[]string{"--drop", "spam", "--progress", "maybe", in}, `unknown --progress "maybe"`},
		{[]string{"--drop", "spam", "-o", other, "--rejected", other, in}, "-o and --rejected are the same file"},
		{[]string{"--drop", "spam", "-o", other, "--rejected", dir + "/./out.jsonl", in}, "-o and --rejected are the same file"},
		{[]string{"--drop", "spam", "-o", in, in}, "-o " + in + " is an input"},
		{[]string{"--drop", "spam", "--rejected", in, in}, "--rejected " + in + " is an input"},
		{[]string{"--drop", "spam", "--rejected", "-", in}, "name a file for -o and --rejected"},
	}
	for _, c := range cases {
		stdout, stderr, code := runCLI(t, "", append([]string{"filter"}, c.args...)...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, stdout, stderr, c.want)
		}
	}
	// The input named as an output is untouched.
	if b, _ := os.ReadFile(in); string(b) != filterRecords(t)[0]+"\n" {
		t.Error("the input was changed")
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("an output file was created by a refused run")
	}
}

// TestFilterOutputFile checks -o: the kept records go to the file, stdout
// stays empty.
func TestFilterOutputFile(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", strings.Join(filterRecords(t), "\n")+"\n")
	want, _, _ := runCLI(t, "", "filter", "--drop", "spam", in)
	out := filepath.Join(dir, "kept.jsonl")
	stdout, stderr, code := runCLI(t, "", "filter", "--drop", "spam", "-o", out, in)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(out)
	if string(got) != want || want == "" {
		t.Errorf("-o file:\n%.300s\nwant:\n%.300s", got, want)
	}
}

// TestFilterHelpDocumentsTheRules checks that --help states the rules a
// user has to know: both flags, unscored articles, the failed inputs.
func TestFilterHelpDocumentsTheRules(t *testing.T) {
	helpHas(t, "filter", "with both, failing either", "--drop VERDICTS", "--keep-unscored", "--rejected FILE",
		"-o, --output FILE", "kept K, rejected R, failed F, skipped S", "Examples:", "Exit status")
}

// TestFilterDropFollowsThresholds checks that --drop spam rejects what
// score calls spam at the same --spam-threshold, and that the cut-off
// changes what is dropped.
func TestFilterDropFollowsThresholds(t *testing.T) {
	dir := t.TempDir()
	records := filterRecords(t)
	in := writeFile(t, dir, "in.jsonl", strings.Join(records, "\n")+"\n")
	cut := []string{"--spam-threshold", "99.9", "--suspect-threshold", "99.95"}
	spamAt := func(extra ...string) string {
		out, stderr, code := runCLI(t, "", append(append([]string{"score", "--format", "jsonl"}, extra...), in)...)
		if code != 0 {
			t.Fatalf("score %v: exit %d: %s", extra, code, stderr)
		}
		got := ""
		for line := range strings.Lines(out) {
			var r struct{ Verdict string }
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatal(err)
			}
			got += map[bool]string{true: "0", false: "1"}[r.Verdict == "spam"]
		}
		return got
	}
	want, before := spamAt(cut...), spamAt()
	if want == before {
		t.Fatalf("the cut-offs %v change no verdict of the test records (%s): the test proves nothing", cut, want)
	}
	stdout, stderr, code := runCLI(t, "", append(append([]string{"filter", "--drop", "spam"}, cut...), in)...)
	if code != 0 {
		t.Fatalf("filter: exit %d: %s", code, stderr)
	}
	got := ""
	for _, line := range records {
		got += map[bool]string{true: "1", false: "0"}[strings.Contains(stdout, line[:40])]
	}
	if got != want {
		t.Errorf("filter --drop spam %v kept %s, want %s (score's non-spam at the same cut-offs)", cut, got, want)
	}
}
