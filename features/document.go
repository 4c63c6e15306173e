// The shared floor: Document, an article normalised and split once into
// lines, paragraphs, sentences and words for all the checks.

package features

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Document is an article prepared once for all checks: its text normalised,
// split into lines, re-flowed paragraphs, sentences and words.
type Document struct {
	// Title is the article's title, normalised like the text.
	Title string
	// Text is the article text: valid UTF-8, NFC, "\n" line ends, with
	// zero-width characters removed.
	Text string
	// Lines are the lines of Text, in order, including blank ones.
	Lines []Line
	// Paragraphs are blocks of text separated by blank lines, with hard
	// line wraps joined (as in wire copy wrapped at 65 columns).
	Paragraphs []Paragraph
	// Words are the word tokens of Text, in order.
	Words []Word
	// Sentences are the sentences of the paragraphs, in order.
	Sentences []Sentence
	// Hidden is the text the page hid from its readers (HTML elements
	// not displayed), cut at MaxHiddenBytes; it is not part of the
	// article, and only the hidden_text signal reads it, normalising it as
	// it splits it. Set by ResetPage.
	Hidden string

	// WordsCut is true when the text had more words than MaxWords (or
	// DefaultMaxWords): the words past the cap are not in Words, and no
	// signal looks at them.
	WordsCut bool
	// MaxWords caps the words considered; 0 means DefaultMaxWords. Set it
	// before Reset.
	MaxWords int

	// folded is the buffer of the words' folded forms and spans their
	// places in it, both kept for reuse.
	folded []byte
	spans  []wordSpan

	// facts are the shared analyses the checks ask for (facts.go).
	facts facts
}

// wordSpan is where a word's folded form lies in Document.folded, with its
// hashes.
type wordSpan struct {
	a, b        int
	key, prefix uint64
}

// MaxHiddenBytes caps the hidden text a Document keeps.
const MaxHiddenBytes = 64 << 10

// DefaultMaxWords is the number of words of an article that the signals
// consider: far more than any news article holds, few enough that a page
// of millions of one-letter words keeps time and memory bounded.
const DefaultMaxWords = 200_000

// Line is one line of the text.
type Line struct {
	// Text is the line without its surrounding white space.
	Text string
	// Number is the 1-based line number.
	Number int
	// Start is the byte offset of the line in Document.Text.
	Start int
	// Indented is true when the raw line starts with white space.
	Indented bool
	// FirstWord and EndWord delimit the line's words in Document.Words.
	FirstWord, EndWord int
}

// WordCount returns the number of words on the line.
func (l Line) WordCount() int { return l.EndWord - l.FirstWord }

// Blank reports whether the line holds no text.
func (l Line) Blank() bool { return l.Text == "" }

// Paragraph is a block of consecutive lines that belong together.
type Paragraph struct {
	// Text is the paragraph with its hard-wrapped lines joined by spaces.
	Text string
	// FirstLine and EndLine delimit the paragraph's lines in Document.Lines.
	FirstLine, EndLine int
	// FirstWord and EndWord delimit the paragraph's words in Document.Words.
	FirstWord, EndWord int
}

// Word is one word token.
type Word struct {
	// Text is the word as it appears in Document.Text.
	Text string
	// Norm is the word lower-cased, with typographic apostrophes and common
	// look-alike letters from other scripts folded to ASCII.
	Norm string
	// Start is the byte offset of the word in Document.Text.
	Start int
	// Line is the index of the word's line in Document.Lines.
	Line int
	// key and prefix hash Norm and its first prefixKey bytes, for the
	// lexicons' lookups.
	key, prefix uint64
}

// Hash returns the FNV-1a hash of the word's folded form (Norm), which the
// document computed while splitting the text.
func (w Word) Hash() uint64 { return w.key }

// Sentence is one sentence of a paragraph.
type Sentence struct {
	// Text is the sentence as it appears in its paragraph.
	Text string
	// FirstWord and EndWord delimit the sentence's words in Document.Words.
	FirstWord, EndWord int
}

// WordCount returns the number of words in the sentence.
func (s Sentence) WordCount() int { return s.EndWord - s.FirstWord }

// NewDocument prepares an article's title and text for the checks.
func NewDocument(title, text string) *Document {
	d := new(Document)
	d.Reset(title, text)
	return d
}

// Reset prepares another article in d, reusing its memory: a scorer that
// keeps Documents in a pool allocates far less per article. Slices of the
// previous article (Lines, Words, …) are overwritten; strings taken from
// it stay valid.
func (d *Document) Reset(title, text string) {
	d.Hidden = ""
	d.Title = strings.TrimSpace(Normalize(title))
	d.Text = Normalize(text)
	d.Lines = d.Lines[:0]
	d.Paragraphs = d.Paragraphs[:0]
	d.Words = d.Words[:0]
	d.Sentences = d.Sentences[:0]
	d.WordsCut = false
	d.facts.reset()
	d.splitLines()
	d.tokenize()
	d.splitParagraphs()
	d.splitSentences()
}

// NewPage prepares an article's title and text for the checks, with the
// text its page hid from readers (see Document.Hidden).
func NewPage(title, text, hidden string) *Document {
	d := new(Document)
	d.ResetPage(title, text, hidden)
	return d
}

// ResetPage prepares another article, as Reset does, with the text its
// page hid from readers (see Document.Hidden).
func (d *Document) ResetPage(title, text, hidden string) {
	d.Reset(title, text)
	if len(hidden) > MaxHiddenBytes {
		hidden = strings.ToValidUTF8(hidden[:MaxHiddenBytes], "")
	}
	d.Hidden = hidden
}

// Normalize makes text safe and uniform for matching: invalid UTF-8 becomes
// U+FFFD, line ends become "\n", zero-width and soft-hyphen characters (used
// to hide words from keyword lists) are removed, text stored backwards
// behind a right-to-left override is turned the way it reads on screen,
// letters and digits of other widths and fonts (full-width "Ｂｕｙ",
// mathematical bold "𝐁𝐮𝐲", circled "Ⓑ") become their plain forms, and the
// result is NFC.
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if isASCII(s) {
		return s // no invisible characters, and NFC already
	}
	invisible, variants := disguises(s)
	if invisible {
		if strings.Contains(s, "\u202e") {
			s = unreverseOverrides(s)
		}
		s = strings.Map(func(r rune) rune {
			if isInvisible(r) {
				return -1
			}
			return r
		}, s)
	}
	if variants {
		s = foldVariants(s)
	}
	return norm.NFC.String(s)
}

// isASCII reports whether s holds only ASCII bytes, eight at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s[i:])&eachByte128 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// disguises reports whether s holds a character that isInvisible, and
// one that isVariant; all of them lie beyond ASCII.
func disguises(s string) (invisible, variants bool) {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		invisible = invisible || isInvisible(r)
		variants = variants || isVariant(r)
		i += n
	}
	return invisible, variants
}

func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e',
		'\u200e', '\u200f', '\u061c': // direction marks
		return true
	}
	// Bidirectional embeddings, overrides and isolates: invisible, and
	// able to reorder a keyword on screen.
	return '\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069'
}

// isVariant reports whether r is a letter, digit or sign of another width
// or font that may stand for a plain one: the full-width forms of ASCII
// and the ideographic space, the mathematical alphanumeric symbols, the
// enclosed (circled, parenthesised) alphanumerics and the letterlike
// symbols. Spammers write ads and keywords in them to slip past word
// lists; on screen they read as the plain words.
func isVariant(r rune) bool {
	switch {
	case r == '\u3000',
		'\uff01' <= r && r <= '\uff5e',
		'\U0001d400' <= r && r <= '\U0001d7ff',
		'\u2460' <= r && r <= '\u24ff',
		'\U0001f100' <= r && r <= '\U0001f1e5',
		'\u2100' <= r && r <= '\u214f':
		return true
	}
	return false
}

// isWideAlphanumeric reports whether r is a full-width letter or digit.
func isWideAlphanumeric(r rune) bool {
	return '\uff10' <= r && r <= '\uff19' || '\uff21' <= r && r <= '\uff3a' || '\uff41' <= r && r <= '\uff5a'
}

// foldVariants replaces each isVariant character of s with the plain
// character it stands for (see plainForm). Full-width punctuation and
// the ideographic space are folded only in a run that a full-width letter
// or digit began, as in "ｆａｓｔｃａｓｈ．ｂｉｚ": on their own they are the
// punctuation of Chinese and Japanese text ("会晴吗？"), which keeps them.
func foldVariants(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var f variantFolder
	for _, r := range s {
		b.WriteRune(f.fold(r))
	}
	return b.String()
}

// variantFolder decides, rune by rune along a text, what foldVariants
// makes of each: it remembers whether the runes before began a
// full-width run.
type variantFolder struct {
	wide bool // in a run of full-width letters and digits, and the punctuation folded among them
}

// fold returns the rune foldVariants writes for r, the next rune of the
// text.
func (f *variantFolder) fold(r rune) rune {
	fold := r >= utf8.RuneSelf && isVariant(r)
	if fold && (r == '\u3000' || '\uff01' <= r && r <= '\uff5e') && !isWideAlphanumeric(r) {
		fold = f.wide
	}
	f.wide = isWideAlphanumeric(r) || f.wide && fold
	if !fold {
		return r
	}
	return plainForm(r)
}

// plainForm returns the ASCII character that r is a variant of, by its
// compatibility form (NFKC), or r itself when that form is not one ASCII
// character: "™" (TM), "№" (No) and "⑩" (10) are signs of their own.
func plainForm(r rune) rune {
	var buf [utf8.UTFMax]byte
	var out [8]byte
	f := norm.NFKC.Append(out[:0], buf[:utf8.EncodeRune(buf[:], r)]...)
	if len(f) == 1 && f[0] < utf8.RuneSelf {
		return rune(f[0])
	}
	return r
}

// unreverseOverrides turns every run of text behind a right-to-left
// override (U+202E), up to its pop (U+202C) or the end of its line, the
// way a browser shows it: its characters in reverse order. Spammers store
// an ad backwards this way ("moc.gninrae" shows as "earning.com"), so that
// only the screen reads it.
func unreverseOverrides(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range unreverseMapped(sourceRunes(s)) {
		b.WriteRune(r.r)
	}
	return b.String()
}

// mirrored returns the bracket that faces the other way, as right-to-left
// display draws it, or r itself.
func mirrored(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	}
	return r
}

func (d *Document) splitLines() {
	text := d.Text
	if n := strings.Count(text, "\n") + 1; cap(d.Lines) < n {
		d.Lines = make([]Line, 0, n)
	}
	start := 0
	for n := 1; ; n++ {
		end := strings.IndexByte(text[start:], '\n')
		raw := text[start:]
		if end >= 0 {
			raw = text[start : start+end]
		}
		trimmed := strings.TrimSpace(raw)
		d.Lines = append(d.Lines, Line{
			Text:     trimmed,
			Number:   n,
			Start:    start + strings.Index(raw, trimmed),
			Indented: trimmed != "" && raw[0] != trimmed[0],
		})
		if end < 0 {
			break
		}
		start += end + 1
	}
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneWide(r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// isWordRuneWide is isWordRune beyond ASCII.
func isWordRuneWide(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports whether r joins two word parts ("don't", "U.S.", "well-known").
func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.' || r == '&'
}

// tokenize splits every line into words and builds their folded forms in one
// shared buffer, so that a word costs no allocation of its own.
func (d *Document) tokenize() {
	maxWords := d.MaxWords
	if maxWords <= 0 {
		maxWords = DefaultMaxWords
	}

	// About one word per six bytes of text, so the slices rarely grow.
	guess := min(len(d.Text)/6+8, maxWords)
	if cap(d.folded) < len(d.Text) {
		d.folded = make([]byte, 0, len(d.Text))
	}
	folded := d.folded[:0]
	if cap(d.spans) < guess {
		d.spans = make([]wordSpan, 0, guess)
	}
	spans := d.spans[:0]
	if cap(d.Words) < guess {
		d.Words = make([]Word, 0, guess)
	}
	for li := 0; li < len(d.Lines); li++ {
		ln := &d.Lines[li]
		ln.FirstWord = len(d.Words)
		s := ln.Text
		i := 0
		if len(d.Words) >= maxWords {
			// Past the cap nothing is considered: the lines go too, so
			// that a page of a million tiny lines stays small.
			for _, rest := range d.Lines[li:] {
				if strings.IndexFunc(rest.Text, isWordRune) >= 0 {
					d.WordsCut = true
					break
				}
			}
			d.Lines = d.Lines[:li]
			break
		}
		for i < len(s) {
			r, size := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if !isWordRune(r) {
				i += size
				continue
			}
			j := i + size
			for j < len(s) {
				r2, n2 := rune(s[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(s[j:])
				}
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			if len(d.Words) == maxWords {
				d.WordsCut = true
				break
			}
			// Keep the full stop of an abbreviation such as "U.S." but not a
			// sentence's full stop.
			word := s[i:j]
			a := len(folded)
			folded = appendFolded(folded, word)
			// The hashes of the folded word and of its first prefixKey
			// bytes, while they are hot in the cache.
			key, prefix := uint64(fnvOffset), uint64(0)
			for k, c := range folded[a:] {
				if k == prefixKey {
					prefix = key
				}
				key = (key ^ uint64(c)) * fnvPrime
			}
			if len(folded)-a == prefixKey {
				prefix = key
			}
			spans = append(spans, wordSpan{a, len(folded), key, prefix})
			d.Words = append(d.Words, Word{Text: word, Start: ln.Start + i, Line: li})
			i = j
		}
		ln.EndWord = len(d.Words)
	}
	d.folded, d.spans = folded, spans
	all := string(folded)
	for k := range d.Words {
		w := &d.Words[k]
		w.Norm = all[spans[k].a:spans[k].b]
		w.key, w.prefix = spans[k].key, spans[k].prefix
	}
}

// homoglyphs maps letters of other scripts that look like Latin letters to
// those letters, so that "Вuy" (Cyrillic В) still reads "buy".
var homoglyphs = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd',
	'ɡ': 'g', 'ӏ': 'l', 'ο': 'o', 'α': 'a', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ρ': 'p',
	'τ': 't', 'υ': 'u', 'χ': 'x', 'ε': 'e',
}

// appendFolded appends the folded form of word: lower case, "’" as "'", and
// look-alike letters mapped to Latin when the word also has Latin letters.
func appendFolded(dst []byte, word string) []byte {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(word); i++ {
			c := word[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	latin := false
	for _, r := range word {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			latin = true
			break
		}
	}
	for _, r := range word {
		switch {
		case r == '’':
			r = '\''
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
			if latin {
				if g, ok := homoglyphs[r]; ok {
					r = g
				}
			}
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// endsSentence reports whether text ends with terminal punctuation,
// allowing closing quotes and brackets after it.
func endsSentence(text string) bool {
	t := strings.TrimRight(text, "\"'”’)]» ")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।':
		return true
	}
	return false
}

// closesWithoutSpace reports whether r ends a sentence in scripts that put
// no space after it (Chinese and Japanese full stops and marks).
func closesWithoutSpace(r rune) bool { return r == '。' || r == '！' || r == '？' }

// EndsSentence reports whether a line ends with terminal punctuation, as
// prose lines do and menu items, headings and widgets do not.
func EndsSentence(line string) bool { return endsSentence(line) }

// wrapped reports whether line i looks hard-wrapped into line i+1: a long
// line that stops mid-sentence, followed by a line that continues it.
func (d *Document) wrapped(i int) bool {
	cur, next := d.Lines[i], d.Lines[i+1]
	if cur.Blank() || next.Blank() || next.Indented {
		return false
	}
	if endsSentence(cur.Text) || isShouting(cur.Text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next.Text)
	if unicode.IsLower(r) {
		return true
	}
	// A capitalised continuation is still a wrap when the current line is
	// as long as a typical wrapped column and ends in a word.
	n := utf8.RuneCountInString(cur.Text)
	last, _ := utf8.DecodeLastRuneInString(cur.Text)
	return n >= 55 && n <= 90 && (unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',')
}

// isShouting reports whether a line is in capitals, as wire headlines are.
func isShouting(s string) bool {
	upper, lower := 0, 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	return upper > 3 && lower*4 < upper
}

func (d *Document) splitParagraphs() {
	i := 0
	for i < len(d.Lines) {
		if d.Lines[i].Blank() {
			i++
			continue
		}
		j := i
		for j+1 < len(d.Lines) && d.wrapped(j) {
			j++
		}
		p := Paragraph{FirstLine: i, EndLine: j + 1, FirstWord: d.Lines[i].FirstWord, EndWord: d.Lines[j].EndWord}
		if i == j {
			p.Text = d.Lines[i].Text
		} else {
			var b strings.Builder
			for k := i; k <= j; k++ {
				if k > i {
					b.WriteByte(' ')
				}
				b.WriteString(d.Lines[k].Text)
			}
			p.Text = b.String()
		}
		d.Paragraphs = append(d.Paragraphs, p)
		i = j + 1
	}
}

// abbreviations end with a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"prof": true, "gen": true, "gov": true, "sen": true, "rep": true, "lt": true, "col": true,
	"co": true, "corp": true, "inc": true, "ltd": true, "no": true, "vs": true, "etc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true,
}

// splitSentences cuts each paragraph after ".", "!" or "?" (and closing
// quotes) followed by white space, unless the word before is an abbreviation
// or a single capital letter.
// sentenceMarkLead marks the bytes that start the marks that may end a
// sentence: '.', '!', '?', and the first bytes of '…', '؟', '。', '！' and
// '？'. In valid UTF-8 no other byte starts one, so a scan for them can
// pass over every other byte.
var sentenceMarkLead = func() (t [256]bool) {
	for _, r := range ".!?…؟。！？" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

func (d *Document) splitSentences() {
	for _, p := range d.Paragraphs {
		text := p.Text
		w := p.FirstWord
		start := 0
		// A paragraph of one line is that line's text, so its words'
		// offsets place them; joined lines need counting.
		single := p.EndLine == p.FirstLine+1
		base := d.Lines[p.FirstLine].Start
		// Word offsets within the paragraph text are found by scanning, since
		// joined lines moved them.
		for i := 0; i < len(text); {
			if !sentenceMarkLead[text[i]] {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if r != '.' && r != '!' && r != '?' && r != '…' && r != '؟' && !closesWithoutSpace(r) {
				continue
			}
			end := i
			for end < len(text) && strings.ContainsRune("\"'”’)]»", rune(text[end])) {
				end++
			}
			if end < len(text) && text[end] != ' ' {
				// Multi-byte closing quotes.
				r2, n2 := utf8.DecodeRuneInString(text[end:])
				if r2 == '”' || r2 == '’' || r2 == '»' {
					end += n2
				}
			}
			if end < len(text) && text[end] != ' ' && !closesWithoutSpace(r) {
				continue
			}
			if r == '.' && abbreviationBefore(text[start:i-size]) {
				continue
			}
			s := strings.TrimSpace(text[start:end])
			if s != "" {
				var n int
				if single {
					// The words before the sentence's end, found by their
					// offsets in the line the paragraph is.
					k := w
					for k < p.EndWord && d.Words[k].Start < base+end {
						k++
					}
					n = k - w
				} else {
					n = countWords(s)
				}
				d.Sentences = append(d.Sentences, Sentence{Text: s, FirstWord: w, EndWord: min(w+n, p.EndWord)})
				w = min(w+n, p.EndWord)
			}
			start = end
			i = end
		}
		if s := strings.TrimSpace(text[start:]); s != "" {
			d.Sentences = append(d.Sentences, Sentence{Text: s, FirstWord: w, EndWord: p.EndWord})
		}
	}
}

func abbreviationBefore(s string) bool {
	k := strings.LastIndexFunc(s, func(r rune) bool { return !isWordRune(r) && r != '.' })
	word := s[k+1:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}

// countWords counts words in s the way tokenize does.
func countWords(s string) int {
	n := 0
	in := false
	prevJoin := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case isWordRune(r):
			if !in {
				n++
			}
			in = true
			prevJoin = false
		case in && isJoiner(r) && !prevJoin:
			prevJoin = true
		default:
			in = false
			prevJoin = false
		}
	}
	return n
}

// inAddress reports whether word w of d is part of a web address, an
// e-mail address or a handle ("https://t.co/x1", "pic.twitter.com/x1",
// "www.example.com", "@name", "name@example.com"): pieces of an address
// are not words of the text's language. It looks at most addressScan bytes
// either side of the word.
func (d *Document) inAddress(w Word) bool {
	const addressScan = 256
	t := d.Text
	a, b := w.Start, w.Start+len(w.Text)
	if (a == 0 || isSpaceByte(t[a-1])) && (b == len(t) || isSpaceByte(t[b])) {
		// The word is the whole token, and a word holds no ':', '/' or
		// '@': most words of running text end here.
		return strings.Contains(w.Text, "www.")
	}
	for a > 0 && w.Start-a < addressScan && !isSpaceByte(t[a-1]) {
		a--
	}
	for b < len(t) && b-w.Start < addressScan && !isSpaceByte(t[b]) {
		b++
	}
	tok := t[a:b]
	if strings.Contains(tok, "://") || strings.Contains(tok, "www.") || strings.IndexByte(tok, '@') >= 0 {
		return true
	}
	// A host name before a path: a dot followed by two or more letters,
	// then a slash ("t.co/", "example.com/").
	slash := strings.IndexByte(tok, '/')
	if slash < 0 {
		return false
	}
	dot := strings.LastIndexByte(tok[:slash], '.')
	if dot < 0 || slash-dot < 3 {
		return false
	}
	for _, r := range tok[dot+1 : slash] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isSpaceByte reports whether c is ASCII white space.
func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// WordCount returns the number of words in the document.
func (d *Document) WordCount() int { return len(d.Words) }
