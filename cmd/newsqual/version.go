package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual"
)

// buildInfo is what newsqual knows of its own build and of the embedded
// default model.
type buildInfo struct {
	version  string // module version: a tag for go install module@version, else "(devel)"
	revision string // VCS revision and time, "+ changes" for a dirty tree; "unknown" outside a checkout
	goVer    string
	platform string
	modelSHA string
	date     string // the model's training date and revision
	modelRev string
}

// readBuildInfo gathers buildInfo from the binary and the default model.
func readBuildInfo() buildInfo {
	b := buildInfo{version: "(devel)", revision: "unknown", goVer: runtime.Version(), platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" {
			b.version = v
		}
		var rev, at string
		dirty := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			b.revision = strings.TrimSpace(rev + " " + at)
			if dirty {
				b.revision += " + changes"
			}
		}
	}
	m := newsqual.Default().Model()
	if sha, err := newsqual.ModelSHA256(m); err == nil {
		b.modelSHA = sha
	}
	b.date, b.modelRev = m.Training.Date, m.Training.Revision
	return b
}

// write prints b, one fact a line.
func (b buildInfo) write(w io.Writer) {
	fmt.Fprintf(w, "newsqual %s\n", b.version)
	fmt.Fprintf(w, "revision  %s\n", b.revision)
	fmt.Fprintf(w, "go        %s %s\n", b.goVer, b.platform)
	fmt.Fprintf(w, "model     built-in, sha256 %s\n", b.modelSHA)
	fmt.Fprintf(w, "trained   %s from revision %s\n", orUnknown(b.date), orUnknown(b.modelRev))
}

// orUnknown is s, or "unknown" when s is empty.
func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// The template function of --version, registered once (cobra keeps
// template functions in a global map): the build information is read only
// when asked for, since hashing the model takes milliseconds.
func init() {
	cobra.AddTemplateFunc("buildInfo", func() string {
		var b strings.Builder
		readBuildInfo().write(&b)
		return b.String()
	})
}

// newVersionCommand builds `newsqual version`.
func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the build and the embedded model's hash",
		Long: `version prints the module version, the VCS revision the binary was built
from, the Go version and platform, and the embedded default model: its
SHA-256 (as in /v1/model of newsqual serve) and the date and revision of
the code it was trained with. newsqual --version prints the same.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			readBuildInfo().write(cmd.OutOrStdout())
			return nil
		},
	}
}
