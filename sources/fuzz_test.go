package sources

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzScores feeds arbitrary bytes through the whole path of score
// output: sniffing, reading, keying, adding and reporting. Nothing may
// panic, every judged article must land in the histogram, and the report
// must stay in range.
func FuzzScores(f *testing.F) {
	f.Add([]byte(`{"id":"a","url":"https://www.example.com/a","quality":3,"verdict":"spam","reasons":[{"signal":"ad_injection","weight":2,"evidence":[{"text":"Buy","count":1}]}]}`))
	f.Add([]byte(`{"id":"dir/b.txt","error":"corpus: dir/b.txt: empty file"}` + "\n\n" + `{"id":"c","site":"S","quality":100,"verdict":"clean"}`))
	f.Add([]byte(`{"url":"http://[::1]:80/","quality":-1,"verdict":"unsupported"}`))
	f.Add([]byte("\ufeff{\"url\":\"xn--\",\"quality\":50,\"verdict\":\"suspect\",\"reasons\":null}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksLikeScores(data)
		var all Sources
		judged := 0
		err := ReadScores(bytes.NewReader(data), 4096, func(s Scored) error {
			if s.Err != nil {
				return nil
			}
			key := Key(s.Article, "", s.Article.ID)
			if key == "" {
				t.Fatalf("empty key for %+v", s.Article)
			}
			all.Add(key, s.Article, s.Result)
			if v := s.Result.Verdict; v == "clean" || v == "suspect" || v == "spam" {
				judged++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, r := range all.Reports(DefaultOptions()) {
			total += r.Judged
			if r.Rating < 0 || r.Rating > 100 || r.RatingLow > r.Rating || r.Rating > r.RatingHigh {
				t.Fatalf("rating out of order: %+v", r)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("report does not encode: %v", err)
			}
			for _, s := range r.Signals {
				if len(s.Examples) > MaxExamples || s.Signal == "" {
					t.Fatalf("signal %+v", s)
				}
			}
		}
		if total != judged {
			t.Fatalf("reports hold %d judged articles, %d were added", total, judged)
		}
	})
}
