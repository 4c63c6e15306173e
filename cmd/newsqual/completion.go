package main

import (
	"github.com/spf13/cobra"
)

// flagValues lists the values that shell completion offers for a flag,
// by flag name, wherever a command has the flag. A command added later
// gets them too, as long as its flag of that name takes the same values.
var flagValues = map[string][]string{
	"format":     {"table\thuman-readable, aligned", "json\tone JSON array", "jsonl\tone JSON object per line", "csv\tcomma-separated values"},
	"fail-on":    {"spam\texit 1 on a spam verdict", "suspect\texit 1 on a suspect or spam verdict"},
	"progress":   {"auto\ton a terminal only", "always\teven when stderr is not a terminal", "never\tno progress bar"},
	"log-format": {"text\tkey=value lines", "json\tone JSON object per line"},
	"input":      {"auto\tdecide by the first record", "articles\tscore the paths", "scores\tread newsqual score JSONL"},
}

// fileFlags are the flags that name a file to read or write: completion
// offers file names, those of JSON files for --model.
var fileFlags = map[string][]string{
	"model":  {"json"},
	"out":    nil,
	"debris": {"jsonl", "ndjson", "gz"},
}

// dirFlags are the flags that name a folder: completion offers folders.
var dirFlags = []string{"report", "root"}

// registerCompletions registers shell completion for the values of the
// flags in flagValues, fileFlags and dirFlags on every command of the tree
// under root that has them. cobra's own "completion" command prints the
// scripts that use them.
func registerCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		fl := c.Flags()
		for name, values := range flagValues {
			if fl.Lookup(name) == nil {
				continue
			}
			_ = c.RegisterFlagCompletionFunc(name, fixedValues(values))
		}
		for name, exts := range fileFlags {
			if fl.Lookup(name) == nil {
				continue
			}
			_ = c.RegisterFlagCompletionFunc(name, fileNames(exts))
		}
		for _, name := range dirFlags {
			if fl.Lookup(name) == nil {
				continue
			}
			_ = c.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return nil, cobra.ShellCompDirectiveFilterDirs
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// fixedValues completes a flag with a fixed list of values ("value\thelp").
func fixedValues(values []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// fileNames completes a flag with file names, only those ending in one of
// exts when it is not empty.
func fileNames(exts []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(exts) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}
