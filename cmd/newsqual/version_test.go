package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
)

func TestVersionNamesTheBuildAndTheModel(t *testing.T) {
	out, stderr, code := runCLI(t, "", "version")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// The embedded model is models/default.json: its hash is the file's.
	data, err := os.ReadFile("../../models/default.json")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	m := newsqual.Default().Model()
	for _, want := range []string{
		"\ngo        " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		"model     built-in, sha256 " + hex.EncodeToString(sum[:]),
		"trained   " + m.Training.Date + " from revision " + m.Training.Revision,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasPrefix(out, "newsqual ") {
		t.Errorf("version output does not open with the name:\n%s", out)
	}
	if m.Training.Date == "" || m.Training.Revision == "" {
		t.Errorf("the embedded model records no training date or revision: %+v", m.Training)
	}

	flag, _, code := runCLI(t, "", "--version")
	if code != 0 || flag != out {
		t.Errorf("--version (exit %d) printed\n%s\nwant what version prints:\n%s", code, flag, out)
	}
	if _, stderr, code := runCLI(t, "", "version", "extra"); code != 2 || !strings.Contains(stderr, "extra") {
		t.Errorf("version with an argument: exit %d, stderr %q; want 2 and a message", code, stderr)
	}
}
