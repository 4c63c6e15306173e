package features

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textStats measures the plain statistics that web-text quality filters
// (Gopher, C4, FineWeb) use, computed on re-flowed paragraphs so that wire
// copy hard-wrapped at 65 columns reads like any other text.
//
// Signals:
//   - word_count: log1p of the number of words.
//   - mean_word_length: mean length of a word in letters and digits (not
//     counting apostrophes, hyphens and dots inside it), capped at 15.
//     Fired when a text of 50 words or more averages under 3 or over 10
//     letters a word (Gopher's bounds): symbol soup or glued keywords.
//   - stopword_ratio: share of words that are English stop words ("the",
//     "of", "and", ...), 0..1. Fired when a text of 50 words or more has
//     under 15%, and is not a table of figures: a keyword list, not prose.
//   - terminal_punct_share: share of paragraphs that end in terminal
//     punctuation, 0..1 (1 for prose). A title on the first line is left
//     out, and a last paragraph of prose cut off mid-sentence counts as
//     ended, so that how a source was clipped does not show.
//   - short_line_share: share of paragraphs under 30 characters, 0..1
//     (menus, widgets, fake headings), leaving out a title on the first
//     line.
//   - symbol_ratio: symbols ("#", "…", "|", "»", "•", "★", emoji, ...)
//     per word, capped at 1. Fired above 0.1 (Gopher's bound) in a text of
//     20 words or more.
//   - bullet_share: share of non-blank lines that start with a bullet ("•",
//     "-", "*", "►", "1.", "2)"), 0..1.
//   - fake_headings: log1p of the number of fake headings: short
//     unpunctuated lines, set apart like headings, that are really the start
//     of the next paragraph's sentence ("The U.S. position" / "as
//     articulated by ...") or a connective opener ("Despite the
//     challenges", "In conclusion"). Fired at two or more.
type textStats struct {
	openers *Lexicon
}

func newTextStats() Check {
	return &textStats{openers: NewLexicon(headingOpeners...)}
}

func (*textStats) Names() []string {
	return []string{
		"word_count", "mean_word_length", "stopword_ratio", "terminal_punct_share",
		"short_line_share", "symbol_ratio", "bullet_share", "fake_headings",
	}
}

// stopWords is a standard English stop-word list (function words:
// articles, pronouns, auxiliaries, prepositions, conjunctions), folded like
// Word.Norm.
var stopWords = func() map[string]bool {
	list := []string{
		"a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
		"any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
		"below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
		"couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
		"during", "each", "few", "for", "from", "further", "had", "hadn't", "has",
		"hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her",
		"here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i",
		"i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's",
		"its", "itself", "let's", "me", "more", "most", "mustn't", "my", "myself", "no",
		"nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought", "our",
		"ours", "ourselves", "out", "over", "own", "same", "shan't", "she", "she'd",
		"she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
		"that's", "the", "their", "theirs", "them", "themselves", "then", "there",
		"there's", "these", "they", "they'd", "they'll", "they're", "they've", "this",
		"those", "through", "to", "too", "under", "until", "up", "very", "was", "wasn't",
		"we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's",
		"when", "when's", "where", "where's", "which", "while", "who", "who's", "whom",
		"why", "why's", "will", "with", "won't", "would", "wouldn't", "you", "you'd",
		"you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
	}
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[w] = true
	}
	return m
}()

// headingOpeners begin an adverbial clause or a transition: a short line
// that starts with one and stops without punctuation is a sentence broken
// off into a heading ("Upon his arrival", "Despite the challenges", "As the
// discussions continued", "In conclusion").
var headingOpeners = []string{
	"upon", "despite", "in spite of", "as", "while", "whilst", "although", "though",
	"because", "since", "when", "whenever", "amid", "amidst", "given", "if", "unless",
	"until", "whether", "and", "but", "or", "so", "yet", "in conclusion", "in summary",
	"to conclude", "to sum up", "in addition", "additionally", "furthermore",
	"moreover", "however", "meanwhile", "nevertheless", "nonetheless", "ultimately",
	"notably", "consequently", "therefore", "thus", "hence", "in light of",
	"in the wake of", "in response to", "as a result", "on the other hand",
	"in the meantime", "at the same time", "in turn", "not only",
}

// danglingWords cannot end a heading: a line that stops on one is a
// sentence cut in two ("The talks were held in").
var danglingWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "or": true,
	"by": true, "with": true, "for": true, "in": true, "on": true, "at": true, "from": true,
	"that": true, "which": true, "who": true, "is": true, "are": true, "was": true,
	"were": true, "its": true, "their": true, "his": true, "her": true,
}

const (
	// statsMinWords is the fewest words for the word-level rules to fire.
	statsMinWords = 50
	// shortParagraphChars: a paragraph under this many characters is short.
	shortParagraphChars = 30
	// titleMaxWords is the longest first line taken for a title.
	titleMaxWords = 25
	// truncatedMinWords is the fewest words of a last paragraph taken for
	// prose cut off mid-sentence.
	truncatedMinWords = 20
	// fakeHeadingMaxWords is the longest line taken for a fake heading.
	fakeHeadingMaxWords = 8
	// fakeHeadingMinNext is the fewest words the paragraph after a fake
	// heading must have.
	fakeHeadingMinNext = 12
)

// Run measures the text statistics of d.
func (c *textStats) Run(d *Document) []Signal {
	out := make([]Signal, 8)
	words := len(d.Words)
	if words > 0 {
		out[0] = Signal{Value: math.Log1p(float64(words)), Message: fmt.Sprintf("%d words", words)}
		letters, stops, numbers := 0, 0, 0
		for _, w := range d.Words {
			for _, r := range w.Text {
				if isWordRune(r) {
					letters++
				}
			}
			if stopWords[w.Norm] {
				stops++
			} else if bpNumeric(w.Norm) {
				numbers++
			}
		}
		mean := float64(letters) / float64(words)
		out[1] = Signal{
			Value:   math.Min(mean, 15),
			Fired:   words >= statsMinWords && (mean < 3 || mean > 10),
			Message: fmt.Sprintf("mean word length %.1f letters", mean),
		}
		ratio := float64(stops) / float64(words)
		out[2] = Signal{
			Value:   ratio,
			Fired:   words >= statsMinWords && ratio < 0.15 && 5*numbers < words,
			Message: fmt.Sprintf("%.0f%% of words are stop words", 100*ratio),
		}
	}
	out[3], out[4] = paragraphShape(d)
	out[5] = symbolRatio(d)
	out[6] = bulletShare(d)
	out[7] = c.fakeHeadings(d)
	return out
}

// paragraphShape measures the share of paragraphs that end in terminal
// punctuation and the share that are short. Paragraphs are re-flowed, so a
// hard-wrapped line counts with the rest of its paragraph, and rows of
// figures (tables) are left out. So are two accidents of how a text was
// cut: a title on the first line (some sources keep it, some do not), a
// wire sign-off on the last ("REUTER", "-30-"), and a last paragraph of
// prose cut off mid-sentence, which counts as ended.
func paragraphShape(d *Document) (terminal, short Signal) {
	paras := statParagraphs(d)
	if len(paras) > 1 && isTitleParagraph(paras[0]) {
		paras = paras[1:]
	}
	if len(paras) > 1 && isSignOff(d, paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	n := 0
	for _, p := range paras {
		if !figureRow(d, p) {
			n++
		}
	}
	if n == 0 {
		return
	}
	ended, shorts := 0, 0
	var unended []Evidence
	for k, p := range paras {
		if figureRow(d, p) {
			continue
		}
		switch {
		case endsSentence(p.Text):
			ended++
		case k == len(paras)-1 && truncatedProse(p):
			ended++
		case len(unended) < 5:
			unended = append(unended, Evidence{Text: p.Text, Count: 1, Line: d.Lines[p.FirstLine].Number})
		}
		if utf8.RuneCountInString(p.Text) < shortParagraphChars {
			shorts++
		}
	}
	t := float64(ended) / float64(n)
	s := float64(shorts) / float64(n)
	terminal = Signal{
		Value:   t,
		Message: fmt.Sprintf("%d of %d paragraphs end in terminal punctuation", ended, n),
	}
	if ended < n {
		terminal.Evidence = unended
	}
	short = Signal{Value: s, Message: fmt.Sprintf("%d of %d paragraphs are under %d characters", shorts, n, shortParagraphChars)}
	return terminal, short
}

// statParagraphs returns the paragraphs of d, re-flowed once more for wire
// copy: there every line that follows a non-blank line without indent goes
// on the same paragraph, even after a short first line (a dropped
// dateline) or a wrap after an abbreviation ("U.S.").
func statParagraphs(d *Document) []Paragraph {
	if !wireWrapped(d) {
		return d.Paragraphs
	}
	var out []Paragraph
	for i := 0; i < len(d.Paragraphs); {
		p := d.Paragraphs[i]
		j := i + 1
		for j < len(d.Paragraphs) && d.Paragraphs[j].FirstLine == d.Paragraphs[j-1].EndLine && !d.Lines[d.Paragraphs[j].FirstLine].Indented {
			j++
		}
		if j > i+1 {
			var b strings.Builder
			for k := i; k < j; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(d.Paragraphs[k].Text)
			}
			last := d.Paragraphs[j-1]
			p.Text, p.EndLine, p.EndWord = b.String(), last.EndLine, last.EndWord
		}
		out = append(out, p)
		i = j
	}
	return out
}

// figureRow reports whether a paragraph is a row of a table: a short line
// with at least two figures ("Shr 34 cts vs 1.19 dlrs").
func figureRow(d *Document, p Paragraph) bool {
	if p.EndLine-p.FirstLine != 1 || p.EndWord-p.FirstWord > 12 {
		return false
	}
	return bpTableRow(d, &d.Lines[p.FirstLine])
}

// isSignOff reports whether a paragraph is an end-of-story mark of wire
// copy: one word in capitals ("REUTER", "ENDS") or a mark such as "###" or
// "-30-".
func isSignOff(d *Document, p Paragraph) bool {
	if p.EndLine-p.FirstLine != 1 {
		return false
	}
	switch p.EndWord - p.FirstWord {
	case 0:
		return utf8.RuneCountInString(p.Text) <= 5
	case 1:
		w := d.Words[p.FirstWord].Text
		return p.Text == "-30-" || (utf8.RuneCountInString(p.Text) <= len(w)+2 && wordInCapitals(w))
	}
	return false
}

// wordInCapitals reports whether a word has two letters or more, all capitals.
func wordInCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// isTitleParagraph reports whether a paragraph reads as a title: one line
// of at most titleMaxWords words, without a full stop.
func isTitleParagraph(p Paragraph) bool {
	n := p.EndWord - p.FirstWord
	return p.EndLine-p.FirstLine == 1 && n > 0 && n <= titleMaxWords && !endsSentence(p.Text)
}

// truncatedProse reports whether a paragraph is prose cut off mid-sentence:
// long, with at least one full sentence before the cut.
func truncatedProse(p Paragraph) bool {
	return p.EndWord-p.FirstWord >= truncatedMinWords && strings.Contains(p.Text, ". ")
}

// isTextSymbol reports whether r is one of the symbols that mark lists,
// menus, hashtags, ellipses, decorations and emoji rather than prose.
func isTextSymbol(r rune) bool {
	switch r {
	case '#', '…', '|', '»', '«', '•', '·', '►', '▶', '◄', '◆', '■', '□', '▪', '●',
		'○', '→', '←', '★', '☆', '✓', '✔', '✅', '❤', '♥', '©', '®', '™', '¦', '~':
		return true
	}
	if r >= 0x1F000 && r <= 0x1FAFF { // emoji, pictographs, playing cards
		return true
	}
	if r >= 0x2600 && r <= 0x27BF { // miscellaneous symbols and dingbats
		return true
	}
	return unicode.Is(unicode.So, r) && r > 0x2000
}

// symbolRatio counts symbols per word; "..." counts as one ellipsis.
func symbolRatio(d *Document) Signal {
	words := len(d.Words)
	if words == 0 {
		return Signal{}
	}
	symbols, dots := 0, 0
	for _, r := range d.Text {
		if r == '.' {
			dots++
			if dots == 3 {
				symbols++
			}
			continue
		}
		dots = 0
		if isTextSymbol(r) {
			symbols++
		}
	}
	ratio := float64(symbols) / float64(words)
	return Signal{
		Value:   math.Min(ratio, 1),
		Fired:   words >= 20 && ratio > 0.1,
		Message: fmt.Sprintf("%d symbols in %d words", symbols, words),
	}
}

// bulletShare measures the share of non-blank lines that start with a list
// bullet or a list number.
func bulletShare(d *Document) Signal {
	lines, bullets := 0, 0
	var ev []Evidence
	for _, ln := range d.Lines {
		if ln.Blank() {
			continue
		}
		lines++
		if startsWithBullet(ln.Text) {
			bullets++
			if len(ev) < 5 {
				ev = append(ev, Evidence{Text: ln.Text, Count: 1, Line: ln.Number})
			}
		}
	}
	if bullets == 0 {
		return Signal{}
	}
	return Signal{
		Value:    float64(bullets) / float64(lines),
		Message:  fmt.Sprintf("%d of %d lines are list items", bullets, lines),
		Evidence: ev,
	}
}

// startsWithBullet reports whether a line starts with a bullet symbol
// followed by a space, or with a list number such as "1." or "2)".
func startsWithBullet(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '·', '►', '▶', '▪', '■', '●', '○', '◆', '✓', '✔', '✅', '➤', '➢', '→', '-', '*', '–', '—':
		next, _ := utf8.DecodeRuneInString(s[size:])
		return next == ' ' || next == '\t'
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// fakeHeadings finds short unpunctuated paragraphs, set apart as headings,
// that are the broken-off start of a sentence: the next paragraph goes on
// in lower case ("The U.S. position" / "as articulated by Blinken, ..."),
// the heading opens with a connective ("Despite the challenges", "In
// conclusion"), or it stops on a word no heading ends with ("of", "the").
// A real heading ("Market reaction") followed by a full capitalised sentence
// does not count. The first paragraph, the title, is never a heading.
func (c *textStats) fakeHeadings(d *Document) Signal {
	var ev []Evidence
	count := 0
	for i := 1; i+1 < len(d.Paragraphs); i++ {
		p, next := d.Paragraphs[i], d.Paragraphs[i+1]
		n := p.EndWord - p.FirstWord
		if n < 2 || n > fakeHeadingMaxWords || p.EndLine-p.FirstLine != 1 || endsSentence(p.Text) {
			continue
		}
		// A heading starts with a capital and stands apart, with a blank
		// line before or after it; a short line run straight into the next
		// is a hard wrap.
		if first, _ := utf8.DecodeRuneInString(p.Text); !unicode.IsUpper(first) {
			continue
		}
		if !d.Lines[p.FirstLine-1].Blank() && (p.EndLine == len(d.Lines) || !d.Lines[p.EndLine].Blank()) {
			continue
		}
		if next.EndWord-next.FirstWord < fakeHeadingMinNext {
			continue
		}
		r, _ := utf8.DecodeRuneInString(next.Text)
		lowerNext := unicode.IsLower(r)
		opener := false
		if m := c.openers.FindIn(d.Words, p.FirstWord, p.EndWord); len(m) > 0 && m[0].Word == p.FirstWord {
			opener = true
		}
		dangling := danglingWords[d.Words[p.EndWord-1].Norm]
		if !lowerNext && !opener && !dangling {
			continue
		}
		count++
		if len(ev) < 10 {
			ev = append(ev, Evidence{Text: p.Text, Count: 1, Line: d.Lines[p.FirstLine].Number})
		}
	}
	if count == 0 {
		return Signal{}
	}
	return Signal{
		Value:    math.Log1p(float64(count)),
		Fired:    count >= 2,
		Message:  fmt.Sprintf("%s broken off into fake headings", bpPlural(count, "sentence")),
		Evidence: ev,
	}
}
