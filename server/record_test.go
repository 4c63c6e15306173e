package server_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/newsqual/newsqual/corpus"
)

// TestDecodeRecordReadsAsWalk checks that corpus.DecodeRecord, which reads
// the service's article objects, gives for each line of a JSONL file
// exactly the item Walk gives: article, error, skip and warning.
func TestDecodeRecordReadsAsWalk(t *testing.T) {
	const path = "../testdata/jsonl/articles.jsonl"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	cases := []struct {
		name string
		opts corpus.Options
	}{
		{"defaults", corpus.Options{}},
		{"text cut at 40 bytes", corpus.Options{MaxBytes: 40}},
		{"lines cut at 100 bytes", corpus.Options{MaxLineBytes: 100}},
		{"whole HTML pages", corpus.Options{WholePage: true}},
	}
	for _, c := range cases {
		opts := c.opts
		t.Run(c.name, func(t *testing.T) {
			var walked []corpus.Item
			if err := corpus.Walk([]string{path}, opts, func(it corpus.Item) error {
				walked = append(walked, it)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(walked) != len(lines) {
				t.Fatalf("Walk gave %d items for %d lines", len(walked), len(lines))
			}
			warned, failed := 0, 0
			for i, line := range lines {
				got := corpus.DecodeRecord(bytes.TrimSuffix(line, []byte("\r")), path, i+1, opts)
				want := walked[i]
				if got.Article != want.Article || got.Skipped != want.Skipped || got.Warning != want.Warning ||
					fmt.Sprint(got.Err) != fmt.Sprint(want.Err) || got.Where() != want.Where() {
					t.Errorf("line %d:\nDecodeRecord %+v\nWalk         %+v", i+1, got, want)
				}
				if got.Warning != "" {
					warned++
				}
				if got.Err != nil {
					failed++
				}
			}
			t.Logf("%d lines, %d with a warning, %d failed", len(lines), warned, failed)
		})
	}
}
