// Package shareddata finds the project's shared data folder (../shared beside
// the checkout) for tests, and skips a test cleanly when it is absent.
package shareddata

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the path of the shared data folder, or skips the test with a
// clear message when it is not there. NEWSQUAL_SHARED overrides the default
// location, which is ../shared beside the module root.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := Find()
	if err != nil {
		tb.Skipf("shared data not found at %s (set NEWSQUAL_SHARED): %v", dir, err)
	}
	return dir
}

// Find returns the path of the shared data folder and, when it is not
// there, an error saying so, for a test that goes on without it.
func Find() (string, error) {
	dir := os.Getenv("NEWSQUAL_SHARED")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		dir = filepath.Join(root, "..", "shared")
	}
	_, err := os.Stat(filepath.Join(dir, "seeds"))
	return dir, err
}

// Path returns the path of a file inside the shared data folder, skipping
// the test when the folder is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{Dir(tb)}, elem...)...)
}

// Seed returns the text of the seed article whose file name starts with
// prefix (e.g. "003").
func Seed(tb testing.TB, prefix string) string {
	tb.Helper()
	matches, _ := filepath.Glob(filepath.Join(Dir(tb), "seeds", prefix+"_*.txt"))
	if len(matches) != 1 {
		tb.Fatalf("seed %s: found %d files", prefix, len(matches))
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Record is one line of a corpus JSONL file.
type Record struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	Kind       string `json:"kind"`
	Source     string `json:"source"`
	Title      string `json:"title"`
	URL        string `json:"url"`
	Site       string `json:"site"`
	Group      string `json:"group"`
	Model      string `json:"model"`
	Task       string `json:"task"`
	Text       string `json:"text"`
	Body       string `json:"body"`
	LineIsBody []int  `json:"line_is_body"`
}

// Records reads up to limit records (all when limit <= 0) from a corpus
// file such as "bbc-news.jsonl" that pass keep (all when keep is nil).
func Records(tb testing.TB, name string, limit int, keep func(Record) bool) []Record {
	tb.Helper()
	f, err := os.Open(Path(tb, "corpus", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		if keep != nil && !keep(r) {
			continue
		}
		out = append(out, r)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
