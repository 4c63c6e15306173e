package newsqual

import (
	"bytes"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// BenchmarkScoreCorpus measures Score over a sample of 300 corpus
// articles on one goroutine.
func BenchmarkScoreCorpus(b *testing.B) {
	var articles []Article
	size := 0
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(b, f, 100, nil) {
			articles = append(articles, Article{ID: r.ID, Text: r.Text})
			size += len(r.Text)
		}
	}
	s := Default()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range articles {
			s.Score(a)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(articles)), "ns/article")
}

// BenchmarkLoadDefaultModel measures start-up: decoding and validating the
// embedded model, and building its token index.
func BenchmarkLoadDefaultModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := Read(bytes.NewReader(defaultModel))
		if err != nil {
			b.Fatal(err)
		}
		s.Model().Text.Scan(features.NewDocument("", "Warm-up."))
	}
}

// BenchmarkScoreParallel measures Score on every core.
func BenchmarkScoreParallel(b *testing.B) {
	var articles []Article
	size := 0
	for _, r := range shareddata.Records(b, "bbc-news.jsonl", 200, nil) {
		articles = append(articles, Article{ID: r.ID, Text: r.Text})
		size += len(r.Text)
	}
	s := Default()
	b.SetBytes(int64(size / len(articles)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			s.Score(articles[i%len(articles)])
			i++
		}
	})
}
