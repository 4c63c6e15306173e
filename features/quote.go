// The shared floor: the caps on the length of evidence and messages, so
// that one article's result stays small.

package features

import (
	"slices"
	"unicode/utf8"
)

// MaxEvidenceRunes caps the text of one piece of evidence, and so each
// quote in a message: a longer text is cut on a character boundary and
// ends with "…" (at most MaxEvidenceRunes characters in all), and the
// Evidence says it was cut. One huge line repeated, or a run-on paragraph,
// must not turn one article's result into megabytes.
const MaxEvidenceRunes = 200

// MaxMessageRunes caps a signal's message, which may quote a phrase of
// the text; a longer one is cut as evidence is.
const MaxMessageRunes = 400

// cutRunes returns s cut to at most n characters, the last of them "…",
// and whether it was cut. It never splits a UTF-8 sequence.
func cutRunes(s string, n int) (string, bool) {
	if len(s) <= n { // n bytes hold at most n characters
		return s, false
	}
	count := 0
	for i := range s {
		if count == n-1 {
			if utf8.RuneCountInString(s[i:]) <= 1 {
				return s, false
			}
			return s[:i] + "…", true
		}
		count++
	}
	return s, false
}

// Capped returns the evidence with its text cut at MaxEvidenceRunes and
// Cut set when it was longer.
func (e Evidence) Capped() Evidence {
	if text, cut := cutRunes(e.Text, MaxEvidenceRunes); cut {
		e.Text, e.Cut = text, true
	}
	return e
}

// capSignal cuts the signal's evidence texts and message to their caps.
// The evidence slice is copied before any change, as a check may keep
// it.
func capSignal(s *Signal) {
	if msg, cut := cutRunes(s.Message, MaxMessageRunes); cut {
		s.Message = msg
	}
	for i, e := range s.Evidence {
		if e.Capped().Cut == e.Cut {
			continue
		}
		ev := slices.Clone(s.Evidence)
		for j := i; j < len(ev); j++ {
			ev[j] = ev[j].Capped()
		}
		s.Evidence = ev
		return
	}
}
