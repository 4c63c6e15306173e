package corpus

import (
	"bufio"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsqual/newsqual/internal/race"
)

// writeBlankLines writes a gzipped JSONL file of n blank lines ("\n" and,
// every tenth line, " \r\n"), then the lines of tail, and returns its
// path.
func writeBlankLines(t testing.TB, n int, tail string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "blank.jsonl.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	bw := bufio.NewWriterSize(zw, 1<<20)
	for i := range n {
		if i%10 == 9 {
			bw.WriteString(" \r\n")
		} else {
			bw.WriteByte('\n')
		}
	}
	bw.WriteString(tail)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBlankLineRuns checks that a run of blank lines is one skipped item
// standing for all its lines, with the lines after it numbered right.
func TestBlankLineRuns(t *testing.T) {
	dir := t.TempDir()
	rec := `{"id":"r","text":"The council met."}`
	path := write(t, dir, "runs.jsonl", "\n \t\n"+rec+"\n \r\n\n\n"+rec+"\n\u00a0\n\n  ")
	type got struct {
		line, count int
		skipped     string
	}
	var items []got
	for _, it := range collect(t, []string{path}, Options{}) {
		items = append(items, got{it.Line, it.Count(), it.Skipped})
	}
	want := []got{{1, 2, "blank line"}, {3, 1, ""}, {4, 3, "blank line"}, {7, 1, ""},
		{8, 2, "blank line"}, {10, 1, "blank line"}} // a no-break space is blank but not ASCII
	if len(items) != len(want) {
		t.Fatalf("items %v, want %v", items, want)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d: %+v, want %+v", i, items[i], want[i])
		}
	}
}

// TestManyBlankLines reads 10^7 blank lines of a .jsonl.gz (10^9 in issue
// 13, which took 4 minutes of CPU): they are all counted, the record after
// them has the right line, and they cost no allocation per line.
func TestManyBlankLines(t *testing.T) {
	n := 10_000_000
	if race.Enabled || testing.Short() {
		n = 1_000_000
	}
	path := writeBlankLines(t, n, `{"id":"last","text":"The council met."}`+"\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	blank, items, last := 0, 0, 0
	err := Walk([]string{path}, Options{}, func(it Item) error {
		items++
		if it.Skipped == "blank line" {
			blank += it.Count()
		} else if it.OK() {
			last = it.Line
		}
		return nil
	})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	mallocs := after.Mallocs - before.Mallocs
	t.Logf("%d blank lines in %d items, %d allocations", blank, items, mallocs)
	if blank != n || last != n+1 {
		t.Errorf("%d blank lines counted and the record at line %d, want %d and %d", blank, last, n, n+1)
	}
	if mallocs > uint64(n/100) {
		t.Errorf("%d allocations for %d blank lines", mallocs, n)
	}
}

// BenchmarkBlankLines reads a .jsonl.gz of 10^7 blank lines; ns/line is
// what one blank line costs, decompression included. scripts/dos.sh
// compares the command line with gzip -dc | wc -l at 10^9.
func BenchmarkBlankLines(b *testing.B) {
	const n = 10_000_000
	path := writeBlankLines(b, n, "")
	for b.Loop() {
		lines := 0
		if err := Walk([]string{path}, Options{}, func(it Item) error {
			lines += it.Count()
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if lines != n {
			b.Fatalf("%d lines", lines)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/line")
}
