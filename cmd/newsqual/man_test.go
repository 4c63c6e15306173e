package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManWritesAPagePerCommand(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runCLI(t, "", "man", dir); code != 0 {
		t.Fatalf("man: exit %d, stderr %q", code, stderr)
	}
	pages := map[string][]string{
		"newsqual.1":         {`.TH "NEWSQUAL" "1"`, "newsqual-score(1)"},
		"newsqual-score.1":   {`\fB--format\fP`, `\fB--fail-on\fP`, `\fB--progress\fP`, `\fB--min-quality\fP`, "table, json, jsonl, csv or html", `\fB--with-text\fP`},
		"newsqual-sources.1": {`\fB--input\fP`, `\fB--min-articles\fP`},
		"newsqual-serve.1":   {`\fB--addr\fP`, `\fB--max-body-bytes\fP`, "/v1/score"},
		"newsqual-train.1":   {`\fB--out\fP`},
		"newsqual-eval.1":    {`\fB--report\fP`},
		"newsqual-version.1": {"SHA-256"},
	}
	for name, wants := range pages {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, want := range wants {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if bytes.Contains(b, []byte("Auto generated")) {
			t.Errorf("%s has cobra's dated footer", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "newsqual-man.1")); err == nil {
		t.Error("the hidden man command got a page of its own")
	}
}

func TestManPagesAreTheSameBytesEachRun(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 14 Nov 2023
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, stderr, code := runCLI(t, "", "man", dir); code != 0 {
			t.Fatalf("man: exit %d, stderr %q", code, stderr)
		}
	}
	names, _ := filepath.Glob(filepath.Join(a, "*.1"))
	if len(names) < 7 {
		t.Fatalf("%d pages, want one per command", len(names))
	}
	for _, pa := range names {
		x, _ := os.ReadFile(pa)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(pa)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v)", filepath.Base(pa), err)
		}
		if !strings.Contains(string(x), `"Nov 2023"`) {
			t.Errorf("%s does not carry the SOURCE_DATE_EPOCH date", filepath.Base(pa))
		}
	}
}

func TestManRefusesABadSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	_, stderr, code := runCLI(t, "", "man", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d, stderr %q; want 2 naming SOURCE_DATE_EPOCH", code, stderr)
	}
}
