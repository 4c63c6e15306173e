package sources

import (
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
)

func TestReadScores(t *testing.T) {
	long := `{"id":"long","quality":50,"verdict":"clean","reasons":[],"pad":"` + strings.Repeat("x", 400) + `"}`
	input := strings.Join([]string{
		`{"id":"a1","url":"https://www.example.com/a1","quality":3,"spam_probability":0.97,"verdict":"spam","reasons":[{"signal":"ad_injection","message":"2 ad lines","evidence":[{"text":"Buy now","count":2,"line":4}],"weight":7.5}]}`,
		``,
		`{"id":"a2","site":"Local Paper","quality":96,"spam_probability":0.04,"verdict":"clean","reasons":[]}`,
		`{"id":"dir/b.txt","error":"corpus: dir/b.txt: empty file"}`,
		`{"id":"a3","quality":50,"verdict":"clean"`,
		`{"id":"a4","text":"an article, not a score"}`,
		`{"id":"a5","quality":40,"verdict":"maybe"}`,
		`{"id":"a6","quality":140,"verdict":"spam"}`,
		long,
		"{\"id\":\"a7\",\"source\":\"Wire\",\"quality\":70,\"verdict\":\"suspect\",\"reasons\":[]}\r",
		`{"id":"a8","quality":null,"spam_probability":null,"verdict":"too_short","reasons":[{"signal":"too_short","message":"the article has 30 words, fewer than the 50 needed for a score","evidence":[],"weight":0}]}`,
		`{"id":"a9","quality":60,"spam_probability":0.4,"verdict":"unsupported","reasons":[]}`,
		`{"id":"a10","quality":null,"spam_probability":null,"verdict":"spam","reasons":[]}`,
	}, "\n")
	var got []Scored
	err := ReadScores(strings.NewReader(input), 300, func(s Scored) error {
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		line    int
		id      string
		verdict newsqual.Verdict
		errPart string
	}
	wants := []want{
		{1, "a1", "spam", ""},
		{3, "a2", "clean", ""},
		{4, "dir/b.txt", "", "dir/b.txt failed when scored: corpus: dir/b.txt: empty file"},
		{5, "", "", "invalid JSON"},
		{6, "a4", "", `no "verdict" field`},
		{7, "a5", "", `unknown verdict "maybe"`},
		{8, "a6", "", "quality 140"},
		{9, "", "", "longer than 300 bytes"},
		{10, "a7", "suspect", ""},
		{11, "a8", "too_short", ""},
		{12, "a9", "unsupported", ""},
		{13, "a10", "", "verdict spam without a quality"},
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		errText := ""
		if g.Err != nil {
			errText = g.Err.Error()
		}
		if g.Line != w.line || g.Article.ID != w.id || g.Result.Verdict != w.verdict || (w.errPart == "") != (g.Err == nil) || !strings.Contains(errText, w.errPart) {
			t.Errorf("record %d: line %d id %q verdict %q err %q; want line %d id %q verdict %q err containing %q",
				i, g.Line, g.Article.ID, g.Result.Verdict, errText, w.line, w.id, w.verdict, w.errPart)
		}
	}
	a1 := got[0]
	if a1.Article.URL != "https://www.example.com/a1" || a1.Result.Quality == nil || *a1.Result.Quality != 3 || a1.Result.SpamProbability == nil || *a1.Result.SpamProbability != 0.97 || len(a1.Result.Reasons) != 1 || a1.Result.Reasons[0].Evidence[0].Text != "Buy now" {
		t.Errorf("a1 read as %+v", a1)
	}
	// Verdicts without a score read without one, also from the output of
	// earlier versions, which wrote numbers there.
	for _, g := range got[9:11] {
		if g.Result.Quality != nil || g.Result.SpamProbability != nil {
			t.Errorf("%s (%s): quality %v, spam probability %v; want none", g.Article.ID, g.Result.Verdict, g.Result.Quality, g.Result.SpamProbability)
		}
	}
	if got[1].Article.Source != "Local Paper" || got[8].Article.Source != "Wire" {
		t.Errorf("source/site: %q, %q", got[1].Article.Source, got[8].Article.Source)
	}
}

func TestLooksLikeScores(t *testing.T) {
	cases := []struct {
		sample string
		want   bool
	}{
		{`{"id":"a","quality":90,"spam_probability":0.1,"verdict":"clean","reasons":[]}` + "\n{}", true},
		{"\ufeff\n  " + `{"id":"x","error":"corpus: x: empty file"}`, true},
		// Cut inside the reasons: judged by the fields before the cut.
		{`{"id":"a","quality":90,"verdict":"clean","reasons":[{"signal":"text_mo`, true},
		{`{"id":"a","text":"The council said...","verdict":"clean"}`, false},
		{`{"id":"a","verdict":"clean","html":"<p>x</p>"}`, false},
		{`{"id":"a","title":"Budget"}`, false},
		{`[1,2,3]`, false},
		{`The council said on Tuesday {"verdict"}`, false},
		{``, false},
		{`<html><body>{"verdict":"spam"}</body></html>`, false},
	}
	for _, c := range cases {
		if got := LooksLikeScores([]byte(c.sample)); got != c.want {
			t.Errorf("LooksLikeScores(%.50q) = %v, want %v", c.sample, got, c.want)
		}
	}
}

// TestReadScoresKeepsRecordFields checks that the language and truncated
// fields of a score record (schema_version 1) reach the Result.
func TestReadScoresKeepsRecordFields(t *testing.T) {
	line := `{"schema_version":"1","id":"f1","quality":null,"spam_probability":null,"verdict":"unsupported","language":"fra","truncated":true,"model_sha256":"0123456789ab","reasons":[]}`
	var got []Scored
	if err := ReadScores(strings.NewReader(line), 0, func(s Scored) error { got = append(got, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Err != nil || got[0].Result.Language != "fra" || !got[0].Result.Truncated {
		t.Errorf("got %+v, want one unsupported result in fra, truncated", got)
	}
}
