package newsqual

import (
	"maps"
	"slices"
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

// TestStackedEvasionsDoNotLaunderSpam applies a spammer's evasions one
// after the other to seed 003 (its ad line and its stuffed phrase): the
// ad in full-width letters, the other ad stored backwards behind a
// right-to-left override, zero-width spaces inside the stuffed phrase,
// half its copies inflected, and 3,000 words of clean reporting
// appended. After each step the page is still spam, and its reasons
// still name the ad and the stuffing.
func TestStackedEvasionsDoNotLaunderSpam(t *testing.T) {
	var clean []string
	for _, r := range shareddata.Records(t, "bbc-news.jsonl", 12, nil) {
		clean = append(clean, r.Text)
	}
	block := strings.Join(clean, "\n\n")
	const ad, phrase = "Indian fast earning.com", "Hamas rejects US"
	inflectEveryOther := func(text string) string {
		parts := strings.Split(text, "Ha\u200bmas rej\u200bects US")
		var b strings.Builder
		for i, p := range parts {
			if i > 0 {
				if i%2 == 0 {
					b.WriteString("Hamas rejecting US")
				} else {
					b.WriteString("Ha\u200bmas rej\u200bects US")
				}
			}
			b.WriteString(p)
		}
		return b.String()
	}
	steps := []struct {
		name string
		edit func(string) string
	}{
		{"an ad in full-width letters", func(s string) string { return strings.Replace(s, ad, fullWidth(ad), 1) }},
		{"the other ad behind a right-to-left override", func(s string) string { return strings.Replace(s, ad, rightToLeftOverride(ad), 1) }},
		{"zero-width spaces in the stuffed phrase", func(s string) string {
			return strings.ReplaceAll(s, phrase, "Ha\u200bmas rej\u200bects US")
		}},
		{"half the stuffed copies inflected", inflectEveryOther},
		{"clean reporting appended", func(s string) string { return s + "\n\n" + block }},
	}
	text := shareddata.Seed(t, "003")
	if !strings.Contains(text, ad) || strings.Count(text, phrase) < 10 {
		t.Fatalf("seed 003 no longer holds its ad and stuffed phrase")
	}
	s := Default()
	for _, st := range steps {
		before := text
		if text = st.edit(text); text == before {
			t.Fatalf("step %q changed nothing", st.name)
		}
		res := s.Score(Article{ID: "003", Text: text})
		signals := map[string]bool{}
		for _, r := range res.Reasons {
			signals[r.Signal] = true
		}
		t.Logf("after %s: %s, quality %s", st.name, res.Verdict, qualityOf(res))
		if res.Verdict != VerdictSpam || !signals["ad_injection"] || !signals["keyword_stuffing"] {
			t.Errorf("after %s: verdict %s, quality %s, reasons %v; want spam naming ad_injection and keyword_stuffing",
				st.name, res.Verdict, qualityOf(res), slices.Collect(maps.Keys(signals)))
		}
	}
}
