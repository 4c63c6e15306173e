package newsqual

import (
	"runtime"
	"testing"
)

func TestProvenanceOfTheDefaultModel(t *testing.T) {
	m := Default().Model()
	p, err := ProvenanceOf(m)
	if err != nil {
		t.Fatal(err)
	}
	sha, err := ModelSHA256(m)
	if err != nil {
		t.Fatal(err)
	}
	if p.ModelSHA256 != sha || p.ModelDate != m.Training.Date || p.ModelRevision != m.Training.Revision {
		t.Errorf("model provenance %+v, want sha %s, %s, %s", p, sha, m.Training.Date, m.Training.Revision)
	}
	if p.Build != ReadBuild() || p.Go != runtime.Version() || p.Platform != runtime.GOOS+"/"+runtime.GOARCH || p.Version == "" || p.Revision == "" {
		t.Errorf("build %+v", p.Build)
	}
}
