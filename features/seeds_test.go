package features

import (
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// TestSeedsShowWhatTheirReadmeLists checks, seed by seed, the signals that
// ../shared/seeds/README.md says a careful reader sees, with evidence.
func TestSeedsShowWhatTheirReadmeLists(t *testing.T) {
	type want struct {
		signal   string
		evidence string // a substring of some evidence text; "" for any
		fired    bool   // the signal's rule must fire (else a value above 0 is enough)
	}
	cases := map[string][]want{
		"000": {
			{"boilerplate", "Home » News » world news", true},
			{"repeated_title", "", false},
			{"ai_phrases", "conducive to meaningful dialogue", false},
			{"spam_debris", "This is not a Paywall", false},
			{"boilerplate", "Check Also", true},
			{"boilerplate", "About lukwago J", true},
		},
		"001": {
			{"repeated_title", "", false},
			{"ai_phrases", "underscores the critical need", false},
			{"ai_phrases", "complex web", false},
			{"comment_form", "Leave a Reply", false},
			{"comment_form", "No responses yet", false},
			{"comment_form", "Your email address will not be published", false},
			{"comment_form", "No comments to show", false},
		},
		"002": {
			{"no_sourcing", "", true},
			{"ai_closing", "", true},
			{"boilerplate", "Exit mobile version", true},
			{"boilerplate", "Share.", true},
		},
		"003": {
			{"keyword_stuffing", "Hamas rejects US", true},
			{"ad_injection", "Indian fast earning.com", true},
			{"fake_headings", "Upon his arrival", true},
			{"ai_filler", "", true},
			{"comment_form", "Leave a Reply", false},
		},
		"004": {
			{"shop_template", "Product 1 Title", true},
			{"shop_template", "Buy Now", true},
			{"shop_template", "$17.00", true},
			{"unlinked_source", "Source:Read More", true},
			{"outlet_summary", "The New York Times reports", true},
			{"boilerplate", "Leave a Reply", true},
		},
	}
	for seed, wants := range cases {
		sig := Extract("", shareddata.Seed(t, seed))
		for _, w := range wants {
			s, ok := sig.Get(w.signal)
			if !ok {
				t.Fatalf("no signal %s", w.signal)
			}
			if w.fired && !s.Fired || s.Value <= 0 {
				t.Errorf("seed %s: %s fired=%v value=%v", seed, w.signal, s.Fired, s.Value)
				continue
			}
			if w.evidence == "" {
				continue
			}
			found := false
			for _, e := range s.Evidence {
				found = found || strings.Contains(e.Text, w.evidence)
			}
			if !found {
				t.Errorf("seed %s: %s evidence lacks %q: %v", seed, w.signal, w.evidence, s.Evidence)
			}
		}
	}
	// Seed 003's stuffed phrase is counted at least ten times.
	s, _ := Extract("", shareddata.Seed(t, "003")).Get("keyword_stuffing")
	if len(s.Evidence) == 0 || s.Evidence[0].Count < 10 {
		t.Errorf("seed 003 stuffing evidence %v", s.Evidence)
	}
}

// BenchmarkExtractSeeds measures extraction over the five seeds.
func BenchmarkExtractSeeds(b *testing.B) {
	var texts []string
	size := 0
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		text := shareddata.Seed(b, p)
		texts = append(texts, text)
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			Extract("", text)
		}
	}
}

// BenchmarkExtractCorpus measures extraction over a sample of 300 corpus
// articles (BBC, Reuters and XSum), the mix the scorer sees in training.
func BenchmarkExtractCorpus(b *testing.B) {
	var texts []string
	size := 0
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(b, f, 100, nil) {
			texts = append(texts, r.Text)
			size += len(r.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, text := range texts {
			Extract("", text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/article")
}
