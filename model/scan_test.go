package model

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// keyedScan is what Scan computes, the plain way: every feature found by
// its key in the weights table and tallied in a map, in the order the
// features are first met, the telling ones chosen by a stable sort.
func keyedScan(m *TextModel, d *features.Document) TextScan {
	type seen struct {
		key                string
		weight             float64
		count, start, line int
	}
	var order []*seen
	byKey := map[string]*seen{}
	occurrences := 0
	w := featureWalk{sink: sinkFunc(func(batch []occurrence) {
		for i := range batch {
			o := &batch[i]
			key := occurrenceKey(d, o)
			weight, ok := m.Weights.Get(key)
			if !ok {
				continue
			}
			occurrences++
			f := byKey[key]
			if f == nil {
				f = &seen{key: key, weight: weight, start: int(o.start), line: d.Lines[o.line].Number}
				byKey[key] = f
				order = append(order, f)
			}
			f.count++
		}
	})}
	w.walk(d)
	scan := TextScan{Score: m.Bias, Known: len(order), Occurrences: occurrences}
	if len(order) == 0 {
		return scan
	}
	norm := 0.0
	for _, f := range order {
		v := 1 + math.Log(float64(f.count))
		norm += v * v
	}
	norm = math.Sqrt(norm)
	var spam, clean []tellingFeature
	var texts textListBuilder
	for _, f := range order {
		c := f.weight * (1 + math.Log(float64(f.count))) / norm
		scan.Score += c
		if math.Abs(c) < minTellingWeight {
			continue
		}
		t := tellingFeature{id: int32(len(texts.ends)), start: int32(f.start), line: int32(f.line), count: int32(f.count), contribution: c}
		texts.buf = append(texts.buf, patternText(f.key)...)
		texts.end()
		if c > 0 {
			spam = append(spam, t)
		} else {
			clean = append(clean, t)
		}
	}
	strongest := func(a, b tellingFeature) int {
		return cmp.Or(cmp.Compare(math.Abs(b.contribution), math.Abs(a.contribution)), cmp.Compare(a.start, b.start))
	}
	slices.SortStableFunc(spam, strongest)
	slices.SortStableFunc(clean, strongest)
	scan.spam, scan.clean = spam[:min(len(spam), maxTelling)], clean[:min(len(clean), maxTelling)]
	list := texts.list()
	scan.evidence = &list
	return scan
}

// sinkFunc is a featureSink made of a function.
type sinkFunc func([]occurrence)

func (f sinkFunc) take(batch []occurrence) { f(batch) }

// TestScanMatchesKeyedScan checks Scan, which finds features by numbers in
// its own tables, against keyedScan on real articles: the same score to
// the last bit, the same counts and the same telling features.
func TestScanMatchesKeyedScan(t *testing.T) {
	_, m := readDefaultModel(t)
	texts := []string{
		"Price rose 4.5% to $20.00 in 2024; the U.S.'s firm said \u201cno\u201d \u2014 again\u2026 \u00bfQu\u00e9? 'Tis \u2211 \u00abx\u00bb `q`",
		"", "A", "The the the the.",
	}
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl", "news-outlets.jsonl", "templates.jsonl"} {
		for _, r := range shareddata.Records(t, f, 100, nil) {
			texts = append(texts, r.Text)
		}
	}
	// A long text grows the tally's table, and a short one after it
	// shrinks it back.
	texts = append(texts, strings.Join(texts, "\n\n"), texts[5])
	for _, text := range texts {
		d := features.NewDocument("", text)
		got, want := m.Text.Scan(d), keyedScan(m.Text, d)
		if math.Float64bits(got.Score) != math.Float64bits(want.Score) || got.Known != want.Known || got.Occurrences != want.Occurrences {
			t.Fatalf("Scan gives score %v, %d known, %d occurrences; keyed %v, %d, %d, for %.60q",
				got.Score, got.Known, got.Occurrences, want.Score, want.Known, want.Occurrences, text)
		}
		for _, sign := range []float64{1, -1} {
			if g, w := got.Strongest(sign, maxTelling), want.Strongest(sign, maxTelling); !slices.Equal(g, w) {
				t.Fatalf("Strongest(%v) = %+v, keyed %+v, for %.60q", sign, g, w, text)
			}
		}
	}
}

// BenchmarkScan measures the text model's scan alone, over the articles
// BenchmarkScoreCorpus scores, tokenised beforehand.
func BenchmarkScan(b *testing.B) {
	_, m := readDefaultModel(b)
	var docs []*features.Document
	size := 0
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(b, f, 100, nil) {
			docs = append(docs, features.NewDocument("", r.Text))
			size += len(r.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			m.Text.Scan(d)
		}
	}
}
