package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMain keeps a COLUMNS of the environment from changing the layout of
// the tables the golden files hold; the tests that fit a width set it.
func TestMain(m *testing.M) {
	os.Unsetenv("COLUMNS")
	os.Exit(m.Run())
}

func TestCutMiddleKeepsTheFileName(t *testing.T) {
	tests := []struct {
		id   string
		n    int
		want string
	}{
		{"short.txt", 20, "short.txt"},
		{"crawl/2024/05/very/deep/folder/harbour-repairs.txt", 30, "crawl/202…/harbour-repairs.txt"},
		// The file name alone is too long: its end survives.
		{"a/an-extremely-long-file-name-for-an-article.txt", 16, "…-an-article.txt"},
		// No path: two thirds of the room for the end.
		{"urn:uuid:0123456789abcdef0123456789abcdef", 16, "urn:u…6789abcdef"},
		{"a/b/c.txt", 1, "…"},
	}
	for _, tt := range tests {
		got := cutMiddle(tt.id, tt.n)
		if got != tt.want {
			t.Errorf("cutMiddle(%q, %d) = %q, want %q", tt.id, tt.n, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.n {
			t.Errorf("cutMiddle(%q, %d) has %d runes", tt.id, tt.n, n)
		}
	}
}

func TestTableFitsColumns(t *testing.T) {
	dir := t.TempDir()
	long := "a-folder-with-a-long-name/and-another-one-inside-it/council-budget-vote.txt"
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(long)), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, long, strings.Repeat("The council said on Tuesday that the budget would be voted on next week, after a long debate. ", 12))
	for _, width := range []int{60, 80, 120, 200} {
		t.Setenv("COLUMNS", strconv.Itoa(width))
		stdout, stderr, code := runCLI(t, "", "score", "--format", "table", "--explain", dir)
		if code != 0 {
			t.Fatalf("COLUMNS=%d: exit %d, stderr %q", width, code, stderr)
		}
		lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
		if len(lines) < 3 {
			t.Fatalf("COLUMNS=%d: %d lines:\n%s", width, len(lines), stdout)
		}
		for _, line := range lines {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("COLUMNS=%d: a line of %d characters: %q", width, n, line)
			}
		}
		name := "-vote.txt"
		if width >= 80 {
			name = "/council-budget-vote.txt"
		}
		if !strings.Contains(lines[1], name+"  ") || !strings.Contains(lines[1], "…") {
			t.Errorf("COLUMNS=%d: the id lost its file name or was not cut: %q", width, lines[1])
		}
		// The columns line up: TOP REASON starts where the row's reason does.
		at := strings.Index(lines[0], "TOP REASON")
		if r := []rune(lines[1]); at < 0 || len(r) <= at || r[at-1] != ' ' || r[at] == ' ' {
			t.Errorf("COLUMNS=%d: the reason does not start under TOP REASON:\n%s\n%s", width, lines[0], lines[1])
		}
	}
}

func TestTableKeepsItsLayoutWithoutAWidth(t *testing.T) {
	for _, columns := range []string{"", "0", "-5", "wide"} {
		t.Setenv("COLUMNS", columns)
		if got := tableWidth(&strings.Builder{}); got != 0 {
			t.Errorf("COLUMNS=%q: width %d, want 0 (the fixed layout)", columns, got)
		}
	}
	t.Setenv("COLUMNS", "93")
	if got := tableWidth(&strings.Builder{}); got != 93 {
		t.Errorf("COLUMNS=93: width %d", got)
	}
}
