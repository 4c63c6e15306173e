package newsqual_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/disguise"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/model"
)

// spanTally counts the evidence a span check saw.
type spanTally struct {
	articles, evidence, placed, spans int
	unplaced                          []string
}

// checkSpans scores text and checks that every span of every piece of
// evidence slices text to what the evidence names: in range, in order, not
// overlapping, no more than MaxSpans and no more than the count, and
// holding, once normalised, the evidence's words in order (a cut
// evidence's words as a start).
func checkSpans(t *testing.T, tally *spanTally, name, title, text string) {
	t.Helper()
	tally.articles++
	res := newsqual.Default().Score(newsqual.Article{ID: name, Title: title, Text: text})
	for _, r := range res.Reasons {
		for _, ev := range r.Evidence {
			pattern := r.Signal == model.TextFeature && (strings.Contains(ev.Text, "[") || (strings.Contains(ev.Text, " ") && len(wordsOf(ev.Text)) == 0))
			if ev.Hidden || pattern {
				if len(ev.Spans) > 0 {
					t.Errorf("%s: %s %q: evidence not from the text has spans %v", name, r.Signal, ev.Text, ev.Spans)
				}
				continue
			}
			tally.evidence++
			if len(ev.Spans) == 0 {
				tally.unplaced = append(tally.unplaced, fmt.Sprintf("%s: %s %q", name, r.Signal, ev.Text))
				continue
			}
			tally.placed++
			tally.spans += len(ev.Spans)
			if len(ev.Spans) > features.MaxSpans {
				t.Errorf("%s: %s %q: %d spans, more than MaxSpans", name, r.Signal, ev.Text, len(ev.Spans))
			}
			if ev.Count > 0 && len(ev.Spans) > ev.Count {
				t.Errorf("%s: %s %q: %d spans for a count of %d", name, r.Signal, ev.Text, len(ev.Spans), ev.Count)
			}
			want := wordsOf(strings.TrimSuffix(ev.Text, "…"))
			prev := 0
			for _, sp := range ev.Spans {
				if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
					t.Errorf("%s: %s %q: span %v out of order or range (text %d bytes, previous end %d)", name, r.Signal, ev.Text, sp, len(text), prev)
					break
				}
				prev = sp.End
				// A span that takes in a whole override run (see
				// features.WholeRuns) holds the evidence and more.
				slice := text[sp.Start:sp.End]
				widened := strings.Contains(slice, "\u202e")
				if len(want) == 0 { // a mark, such as "-"
					if got := features.Normalize(slice); got != ev.Text && !(widened && strings.Contains(got, ev.Text)) {
						t.Errorf("%s: %s %q: span %v holds %q", name, r.Signal, ev.Text, sp, got)
					}
					continue
				}
				if got := wordsOf(slice); !sameWords(got, want, ev.Cut) && !(widened && containsWords(got, want)) {
					t.Errorf("%s: %s %q: span %v holds %q", name, r.Signal, ev.Text, sp, text[sp.Start:sp.End])
				}
			}
		}
	}
}

// wordsOf returns the folded words of s as the scorer reads them.
func wordsOf(s string) []string {
	d := features.NewDocument("", s)
	out := make([]string, len(d.Words))
	for i, w := range d.Words {
		out[i] = strings.TrimSuffix(w.Norm, "'s")
	}
	return out
}

// sameWords reports whether got are the words want; with cut, whether
// they start with want, its last word perhaps cut.
func sameWords(got, want []string, cut bool) bool {
	if len(want) == 0 || len(got) < len(want) || (!cut && len(got) != len(want)) {
		return false
	}
	for i, w := range want {
		if got[i] != w && !(cut && i == len(want)-1 && strings.HasPrefix(got[i], w)) {
			return false
		}
	}
	return true
}

// containsWords reports whether want stand in order somewhere in got.
func containsWords(got, want []string) bool {
	for i := 0; i+len(want) <= len(got); i++ {
		if slices.Equal(got[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

func TestSpansSliceToEvidence(t *testing.T) {
	var tally spanTally
	examples, _ := filepath.Glob("testdata/examples/*.txt")
	for _, f := range examples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, &tally, f, "", string(b))
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		text := shareddata.Seed(t, seed)
		checkSpans(t, &tally, "seed "+seed, "", text)
		checkSpans(t, &tally, "seed "+seed+" disguised", "", disguise.Text(text, 3))
	}
	limit := 250
	if testing.Short() {
		limit = 60
	}
	for _, file := range []string{"news-outlets.jsonl", "xsum-human-vs-llm.jsonl", "reuters-21578.jsonl", "templates.jsonl", "pan24-human-vs-llm.jsonl", "bbc-news.jsonl"} {
		for i, r := range shareddata.Records(t, file, limit, nil) {
			checkSpans(t, &tally, file+" "+r.ID, r.Title, r.Text)
			if i%2 == 0 {
				checkSpans(t, &tally, file+" "+r.ID+" disguised", r.Title, disguise.Text(r.Text, i))
			}
		}
	}
	t.Logf("%d articles: %d pieces of evidence from the text, %d placed with %d spans", tally.articles, tally.evidence, tally.placed, tally.spans)
	for i, u := range tally.unplaced {
		if i == 20 {
			break
		}
		t.Logf("not placed: %s", u)
	}
	if tally.placed == 0 || float64(tally.placed) < 0.95*float64(tally.evidence) {
		t.Errorf("only %d of %d pieces of evidence were placed", tally.placed, tally.evidence)
	}
}
