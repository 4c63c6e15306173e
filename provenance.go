package newsqual

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/newsqual/newsqual/model"
)

// ModelSHA256 returns the hex SHA-256 of m as model.Write encodes it: the
// hash of the model file itself when newsqual wrote the file, and the name
// of the embedded default model in version output, /v1/model and reports.
func ModelSHA256(m *model.Model) (string, error) {
	h := sha256.New()
	if err := m.Write(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Build is what a newsqual binary knows of its own build, as
// runtime/debug.ReadBuildInfo gives it.
type Build struct {
	// Version is the module version: a tag for go install module@version,
	// else "(devel)".
	Version string `json:"version"`
	// Revision is the VCS revision and commit time, with " + changes" for
	// a modified tree; "unknown" for a build outside a checkout (or a
	// test binary).
	Revision string `json:"revision"`
	// Go is the Go version the binary was built with; Platform its
	// GOOS/GOARCH.
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// ReadBuild returns the build of the running binary.
func ReadBuild() Build {
	b := Build{Version: "(devel)", Revision: "unknown", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := info.Main.Version; v != "" {
		b.Version = v
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
		b.Revision = strings.TrimSpace(rev + " " + at)
		if dirty {
			b.Revision += " + changes"
		}
	}
	return b
}

// Provenance names the build that scored and the model it scored with:
// what newsqual version prints, /v1/model of newsqual serve answers and an
// evaluation report records.
type Provenance struct {
	Build
	// ModelSHA256 is ModelSHA256 of the model; ModelDate and ModelRevision
	// are the date and code revision its training recorded (empty when it
	// recorded none).
	ModelSHA256   string `json:"model_sha256"`
	ModelDate     string `json:"model_date,omitempty"`
	ModelRevision string `json:"model_revision,omitempty"`
}

// ProvenanceOf returns the provenance of the running binary scoring with m.
func ProvenanceOf(m *model.Model) (Provenance, error) {
	sha, err := ModelSHA256(m)
	if err != nil {
		return Provenance{}, err
	}
	return Provenance{Build: ReadBuild(), ModelSHA256: sha, ModelDate: m.Training.Date, ModelRevision: m.Training.Revision}, nil
}
