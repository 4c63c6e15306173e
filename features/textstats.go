package features

import (
	"fmt"
	"math"
	"strconv"
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

// Signals declares the text statistics.
func (*textStats) Signals() []Spec {
	return []Spec{
		{"word_count", "length in words"},
		{"mean_word_length", "mean word length"},
		{"stopword_ratio", "share of stop words"},
		{"terminal_punct_share", "share of paragraphs ending a sentence"},
		{"short_line_share", "share of short lines"},
		{"symbol_ratio", "symbols per word"},
		{"bullet_share", "share of bulleted lines"},
		{"fake_headings", "sentences broken into fake headings"},
	}
}

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
	var wordCount, wordLength, stopRatio, terminal, short, symbolShare, bullets Signal
	msg := statsMessages{buf: make([]byte, 0, 256)}
	words := len(d.Words)
	letters, symbols := scanText(d.Text)
	if words > 0 {
		wordCount = Signal{Value: math.Log1p(float64(words))}
		msg.buf = append(strconv.AppendInt(msg.buf, int64(words), 10), " words"...)
		msg.end(&wordCount)
		stops, numbers := 0, 0
		var stop [256]uint16
		for from := 0; from < words; from += len(stop) {
			chunk := d.Words[from:min(from+len(stop), words)]
			stopWords.flagsOf(chunk, stop[:])
			for i := range chunk {
				// stops += 1 when the flags are set, without a branch.
				stops += int((uint32(stop[i]) + 0xffff) >> 16)
				// No stop word is a number, and no word led by an ASCII
				// letter.
				if w := chunk[i].Norm; w != "" && !asciiLetter(w[0]) && bpNumeric(w) {
					numbers++
				}
			}
		}
		mean := float64(letters) / float64(words)
		wordLength = Signal{
			Value: math.Min(mean, 15),
			Fired: words >= statsMinWords && (mean < 3 || mean > 10),
		}
		msg.buf = append(strconv.AppendFloat(append(msg.buf, "mean word length "...), mean, 'f', 1, 64), " letters"...)
		msg.end(&wordLength)
		ratio := float64(stops) / float64(words)
		stopRatio = Signal{
			Value: ratio,
			Fired: words >= statsMinWords && ratio < 0.15 && 5*numbers < words,
		}
		msg.buf = append(strconv.AppendFloat(msg.buf, 100*ratio, 'f', 0, 64), "% of words are stop words"...)
		msg.end(&stopRatio)
	}
	paragraphShape(d, &terminal, &short, &msg)
	symbolRatio(words, symbols, &symbolShare, &msg)
	bulletShare(d, &bullets, &msg)
	msg.flush()
	return []Signal{
		named("word_count", wordCount),
		named("mean_word_length", wordLength),
		named("stopword_ratio", stopRatio),
		named("terminal_punct_share", terminal),
		named("short_line_share", short),
		named("symbol_ratio", symbolShare),
		named("bullet_share", bullets),
		named("fake_headings", c.fakeHeadings(d)),
	}
}

// statsMessages builds the messages of one Run in a single buffer and
// hands each signal its part at the end, so that they cost one allocation
// between them.
type statsMessages struct {
	buf  []byte
	sigs [8]*Signal
	ends [8]int
	n    int
}

// end closes the message written to buf since the previous one, for sig.
func (m *statsMessages) end(sig *Signal) {
	m.sigs[m.n], m.ends[m.n] = sig, len(m.buf)
	m.n++
}

// flush sets the messages of the signals.
func (m *statsMessages) flush() {
	all := string(m.buf)
	from := 0
	for k, sig := range m.sigs[:m.n] {
		sig.Message = all[from:m.ends[k]]
		from = m.ends[k]
	}
}

// appendCounts appends "a of b" to buf.
func appendCounts(buf []byte, a, b int) []byte {
	return strconv.AppendInt(append(strconv.AppendInt(buf, int64(a), 10), " of "...), int64(b), 10)
}

// asciiLetter reports whether c is an ASCII letter.
func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// paragraphShape measures the share of paragraphs that end in terminal
// punctuation (into terminal) and the share that are short (into short).
// Paragraphs are re-flowed, so a hard-wrapped line counts with the rest of
// its paragraph, and rows of figures (tables) are left out. So are two accidents of how a text was
// cut: a title on the first line (some sources keep it, some do not), a
// wire sign-off on the last ("REUTER", "-30-"), and a last paragraph of
// prose cut off mid-sentence, which counts as ended.
func paragraphShape(d *Document, terminal, short *Signal, msg *statsMessages) {
	paras := statParagraphs(d)
	if len(paras) > 1 && isTitleParagraph(paras[0]) {
		paras = paras[1:]
	}
	if len(paras) > 1 && isSignOff(d, paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	n, ended, shorts := 0, 0, 0
	var unended []Evidence
	for k, p := range paras {
		if figureRow(d, p) {
			continue
		}
		n++
		switch {
		case endsSentenceQuick(p.Text):
			ended++
		case k == len(paras)-1 && truncatedProse(p):
			ended++
		case len(unended) < 5:
			unended = append(unended, Evidence{Text: p.Text, Count: 1, Line: d.Lines[p.FirstLine].Number})
		}
		if runeCountBelow(p.Text, shortParagraphChars) {
			shorts++
		}
	}
	if n == 0 {
		return
	}
	*terminal = Signal{Value: float64(ended) / float64(n)}
	if ended < n {
		terminal.Evidence = unended
	}
	msg.buf = append(appendCounts(msg.buf, ended, n), " paragraphs end in terminal punctuation"...)
	msg.end(terminal)
	*short = Signal{Value: float64(shorts) / float64(n)}
	msg.buf = append(appendCounts(msg.buf, shorts, n), " paragraphs are under "...)
	msg.buf = append(strconv.AppendInt(msg.buf, shortParagraphChars, 10), " characters"...)
	msg.end(short)
}

// statParagraphs returns the paragraphs of d, re-flowed once more for wire
// copy: there every line that follows a non-blank line without indent goes
// on the same paragraph, even after a short first line (a dropped
// dateline) or a wrap after an abbreviation ("U.S.").
func statParagraphs(d *Document) []Paragraph {
	if !d.isWireCopy() {
		return d.Paragraphs
	}
	// The joined texts share one buffer; joined lists where each of them
	// lies in it, to be cut out once the buffer is complete.
	var (
		b      strings.Builder
		joined []struct{ para, from, to int }
	)
	out := make([]Paragraph, 0, len(d.Paragraphs))
	for i := 0; i < len(d.Paragraphs); {
		p := d.Paragraphs[i]
		j := i + 1
		for j < len(d.Paragraphs) && d.Paragraphs[j].FirstLine == d.Paragraphs[j-1].EndLine && !d.Lines[d.Paragraphs[j].FirstLine].Indented {
			j++
		}
		if j > i+1 {
			from := b.Len()
			for k := i; k < j; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(d.Paragraphs[k].Text)
			}
			joined = append(joined, struct{ para, from, to int }{len(out), from, b.Len()})
			last := d.Paragraphs[j-1]
			p.EndLine, p.EndWord = last.EndLine, last.EndWord
		}
		out = append(out, p)
		i = j
	}
	all := b.String()
	for _, j := range joined {
		out[j.para].Text = all[j.from:j.to]
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
	return p.EndLine-p.FirstLine == 1 && n > 0 && n <= titleMaxWords && !endsSentenceQuick(p.Text)
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
	return r > 0x2000 && unicode.Is(unicode.So, r)
}

// statsByteClass sorts bytes for scanText: 1 for ASCII letters and
// digits, 2 for the bytes that need a closer look (".", the ASCII symbols
// and the bytes of other characters), 0 for the rest.
var statsByteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = 1
		case c == '.' || c >= utf8.RuneSelf || isTextSymbol(rune(c)):
			t[c] = 2
		}
	}
	return t
}()

// scanText counts, in one pass, the letters, digits and marks of text
// (isWordRune) and its symbols (isTextSymbol), a run of three dots or more
// counting as one ellipsis. Every letter, digit and mark of a text belongs
// to one of its words, so the first count is that of the words' letters.
func scanText(text string) (letters, symbols int) {
	for i := 0; i < len(text); {
		b := text[i]
		class := statsByteClass[b]
		if class < 2 {
			letters += int(class)
			i++
			continue
		}
		switch {
		case b == '.':
			j := i + 1
			for j < len(text) && text[j] == '.' {
				j++
			}
			if j-i >= 3 {
				symbols++
			}
			i = j
		case b < utf8.RuneSelf:
			symbols++
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				letters++
			}
			if isTextSymbol(r) {
				symbols++
			}
			i += size
		}
	}
	return letters, symbols
}

// symbolRatio measures symbols per word into sig.
func symbolRatio(words, symbols int, sig *Signal, msg *statsMessages) {
	if words == 0 {
		return
	}
	ratio := float64(symbols) / float64(words)
	*sig = Signal{
		Value: math.Min(ratio, 1),
		Fired: words >= 20 && ratio > 0.1,
	}
	msg.buf = append(strconv.AppendInt(msg.buf, int64(symbols), 10), " symbols in "...)
	msg.buf = append(strconv.AppendInt(msg.buf, int64(words), 10), " words"...)
	msg.end(sig)
}

// bulletShare measures the share of non-blank lines that start with a list
// bullet or a list number into sig.
func bulletShare(d *Document, sig *Signal, msg *statsMessages) {
	lines, bullets := 0, 0
	var ev []Evidence
	for i := range d.Lines {
		ln := &d.Lines[i]
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
		return
	}
	*sig = Signal{Value: float64(bullets) / float64(lines), Evidence: ev}
	msg.buf = append(appendCounts(msg.buf, bullets, lines), " lines are list items"...)
	msg.end(sig)
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
		// A line with a colon is a label ("Photo: …", "Related: …"), not
		// a sentence broken off.
		if n < 2 || n > fakeHeadingMaxWords || p.EndLine-p.FirstLine != 1 || endsSentenceQuick(p.Text) || strings.IndexByte(p.Text, ':') >= 0 {
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
