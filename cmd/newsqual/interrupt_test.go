package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInterruptStopsCleanly starts a long run, interrupts it (SIGINT,
// SIGTERM, SIGHUP) once results flow, and checks that what was printed is whole, in order, and that the
// summary says the run was interrupted.
func TestInterruptStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsqual")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	text, err := os.ReadFile(filepath.Join(examples, "clean-council-budget.txt"))
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(dir, "many.jsonl")
	f, err := os.Create(input)
	if err != nil {
		t.Fatal(err)
	}
	const total = 200000
	w := bufio.NewWriter(f)
	for i := range total {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": string(text)})
		w.Write(append(b, '\n'))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// SIGHUP, sent when the terminal closes, stops a run as cleanly as
	// the other two.
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			stderr, lines := interruptRun(t, exec.Command(bin, "score", "--format", "jsonl", "--progress", "never", input), total, sig)
			if !strings.Contains(stderr, fmt.Sprintf("scored %d,", lines)) {
				t.Fatalf("summary does not say how far it got (%d printed): %s", lines, stderr)
			}
			if !strings.Contains(stderr, fmt.Sprintf("--skip %d", lines)) {
				t.Fatalf("summary does not say how to resume: %s", stderr)
			}
		})
	}
	// filter stops as cleanly, its records whole and counted.
	t.Run("filter", func(t *testing.T) {
		stderr, lines := interruptRun(t, exec.Command(bin, "filter", "--min-quality", "0", "--progress", "never", input), total, syscall.SIGINT)
		if !strings.Contains(stderr, fmt.Sprintf("kept %d, rejected 0, failed 0,", lines)) {
			t.Fatalf("summary does not say how far it got (%d printed): %s", lines, stderr)
		}
	})
}

// interruptRun runs cmd, which writes a JSONL line with the id of each of
// total articles, sends sig once 100 lines are out, checks that the lines
// are whole and in order and that the run says it was interrupted, and
// returns its stderr and how many lines it wrote.
func interruptRun(t *testing.T, cmd *exec.Cmd, total int, sig syscall.Signal) (string, int) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	lines := 0
	for sc.Scan() {
		var rec struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d is not whole JSON: %v", lines+1, err)
		}
		if rec.ID != fmt.Sprint(lines) {
			t.Fatalf("line %d has id %s: out of order", lines+1, rec.ID)
		}
		lines++
		if lines == 100 {
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	if code != 2 {
		t.Fatalf("exit %d (%v), want 2 after an interrupt; stderr: %s", code, err, stderr.String())
	}
	if lines >= total || lines < 100 {
		t.Fatalf("%d of %d results printed", lines, total)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("summary does not say the run was interrupted: %s", stderr.String())
	}
	return stderr.String(), lines
}

// TestSkipResumesWhereARunStopped checks that --skip N continues exactly
// after the first N articles, so the two runs' output is the whole.
func TestSkipResumesWhereARunStopped(t *testing.T) {
	all, _, code := runCLI(t, "", "score", "--format", "jsonl", examples)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.SplitAfter(all, "\n")
	rest, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--skip", "4", examples)
	if code != 0 || rest != strings.Join(lines[4:], "") {
		t.Fatalf("exit %d; --skip 4 gave:\n%s\nwant the last lines of:\n%s", code, rest, all)
	}
	if !strings.Contains(stderr, "scored 2, failed 0, skipped 0, resumed after 4") {
		t.Fatalf("summary: %s", stderr)
	}
}
