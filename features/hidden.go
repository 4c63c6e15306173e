package features

import (
	"fmt"
	"math"
	"strings"
	"sync"
)

// hiddenText measures the text a page hides from its readers (see
// Document.Hidden): hidden keyword stuffing and hidden link lists are old
// search-spam tricks, written for crawlers and never shown. Pages hide
// ordinary things too (menus, a "please enable JavaScript" note, a second
// copy of the story for another layout), so the amount of hidden text
// alone says little; a phrase repeated over and over, or a list of web
// addresses, does.
//
// Signals:
//   - hidden_text: log1p of the hidden text's spam count: the copies of its
//     most repeated phrase beyond two, when that phrase comes back at
//     least hiddenMinRepeats times and its copies are a fifth of the
//     hidden words or more, plus its distinct promotional web addresses
//     beyond two, when there are at least hiddenMinAddresses; 0
//     otherwise. Fires then.
type hiddenText struct{}

func newHiddenText() Check { return hiddenText{} }

// Signals declares the signal.
func (hiddenText) Signals() []Spec {
	return []Spec{{"hidden_text", "stuffing or links in text hidden from readers"}}
}

// Limits of the hidden-text check.
const (
	// hiddenMinRepeats is how often a phrase must come back in hidden
	// text to count as stuffing.
	hiddenMinRepeats = 8
	// hiddenMinShare: a stuffed phrase's copies make up at least one
	// word in so many of the hidden text.
	hiddenMinShare = 5
	// hiddenMinAddresses is how many distinct promotional web addresses
	// (see promoAddresses) hidden text must hold to count as a link list.
	hiddenMinAddresses = 5
)

// hiddenDocuments keeps the Documents that hidden texts are split into,
// for reuse: half of real news pages hide some text. The strings a
// Document hands out stay valid when it is reset.
var hiddenDocuments = sync.Pool{New: func() any { return new(Document) }}

// Run measures the document's hidden text.
func (hiddenText) Run(d *Document) []Signal {
	return []Signal{named("hidden_text", measureHidden(d))}
}

// measureHidden measures the stuffing and link lists of d's hidden text.
func measureHidden(d *Document) Signal {
	if strings.TrimSpace(d.Hidden) == "" {
		return Signal{}
	}
	h := hiddenDocuments.Get().(*Document)
	defer hiddenDocuments.Put(h)
	h.Reset("", d.Hidden)
	phrase, repeats, line := mostRepeatedPhrase(h)
	addresses := promoAddresses(h)
	// A phrase is stuffed when it is a good part of the hidden text, not
	// a name that a hidden copy of the story repeats.
	if repeats*len(strings.Fields(phrase)) < len(h.Words)/hiddenMinShare {
		repeats = 0
	}
	count := 0.0
	if repeats >= hiddenMinRepeats {
		count += float64(repeats - 2)
	}
	if len(addresses) >= hiddenMinAddresses {
		count += float64(len(addresses) - 2)
	}
	if count == 0 {
		return Signal{}
	}
	s := Signal{Value: math.Log1p(count), Fired: true}
	var parts []string
	if repeats >= hiddenMinRepeats {
		s.Evidence = append(s.Evidence, Evidence{Text: phrase, Count: repeats, Line: line, Hidden: true})
		parts = append(parts, fmt.Sprintf("phrase %q ×%d", phrase, repeats))
	}
	if len(addresses) >= hiddenMinAddresses {
		seen := map[string]int{}
		for _, i := range addresses {
			w := h.Words[i]
			if _, ok := seen[w.Norm]; !ok {
				seen[w.Norm] = len(s.Evidence)
				s.Evidence = append(s.Evidence, Evidence{Text: w.Text, Count: 0, Line: h.Lines[w.Line].Number, Hidden: true})
			}
			s.Evidence[seen[w.Norm]].Count++
		}
		parts = append(parts, fmt.Sprintf("%d promotional web addresses", len(addresses)))
	}
	if len(s.Evidence) > 10 {
		s.Evidence = s.Evidence[:10]
	}
	s.Message = fmt.Sprintf("text hidden from readers holds %s (%d hidden words)", strings.Join(parts, " and "), len(h.Words))
	return s
}

// promoAddresses returns the word indices of the distinct web addresses
// of d that spam uses: on a domain ending that spam favours, or named for
// money or offers ("loanbet.pk"). A page's hidden menu lists its own
// network's sites ("CBSNews.com", "TV.com"), which are neither.
func promoAddresses(d *Document) []int {
	var out []int
	seen := map[string]bool{}
	for _, i := range domainWords(d) {
		w := d.Words[i]
		tld, _ := domainTLD(w.Norm)
		if seen[w.Norm] || !cheapTLDs[tld] && !promoDomain(w) {
			continue
		}
		seen[w.Norm] = true
		out = append(out, i)
	}
	return out
}

// mostRepeatedPhrase returns the phrase of two to five words, opening and
// closing with a topic word, that occurs most often in d (the longest of
// equals), with its count and the line of its first occurrence.
func mostRepeatedPhrase(d *Document) (phrase string, count, line int) {
	words := d.Words
	best, bestSize, bestAt := 0, 0, 0
	for size := 5; size >= 2; size-- {
		counts := map[string]int{}
		firstAt := map[string]int{}
		for i := 0; i+size <= len(words); i++ {
			// A phrase lies on one line (each hidden element is one),
			// opens and closes with topic words and is more than one
			// word said again ("Reply Reply").
			if !isTopicWord(words[i]) || !isTopicWord(words[i+size-1]) || words[i].Line != words[i+size-1].Line ||
				words[i].Norm == words[i+1].Norm {
				continue
			}
			var b strings.Builder
			for k := i; k < i+size; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(inflectionStem(words[k].Norm))
			}
			key := b.String()
			if _, ok := firstAt[key]; !ok {
				firstAt[key] = i
			}
			counts[key]++
			if n := counts[key]; n > best || n == best && firstAt[key] < bestAt && size == bestSize {
				best, bestSize, bestAt = n, size, firstAt[key]
			}
		}
	}
	if best == 0 {
		return "", 0, 0
	}
	first, last := words[bestAt], words[bestAt+bestSize-1]
	return d.Text[first.Start : last.Start+len(last.Text)], best, d.Lines[first.Line].Number
}
