package features

import (
	"math"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

func TestRepeatedTrigrams(t *testing.T) {
	report := `The council said on Tuesday that the bridge on Mill Lane would close for repairs in March. ` +
		`"The work is overdue," said Ann Lee, the engineer who led the survey. About 9,000 vehicles cross it each day. ` +
		`Shopkeepers on the high street said they feared losing trade during the 14 weeks of the closure, and asked for help with rents. ` +
		`Buses will run through Hale Street instead, the operator said, adding two minutes to most journeys.`
	looping := strings.Repeat("The nursing homes in New Orleans were closed, officials said. ", 18) +
		"The state said the nursing homes in New Orleans had expired licenses."
	for _, tt := range []struct {
		name     string
		text     string
		low, max float64
		fired    bool
		evidence string
	}{
		{"reporting", report, 0, 0.05, false, ""},
		{"looping", looping, 0.9, 1, true, "The nursing homes"},
		{"short", "Too short to count.", 0, 0, false, ""},
	} {
		s := repeatedTrigrams(NewDocument("", tt.text), new(lexicalScratch))
		if s.Value < tt.low || s.Value > tt.max || s.Fired != tt.fired {
			t.Errorf("%s: value %v fired %v, want %v..%v fired %v", tt.name, s.Value, s.Fired, tt.low, tt.max, tt.fired)
		}
		if tt.evidence != "" && (len(s.Evidence) == 0 || !strings.HasPrefix(s.Evidence[0].Text, tt.evidence) || s.Evidence[0].Count < 18) {
			t.Errorf("%s: evidence %+v, want %q ×18 or more", tt.name, s.Evidence, tt.evidence)
		}
	}
}

func TestLexicalDiversity(t *testing.T) {
	var distinct []string
	for i := range 200 {
		distinct = append(distinct, "w"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	for _, tt := range []struct {
		name string
		text string
		want float64
	}{
		{"every word new", strings.Join(distinct, " "), 1},
		{"one word", strings.Repeat("again ", 120), 1.0 / diversityWindow},
		{"two words", strings.Repeat("yes no ", 60), 2.0 / diversityWindow},
		{"short text", "one two two three", 0.75},
	} {
		s := lexicalDiversity(NewDocument("", tt.text), new(lexicalScratch))
		if math.Abs(s.Value-tt.want) > 1e-9 || s.Fired {
			t.Errorf("%s: %v (fired %v), want %v", tt.name, s.Value, s.Fired, tt.want)
		}
	}
}

// TestLexicalDiversityMatchesWindowCounts checks lexicalDiversity, which
// follows each word's previous and next occurrence, against counting the
// distinct words of every window anew, on real articles: the same value
// to the last bit.
func TestLexicalDiversityMatchesWindowCounts(t *testing.T) {
	texts := []string{"one", "one two two three", strings.Repeat("yes no maybe ", 40), strings.Repeat("a b c d e f g h i j ", 12)}
	for _, r := range shareddata.Records(t, "bbc-news.jsonl", 60, nil) {
		texts = append(texts, r.Text)
	}
	for _, text := range texts {
		d := NewDocument("", text)
		w := d.Words
		window := min(diversityWindow, len(w))
		sum, windows := 0.0, 0
		for end := window; end <= len(w); end++ {
			distinct := map[uint64]bool{}
			for _, x := range w[end-window : end] {
				distinct[x.key] = true
			}
			sum += float64(len(distinct))
			windows++
		}
		want := sum / float64(windows) / float64(window)
		if got := lexicalDiversity(d, new(lexicalScratch)).Value; math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("lexicalDiversity = %v, counting every window gives %v, for %.60q", got, want, text)
		}
	}
}
