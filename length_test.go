package newsqual

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// openingOf returns the first whole sentences of text that make at least
// minWords words, and whether the text is long enough for that.
func openingOf(text string, minWords int) (string, bool) {
	d := features.NewDocument("", text)
	for _, s := range d.Sentences {
		if s.EndWord >= minWords {
			end := d.Words[s.EndWord-1].Start + len(d.Words[s.EndWord-1].Text)
			if end < len(d.Text) && strings.ContainsRune(".!?\"”", rune(d.Text[end])) {
				end++
			}
			return d.Text[:end], s.EndWord < len(d.Words)
		}
	}
	return "", false
}

// TestShortnessAloneIsNoSpam cuts clean articles to their opening
// sentences, just past MinWords words: a short text is judged on what it
// says, so a brief the model does not call spam at full length must not
// become spam by being short. The model gives length itself no weight; what
// a short text loses is the evidence of the rest of the article, which can
// tip an opening whose own words lean the other way (a speech or a
// first-person essay: "I want to start with the news"). At most
// maxShortSpam of the openings may go that way, each one reported: the
// share of clean articles the spam threshold is chosen to allow.
func TestShortnessAloneIsNoSpam(t *testing.T) {
	const maxShortSpam = 0.01
	s := Default()
	type article struct{ id, title, text string }
	var arts []article
	files, _ := filepath.Glob(filepath.Join("testdata", "examples", "clean-*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, article{f, "", string(b)})
	}
	for _, f := range []string{"news-outlets.jsonl", "bbc-news.jsonl", "reuters-21578.jsonl", "pan24-human-vs-llm.jsonl", "news-pages-html.jsonl"} {
		n := 0
		for _, r := range shareddata.Records(t, f, 0, func(r shareddata.Record) bool { return r.Label == "clean" }) {
			if n++; n%15 == 0 {
				arts = append(arts, article{r.ID, r.Title, r.Text})
			}
		}
	}
	cut, spam := 0, 0
	for _, a := range arts {
		opening, shorter := openingOf(a.text, MinWords)
		if !shorter {
			continue
		}
		if full := s.Score(Article{Title: a.title, Text: a.text}); full.Verdict == VerdictSpam {
			continue
		}
		cut++
		r := s.Score(Article{ID: a.id, Title: a.title, Text: opening})
		switch {
		case r.Verdict == VerdictTooShort || r.Verdict == VerdictEmpty:
			t.Errorf("%s: the opening of %d+ words got %s", a.id, MinWords, r.Verdict)
			continue
		case !r.Judged():
			continue // a table of figures the language detector cannot place
		}
		if r.Verdict == VerdictSpam {
			spam++
			t.Logf("%s: called spam when cut to %d words (quality %d): %q; reasons %v", a.id, len(strings.Fields(opening)), *r.Quality, opening, r.Reasons)
		}
	}
	t.Logf("%d clean articles cut to their opening; %d called spam", cut, spam)
	if float64(spam) > maxShortSpam*float64(cut) {
		t.Errorf("%d of %d clean articles cut to their opening called spam, more than %.1f%%", spam, cut, 100*maxShortSpam)
	}
	if cut < 200 && len(arts) > 200 {
		t.Fatalf("only %d articles were long enough to cut", cut)
	}
}
