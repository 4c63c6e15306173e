package newsqual

import (
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// TestAppendingCleanTextDoesNotLaunderSpam appends a block of real clean
// reporting to spam pages: the injected ads, templates and stuffed
// phrases still make them spam.
func TestAppendingCleanTextDoesNotLaunderSpam(t *testing.T) {
	var clean []string
	for _, r := range shareddata.Records(t, "bbc-news.jsonl", 3, nil) {
		clean = append(clean, r.Text)
	}
	block := strings.Join(clean, "\n\n")
	s := Default()
	for _, seed := range []string{"003", "004"} {
		spam := shareddata.Seed(t, seed)
		for _, text := range []string{spam + "\n\n" + block, block + "\n\n" + spam} {
			res := s.Score(Article{ID: seed, Text: text})
			t.Logf("seed %s with %d clean words: %s, quality %s", seed, len(strings.Fields(block)), res.Verdict, qualityOf(res))
			if res.Verdict != VerdictSpam {
				t.Errorf("seed %s with a clean block: verdict %s quality %s; reasons %+v", seed, res.Verdict, qualityOf(res), res.Reasons[:min(4, len(res.Reasons))])
			}
		}
	}
}
