package pipeline_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// The tests hold the pipeline to the command line: they build `newsqual`
// from this checkout and score the same files with both.

var cli struct {
	once sync.Once
	path string
	err  error
	dir  string
}

// cliBinary returns the path of a newsqual binary built from the module
// this one sits in, building it on first use.
func cliBinary(t testing.TB) string {
	t.Helper()
	cli.once.Do(func() {
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		cli.dir, cli.err = os.MkdirTemp("", "newsqual-cli-")
		if cli.err != nil {
			return
		}
		cli.path = filepath.Join(cli.dir, "newsqual")
		cmd := exec.Command("go", "build", "-o", cli.path, "./cmd/newsqual")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			cli.err = errors.New("go build ./cmd/newsqual: " + err.Error() + "\n" + string(out))
		}
	})
	if cli.err != nil {
		t.Fatal(cli.err)
	}
	return cli.path
}

// runCLI runs the newsqual binary and returns its standard output, its
// standard error and its exit status.
func runCLI(t testing.TB, args ...string) (stdout, stderr []byte, status int) {
	t.Helper()
	return runCLIIn(t, "", args...)
}

// runCLIIn is runCLI in the working directory dir ("" for the test's own).
func runCLIIn(t testing.TB, dir string, args ...string) (stdout, stderr []byte, status int) {
	t.Helper()
	cmd := exec.Command(cliBinary(t), args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		status = exit.ExitCode()
	default:
		t.Fatalf("newsqual %v: %v", args, err)
	}
	return out.Bytes(), errOut.Bytes(), status
}

// removeCLI deletes the built binary; TestMain calls it.
func removeCLI() {
	if cli.dir != "" {
		os.RemoveAll(cli.dir)
	}
}
