package eval

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
)

// Limits of the evidence lines quoted for one error.
const (
	maxEvidenceLines = 8
	// maxLineRunes is the longest line quoted whole; a longer one is cut
	// to a window around its first highlighted phrase.
	maxLineRunes = 320
)

// EvidenceLine is one line of an article that a reason quoted, split into
// the parts its evidence matched (Hit) and the rest.
type EvidenceLine struct {
	// Line is the 1-based line number in the article text.
	Line int `json:"line"`
	// Signals name the reasons that quoted the line.
	Signals []string   `json:"signals"`
	Parts   []LinePart `json:"parts"`
}

// LinePart is a stretch of an evidence line; Hit marks the evidence.
type LinePart struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// evidenceLines finds the lines of the article that the reasons' evidence
// quotes: the evidence's own line when it names one, else the first line
// holding its text. Lines come in article order, at most maxEvidenceLines,
// with every quoted phrase marked.
func evidenceLines(a corpus.Article, reasons []newsqual.Reason) []EvidenceLine {
	d := features.NewPage(a.Title, a.Text, a.Hidden)
	type quoted struct {
		signals []string
		phrases []string
	}
	byLine := map[int]*quoted{}
	for _, r := range reasons {
		for _, ev := range r.Evidence {
			phrase := strings.TrimSpace(strings.TrimSuffix(ev.Text, "…"))
			if phrase == "" {
				continue
			}
			n := ev.Line
			if n < 1 || n > len(d.Lines) || !containsFold(d.Lines[n-1].Text, phrase) {
				n = 0
				for _, l := range d.Lines {
					if containsFold(l.Text, phrase) {
						n = l.Number
						break
					}
				}
			}
			if n == 0 {
				continue // evidence from the title or the hidden text
			}
			q := byLine[n]
			if q == nil {
				q = &quoted{}
				byLine[n] = q
			}
			if !slices.Contains(q.signals, r.Signal) {
				q.signals = append(q.signals, r.Signal)
			}
			q.phrases = append(q.phrases, phrase)
		}
	}
	numbers := make([]int, 0, len(byLine))
	for n := range byLine {
		numbers = append(numbers, n)
	}
	slices.Sort(numbers)
	out := []EvidenceLine{}
	for _, n := range numbers[:min(len(numbers), maxEvidenceLines)] {
		q := byLine[n]
		out = append(out, EvidenceLine{Line: n, Signals: q.signals, Parts: highlight(d.Lines[n-1].Text, q.phrases)})
	}
	return out
}

// containsFold reports whether s holds sub, ignoring ASCII case.
func containsFold(s, sub string) bool {
	return indexFold(s, sub, 0) >= 0
}

// indexFold is the byte offset of sub in s at or after from, ignoring
// ASCII case (so offsets stay those of s), or -1.
func indexFold(s, sub string, from int) int {
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	ls, lsub := asciiLower(s), asciiLower(sub)
	if i := strings.Index(ls[from:], lsub); i >= 0 {
		return from + i
	}
	return -1
}

// asciiLower lowers ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// highlight splits a line into parts, marking every occurrence of the
// phrases, and cuts a long line to a window around its first mark.
func highlight(line string, phrases []string) []LinePart {
	hit := make([]bool, len(line))
	for _, p := range phrases {
		for from := 0; from < len(line); {
			i := indexFold(line, p, from)
			if i < 0 {
				break
			}
			for k := i; k < i+len(p); k++ {
				hit[k] = true
			}
			from = i + len(p)
		}
	}
	start, end := 0, len(line)
	if utf8.RuneCountInString(line) > maxLineRunes {
		first := slices.Index(hit, true)
		start = max(0, first-maxLineRunes/4)
		end = min(len(line), start+maxLineRunes*2) // bytes; at most about maxLineRunes runes of Latin text
		for start > 0 && !utf8.RuneStart(line[start]) {
			start--
		}
		for end < len(line) && !utf8.RuneStart(line[end]) {
			end++
		}
	}
	var parts []LinePart
	if start > 0 {
		parts = append(parts, LinePart{Text: "…"})
	}
	for i := start; i < end; {
		j := i
		for j < end && hit[j] == hit[i] {
			j++
		}
		parts = append(parts, LinePart{Text: line[i:j], Hit: hit[i]})
		i = j
	}
	if end < len(line) {
		parts = append(parts, LinePart{Text: "…"})
	}
	return parts
}
