//go:build !eval

package main

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEvalNotLinked checks that a binary built without -tags eval answers
// "newsqual eval" by saying how to get it, before reading any data, and
// still checks the flags first.
func TestEvalNotLinked(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-data.jsonl")
	stdout, stderr, code := runCLI(t, "", "eval", "--report", filepath.Join(t.TempDir(), "report"), missing)
	if code != 2 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want exit 2 and nothing on stdout", code, stdout)
	}
	if !strings.Contains(stderr, evalNotLinked) || strings.Contains(stderr, "no-such-data") {
		t.Errorf("stderr %q; want %q and no word of the data", stderr, evalNotLinked)
	}
	if _, stderr, code := runCLI(t, "", "eval", "--worst", "-1", missing); code != 2 || !strings.Contains(stderr, "--worst -1") || strings.Contains(stderr, evalNotLinked) {
		t.Errorf("bad flag: exit %d, stderr %q; want the flag's error first", code, stderr)
	}
	if stdout, _, code := runCLI(t, "", "eval", "--help"); code != 0 || !strings.Contains(stdout, "--report") {
		t.Errorf("eval --help: exit %d\n%s", code, stdout)
	}
}

// TestScoringBinaryDeps checks that the default build of the command links
// the WARC reader but neither golearn nor the charts and their fonts, which
// only eval needs. It asks the go command, and skips where there is none.
func TestScoringBinaryDeps(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps .: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/newsqual/newsqual/corpus/warc") {
		t.Error("the command does not link the WARC reader")
	}
	for _, dep := range deps {
		for _, bad := range []string{"github.com/newsqual/newsqual/eval", "github.com/sjwhitworth/golearn", "gonum.org/v1/plot", "codeberg.org/go-fonts"} {
			if dep == bad || strings.HasPrefix(dep, bad+"/") {
				t.Errorf("the scoring binary links %s", dep)
			}
		}
	}
}
