package wire

import (
	"encoding/json"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// TestResultShape checks the exact JSON of a result with a score and of
// one without: absent scores are null, never 0.
func TestResultShape(t *testing.T) {
	reasons := []newsqual.Reason{{Signal: "too_short", Message: "the article has 30 words, fewer than the 50 needed for a score", Evidence: []newsqual.Evidence{}}}
	cases := []struct {
		name string
		a    corpus.Article
		r    newsqual.Result
		want string
	}{
		{"scored", corpus.Article{URL: "https://news.example/a", Source: "News"},
			newsqual.Result{ID: "a", Quality: new(98), SpamProbability: new(0.019547), Verdict: newsqual.VerdictClean, Reasons: []newsqual.Reason{}},
			`{"id":"a","url":"https://news.example/a","source":"News","quality":98,"spam_probability":0.019547,"verdict":"clean","reasons":[]}`},
		{"scored spam of quality 0", corpus.Article{},
			newsqual.Result{ID: "b", Quality: new(0), SpamProbability: new(0.999999), Verdict: newsqual.VerdictSpam, Reasons: []newsqual.Reason{}},
			`{"id":"b","quality":0,"spam_probability":0.999999,"verdict":"spam","reasons":[]}`},
		{"too short", corpus.Article{}, newsqual.Result{ID: "c", Verdict: newsqual.VerdictTooShort, Reasons: reasons},
			`{"id":"c","quality":null,"spam_probability":null,"verdict":"too_short","reasons":[{"signal":"too_short","message":"the article has 30 words, fewer than the 50 needed for a score","evidence":[],"weight":0}]}`},
	}
	for _, c := range cases {
		b, err := json.Marshal(FromResult(c.a, c.r))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, b, c.want)
		}
	}
}
