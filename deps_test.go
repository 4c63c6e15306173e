package newsqual

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLibraryDeps checks that importing the library does not link what only
// the commands need: the WARC reader and the crawler stack its test
// writer brings (gowarc, utls, miekg/dns, blake3, xz), and golearn and the
// chart fonts of the evaluation. It asks the go command for the packages
// the root package depends on, and skips where there is none.
func TestLibraryDeps(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list -deps .: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list -deps .: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 || deps[len(deps)-1] != "github.com/newsqual/newsqual" {
		t.Fatalf("go list -deps . does not end with the root package: %q", deps)
	}
	forbidden := []string{
		"github.com/newsqual/newsqual/corpus/warc",
		"github.com/internetarchive/gowarc",
		"github.com/refraction-networking/utls",
		"github.com/miekg/dns",
		"github.com/zeebo/blake3",
		"github.com/ulikunitz/xz",
		"github.com/sjwhitworth/golearn",
		"gonum.org/v1/plot",
		"codeberg.org/go-fonts",
		"golang.org/x/image/font",
	}
	for _, dep := range deps {
		for _, bad := range forbidden {
			if dep == bad || strings.HasPrefix(dep, bad+"/") {
				t.Errorf("the root package depends on %s", dep)
			}
		}
	}
}
