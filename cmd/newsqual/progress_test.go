package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInputBytesCountsWhatTheReaderReads(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", strings.Repeat("a", 10))
	writeFile(t, dir, "b.jsonl", strings.Repeat("b", 20))
	writeFile(t, dir, ".hidden.txt", strings.Repeat("h", 1000)) // passed over by the reader
	writeFile(t, dir, "c.pdf", strings.Repeat("p", 1000))       // unsupported extension
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "sub/d.html", strings.Repeat("d", 30))
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, ".git/e.txt", strings.Repeat("e", 1000))
	// A file named on the command line is read whatever its extension.
	named := writeFile(t, t.TempDir(), "notes", strings.Repeat("n", 5))

	total, sizes := inputBytes([]string{dir, named})
	if total != 65 || len(sizes) != 2 || sizes[0] != 60 || sizes[1] != 5 {
		t.Errorf("inputBytes = %d %v, want 65 [60 5]", total, sizes)
	}
	for _, paths := range [][]string{{dir, "-"}, {filepath.Join(dir, "missing.txt")}, {"/dev/null"}} {
		if total, _ := inputBytes(paths); total != 0 {
			t.Errorf("inputBytes(%q) = %d, want 0 (size unknown before reading)", paths, total)
		}
	}
}

// barOutput splits stderr into what the bar wrote before the summary line
// and the summary line.
func barOutput(t *testing.T, stderr string) (bar, summary string) {
	t.Helper()
	i := strings.LastIndex(stderr, "newsqual: ")
	if i < 0 {
		t.Fatalf("no summary line in %q", stderr)
	}
	return stderr[:i], stderr[i:]
}

func TestProgressShowsBytesAndClearsItsLine(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"one.txt", "two.txt", "three.txt"} {
		writeFile(t, dir, name, strings.Repeat("The council said on Tuesday that the budget would be voted on next week. ", 10))
	}
	_, stderr, code := runCLI(t, "", "score", "--progress", "always", "--format", "jsonl", dir)
	if code != 0 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	bar, summary := barOutput(t, stderr)
	// The total is known: a percentage and the bytes read of the total.
	if !strings.Contains(bar, "%") || !strings.Contains(bar, "/2.2 kB") {
		t.Errorf("the bar shows no percentage or total of 2.2 kB: %q", bar)
	}
	// Cleared: the last thing written before the summary is a line of
	// spaces ended by a carriage return, and the summary starts its line.
	last := bar[strings.LastIndex(strings.TrimSuffix(bar, "\r"), "\r")+1:]
	if !strings.HasSuffix(bar, "\r") || strings.TrimSpace(last) != "" {
		t.Errorf("the bar did not clear its line before the summary: %q", bar)
	}
	if !strings.HasPrefix(summary, "newsqual: scored 3, failed 0") {
		t.Errorf("summary %q", summary)
	}
}

func TestProgressCountsArticlesFromStdin(t *testing.T) {
	in := strings.Repeat(`{"id":"x","text":"The council said on Tuesday that the budget would be voted on next week."}`+"\n", 5)
	_, stderr, code := runCLI(t, in, "score", "--progress", "always", "--format", "jsonl", "-")
	if code != 0 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	bar, _ := barOutput(t, stderr)
	if !strings.Contains(bar, "articles") || strings.Contains(bar, "%") || !strings.HasSuffix(bar, "\r") {
		t.Errorf("want a cleared count of articles without a percentage, got %q", bar)
	}
}

func TestProgressNeverAndAutoOffATerminalWriteNothing(t *testing.T) {
	path := writeFile(t, t.TempDir(), "a.txt", strings.Repeat("The council said on Tuesday that the budget would be voted on. ", 10))
	for _, mode := range []string{"never", "auto"} {
		_, stderr, _ := runCLI(t, "", "score", "--progress", mode, "--format", "jsonl", path)
		if bar, _ := barOutput(t, stderr); bar != "" {
			t.Errorf("--progress %s: the bar wrote %q", mode, bar)
		}
	}
}

func TestSourcesProgressClearsItsLine(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.jsonl", strings.Repeat(`{"source":"example.org","text":"The council said on Tuesday that the budget would be voted on next week, after a debate."}`+"\n", 4))
	_, stderr, code := runCLI(t, "", "sources", "--progress", "always", "--format", "jsonl", dir)
	if code != 0 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	bar, summary := barOutput(t, stderr)
	if !strings.Contains(bar, "%") || !strings.HasSuffix(bar, "\r") {
		t.Errorf("want a cleared bar with a percentage, got %q", bar)
	}
	if !strings.Contains(summary, "from 4 articles") {
		t.Errorf("summary %q", summary)
	}
}
