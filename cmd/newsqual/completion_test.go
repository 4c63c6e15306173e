package main

import (
	"slices"
	"strings"
	"testing"
)

// completions runs cobra's hidden __complete command and returns the
// values offered (without their descriptions) and the directive line.
func completions(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	stdout, stderr, code := runCLI(t, "", append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d, stderr %q", args, code, stderr)
	}
	for _, line := range strings.Split(strings.TrimRight(stdout, "\n"), "\n") {
		if strings.HasPrefix(line, ":") {
			directive = line
			continue
		}
		value, _, _ := strings.Cut(line, "\t")
		values = append(values, value)
	}
	return values, directive
}

func TestCompletionOffersFlagValues(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"score", "--format", ""}, []string{"table", "json", "jsonl", "csv"}},
		{[]string{"sources", "--format", ""}, []string{"table", "json", "jsonl", "csv"}},
		{[]string{"score", "--fail-on", ""}, []string{"spam", "suspect"}},
		{[]string{"sources", "--fail-on", ""}, []string{"spam", "suspect"}},
		{[]string{"score", "--progress", ""}, []string{"auto", "always", "never"}},
		{[]string{"sources", "--progress", ""}, []string{"auto", "always", "never"}},
		{[]string{"serve", "--log-format", ""}, []string{"text", "json"}},
		{[]string{"sources", "--input", ""}, []string{"auto", "articles", "scores"}},
	}
	for _, tt := range tests {
		got, directive := completions(t, tt.args...)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v: offered %q, want %q", tt.args, got, tt.want)
		}
		// 4 is ShellCompDirectiveNoFileComp: no file names after the values.
		if directive != ":4" {
			t.Errorf("%v: directive %s, want :4 (no file completion)", tt.args, directive)
		}
	}
}

func TestCompletionOffersFilesForModelAndPaths(t *testing.T) {
	for _, cmd := range []string{"score", "sources", "serve", "eval"} {
		got, directive := completions(t, cmd, "--model", "")
		// 8 is ShellCompDirectiveFilterFileExt: files ending in the values.
		if !slices.Equal(got, []string{"json"}) || directive != ":8" {
			t.Errorf("%s --model: offered %q %s, want [json] :8", cmd, got, directive)
		}
	}
	if got, directive := completions(t, "eval", "--report", ""); len(got) != 0 || directive != ":16" {
		t.Errorf("eval --report: offered %q %s, want folders (:16)", got, directive)
	}
	// Paths: the shell's own file completion (directive 0).
	if got, directive := completions(t, "score", ""); len(got) != 0 || directive != ":0" {
		t.Errorf("score PATH: offered %q %s, want file names (:0)", got, directive)
	}
}

func TestCompletionCommandPrintsScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		stdout, stderr, code := runCLI(t, "", "completion", shell)
		if code != 0 || !strings.Contains(stdout, "newsqual") || !strings.Contains(stdout, "__complete") {
			t.Errorf("completion %s: exit %d, %d bytes of script, stderr %q", shell, code, len(stdout), stderr)
		}
	}
}
