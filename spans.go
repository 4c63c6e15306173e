package newsqual

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// placeEvidence sets the spans of the reasons' evidence: where each piece
// lies in text, the article's text as given to Score, found in the
// normalised text d holds (Document.Locate) and mapped back through what
// normalising changed (features.NormalizeMapped).
func placeEvidence(reasons []Reason, d *features.Document, text string) {
	var back features.TextMap
	mapped := false
	for i := range reasons {
		r := &reasons[i]
		if len(r.Evidence) == 0 {
			continue
		}
		r.Evidence = slices.Clone(r.Evidence) // a check may keep its slice
		for k := range r.Evidence {
			ev := &r.Evidence[k]
			if r.Signal == model.TextFeature && stylePattern(ev.Text) {
				continue
			}
			spans := d.Locate(*ev, features.MaxSpans)
			if len(spans) == 0 {
				continue
			}
			if !mapped {
				_, back = features.NormalizeMapped(text)
				mapped = true
			}
			for j, sp := range spans {
				spans[j].Start, spans[j].End = back.Original(sp.Start, sp.End)
			}
			ev.Spans = features.WholeRuns(text, spans)
		}
	}
}

// stylePattern reports whether a text-model token is a pattern of word
// shapes or punctuation ("[Name] said", ". . ."), which stands for many
// wordings, rather than words or a mark of the text.
func stylePattern(token string) bool {
	return strings.Contains(token, "[") || (strings.Contains(token, " ") && strings.IndexFunc(token, unicode.IsLetter) < 0)
}
