package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/sources"
)

// scoresFixture is invented score output for six sources: a content farm
// on two subdomains, a one-article site, a mixed site, a site in German
// (one record as earlier versions wrote it, with a quality, one with
// none), a wire service known by its source field and a clean local paper
// with one brief too short to score.
const scoresFixture = "testdata/sources-scores.jsonl"

func TestSourcesFormatsMatchGoldenFiles(t *testing.T) {
	checkFormatsMatchGolden(t, "sources", "6 sources from 22 articles (scored 0, read from scores 22), failed 0", "sources", scoresFixture)
}

func TestSourcesReadsScoresFromStdin(t *testing.T) {
	data, err := os.ReadFile(scoresFixture)
	if err != nil {
		t.Fatal(err)
	}
	fromFile, _, _ := runCLI(t, "", "sources", "--format", "jsonl", scoresFixture)
	fromStdin, stderr, code := runCLI(t, string(data), "sources", "--format", "jsonl", "-")
	if code != 0 || fromStdin != fromFile {
		t.Errorf("exit %d, stdin output differs from file output:\n%s\n%s", code, fromStdin, stderr)
	}
}

// decodeReports parses the JSON output of sources.
func decodeReports(t *testing.T, stdout string) []sources.Report {
	t.Helper()
	var reports []sources.Report
	if err := json.Unmarshal([]byte(stdout), &reports); err != nil {
		t.Fatalf("output is not a JSON array of reports: %v\n%s", err, stdout)
	}
	return reports
}

// writeCrawl lays out a crawl folder: a farm folder of four spam pages, a
// paper folder of two clean ones (one a level deeper) and a JSONL feed
// directly in the crawl folder.
func writeCrawl(t *testing.T) string {
	t.Helper()
	crawl := filepath.Join(t.TempDir(), "crawl")
	copyExample := func(name, to string) {
		b, err := os.ReadFile(filepath.Join(examples, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"ad-injected-festival.txt", "filler-rewrite-summit.txt", "shop-template-weather.txt", "stuffed-electric-cars.txt"} {
		copyExample(name, filepath.Join(crawl, "farm", name))
	}
	copyExample("clean-port-strike.txt", filepath.Join(crawl, "paper", "port.txt"))
	copyExample("clean-council-budget.txt", filepath.Join(crawl, "paper", "2024", "council.txt"))
	feed := `{"id":"w1","url":"https://www.wire.example/a","text":"The mayor said on Friday that the bridge would reopen in May after repairs costing two million pounds."}
{"id":"w2","url":"http://m.wire.example:8080/b","text":"Police said two men had been arrested after a break-in at a jeweller's shop on the high street."}
{"id":"r1","site":"Local Radio","text":"The council said it would publish the results of the consultation on the new bus lanes next month."}
{"text":"Firefighters said the blaze at the warehouse was brought under control by early evening."}
`
	if err := os.WriteFile(filepath.Join(crawl, "feed.jsonl"), []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	return crawl
}

func TestSourcesGroupsArticlesByURLSourceAndFolder(t *testing.T) {
	crawl := writeCrawl(t)
	stdout, stderr, code := runCLI(t, "", "sources", "--format", "json", crawl)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	reports := decodeReports(t, stdout)
	got := map[string]int{}
	for _, r := range reports {
		got[r.Source] = r.Articles
	}
	want := map[string]int{"farm": 4, "paper": 2, "wire.example": 2, "Local Radio": 1, "crawl": 1}
	if len(got) != len(want) {
		t.Errorf("sources %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("source %q: %d articles, want %d (all: %v)", k, got[k], n, got)
		}
	}
	// Four spam pages make a spam source (the 5% quantile of Beta(5, 1) is
	// 0.55, past 0.5), and it heads the list.
	if reports[0].Source != "farm" || reports[0].Verdict != sources.VerdictSpam || reports[0].Spam != 4 {
		t.Errorf("worst source %+v: want farm, spam, 4 spam articles", reports[0])
	}
	if len(reports[0].Signals) == 0 || len(reports[0].Signals[0].Examples) == 0 {
		t.Errorf("farm lists no signals with examples: %+v", reports[0].Signals)
	}
	// The feed's articles are one-sentence briefs, too short for a score:
	// counted apart, not judged, and no quality of theirs enters the
	// median.
	for _, r := range reports {
		if r.Source == "wire.example" && (r.TooShort != 2 || r.Judged != 0 || r.Verdict != sources.VerdictUnrated) {
			t.Errorf("wire.example: %d too short, %d judged, verdict %s; want 2, 0, unrated", r.TooShort, r.Judged, r.Verdict)
		}
		if r.Source == "paper" && (r.TooShort != 0 || r.Judged != 2 || r.MedianQuality < 90) {
			t.Errorf("paper: %d too short, %d judged, median quality %v; want 0, 2, 90 or more", r.TooShort, r.Judged, r.MedianQuality)
		}
	}
	if !strings.Contains(stderr, "5 sources from 10 articles (scored 10, read from scores 0), failed 0, skipped 0") {
		t.Errorf("summary: %s", stderr)
	}
}

func TestSourcesOfScoreOutputMatchScoringOnTheFly(t *testing.T) {
	crawl := writeCrawl(t)
	onTheFly, _, code := runCLI(t, "", "sources", "--format", "json", crawl)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	scores, stderr, code := runCLI(t, "", "score", "--format", "jsonl", crawl)
	if code != 0 {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	scoresFile := filepath.Join(t.TempDir(), "scores.jsonl")
	if err := os.WriteFile(scoresFile, []byte(scores), 0o644); err != nil {
		t.Fatal(err)
	}
	// Score records keep the file path as their id: under --root the
	// folder rule gives the same keys as walking the folder.
	fromScores, stderr, code := runCLI(t, "", "sources", "--format", "json", "--root", crawl, scoresFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fromScores != onTheFly {
		t.Errorf("sources of score output differ from scoring on the fly:\n%s\n---\n%s", fromScores, onTheFly)
	}
	if !strings.Contains(stderr, "(scored 0, read from scores 10)") {
		t.Errorf("scores were not read as scores: %s", stderr)
	}
	// Without --root a record's folder is its own: paper/2024 apart.
	withoutRoot, _, _ := runCLI(t, "", "sources", "--format", "json", scoresFile)
	keys := map[string]bool{}
	for _, r := range decodeReports(t, withoutRoot) {
		keys[r.Source] = true
	}
	if !keys["2024"] || !keys["paper"] {
		t.Errorf("without --root, want paper and 2024 apart: %v", keys)
	}
}

func TestSourcesCountsFailedInputsAndExits2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeFile(t, dir, name, data) }
	write("a.jsonl", `{"id":"ok","url":"https://news.example/a","text":"The council said on Tuesday it would close the bridge for repairs."}
{"id":"bad","text": broken
`)
	write("b.txt", "")
	stdout, stderr, code := runCLI(t, "", "sources", "--format", "jsonl", dir)
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, stderr)
	}
	if strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, `"source":"news.example"`) {
		t.Errorf("want the one good article's source listed:\n%s", stdout)
	}
	for _, want := range []string{".jsonl:2: invalid JSON", "b.txt: empty file", "1 sources from 1 articles (scored 1, read from scores 0), failed 2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	scores := write("scores.jsonl", `{"id":"x1","url":"https://news.example/x1","quality":90,"spam_probability":0.1,"verdict":"clean","reasons":[]}
{"id":"in/y.txt","error":"corpus: in/y.txt: binary file"}
{"id":"x2","quality":"high","verdict":"clean"}
`)
	stdout, stderr, code = runCLI(t, "", "sources", "--format", "csv", scores)
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, stderr)
	}
	if !strings.Contains(stdout, "news.example,1,1,1,") {
		t.Errorf("csv:\n%s", stdout)
	}
	for _, want := range []string{"scores.jsonl:2: in/y.txt failed when scored: corpus: in/y.txt: binary file", "scores.jsonl:3: not a score record", "read from scores 1), failed 2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestSourcesFlagsAndExitCodes(t *testing.T) {
	cases := []struct {
		args     []string
		code     int
		lines    int    // lines of jsonl output, -1 to skip
		errorHas string // in stderr
	}{
		{[]string{"--min-articles", "3"}, 0, 3, "3 with fewer than 3 articles not listed"},
		{[]string{"--min-articles", "100"}, 0, 0, ""},
		{[]string{"--fail-on", "spam"}, 1, 6, "1 at the --fail-on gate"},
		{[]string{"--fail-on", "suspect", "--min-articles", "7"}, 0, 1, "0 at the --fail-on gate"},
		{[]string{"--fail-on", "maybe"}, 2, 0, `unknown --fail-on "maybe"`},
		{[]string{"--format", "xml"}, 2, 0, `unknown --format "xml"`},
		{[]string{"--input", "guess"}, 2, 0, `unknown --input "guess"`},
		{[]string{"--prior-spam", "0"}, 2, 0, "prior spam pseudo-count 0"},
		{[]string{"--suspect-weight", "2"}, 2, 0, "suspect weight 2"},
		{[]string{"--input", "articles"}, 2, 0, `no "text" or "html" field`},
		{[]string{"--input", "scores", "testdata"}, 2, 0, "testdata is a folder"},
		{[]string{"/nonexistent/scores.jsonl"}, 2, -1, "no such file or directory"},
		// A stronger prior toward clean lifts the one-article site.
		{[]string{"--prior-clean", "9", "--top-signals", "0"}, 0, 6, ""},
	}
	for _, c := range cases {
		args := append([]string{"sources", "--format", "jsonl", scoresFixture}, c.args...)
		stdout, stderr, code := runCLI(t, "", args...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d; stderr: %s", c.args, code, c.code, stderr)
			continue
		}
		if c.lines >= 0 && strings.Count(stdout, "\n") != c.lines && c.code != 2 {
			t.Errorf("%v: %d lines of output, want %d", c.args, strings.Count(stdout, "\n"), c.lines)
		}
		if !strings.Contains(stderr, c.errorHas) {
			t.Errorf("%v: stderr lacks %q: %s", c.args, c.errorHas, stderr)
		}
	}
	// With --prior-clean 9 the one-spam site rates 100 × (1 − 2/11).
	stdout, _, _ := runCLI(t, "", "sources", "--format", "csv", "--prior-clean", "9", scoresFixture)
	if !strings.Contains(stdout, "lonely.example,1,1,0,0,1,0,0,0,4,4,1,0,81.8,") {
		t.Errorf("csv with --prior-clean 9:\n%s", stdout)
	}
}

func TestSourcesHelpExplainsItself(t *testing.T) {
	helpHas(t, "sources", "registrable domain", "Beta", "--min-articles", "Examples:", "Exit status")
}
