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
			newsqual.Result{ID: "a", Quality: new(98), SpamProbability: new(0.019547), Verdict: newsqual.VerdictClean, Language: "eng", Reasons: []newsqual.Reason{}},
			`{"schema_version":"1","id":"a","url":"https://news.example/a","source":"News","quality":98,"spam_probability":0.019547,"verdict":"clean","language":"eng","truncated":false,"model_sha256":"0123456789ab","reasons":[]}`},
		{"scored spam of quality 0", corpus.Article{},
			newsqual.Result{ID: "b", Quality: new(0), SpamProbability: new(0.999999), Verdict: newsqual.VerdictSpam, Language: "eng", Truncated: true, Reasons: []newsqual.Reason{}},
			`{"schema_version":"1","id":"b","quality":0,"spam_probability":0.999999,"verdict":"spam","language":"eng","truncated":true,"model_sha256":"0123456789ab","reasons":[]}`},
		{"too short", corpus.Article{}, newsqual.Result{ID: "c", Verdict: newsqual.VerdictTooShort, Language: "und", Reasons: reasons},
			`{"schema_version":"1","id":"c","quality":null,"spam_probability":null,"verdict":"too_short","language":"und","truncated":false,"model_sha256":"0123456789ab","reasons":[{"signal":"too_short","message":"the article has 30 words, fewer than the 50 needed for a score","evidence":[],"weight":0}]}`},
	}
	for _, c := range cases {
		b, err := json.Marshal(FromResult(c.a, c.r, "0123456789abcdef0123"))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, b, c.want)
		}
	}
}

// TestFailureShape checks the exact JSON of a failed input.
func TestFailureShape(t *testing.T) {
	b, err := json.Marshal(NewFailure("empty", "corpus: a.jsonl:8: no text"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"schema_version":"1","id":"empty","error":"corpus: a.jsonl:8: no text"}`; string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}
