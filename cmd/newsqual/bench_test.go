package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// benchArticles is how many corpus articles the command benchmarks read.
const benchArticles = 300

// benchJSONL writes benchArticles corpus articles, a third from each of
// three corpora, to a JSONL file in a temporary folder, and returns its
// path and size.
func benchJSONL(b *testing.B) (string, int64) {
	b.Helper()
	var sb strings.Builder
	for _, name := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(b, name, benchArticles/3, nil) {
			line, err := json.Marshal(map[string]string{"id": r.ID, "url": r.URL, "source": r.Source, "text": r.Text})
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(line)
			sb.WriteByte('\n')
		}
	}
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(sb.Len())
}

// benchCommand runs a command line over the benchmark JSONL once per
// iteration, stdout and stderr discarded, and reports the time per article.
func benchCommand(b *testing.B, args ...string) {
	path, size := benchJSONL(b)
	args = append(args, path)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("%v: exit %d", args, code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchArticles), "ns/article")
}

// BenchmarkScoreJSONL measures newsqual score --format jsonl over a JSONL
// file, to compare filter with.
func BenchmarkScoreJSONL(b *testing.B) {
	benchCommand(b, "score", "--format", "jsonl", "--progress", "never")
}

// BenchmarkFilterJSONL measures newsqual filter over the same file, every
// record written (kept to stdout, rejected to a file), as score writes
// every result.
func BenchmarkFilterJSONL(b *testing.B) {
	benchCommand(b, "filter", "--min-quality", "50", "--progress", "never", "--rejected", filepath.Join(b.TempDir(), "rejected.jsonl"))
}
