package training

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsqual/newsqual/features"
)

// Augmentation kinds, recorded on each synthetic Example.
const (
	AugmentAd       = "ad-injection"
	AugmentStuffing = "keyword-stuffing"
	AugmentTemplate = "shop-template"
	AugmentFarm     = "content-farm-debris"
	AugmentDebris   = "benign-debris"
	AugmentFurnish  = "page-furniture"
	AugmentOpening  = "opening"
	AugmentHidden   = "hidden-stuffing"
)

// Augmenter injects spam patterns into articles with a seeded random
// source: the same seed, pools and inputs give the same outputs.
type Augmenter struct {
	pools  Pools
	rng    *rand.Rand
	titles []string
}

// NewAugmenter returns an augmenter drawing from pools, seeded with seed.
// titles are headlines of other articles, used for related-article lists
// and as unrelated stuffed phrases.
func NewAugmenter(pools Pools, seed int64, titles []string) *Augmenter {
	return &Augmenter{pools: pools, rng: rand.New(rand.NewPCG(uint64(seed), 0x61756720)), titles: titles}
}

func (a *Augmenter) pick(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[a.rng.IntN(len(s))]
}

func (a *Augmenter) between(lo, hi int) int { return lo + a.rng.IntN(hi-lo+1) }

// brand invents a brand name from two or three syllables.
func (a *Augmenter) brand() string {
	var b strings.Builder
	for range a.between(2, 3) {
		b.WriteString(a.pick(a.pools.Syllables))
	}
	s := b.String()
	if a.rng.IntN(2) == 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

func (a *Augmenter) phone() string {
	switch a.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("+91 %05d %05d", a.rng.IntN(100000), a.rng.IntN(100000))
	case 1:
		return fmt.Sprintf("(%03d) %03d-%04d", 200+a.rng.IntN(800), a.rng.IntN(1000), a.rng.IntN(10000))
	case 2:
		return fmt.Sprintf("0800 %03d %04d", a.rng.IntN(1000), a.rng.IntN(10000))
	default:
		return fmt.Sprintf("+%d %d %d", 1+a.rng.IntN(98), 100+a.rng.IntN(900), 1000000+a.rng.IntN(9000000))
	}
}

func (a *Augmenter) money() string {
	amount := a.between(1, 999)
	switch a.rng.IntN(5) {
	case 0:
		return fmt.Sprintf("$%d.%02d", amount, a.rng.IntN(100))
	case 1:
		return fmt.Sprintf("£%d", amount)
	case 2:
		return fmt.Sprintf("€%d,%02d", amount, a.rng.IntN(100))
	case 3:
		return fmt.Sprintf("Rs %d,%03d", amount, a.rng.IntN(1000))
	default:
		return fmt.Sprintf("$%d", amount*10)
	}
}

func (a *Augmenter) title() string {
	if len(a.titles) == 0 {
		return "Latest updates"
	}
	return a.pick(a.titles)
}

// fill replaces the template's placeholders with random values.
func (a *Augmenter) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		switch key := tmpl[i+1 : i+j]; key {
		case "brand":
			b.WriteString(a.brand())
		case "tld":
			b.WriteString(a.pick(a.pools.TLDs))
		case "domain":
			b.WriteString(strings.ToLower(a.brand()) + a.pick(a.pools.TLDs))
		case "email":
			b.WriteString(strings.ToLower(a.brand()) + "@" + strings.ToLower(a.brand()) + a.pick(a.pools.TLDs))
		case "phone":
			b.WriteString(a.phone())
		case "money":
			b.WriteString(a.money())
		case "product":
			b.WriteString(a.pick(a.pools.Products))
		case "service":
			b.WriteString(a.pick(a.pools.Services))
		case "name":
			b.WriteString(a.pick(a.pools.Names))
		case "section":
			b.WriteString(a.pick(a.pools.Sections))
		case "title":
			b.WriteString(a.title())
		case "n":
			b.WriteString(fmt.Sprint(a.between(1, 99)))
		default:
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
	return b.String()
}

// paragraphs splits text into blocks at its paragraph breaks and returns
// the separator that joins them back as the text lays them out: blank
// lines; else line breaks that end a paragraph (before an indented line,
// after a line that ends a sentence or a headline in capitals), as in
// wire copy with hard-wrapped lines; else, in text on one line, breaks
// after sentences, so that lines can be slipped in between.
func paragraphs(text string) (blocks []string, sep string) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if strings.Contains(text, "\n\n") {
		return strings.Split(text, "\n\n"), "\n\n"
	}
	if strings.Contains(text, "\n") {
		lines := strings.Split(text, "\n")
		start := 0
		for i := 1; i < len(lines); i++ {
			prev := strings.TrimSpace(lines[i-1])
			if prev == "" || strings.TrimSpace(lines[i]) == "" {
				continue // a line of white space stays with its neighbours
			}
			if strings.HasPrefix(lines[i], " ") || strings.HasPrefix(lines[i], "\t") || endsSentence(prev) ||
				strings.IndexFunc(prev, unicode.IsLower) < 0 {
				blocks = append(blocks, strings.Join(lines[start:i], "\n"))
				start = i
			}
		}
		return append(blocks, strings.Join(lines[start:], "\n")), "\n"
	}
	start := 0
	for i := 0; i+2 < len(text); i++ {
		if (text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i+1] == ' ' && i-start > 200 {
			blocks = append(blocks, text[start:i+1])
			start = i + 2
		}
	}
	return append(blocks, text[start:]), "\n\n"
}

// endsSentence reports whether a line ends with a full stop, a question or
// an exclamation mark, before any closing quotes or brackets.
func endsSentence(line string) bool {
	line = strings.TrimRight(line, `"'”’)]`)
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "?") || strings.HasSuffix(line, "!")
}

// insertLines puts each line as a paragraph of its own at a random block
// boundary, indented as the block after it (or, at the end, before it) is,
// as the paragraphs of wire copy are.
func (a *Augmenter) insertLines(blocks []string, lines ...string) []string {
	for _, l := range lines {
		at := a.rng.IntN(len(blocks) + 1)
		if len(blocks) > 0 {
			next := blocks[min(at, len(blocks)-1)]
			l = next[:len(next)-len(strings.TrimLeft(next, " \t"))] + l
		}
		blocks = append(blocks[:at], append([]string{l}, blocks[at:]...)...)
	}
	return blocks
}

// InjectAds adds one to three invented promotional lines, some repeated.
func (a *Augmenter) InjectAds(text string) string {
	blocks, sep := paragraphs(text)
	for range a.between(1, 3) {
		line := a.fill(a.pick(a.pools.Ads))
		for range a.between(1, 2) {
			blocks = a.insertLines(blocks, line)
		}
	}
	return strings.Join(blocks, sep)
}

// stuffedPhrase picks a phrase to stuff, as an SEO stuffer picks its
// keywords: two to four words of the article's own title or text (or of
// another headline), a run of content words written in one piece between
// function words and punctuation, as keyword extraction (RAKE) cuts them
// ("Hamas rejects US", "best EV deals 2024"), opening and closing with a
// word. Pieces of web and e-mail addresses, figures with symbols, ticker
// codes and mangled characters are no keywords. The words of a headline in
// capitals are written in lower case, as a stuffer types them, two-letter
// acronyms apart.
func (a *Augmenter) stuffedPhrase(title, text string) string {
	source := title
	if source == "" || a.rng.IntN(3) == 0 {
		source = text
	}
	if a.rng.IntN(5) == 0 {
		source = a.title()
	}
	runs := keywordRuns(source)
	n := a.between(2, 4)
	// The longest phrase of at most n words that the source offers.
	for ; n >= 2; n-- {
		var spans [][]string
		for _, run := range runs {
			for i := 0; i+n <= len(run); i++ {
				if contentWord(run[i]) && contentWord(run[i+n-1]) {
					spans = append(spans, run[i:i+n])
				}
			}
		}
		if len(spans) > 0 {
			return strings.Join(spans[a.rng.IntN(len(spans))], " ")
		}
	}
	return "breaking news today"
}

// keywordRuns splits s into runs of words that a keyword phrase may be
// made of: words of letters and digits (with hyphens and apostrophes
// inside) that are no function words, not broken by punctuation. A
// function word or any other token (an address, a price, a symbol)
// breaks the run, and a word that ends a clause or a line ends it. Words
// of a line in capitals (a wire headline) are lower-cased, except acronyms
// of two letters ("US", "EU").
func keywordRuns(s string) [][]string {
	var runs [][]string
	var run []string
	flush := func() {
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, line := range strings.Split(s, "\n") {
		shouting := strings.IndexFunc(line, unicode.IsLower) < 0
		for _, f := range strings.Fields(line) {
			opens := strings.TrimLeft(f, `"'“‘([`)
			if opens != f {
				flush() // a quotation or a bracket starts a new run
			}
			w := strings.TrimRight(opens, `.,;:!?"'“”‘’)]`)
			ends := w != opens // punctuation after the word ends the clause
			if shouting && (utf8.RuneCountInString(w) > 2 || functionWords[strings.ToLower(w)]) {
				w = strings.ToLower(w)
			}
			if !keywordToken(w) || isFunctionWord(w) {
				flush()
				continue
			}
			run = append(run, w)
			if ends {
				flush()
			}
		}
		flush() // a run ends with its line
	}
	return runs
}

// keywordToken reports whether w is a word a keyword phrase may hold:
// letters and digits, with single hyphens and apostrophes between them.
func keywordToken(w string) bool {
	prevJoin := true // no joiner may open the word
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			prevJoin = false
		case unicode.IsDigit(r):
			prevJoin = false
		case r == '-' || r == '\'' || r == '’':
			if prevJoin {
				return false
			}
			prevJoin = true
		default:
			return false
		}
	}
	return w != "" && !prevJoin
}

// contentWord reports whether w may open or close a keyword phrase: a
// word that starts with a letter and is no function word, unit or figure.
func contentWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) && !isFunctionWord(w)
}

// isFunctionWord reports whether w is one of functionWords. A word of two
// letters or more in capitals is an acronym ("US", "IT"), unless keywordRuns
// lower-cased it from a headline in capitals.
func isFunctionWord(w string) bool {
	if utf8.RuneCountInString(w) >= 2 && strings.IndexFunc(w, unicode.IsLower) < 0 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
		return false
	}
	return functionWords[foldApostrophe(strings.ToLower(w))]
}

// foldApostrophe writes typographic apostrophes as straight ones.
func foldApostrophe(w string) string { return strings.ReplaceAll(w, "’", "'") }

// functionWords do not start or end a stuffed phrase: stuffers repeat
// keywords ("Hamas rejects US", "best EV deals"), not "said the" or "why
// it's". They are the articles, pronouns, prepositions, conjunctions,
// auxiliaries and their contractions, question words, numbers and units,
// words of time order, reporting verbs, titles and the adverbs that carry
// no topic.
var functionWords = setOf(`
a an the this that these those some any each every no all both either neither such own other others another same several
i me my mine myself you your yours he him his himself she her hers herself it its itself we us our ours they them their theirs
ourselves yourself yourselves themselves anyone anything anybody someone something somebody everyone everything nothing
one two three four five six seven eight nine ten hundred thousand million billion
percent pct mln bln dlr dlrs cts stg qtr vs
last next first earlier later ago soon today yesterday tomorrow tonight
who whom whose which what whatever where when why how whether
and or but nor so yet if than then because although though while unless until since as
of in on at to for from by with without within into onto upon about above below over under after before
between among against across through toward towards during around along off out up down via per like near
is am are was were be been being has have had having do does did doing done
will would shall should can could may might must ought
i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd
i'll you'll he'll she'll it'll we'll they'll that's there's here's what's who's let's
isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't can't couldn't shouldn't mustn't
not also just only even still very too really quite rather almost already again ever never always often
however thus hence further therefore meanwhile instead perhaps maybe
here there now more most much many few less least very well back away
said says say told tell tells according
mr mrs ms dr
`)

// setOf builds a set from white-space separated words.
func setOf(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// StuffKeywords injects one phrase eight to eighteen times: mid-sentence,
// at the start of paragraphs and as fake headings. Copies go between words
// of the original text, never inside another copy, and the text keeps its
// layout.
func (a *Augmenter) StuffKeywords(title, text string) string {
	phrase := a.stuffedPhrase(title, text)
	blocks, sep := paragraphs(text)
	// Where each copy goes: a block and a byte offset in it (-1 leads the
	// block, after its indent; the offset of a space after a word puts the
	// copy mid-sentence), or a heading.
	inserts := make([][]int, len(blocks))
	var headings int
	for range a.between(8, 18) {
		k := a.rng.IntN(len(blocks))
		switch a.rng.IntN(4) {
		case 0, 1:
			var spaces []int
			b := blocks[k]
			for i := 1; i < len(b); i++ {
				if b[i] == ' ' && !unicode.IsSpace(rune(b[i-1])) {
					spaces = append(spaces, i)
				}
			}
			if len(spaces) == 0 {
				headings++
				continue
			}
			at := spaces[a.rng.IntN(len(spaces))]
			if slices.Contains(inserts[k], at) {
				headings++ // that gap is taken: a heading instead
				continue
			}
			inserts[k] = append(inserts[k], at)
		case 2:
			if slices.Contains(inserts[k], -1) {
				headings++
				continue
			}
			inserts[k] = append(inserts[k], -1)
		default:
			headings++
		}
	}
	for k, offsets := range inserts {
		slices.Sort(offsets)
		b := blocks[k]
		var out strings.Builder
		prev := 0
		for _, at := range offsets {
			if at < 0 {
				indent := len(b) - len(strings.TrimLeft(b, " \t"))
				out.WriteString(b[:indent] + phrase + " ")
				prev = indent
				continue
			}
			out.WriteString(b[prev:at])
			out.WriteString(" " + phrase)
			prev = at
		}
		out.WriteString(b[prev:])
		blocks[k] = out.String()
	}
	for range headings {
		blocks = a.insertLines(blocks, phrase)
	}
	return strings.Join(blocks, sep)
}

// HiddenSpam returns what a search spammer hides in a page beside an
// article: a phrase stuffed over and over, a list of links to invented
// sites, or both.
func (a *Augmenter) HiddenSpam(title, text string) string {
	var parts []string
	kind := a.rng.IntN(3)
	if kind != 1 {
		phrase := a.stuffedPhrase(title, text)
		sep := []string{" ", ", ", " | ", ". "}[a.rng.IntN(4)]
		copies := make([]string, a.between(8, 30))
		for i := range copies {
			copies[i] = phrase
		}
		parts = append(parts, strings.Join(copies, sep))
	}
	if kind != 0 {
		links := make([]string, a.between(10, 24))
		for i := range links {
			links[i] = strings.ToLower(a.brand()) + a.pick(a.pools.TLDs)
		}
		parts = append(parts, strings.Join(links, " "))
	}
	return strings.Join(parts, "\n")
}

// lorem returns a sentence of pseudo-Latin filler.
func (a *Augmenter) lorem() string {
	n := a.between(8, 30)
	words := make([]string, n)
	for i := range words {
		words[i] = a.pick(a.pools.Latin)
	}
	s := strings.Join(words, " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

// ShopTemplate builds a block of shop-page template lines.
func (a *Augmenter) ShopTemplate() []string {
	var lines []string
	for range a.between(1, 3) {
		lines = append(lines, a.fill(a.pick(a.pools.ShopLines)))
		if a.rng.IntN(2) == 0 {
			lines = append(lines, a.fill(a.pick(a.pools.Products)))
		}
		for range a.between(1, 3) {
			lines = append(lines, a.fill(a.pick(a.pools.ShopLines)))
		}
		if a.rng.IntN(3) > 0 {
			lines = append(lines, a.lorem())
		}
		lines = append(lines, a.money())
	}
	return lines
}

// InjectTemplate glues a shop template before, after or inside the article.
func (a *Augmenter) InjectTemplate(text string) string {
	blocks, sep := paragraphs(text)
	tmpl := strings.Join(a.ShopTemplate(), "\n")
	switch a.rng.IntN(3) {
	case 0:
		blocks = append([]string{tmpl}, blocks...)
	case 1:
		blocks = append(blocks, tmpl)
	default:
		blocks = a.insertLines(blocks, tmpl)
	}
	return strings.Join(blocks, sep)
}

// AddFarmDebris adds two or three blocks of content-farm debris (comment
// forms, share widgets, donation appeals, bios, related lists), mostly at
// the end, and sometimes a repeated title at the top.
func (a *Augmenter) AddFarmDebris(title, text string) string {
	blocks, sep := paragraphs(text)
	for range a.between(2, 3) {
		blk := a.pools.FarmBlocks[a.rng.IntN(len(a.pools.FarmBlocks))]
		lines := make([]string, len(blk))
		for i, l := range blk {
			lines[i] = a.fill(l)
		}
		joined := strings.Join(lines, "\n")
		if a.rng.IntN(4) == 0 {
			blocks = append([]string{joined}, blocks...)
		} else {
			blocks = append(blocks, joined)
		}
	}
	if title != "" && a.rng.IntN(2) == 0 {
		blocks = append([]string{title, title}, blocks...)
	}
	return strings.Join(blocks, sep)
}

// AddPageFurniture adds one to three of the ordinary features of a real
// news page to a clean article, which stays clean: a byline and dateline,
// the headline repeated above the text, the same photo credit after
// several paragraphs, a tags or topics line, a "Related:" line, a few
// market-price lines, a quoted paragraph of a press release, or the whole
// text run into one paragraph.
func (a *Augmenter) AddPageFurniture(title, text string) string {
	blocks, sep := paragraphs(text)
	edits := a.rng.Perm(8)[:a.between(1, 3)]
	slices.Sort(edits) // the one-paragraph edit, last, joins what the others added
	for _, e := range edits {
		switch e {
		case 0:
			name := a.pick(a.pools.Names)
			byline := a.pick([]string{"By " + name, "By " + name + ", " + a.pick(a.pools.Sections) + " correspondent", name + " | " + a.pick(a.pools.Sections)})
			if len(blocks) > 0 {
				blocks[0] = strings.ToUpper(a.pick(a.pools.Places)) + " (" + a.pick(a.pools.Places) + " Press) - " + blocks[0]
			}
			blocks = append([]string{byline}, blocks...)
		case 1:
			if title == "" {
				title = a.title()
			}
			blocks = append([]string{title}, blocks...)
		case 2:
			credit := a.pick([]string{"Photo: ", "Image: ", "(Photo by ", "Picture: "}) + a.pick(a.pools.Names) + "/" + a.pick(a.pools.Places) + " Images"
			if strings.HasPrefix(credit, "(") {
				credit += ")"
			}
			for range a.between(2, 5) {
				blocks = a.insertLines(blocks, credit)
			}
		case 3:
			var topics []string
			for range a.between(3, 6) {
				topics = append(topics, a.pick(a.pools.Sections))
			}
			blocks = append(blocks, a.pick([]string{"Tags: ", "Topics: ", "Filed under: "})+strings.Join(topics, ", "))
		case 4:
			blocks = a.insertLines(blocks, a.pick([]string{"Related: ", "Read more: ", "See also: "})+a.title())
		case 5:
			var lines []string
			for range a.between(3, 5) {
				lines = append(lines, fmt.Sprintf("%s %s %d,%03d.%02d %+.1f%%", a.pick(a.pools.Places), a.pick([]string{"Index", "Composite", "100", "All-Share"}),
					a.between(1, 40), a.rng.IntN(1000), a.rng.IntN(100), float64(a.between(-30, 30))/10))
			}
			blocks = a.insertLines(blocks, strings.Join(lines, "\n"))
		case 6:
			org := a.pick(a.pools.Places) + " " + a.pick([]string{"Group", "Holdings", "Energy", "Foods", "Logistics"})
			quote := fmt.Sprintf("\"We are proud to announce that %s will expand its %s services to %d new markets this year,\" said %s, chief executive of %s, in a statement.",
				org, strings.ToLower(a.pick(a.pools.Sections)), a.between(2, 12), a.pick(a.pools.Names), org)
			blocks = a.insertLines(blocks, quote)
		case 7:
			blocks = []string{strings.Join(strings.Fields(strings.Join(blocks, " ")), " ")}
		}
	}
	return strings.Join(blocks, sep)
}

// Opening returns the first whole sentences of text that make between
// minWords and maxWords words (the bound drawn at random), as a brief or a
// teaser gives an article, and false when the text is not much longer than
// that: an opening keeps its article's label, so that length alone tells
// the model nothing.
func (a *Augmenter) Opening(text string, minWords, maxWords int) (string, bool) {
	want := a.between(minWords, maxWords)
	d := features.NewDocument("", text)
	if len(d.Words) < want+20 {
		return "", false
	}
	for _, s := range d.Sentences {
		if s.EndWord >= want {
			last := d.Words[s.EndWord-1]
			end := last.Start + len(last.Text)
			for end < len(d.Text) && strings.IndexByte(".!?\"'”’)", d.Text[end]) >= 0 {
				end++
			}
			return strings.TrimSpace(d.Text[:end]), true
		}
	}
	return "", false
}

// AddBenignDebris adds the ordinary page debris found around real
// journalism: a few lines at the top and bottom and between paragraphs.
func (a *Augmenter) AddBenignDebris(text string) string {
	blocks, sep := paragraphs(text)
	var top, bottom []string
	for range a.between(2, 8) {
		line := a.fill(a.pick(a.pools.Benign))
		switch a.rng.IntN(3) {
		case 0:
			top = append(top, line)
		case 1:
			bottom = append(bottom, line)
		default:
			blocks = a.insertLines(blocks, line)
		}
	}
	if len(top) > 0 {
		blocks = append([]string{strings.Join(top, "\n")}, blocks...)
	}
	if len(bottom) > 0 {
		blocks = append(blocks, strings.Join(bottom, "\n"))
	}
	return strings.Join(blocks, sep)
}
