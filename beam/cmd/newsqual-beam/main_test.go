package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// newFlags returns a flag set with the command's flags and Beam's (the
// latter shared with flag.CommandLine, where Beam registers them).
func newFlags() (*flag.FlagSet, *config) {
	fs := flag.NewFlagSet("newsqual-beam", flag.ContinueOnError)
	c := newConfig(fs)
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	return fs, c
}

func TestPatternsFlag(t *testing.T) {
	var p patterns
	for _, v := range []string{"a/*.jsonl", " b.jsonl , gs://c/*.gz,", ""} {
		if err := p.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"a/*.jsonl", "b.jsonl", "gs://c/*.gz"}
	if !slices.Equal(p, want) {
		t.Errorf("patterns %q, want %q", p, want)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.jsonl")
	mixed := filepath.Join(dir, "mixed.jsonl")
	report := `{"id":"r1","source":"valley-post","text":"Councillors in Norwick voted 6 to 3 on Tuesday to approve a revised budget for bridge repairs, ending a dispute that had delayed the decision since the spring.\n\nThe plan sets aside $12.5 million over three years, said Helen Cho, the council's finance chair."}`
	shop := `{"id":"s1","source":"valley-post","text":"Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nQuantity\n$20.00\n$17.00\nAdd to cart\n"}`
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(clean, report+"\n"+shop+"\n")
	write(mixed, strings.Replace(report, `"r1"`, `"r2"`, 1)+"\n\n{broken\n")

	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
		lines  int // result lines written to out.jsonl, -1 for no file
	}{
		{"help", []string{"--help"}, 0, []string{"Usage: newsqual-beam", "--sources_output", "--runner", "Dataflow"}, -1},
		{"no input", nil, 2, []string{"no --input"}, -1},
		{"unknown flag", []string{"--bogus"}, 2, []string{"flag provided but not defined: -bogus"}, -1},
		{"missing input", []string{"--input", filepath.Join(dir, "none-*.jsonl"), "--output", "x"}, 2, []string{"no file matches"}, -1},
		{"argument", []string{"--input", clean, "--output", "x", clean}, 2, []string{"unexpected argument"}, -1},
		{"no output", []string{"--input", clean}, 2, []string{"no output"}, -1},
		{"bad prior", []string{"--input", clean, "--output", "x", "--prior_spam", "0"}, 2, []string{"prior spam"}, -1},
		{"scored", []string{"--runner", "direct", "--input", clean, "--output", "OUT"}, 0,
			[]string{"newsqual-beam: scored 2, failed 0, skipped 0; results in "}, 2},
		{"an input failed", []string{"--runner", "direct", "--input", mixed + "," + clean, "--output", "OUT", "--sources_output", "SOURCES"}, 2,
			[]string{"scored 3, failed 1, skipped 1", "per source in "}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.jsonl")
			args := slices.Clone(tt.args)
			for i, a := range args {
				args[i] = strings.NewReplacer("OUT", out, "SOURCES", out+".sources").Replace(a)
			}
			fs, c := newFlags()
			var stderr bytes.Buffer
			status := run(fs, c, args, &stderr)
			if status != tt.status {
				t.Errorf("exit %d, want %d; stderr:\n%s", status, tt.status, stderr.String())
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			b, err := os.ReadFile(out)
			switch {
			case tt.lines < 0 && err == nil:
				t.Errorf("%s written", out)
			case tt.lines >= 0 && err != nil:
				t.Error(err)
			case tt.lines >= 0 && bytes.Count(b, []byte("\n")) != tt.lines:
				t.Errorf("%d result lines, want %d:\n%s", bytes.Count(b, []byte("\n")), tt.lines, b)
			}
		})
	}
}
