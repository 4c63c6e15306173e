package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// verdictsOf returns the verdict of each JSONL record of a score run.
func verdictsOf(t *testing.T, jsonl string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for line := range strings.Lines(jsonl) {
		var rec struct{ ID, Verdict string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		out[rec.ID[strings.LastIndexByte(rec.ID, '/')+1:]] = rec.Verdict
	}
	return out
}

// The built-in model's cut-offs given as flags change not a byte.
func TestThresholdFlagsAtTheModelsValuesChangeNothing(t *testing.T) {
	want, _, code := runCLI(t, "", "score", "--format", "jsonl", examples)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	got, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--spam-threshold", "23.4989", "--suspect-threshold", "58.837", examples)
	if code != 0 || got != want {
		t.Errorf("exit %d (%s); output with the model's cut-offs differs:\n%s\nwant\n%s", code, stderr, got, want)
	}
}

func TestThresholdFlagsChangeVerdicts(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want map[string]string // verdicts of the articles that change
	}{
		{"defaults", nil, map[string]string{"clean-council-budget.txt": "clean", "ad-injected-festival.txt": "spam"}},
		// clean-council-budget has quality 97 (96.5796 before rounding).
		{"strict suspect", []string{"--suspect-threshold", "97"}, map[string]string{"clean-council-budget.txt": "suspect", "clean-port-strike.txt": "clean"}},
		{"just below", []string{"--suspect-threshold", "96.5795"}, map[string]string{"clean-council-budget.txt": "clean"}},
		{"at the quality", []string{"--suspect-threshold", "96.5796"}, map[string]string{"clean-council-budget.txt": "suspect"}},
		{"strict spam", []string{"--spam-threshold", "97", "--suspect-threshold", "99"}, map[string]string{"clean-council-budget.txt": "spam", "clean-port-strike.txt": "clean"}},
		// ad-injected-festival has quality 0 (0.0339 before rounding).
		{"lenient", []string{"--spam-threshold", "0.03", "--suspect-threshold", "0.03"}, map[string]string{"ad-injected-festival.txt": "clean", "filler-rewrite-summit.txt": "spam"}},
		{"lenient spam only", []string{"--spam-threshold", "0.03"}, map[string]string{"ad-injected-festival.txt": "suspect"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", append([]string{"score", "--format", "jsonl"}, append(c.args, examples)...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := verdictsOf(t, stdout)
			for id, v := range c.want {
				if got[id] != v {
					t.Errorf("%s: verdict %q, want %q", id, got[id], v)
				}
			}
		})
	}
}

func TestFailOnFollowsTheThresholds(t *testing.T) {
	clean := examples + "/clean-council-budget.txt"
	if _, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--fail-on", "suspect", clean); code != 0 {
		t.Fatalf("default thresholds: exit %d, want 0: %s", code, stderr)
	}
	_, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--fail-on", "suspect", "--suspect-threshold", "97", clean)
	if code != 1 || !strings.Contains(stderr, "below the gate 1") {
		t.Errorf("--suspect-threshold 97 --fail-on suspect: exit %d, want 1: %s", code, stderr)
	}
	// --min-quality looks at the quality, which thresholds leave alone.
	if _, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--min-quality", "97", "--suspect-threshold", "97", clean); code != 0 {
		t.Errorf("--min-quality 97: exit %d, want 0: %s", code, stderr)
	}
}

func TestBadThresholdFlagsAreRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--spam-threshold", "0"}, "--spam-threshold 0: want a quality cut-off above 0 and below 100"},
		{[]string{"--spam-threshold", "100"}, "--spam-threshold 100: want a quality cut-off above 0 and below 100"},
		{[]string{"--suspect-threshold", "-1"}, "--suspect-threshold -1: want a quality cut-off above 0 and below 100"},
		{[]string{"--suspect-threshold", "NaN"}, "--suspect-threshold NaN: want a quality cut-off"},
		{[]string{"--spam-threshold", "high"}, `invalid argument "high" for "--spam-threshold"`},
		{[]string{"--spam-threshold", "30", "--suspect-threshold", "20"}, "--spam-threshold 30 is above --suspect-threshold 20: want the spam cut-off at or below the suspect one"},
		{[]string{"--spam-threshold", "70"}, "--spam-threshold 70 is above the model's suspect cut-off 58.837 (set --suspect-threshold to change it)"},
		{[]string{"--suspect-threshold", "10"}, "the model's spam cut-off 23.4989 (set --spam-threshold to change it) is above --suspect-threshold 10"},
	} {
		for _, command := range []string{"score", "sources"} {
			stdout, stderr, code := runCLI(t, "", append(append([]string{command}, c.args...), examples)...)
			if code != 2 || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("%s %v: exit %d, stderr %q, stdout %q; want exit 2 with %q and no output", command, c.args, code, stderr, stdout, c.want)
			}
		}
	}
}

func TestThresholdFlagsHelp(t *testing.T) {
	for _, command := range []string{"score", "sources", "serve"} {
		stdout, _, _ := runCLI(t, "", command, "--help")
		for _, want := range []string{
			"--spam-threshold Q", "at or below Q", "the model's own, 23.4989 for the built-in model",
			"--suspect-threshold Q", "the model's own, 58.837 for the built-in model",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s --help lacks %q", command, want)
			}
		}
	}
}

// sourceCounts returns the verdict counts of each source of a sources run.
func sourceCounts(t *testing.T, args ...string) map[string][3]int {
	t.Helper()
	stdout, stderr, code := runCLI(t, "", append([]string{"sources", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("sources %v: exit %d: %s", args, code, stderr)
	}
	var reports []struct {
		Source               string
		Clean, Suspect, Spam int
	}
	if err := json.Unmarshal([]byte(stdout), &reports); err != nil {
		t.Fatal(err)
	}
	out := map[string][3]int{}
	for _, r := range reports {
		out[r.Source] = [3]int{r.Clean, r.Suspect, r.Spam}
	}
	return out
}

// Score records read back get their verdicts again from their spam
// probability when a threshold flag is given, and keep them otherwise.
func TestSourcesThresholdsRederiveVerdictsOfScores(t *testing.T) {
	written := sourceCounts(t, scoresFixture)
	same := sourceCounts(t, "--spam-threshold", "23.4989", "--suspect-threshold", "58.837", scoresFixture)
	strict := sourceCounts(t, "--spam-threshold", "99.5", "--suspect-threshold", "99.5", scoresFixture)
	totalSpam := func(m map[string][3]int) (n int) {
		for _, c := range m {
			n += c[2]
		}
		return n
	}
	if len(written) == 0 || totalSpam(written) == 0 {
		t.Fatalf("fixture gives %v", written)
	}
	for src, c := range written {
		if same[src] != c {
			t.Errorf("%s: counts %v at the model's cut-offs, %v as written", src, same[src], c)
		}
		if s := strict[src]; s[0] != 0 || s[0]+s[1]+s[2] != c[0]+c[1]+c[2] {
			t.Errorf("%s: counts %v at cut-offs 99.5, want every judged article (%v) spam or suspect, none clean", src, s, c)
		}
	}
	if totalSpam(strict) <= totalSpam(written) {
		t.Errorf("cut-offs 99.5 give %d spam articles, as written %d: want more", totalSpam(strict), totalSpam(written))
	}
}

// Articles scored on the fly by sources take the thresholds too.
func TestSourcesThresholdsApplyToArticles(t *testing.T) {
	def := sourceCounts(t, examples)
	lenient := sourceCounts(t, "--spam-threshold", "0.0001", "--suspect-threshold", "0.0001", examples)
	var defSpam, lenSpam int
	for src := range def {
		defSpam += def[src][2]
		lenSpam += lenient[src][2]
	}
	if defSpam == 0 || lenSpam >= defSpam {
		t.Errorf("spam articles: %d at the model's thresholds, %d at cut-offs 0.0001: want fewer", defSpam, lenSpam)
	}
}
