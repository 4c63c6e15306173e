package main

import (
	"encoding/json"
	"os"
	"strings"
	"syscall"
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

// TestServeThresholdFlags runs `newsqual serve` with other cut-offs and
// checks that /v1/model gives them, that they are the service's verdicts
// and that a request's parameters override them.
func TestServeThresholdFlags(t *testing.T) {
	base, stderr, exit := startServe(t, "--spam-threshold", "40", "--suspect-threshold", "97")
	status, info := get(t, base+"/v1/model")
	type form struct {
		Suspect        float64 `json:"suspect"`
		Spam           float64 `json:"spam"`
		SuspectQuality float64 `json:"suspect_quality"`
		SpamQuality    float64 `json:"spam_quality"`
	}
	var model struct {
		Thresholds      form `json:"thresholds"`
		ModelThresholds form `json:"model_thresholds"`
	}
	if err := json.Unmarshal([]byte(info), &model); err != nil || status != 200 {
		t.Fatalf("/v1/model: %d %v %s", status, err, info)
	}
	if th := model.Thresholds; th.Spam != 0.6 || th.Suspect != 0.03 || th.SpamQuality != 40 || th.SuspectQuality != 97 {
		t.Errorf("/v1/model thresholds %+v, want spam 0.6 (quality 40), suspect 0.03 (quality 97)", th)
	}
	if th := model.ModelThresholds; th.Spam != 0.765011 || th.Suspect != 0.41163 {
		t.Errorf("/v1/model model_thresholds %+v, want the built-in model's", th)
	}
	text, err := os.ReadFile(examples + "/clean-council-budget.txt")
	if err != nil {
		t.Fatal(err)
	}
	obj, _ := json.Marshal(map[string]string{"id": "c", "text": string(text)})
	for query, want := range map[string]string{"": "suspect", "?spam_threshold=97": "spam", "?suspect_threshold=96": "clean"} {
		status, body := post(t, base+"/v1/score"+query, "application/json", string(obj))
		if status != 200 || !strings.Contains(body, `"verdict": "`+want+`"`) {
			t.Errorf("POST /v1/score%s: %d %s, want verdict %s", query, status, body, want)
		}
	}
	if status, body := post(t, base+"/v1/score?suspect_threshold=20", "application/json", string(obj)); status != 400 ||
		!strings.Contains(body, "the service's spam_threshold 40 (give spam_threshold too) is above suspect_threshold=20") {
		t.Errorf("suspect_threshold=20 below the service's spam cut-off: %d %s", status, body)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := <-exit; code != 0 {
		t.Fatalf("serve: exit %d after SIGTERM:\n%s", code, stderr.String())
	}
}

func TestServeRefusesBadThresholdFlags(t *testing.T) {
	for args, want := range map[string]string{
		"--spam-threshold 0":                         "--spam-threshold 0: want a quality cut-off above 0 and below 100",
		"--spam-threshold 50 --suspect-threshold 40": "--spam-threshold 50 is above --suspect-threshold 40",
		"--suspect-threshold 101":                    "--suspect-threshold 101: want",
	} {
		_, stderr, code := runCLI(t, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, strings.Fields(args)...)...)
		if code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("serve %s: exit %d, stderr %q; want exit 2 with %q", args, code, stderr, want)
		}
	}
}
