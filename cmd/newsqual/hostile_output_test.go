package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/model"
	"github.com/newsqual/newsqual/server"
)

// extremeModelJSON is the default model file with every scale subnormal
// and the weights ±1e308: finite numbers whose scores overflow to NaN.
func extremeModelJSON(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../models/default.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	scale, weights := m["scale"].([]any), m["weights"].([]any)
	for i := range scale {
		scale[i] = 1e-320
		weights[i] = 1e308
		if i%2 == 1 {
			weights[i] = -1e308
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScoreRefusesExtremeModelFile checks that such a model file is refused
// at load, naming the field, before any article is read.
func TestScoreRefusesExtremeModelFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "extreme.json")
	if err := os.WriteFile(path, extremeModelJSON(t), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "", "score", "--model", path, "--format", "jsonl", examples)
	if code != 2 || stdout != "" || !strings.Contains(stderr, "scale 1e-320") || !strings.Contains(stderr, path) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// extremeScorer scores with the extreme model, bypassing Validate as a
// library caller of newsqual.New could.
func extremeScorer(t *testing.T) *newsqual.Scorer {
	t.Helper()
	var m model.Model
	if err := json.Unmarshal(extremeModelJSON(t), &m); err != nil {
		t.Fatal(err)
	}
	s, err := newsqual.New(&m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNonFiniteScoreReachesNoOutput checks that an article whose prediction
// is NaN becomes an error record in every format, fails the run rather
// than passing --fail-on, and is answered by serve without a 500.
func TestNonFiniteScoreReachesNoOutput(t *testing.T) {
	s := extremeScorer(t)
	text, err := os.ReadFile(filepath.Join(examples, "stuffed-electric-cars.txt"))
	if err != nil {
		t.Fatal(err)
	}
	it := corpus.Item{Path: "stuffed.txt", Article: corpus.Article{ID: "stuffed.txt", Text: string(text)}}
	rec := scoreItem(s, s.ModelSHA256(), it, false)
	if !rec.failed() || !strings.Contains(rec.err, "no finite score") || rec.ID() != "stuffed.txt" {
		t.Fatalf("record %+v, want an error record", rec)
	}
	for _, format := range []string{"json", "jsonl", "csv", "table"} {
		var buf bytes.Buffer
		var w outputWriter
		switch format {
		case "json":
			w = newJSONWriter(&buf)
		case "jsonl":
			w = newJSONLWriter(&buf)
		case "csv":
			w = newCSVWriter(&buf, true)
		case "table":
			w = newTableWriter(&buf, true)
		}
		if err := w.Write(rec); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out := buf.String()
		for _, bad := range []string{"NaN", "Inf", "-9223372036854775808", "clean"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output holds %q:\n%s", format, bad, out)
			}
		}
		if !strings.Contains(out, "no finite score") {
			t.Errorf("%s output does not say why:\n%s", format, out)
		}
	}

	// The service answers with the error record, not a 500.
	srv, err := server.New(s, server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]string{"id": "x", "text": string(text)})
	req := httptest.NewRequest(http.MethodPost, "/v1/score", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code == http.StatusInternalServerError {
		t.Fatalf("serve answered %d %s (%v)", w.Code, w.Body, err)
	}
	if got["verdict"] != string(newsqual.VerdictError) || got["quality"] != nil || !strings.Contains(got["error"].(string), "no finite score") {
		t.Fatalf("serve answered %d %s", w.Code, w.Body)
	}
}

// TestScoreSkipsLinksOutsideTheFolder checks that score reads nothing
// through a link out of the folder it was given, nor walks / through a
// link to it, and says so on stderr; --follow-symlinks reads the link.
func TestScoreSkipsLinksOutsideTheFolder(t *testing.T) {
	dir := t.TempDir()
	secret := writeFile(t, dir, "credentials.txt", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
	scan := filepath.Join(dir, "scan")
	if err := os.Mkdir(scan, 0o755); err != nil {
		t.Fatal(err)
	}
	story, err := os.ReadFile(filepath.Join(examples, "clean-port-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, scan, "story.txt", string(story))
	for target, link := range map[string]string{secret: "leak.txt", "/": "root"} {
		if err := os.Symlink(target, filepath.Join(scan, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	stdout, stderr, code := runCLI(t, "", "score", "--format", "jsonl", scan)
	if code != 0 || strings.Contains(stdout, "aws_secret") || strings.Contains(stdout, "leak.txt") || strings.Count(stdout, "\n") != 1 {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, link := range []string{"leak.txt", "root"} {
		if !strings.Contains(stderr, "skipped "+filepath.Join(scan, link)+": symbolic link to ") {
			t.Errorf("stderr does not report %s as skipped:\n%s", link, stderr)
		}
	}
	if !strings.Contains(stderr, "scored 1, failed 0, skipped 2") {
		t.Errorf("summary:\n%s", stderr)
	}

	if err := os.Remove(filepath.Join(scan, "root")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCLI(t, "", "score", "--format", "jsonl", "--follow-symlinks", scan)
	if code != 0 || !strings.Contains(stdout, `"id":"`+filepath.Join(scan, "leak.txt")+`"`) || !strings.Contains(stderr, "scored 2, failed 0, skipped 0") {
		t.Fatalf("--follow-symlinks: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// TestHugeEvidenceIsCut checks that an article of long lines repeated,
// quoted as page debris, gives a result of a few kilobytes, with each
// quote cut and marked so. Before the cap this article (about 1.2 MB)
// gave 395 KB of JSON.
func TestHugeEvidenceIsCut(t *testing.T) {
	story, err := os.ReadFile(filepath.Join(examples, "clean-port-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("the council said budget harbour minister report week year city police market people government plan new")
	parts := []string{string(story)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		var b strings.Builder
		for range 12000 {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		parts = append(parts, b.String(), b.String(), b.String())
	}
	path := writeFile(t, t.TempDir(), "huge.txt", strings.Join(parts, "\n\n"))
	stdout, stderr, code := runCLI(t, "", "score", "--format", "json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(stdout) > 16<<10 || !strings.Contains(stdout, `"cut": true`) {
		t.Fatalf("%d bytes of JSON for a %d-byte article:\n%.2000s", len(stdout), len(strings.Join(parts, "\n\n")), stdout)
	}
	t.Logf("%d bytes of JSON", len(stdout))
}

// TestTableEscapesControlCharacters checks that terminal escapes in an id
// and in the text quoted by reasons never reach the terminal raw.
func TestTableEscapesControlCharacters(t *testing.T) {
	story, err := os.ReadFile(filepath.Join(examples, "stuffed-electric-cars.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(story), "best EV deals 2024", "best EV deals 2024\x1b[2J\x1b]0;pwned\x07\u202e", 3)
	line, _ := json.Marshal(map[string]string{"id": "evil\x1b]0;owned\x07\x1b[31mred\u202egnp.exe\r\nfake row", "text": text})
	stdout, stderr, code := runCLI(t, string(line)+"\n", "score", "--format", "table", "--explain", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("table holds %q raw:\n%s", bad, stdout)
		}
	}
	if !strings.Contains(stdout, `evil\x1b]0;ow…mred\u202egnp.exe fake row`) {
		t.Errorf("table does not show the id escaped:\n%s", stdout)
	}
	if got := escapeControls("ok é 日本 \xff\x1b\u0085"); got != `ok é 日本 \xff\x1b\u0085` {
		t.Errorf("escapeControls: %q", got)
	}
}

// TestCSVNeutralisesFormulas checks that cells a spreadsheet would run as
// formulas start with a single quote.
func TestCSVNeutralisesFormulas(t *testing.T) {
	story, err := os.ReadFile(filepath.Join(examples, "clean-port-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{`=HYPERLINK("http://evil.example","x")`, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "plain-id"}
	var in strings.Builder
	for _, id := range ids {
		// The url and source cells, and with --explain the all_reasons
		// cell, are text from the input too.
		line, _ := json.Marshal(map[string]string{"id": id, "text": string(story), "url": `=HYPERLINK("http://evil.example")`, "source": "@evil"})
		in.Write(line)
		in.WriteByte('\n')
	}
	// A record that cannot be read: its error cell quotes the input.
	in.WriteString(`{"id": "=cmd", "text": 3}` + "\n")
	stdout, _, _ := runCLI(t, in.String(), "score", "--format", "csv", "--explain", "-")
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ids)+2 {
		t.Fatalf("%d rows:\n%s", len(rows), stdout)
	}
	for i, id := range ids {
		want := "'" + id
		if id == "plain-id" {
			want = id
		}
		if rows[i+1][0] != want {
			t.Errorf("id cell %q, want %q", rows[i+1][0], want)
		}
		if url, source := rows[i+1][6], rows[i+1][7]; url != `'=HYPERLINK("http://evil.example")` || source != "'@evil" {
			t.Errorf("url and source cells %q %q, want them quoted", url, source)
		}
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
				t.Errorf("cell %q of row %q is a formula", cell, row)
			}
		}
	}
}

// TestFileNamesCannotForgeStderrLines checks that a file name holding a
// newline is quoted on stderr, so it cannot print a summary line of its
// own.
func TestFileNamesCannotForgeStderrLines(t *testing.T) {
	dir := t.TempDir()
	forged := "newsqual: scored 99, failed 0, skipped 0"
	for _, name := range []string{"a\n" + forged + "\n.txt", "b\n" + forged + "\n.png", "c\x1b[2J.txt"} {
		writeFile(t, dir, name, "") // empty: an error, or skipped by its extension
	}
	_, stderr, code := runCLI(t, "", "score", "--format", "jsonl", dir)
	if code != 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 4 {
		t.Errorf("%d lines on stderr, want 4 (2 errors, 1 skip, the summary):\n%s", len(lines), stderr)
	}
	for _, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, "newsqual:") || strings.Contains(l, "\x1b") {
			t.Errorf("forged or raw line %q", l)
		}
	}
	want := "skipped " + strconv.Quote(filepath.Join(dir, "b\n"+forged+"\n.png")) + ": "
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr does not quote the skipped name as %s:\n%s", want, stderr)
	}
	if got := quotePath("plain/path name.txt"); got != "plain/path name.txt" {
		t.Errorf("quotePath of a plain path: %s", got)
	}
}

// TestAppendingRunsNeverSpliceLines checks that four runs appending to one
// file, each through its own O_APPEND descriptor as four processes with
// >> would, leave every line whole: each write holds whole records.
func TestAppendingRunsNeverSpliceLines(t *testing.T) {
	const writers, records = 4, 1500
	out := filepath.Join(t.TempDir(), "scores.jsonl")
	for _, format := range []string{"jsonl", "csv"} {
		if err := os.WriteFile(out, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, writers)
		for w := range writers {
			var in strings.Builder
			for i := range records {
				// Ids of varied length, so that records straddle the
				// buffer's boundaries at varied places.
				line, _ := json.Marshal(map[string]string{
					"id":   fmt.Sprintf("w%d-%05d-%s", w, i, strings.Repeat("x", 50+(i*37)%300)),
					"text": "A brief of a few words.",
				})
				in.Write(line)
				in.WriteByte('\n')
			}
			go func() {
				f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND, 0)
				if err != nil {
					done <- err
					return
				}
				defer f.Close()
				var stderr bytes.Buffer
				if code := run([]string{"score", "--format", format, "-"}, strings.NewReader(in.String()), f, &stderr); code != 0 {
					done <- fmt.Errorf("exit %d: %s", code, stderr.String())
					return
				}
				done <- nil
			}()
		}
		for range writers {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		want := writers * records
		if format == "csv" {
			want += writers // a header each
		}
		if len(lines) != want {
			t.Errorf("%s: %d lines, want %d", format, len(lines), want)
		}
		bad := 0
		for _, l := range lines {
			var ok bool
			if format == "jsonl" {
				var v struct{ ID, Verdict string }
				ok = json.Unmarshal([]byte(l), &v) == nil && v.Verdict == string(newsqual.VerdictTooShort)
			} else {
				row, err := csv.NewReader(strings.NewReader(l)).Read()
				ok = err == nil && len(row) == len(csvColumns) && (row[0] == "id" || row[3] == string(newsqual.VerdictTooShort))
			}
			if !ok {
				bad++
				if bad <= 3 {
					t.Errorf("%s: spliced line %.200q", format, l)
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d lines spliced", format, bad, len(lines))
		}
	}
}

// TestNumericFlagsAreValidated checks that negative, zero where it means
// nothing, and absurdly large values of the numeric flags are refused with
// exit 2 and a message naming the flag, before any article is read.
func TestNumericFlagsAreValidated(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"score", "--workers", "99999999999"}, "--workers 99999999999: want 0 (one per CPU) or 1 to 1024"},
		{[]string{"score", "--workers", "-3"}, "--workers -3: want 0 (one per CPU) or 1 to 1024"},
		{[]string{"score", "--max-bytes", "-1"}, "--max-bytes must be above zero, got -1"},
		{[]string{"score", "--max-bytes", "9223372036854775807"}, "--max-bytes 9223372036854775807: want 1 to 1073741824"},
		{[]string{"score", "--max-line-bytes", "0"}, "--max-line-bytes must be above zero"},
		{[]string{"score", "--max-html-bytes", "99999999999"}, "--max-html-bytes 99999999999: want 1 to"},
		{[]string{"score", "--max-html-depth", "100000"}, "--max-html-depth 100000: want 1 to 512"},
		{[]string{"score", "--max-words", "0"}, "--max-words must be above zero"},
		{[]string{"score", "--skip", "-5"}, "--skip -5: want 0 to"},
		{[]string{"score", "--min-quality", "-5"}, "--min-quality -5: want 0 to 100"},
		{[]string{"score", "--min-quality", "101"}, "--min-quality 101: want 0 to 100"},
		{[]string{"sources", "--workers", "99999999999"}, "--workers 99999999999"},
		{[]string{"sources", "--max-words", "-1"}, "--max-words must be above zero"},
		{[]string{"sources", "--min-articles", "-1"}, "--min-articles -1"},
		{[]string{"serve", "--workers", "99999999999"}, "--workers 99999999999"},
		{[]string{"serve", "--max-concurrent", "99999999999"}, "--max-concurrent 99999999999: want 1 to 100000"},
		{[]string{"serve", "--max-body-bytes", "9223372036854775807"}, "--max-body-bytes 9223372036854775807: want 1 to 1073741824"},
		{[]string{"serve", "--timeout", "1000000h"}, "--timeout 1000000h0m0s: want 1ns to 24h0m0s"},
		{[]string{"train", "--workers", "-1"}, "--workers -1"},
		{[]string{"train", "--folds", "1"}, "--folds 1: want 2 to 1000"},
		{[]string{"eval", "--workers", "99999999999"}, "--workers 99999999999"},
		{[]string{"eval", "--worst", "-1"}, "--worst -1"},
	}
	for _, c := range cases {
		args := c.args
		if args[0] != "serve" {
			args = append(args, examples)
		}
		stdout, stderr, code := runCLI(t, "", args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", args, code, stdout, stderr, c.want)
		}
	}
	// Zero means one per CPU, and the edges of the ranges are accepted.
	for _, args := range [][]string{
		{"score", "--workers", "0", "--min-quality", "0", examples},
		{"score", "--workers", "1024", "--max-html-depth", "512", "--min-quality", "100", examples},
	} {
		if _, stderr, code := runCLI(t, "", args...); code == 2 {
			t.Errorf("%v: exit 2: %s", args, stderr)
		}
	}
}
