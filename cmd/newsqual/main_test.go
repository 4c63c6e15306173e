package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// runCLI runs the command line in-process.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n--- got ---\n%s", path, got)
	}
}

const examples = "../../testdata/examples"

// unscored holds articles the scorer gives no score: a 30-word brief
// (too_short), 100 words of French (unsupported) and a page of separators
// (empty).
const unscored = "../../testdata/unscored"

// writeFile writes data to the file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScoreFormatsMatchGoldenFiles(t *testing.T) {
	checkFormatsMatchGolden(t, "examples", "scored 6, failed 0, skipped 0", "score", examples)
}

// checkFormatsMatchGolden runs a command in each output format (the table
// with --explain) and checks its output against testdata/PREFIX.FORMAT, the
// summary on stderr, and that a second run gives the same bytes.
func checkFormatsMatchGolden(t *testing.T, prefix, summary, command string, paths ...string) {
	t.Helper()
	for _, format := range []string{"table", "json", "jsonl", "csv"} {
		t.Run(format, func(t *testing.T) {
			args := append([]string{command, "--format", format}, paths...)
			if format == "table" {
				args = append(args, "--explain")
			}
			stdout, stderr, code := runCLI(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, prefix+"."+format, stdout)
			if !strings.Contains(stderr, summary) {
				t.Errorf("stderr %q, want the summary %q", stderr, summary)
			}
			// The same input gives the same bytes.
			again, _, _ := runCLI(t, "", args...)
			if again != stdout {
				t.Error("second run differs")
			}
		})
	}
}

// TestScoreExplainAndFailuresMatchGoldenFiles checks what --explain adds
// to jsonl and csv (every reason; an all_reasons column), and how every
// format names the inputs that failed: a record whose id can be read keeps
// it ("empty"), the others are FILE:LINE, and each error names FILE:LINE.
func TestScoreExplainAndFailuresMatchGoldenFiles(t *testing.T) {
	const failures = "../../testdata/jsonl/articles.jsonl"
	for _, c := range []struct {
		name string
		code int
		args []string
	}{
		{"examples-explain.jsonl", 0, []string{"--format", "jsonl", "--explain", examples}},
		{"examples-explain.csv", 0, []string{"--format", "csv", "--explain", examples}},
		{"failures.table", 2, []string{"--format", "table", failures}},
		{"failures.json", 2, []string{"--format", "json", failures}},
		{"failures.jsonl", 2, []string{"--format", "jsonl", failures}},
		{"failures.csv", 2, []string{"--format", "csv", failures}},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", append([]string{"score"}, c.args...)...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			golden(t, c.name, stdout)
			if c.code == 2 && !strings.Contains(stderr, "error: corpus: "+failures+":8: no text") {
				t.Errorf("stderr does not name the failed record by FILE:LINE:\n%s", stderr)
			}
		})
	}
	// Without --explain, a record carries at most the strongest reasons.
	plain, _, _ := runCLI(t, "", "score", "--format", "jsonl", examples)
	explained, _, _ := runCLI(t, "", "score", "--format", "jsonl", "--explain", examples)
	if strings.Count(explained, `"signal":`) <= strings.Count(plain, `"signal":`) {
		t.Errorf("--explain adds no reasons to jsonl")
	}
}

// TestScoreFormatsShowNoScoreForUnscoredArticles checks that every format
// prints the articles without a score with no quality and no spam
// probability: JSON null, an empty CSV cell, "-" in the table.
func TestScoreFormatsShowNoScoreForUnscoredArticles(t *testing.T) {
	checkFormatsMatchGolden(t, "unscored", "scored 3, failed 0, skipped 0", "score", unscored)
	verdicts := []string{"unsupported", "too_short", "empty"} // in file name order
	output := func(format string) string {
		t.Helper()
		stdout, stderr, code := runCLI(t, "", "score", "--format", format, unscored)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		return stdout
	}
	checkObject := func(format string, i int, obj map[string]any) {
		t.Helper()
		for _, field := range []string{"quality", "spam_probability"} {
			if v, ok := obj[field]; !ok || v != nil {
				t.Errorf("%s record %d: %s = %v (present %v), want null", format, i, field, v, ok)
			}
		}
		if obj["verdict"] != verdicts[i] {
			t.Errorf("%s record %d: verdict %v, want %s", format, i, obj["verdict"], verdicts[i])
		}
	}
	var array []map[string]any
	if err := json.Unmarshal([]byte(output("json")), &array); err != nil || len(array) != len(verdicts) {
		t.Fatalf("json: %d records (%v), want %d", len(array), err, len(verdicts))
	}
	for i, obj := range array {
		checkObject("json", i, obj)
	}
	lines := strings.Split(strings.TrimSuffix(output("jsonl"), "\n"), "\n")
	if len(lines) != len(verdicts) {
		t.Fatalf("jsonl: %d lines, want %d", len(lines), len(verdicts))
	}
	for i, line := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("jsonl line %d: %v", i+1, err)
		}
		checkObject("jsonl", i, obj)
	}
	rows, err := csv.NewReader(strings.NewReader(output("csv"))).ReadAll()
	if err != nil || len(rows) != len(verdicts)+1 {
		t.Fatalf("csv: %d rows (%v), want a header and %d", len(rows), err, len(verdicts))
	}
	for i, row := range rows[1:] {
		if row[1] != "" || row[2] != "" || row[3] != verdicts[i] {
			t.Errorf("csv row %d: quality %q, spam_probability %q, verdict %q; want empty, empty, %s", i+1, row[1], row[2], row[3], verdicts[i])
		}
	}
	table := strings.Split(strings.TrimSuffix(output("table"), "\n"), "\n")
	if len(table) != len(verdicts)+1 {
		t.Fatalf("table: %d lines, want a header and %d", len(table), len(verdicts))
	}
	for i, line := range table[1:] {
		if f := strings.Fields(line); len(f) < 2 || f[0] != "-" || f[1] != verdicts[i] {
			t.Errorf("table row %d: %q, want quality \"-\" and verdict %s", i+1, line, verdicts[i])
		}
	}
}

func TestScoreBadInputsReportsAndScoresTheRest(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) { writeFile(t, dir, name, string(data)) }
	good, err := os.ReadFile(filepath.Join(examples, "clean-port-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write("a-good.txt", good)
	write("b-empty.txt", nil)
	write("c-binary.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	write("d-lines.jsonl", []byte(`{"id":"j1","text":"The mayor said on Friday that the bridge would reopen in May after repairs costing £2m."}
{"id":"j2","text": broken
{"id":"j3","text":"Police said two men had been arrested after a break-in at a jeweller's shop on the high street."}
`))
	stdout, stderr, code := runCLI(t, "", "score", "--format", "jsonl", dir)
	if code != 2 {
		t.Fatalf("exit %d, want 2 (some inputs failed); stderr: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines, want 6 (3 scored, 3 errors):\n%s", len(lines), stdout)
	}
	for i, want := range []string{`"id":"` + filepath.Join(dir, "a-good.txt") + `","quality"`, `"error":"corpus: ` + filepath.Join(dir, "b-empty.txt"), `"error":"corpus: ` + filepath.Join(dir, "c-binary.txt"), `"id":"j1"`, `d-lines.jsonl:2: invalid JSON`, `"id":"j3"`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %s, want it to contain %s", i+1, lines[i], want)
		}
	}
	if !strings.Contains(stderr, "scored 3, failed 3, skipped 0") {
		t.Errorf("summary: %s", stderr)
	}
}

func TestScoreGates(t *testing.T) {
	spam := filepath.Join(examples, "stuffed-electric-cars.txt")
	clean := filepath.Join(examples, "clean-port-strike.txt") // quality 98
	cases := []struct {
		args    []string
		code    int
		summary string
	}{
		{[]string{"score", "--format", "csv", clean}, 0, ""},
		{[]string{"score", "--format", "csv", "--fail-on", "spam", clean}, 0, "below the gate 0"},
		{[]string{"score", "--format", "csv", "--fail-on", "spam", clean, spam}, 1, "below the gate 1"},
		{[]string{"score", "--format", "csv", "--min-quality", "50", spam}, 1, "below the gate 1"},
		{[]string{"score", "--format", "csv", "--min-quality", "50", clean}, 0, "below the gate 0"},
		// Articles without a score have no quality to fall below and no
		// spam or suspect verdict: no gate trips on them.
		{[]string{"score", "--format", "csv", "--min-quality", "100", unscored}, 0, "scored 3, failed 0, skipped 0, below the gate 0"},
		{[]string{"score", "--format", "csv", "--fail-on", "suspect", unscored}, 0, "below the gate 0"},
		{[]string{"score", "--format", "csv", "--min-quality", "100", "--fail-on", "suspect", unscored}, 0, "below the gate 0"},
		// Beside them, a scored article still trips the gate.
		{[]string{"score", "--format", "csv", "--min-quality", "50", unscored, spam}, 1, "below the gate 1"},
		{[]string{"score", "--format", "csv", "--fail-on", "spam", unscored, spam}, 1, "below the gate 1"},
		{[]string{"score", "--format", "xml", clean}, 2, ""},
		{[]string{"score", "--fail-on", "maybe", clean}, 2, ""},
		{[]string{"score", "--model", "/nonexistent/model.json", clean}, 2, ""},
		{[]string{"score", "/nonexistent/article.txt"}, 2, ""},
	}
	for _, c := range cases {
		_, stderr, code := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.summary) {
			t.Errorf("%v: exit %d, want %d; stderr %q, want it to contain %q", c.args, code, c.code, stderr, c.summary)
		}
	}
}

func TestScoreReadsStdin(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(examples, "shop-template-weather.txt"))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, string(text), "score", "--format", "jsonl", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"id":"stdin"`) || !strings.Contains(stdout, `"verdict":"spam"`) {
		t.Fatalf("stdout: %s", stdout)
	}
}

// helpHas checks that COMMAND --help succeeds and says each of wants.
func helpHas(t *testing.T, command string, wants ...string) {
	t.Helper()
	stdout, _, code := runCLI(t, "", command, "--help")
	if code != 0 {
		t.Fatalf("%s --help: exit %d", command, code)
	}
	for _, want := range wants {
		if !strings.Contains(stdout, want) {
			t.Errorf("%s --help lacks %q", command, want)
		}
	}
}

func TestHelpExplainsEachCommand(t *testing.T) {
	for _, cmd := range []string{"score", "filter", "sources", "serve", "train", "eval"} {
		stdout, _, code := runCLI(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(stdout, "Usage:") || !strings.Contains(stdout, "Flags:") {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, stdout)
		}
	}
}

func TestEvalBadInputsNameFileAndLine(t *testing.T) {
	if !evalLinked {
		t.Skip("eval is not built in without -tags eval")
	}
	dir := t.TempDir()
	write := func(name, data string) string { return writeFile(t, dir, name, data) }
	good := `{"id":"a","label":"clean","text":"The mayor said the bridge would reopen in May."}` + "\n"
	cases := []struct {
		name, data, want string
	}{
		{"unlabelled.jsonl", good + `{"id":"b","text":"No label here at all."}` + "\n", "unlabelled.jsonl:2: no label"},
		{"unknown.jsonl", good + good + `{"id":"c","label":"maybe","text":"Unknown label."}` + "\n", `unknown.jsonl:3: unknown label: "maybe"`},
		{"empty.jsonl", "", "empty.jsonl: empty file"},
		{"pages.jsonl", `{"id":"p","label":"page","text":"A page."}` + "\n", "no labelled articles"},
	}
	for _, c := range cases {
		path := write(c.name, c.data)
		_, stderr, code := runCLI(t, "", "eval", "--report", filepath.Join(dir, "report"), path)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", c.name, code, stderr, c.want)
		}
	}
}

func TestEvalWritesReport(t *testing.T) {
	if !evalLinked {
		t.Skip("eval is not built in without -tags eval")
	}
	dir := t.TempDir()
	report := filepath.Join(dir, "report")
	stdout, stderr, code := runCLI(t, "", "eval", "--report", report, "../../testdata/labelled")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"metrics.json", "report.html", "report.md", "throughput.json"} {
		if _, err := os.Stat(filepath.Join(report, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "AUROC") {
		t.Errorf("no summary on stdout: %s", stdout)
	}
	metrics1, _ := os.ReadFile(filepath.Join(report, "metrics.json"))
	runCLI(t, "", "eval", "--report", report, "../../testdata/labelled")
	metrics2, _ := os.ReadFile(filepath.Join(report, "metrics.json"))
	if !bytes.Equal(metrics1, metrics2) {
		t.Error("metrics.json differs between two runs")
	}
}

func TestScoreSaysWhenItTruncated(t *testing.T) {
	stdout, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--max-bytes", "200", filepath.Join(examples, "clean-port-strike.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"signal":"truncated"`) || !strings.Contains(stderr, "warning:") || !strings.Contains(stderr, "text cut at 200 bytes") {
		t.Fatalf("no word of the truncation:\nstdout %s\nstderr %s", stdout, stderr)
	}
}

// TestPreferHTMLReachesEveryReader checks that --prefer-html makes score
// and sources read a record with both "text" and "html" as the page alone
// would be read, that train and eval load their data with it, and that
// serve takes it too.
func TestPreferHTMLReachesEveryReader(t *testing.T) {
	dir := t.TempDir()
	page := `<html><head><title>Tram line opens</title></head><body><article><h1>Tram line opens</h1>` +
		`<p>The first trams ran on the new line on Monday morning, carrying commuters from the harbour to the station in twelve minutes, the operator said.</p>` +
		`<p>"We opened three weeks early after a dry winter," said the city's transport director, Ana Ruiz.</p>` +
		`<p>The line cost 140 million euros and runs every six minutes at peak hours. Fares are the same as on the buses, and the old route 12 will stop on Friday, the council said.</p></article></body></html>`
	text := "Buy cheap watches now at watches-deal.example. Buy cheap watches now. Best cheap watches 2024. " +
		"Order today and save big on every watch in the store, with free delivery on all orders and a gift for every buyer. " +
		"Buy cheap watches now at watches-deal.example. Limited offer, while stocks last, so buy now."
	both := writeFile(t, dir, "both.jsonl", fmt.Sprintf(`{"id":"p","label":"clean","site":"news.example","text":%q,"html":%q}`+"\n", text, page))
	htmlOnly := writeFile(t, dir, "html.jsonl", fmt.Sprintf(`{"id":"p","label":"clean","site":"news.example","html":%q}`+"\n", page))
	blank := writeFile(t, dir, "blank.jsonl", fmt.Sprintf(`{"id":"b","label":"clean","text":%q,"html":"<body><script>x()</script></body>"}`+"\n", text))

	for _, command := range []string{"score", "sources"} {
		fromHTML, stderr, code := runCLI(t, "", command, "--format", "jsonl", htmlOnly)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", command, code, stderr)
		}
		preferred, stderr, code := runCLI(t, "", command, "--format", "jsonl", "--prefer-html", both)
		if code != 0 || preferred != strings.ReplaceAll(fromHTML, "html.jsonl", "both.jsonl") {
			t.Errorf("%s --prefer-html: exit %d (%s)\n%s\nwant what the page alone gives:\n%s", command, code, stderr, preferred, fromHTML)
		}
		if fromText, _, _ := runCLI(t, "", command, "--format", "jsonl", both); fromText == preferred {
			t.Errorf("%s without --prefer-html gives the page's result: %s", command, fromText)
		}
	}
	for _, command := range []string{"train", "eval"} {
		if command == "eval" && !evalLinked {
			continue // built without -tags eval
		}
		args := []string{command, "--prefer-html", blank}
		if command == "train" {
			args = append(args, "--out", filepath.Join(dir, "model.json"))
		} else {
			args = append(args, "--report", filepath.Join(dir, "report"))
		}
		_, stderr, code := runCLI(t, "", args...)
		if want := `blank.jsonl:1: no text: "html" has no visible text`; code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%s --prefer-html: exit %d, stderr %q; want 2 and %q", command, code, stderr, want)
		}
		_, stderr, _ = runCLI(t, "", append(args[:1:1], args[2:]...)...)
		if strings.Contains(stderr, "no visible text") {
			t.Errorf("%s without --prefer-html read the page: %s", command, stderr)
		}
	}
	if stdout, _, _ := runCLI(t, "", "serve", "--help"); !strings.Contains(stdout, "--prefer-html") {
		t.Error("serve --help lacks --prefer-html")
	}
}

// TestBadChoiceFlagsAreRefused checks that a flag taking one of a few words
// refuses any other before reading input, with the words it takes.
func TestBadChoiceFlagsAreRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--progress", "maybe", "../../testdata/examples"}, `unknown --progress "maybe": want auto, always or never`},
		{[]string{"sources", "--progress", "maybe", "../../testdata/examples"}, `unknown --progress "maybe": want auto, always or never`},
		{[]string{"score", "--format", "yaml", "../../testdata/examples"}, `unknown --format "yaml": want table, json, jsonl, csv or html`},
		{[]string{"score", "--fail-on", "clean", "../../testdata/examples"}, `unknown --fail-on "clean": want spam or suspect`},
		{[]string{"score", "--with-text", "--format", "csv", "../../testdata/examples"}, `--with-text needs --format json or jsonl`},
		{[]string{"score", "--with-text", "--format", "table", "../../testdata/examples"}, `--with-text needs --format json or jsonl`},
	} {
		out, stderr, code := runCLI(t, "", tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, nothing on stdout and %q", tc.args, code, out, stderr, tc.want)
		}
	}
	if _, stderr, code := runCLI(t, "", "score", "--progress", "never", "--format", "csv", "../../testdata/examples"); code != 0 {
		t.Errorf("--progress never: exit %d, stderr %q", code, stderr)
	}
}
