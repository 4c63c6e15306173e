package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual"
)

// readBuildInfo gathers the provenance of the binary and of the default
// model; a model that cannot be hashed leaves the hash empty.
func readBuildInfo() newsqual.Provenance {
	m := newsqual.Default().Model()
	p, err := newsqual.ProvenanceOf(m)
	if err != nil {
		p = newsqual.Provenance{Build: newsqual.ReadBuild(), ModelDate: m.Training.Date, ModelRevision: m.Training.Revision}
	}
	return p
}

// writeBuildInfo prints p, one fact a line.
func writeBuildInfo(w io.Writer, p newsqual.Provenance) {
	fmt.Fprintf(w, "newsqual %s\n", p.Version)
	fmt.Fprintf(w, "revision  %s\n", p.Revision)
	fmt.Fprintf(w, "go        %s %s\n", p.Go, p.Platform)
	fmt.Fprintf(w, "model     built-in, sha256 %s\n", p.ModelSHA256)
	fmt.Fprintf(w, "trained   %s from revision %s\n", orUnknown(p.ModelDate), orUnknown(p.ModelRevision))
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
		writeBuildInfo(&b, readBuildInfo())
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
			writeBuildInfo(cmd.OutOrStdout(), readBuildInfo())
			return nil
		},
	}
}
