package newsqual

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestDebugStuff2(t *testing.T) {
	texts := evasionArticles(t, 200)
	s := Default()
	for _, e := range evasions[5:] {
		rng := rand.New(rand.NewPCG(1, 2))
		n := 0
		for k, text := range texts {
			r := s.Score(Article{ID: "e", Text: e.inject(rng, text, k)})
			if r.Verdict != VerdictSpam && n < 12 {
				n++
				m := "-"
				for _, x := range r.Reasons {
					if x.Signal == "keyword_stuffing" {
						m = x.Message + fmt.Sprintf(" w=%.2f", x.Weight)
					}
				}
				t.Logf("%s k%%3=%d q=%s %s", e.name, k%3, qualityOf(r), m)
			}
		}
	}
}
