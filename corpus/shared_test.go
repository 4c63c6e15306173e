package corpus

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// TestSharedCorpus reads the real corpus files and checks them against an
// independent decoding of the same files (shareddata.Records).
func TestSharedCorpus(t *testing.T) {
	for _, name := range []string{
		"bbc-news.jsonl", "xsum-human-vs-llm.jsonl", "reuters-21578.jsonl",
		"templates.jsonl", "pages-with-boilerplate.jsonl",
	} {
		t.Run(name, func(t *testing.T) {
			path := shareddata.Path(t, "corpus", name)
			records := shareddata.Records(t, name, 0, nil)
			byLabel := map[string]int{}
			for _, r := range records {
				byLabel[r.Label]++
			}

			items := collect(t, []string{path}, Options{})
			if len(items) != len(records) {
				t.Fatalf("Walk gave %d items for %d records", len(items), len(records))
			}
			for i, it := range items {
				rec := records[i]
				if !it.OK() {
					t.Fatalf("%s: %v %s", it.Where(), it.Err, it.Skipped)
				}
				a := it.Article
				if a.ID != rec.ID || a.Label != rec.Label || a.Kind != rec.Kind || a.Group != rec.Group || a.Truncated {
					t.Fatalf("%s: metadata %q/%q/%q/%q, want %q/%q/%q/%q", it.Where(),
						a.ID, a.Label, a.Kind, a.Group, rec.ID, rec.Label, rec.Kind, rec.Group)
				}
				if !strings.ContainsAny(rec.Text, "\r\x00") && a.Text != rec.Text {
					t.Fatalf("%s: text differs from the record", it.Where())
				}
			}

			articles, problems := Labelled([]string{path}, Options{})
			got := map[string]int{}
			for _, a := range articles {
				got[a.Label]++
			}
			for _, label := range []string{LabelClean, LabelSpam} {
				if got[label] != byLabel[label] {
					t.Errorf("%d %s articles, want %d", got[label], label, byLabel[label])
				}
			}
			if len(problems) != byLabel[LabelPage] {
				t.Errorf("%d problems, want one skip per page record (%d)", len(problems), byLabel[LabelPage])
			}
			for _, p := range problems {
				if p.Err != nil || !strings.Contains(p.Skipped, "page") {
					t.Errorf("%s: %v %q, want a page skip", p.Where(), p.Err, p.Skipped)
					break
				}
			}
			if name == "bbc-news.jsonl" && got[LabelClean] != 2127 {
				t.Errorf("bbc-news: %d clean articles, the corpus README says 2127", got[LabelClean])
			}
		})
	}
}

// TestSharedSeeds reads the seed folder: every seed comes back byte for byte,
// and the folder's README.md is read too (a .md file is an article).
func TestSharedSeeds(t *testing.T) {
	dir := shareddata.Path(t, "seeds")
	items := collect(t, []string{dir}, Options{})
	seeds := 0
	for _, it := range items {
		if !it.OK() {
			t.Errorf("%s: %v %s", it.Where(), it.Err, it.Skipped)
			continue
		}
		base := filepath.Base(it.Path)
		if base == "README.md" {
			continue
		}
		seeds++
		if want := shareddata.Seed(t, base[:3]); it.Article.Text != want {
			t.Errorf("%s: text differs from the file", it.Path)
		}
	}
	if seeds != 5 || len(items) != 6 {
		t.Errorf("got %d seeds in %d items, want 5 seeds and the README", seeds, len(items))
	}
}
