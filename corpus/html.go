package corpus

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// maxReadabilityElements is the most elements a page may have for
// readability to look at it. Readability takes about a second per 50 000
// elements; a larger page (rare for an article) falls back to the visible
// text, which is read in one fast pass.
const maxReadabilityElements = 50_000

// htmlReader turns HTML pages into title and text. It keeps one readability
// parser, so it must not be used by two goroutines at once.
type htmlReader struct {
	parser readability.Parser
	// ctx, when done, stops the reading of a page between its steps and
	// every few thousand tokens of its markup.
	ctx context.Context
	// budget is what of a page is built as a tree (defaultBudget).
	budget pageBudget
}

func newHTMLReader() *htmlReader {
	p := readability.NewParser()
	p.MaxElemsToParse = maxReadabilityElements
	// The article keeps its class names, which cleanArticle reads.
	p.KeepClasses = true
	return &htmlReader{parser: p, ctx: context.Background(), budget: defaultBudget}
}

// page is what the HTML reader read from one page.
type page struct {
	title, text string
	// hidden is the text of the page's hidden elements (see hiddenText).
	hidden string
	// note says what the reader had to do to read the page (a fall-back,
	// a cut), for Item.Warning; "" when nothing.
	note string
	// cut says the markup was cut at the budget (MaxHTMLNodes,
	// MaxHTMLText), so that the article is Truncated.
	cut bool
	// err is the context's error when the reading was stopped.
	err error
}

// noTextReason says why a page (what names it) gave no visible text,
// and whether it was cut at the budget before any came.
func noTextReason(what string, p page) string {
	if p.cut {
		return what + " has no visible text before it was cut: " + p.note
	}
	return what + " has no visible text"
}

// readPage reads an HTML page (see extractText) within the budget, with
// UTF-8 that was read as windows-1252 repaired.
func (h *htmlReader) readPage(raw []byte, pageURL string, wholePage bool, maxDepth int) page {
	p := h.extractText(raw, pageURL, wholePage, maxDepth)
	p.title, p.text, p.hidden = fixMojibake(p.title), fixMojibake(p.text), fixMojibake(p.hidden)
	return p
}

// extractText returns the title and visible text of an HTML page. The
// markup is first measured token by token against the budget
// (MaxHTMLNodes, MaxHTMLText) and cut before the first node past it, so
// that only that much is ever built as a tree. Unless wholePage is set it
// then takes the page's furniture out (pruneDebris) and asks readability
// for the article; when that finds nothing (or fails) it falls back to the
// visible text of the page's body and says so in the note. The text keeps
// block structure: each paragraph, heading, list item or other block on
// its own line. Reading stops, with ctx's error, between its steps once the
// reader's context is done.
func (h *htmlReader) extractText(raw []byte, pageURL string, wholePage bool, maxDepth int) (p page) {
	raw = toUTF8(raw)
	scan, err := scanPage(h.ctx, raw, maxDepth, h.budget)
	if err != nil {
		return page{err: err}
	}
	if scan.over != "" {
		raw = raw[:scan.cut]
		p.cut = true
		p.addNote(scan.cutNote())
	}
	p.addNote(scan.openTagNote())
	if maxDepth < DefaultMaxHTMLDepth && scan.deeper {
		p.text = tokenText(raw)
		p.addNote(fmt.Sprintf("HTML nested deeper than %d elements (Options.MaxHTMLDepth), so its text was read tag by tag", maxDepth))
		return p
	}
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		// The parser gives up on pages nested deeper than it allows; the
		// tokenizer has no such limit.
		p.text = tokenText(raw)
		p.addNote(fmt.Sprintf("HTML could not be parsed as a tree (%v), so its text was read tag by tag", err))
		return p
	}
	if fixed, ok := closeRunaway(raw, doc); ok {
		if fixedDoc, err := html.Parse(bytes.NewReader(fixed)); err == nil {
			raw, doc = fixed, fixedDoc
		}
	}
	if err := h.ctx.Err(); err != nil {
		return page{err: err}
	}
	p.hidden = hiddenText(doc)
	if !wholePage {
		pruneDebris(doc)
		title, text, err := h.readable(doc, pageURL)
		text = dropRuleLines(text)
		if err == nil && !isBlank(text) {
			p.title, p.text = title, text
			return p
		}
		if err := h.ctx.Err(); err != nil {
			return page{err: err}
		}
		p.title = title
		if err != nil {
			p.addNote(fmt.Sprintf("readability failed (%v), so the page's visible text was used", err))
		} else {
			p.addNote("readability found no article, so the page's visible text was used")
		}
		// Readability changed the tree; start again from the markup.
		doc, _ = html.Parse(bytes.NewReader(raw)) // it parsed once, so it parses again
	}
	if p.title == "" {
		p.title = elementText(findElement(doc, atom.Title))
	}
	root := findElement(doc, atom.Body)
	if root == nil {
		root = doc
	}
	p.text = visibleText(root)
	return p
}

// addNote adds a note (when not "") to those of the page.
func (p *page) addNote(note string) {
	switch {
	case note == "":
	case p.note == "":
		p.note = note
	default:
		p.note += "; " + note
	}
}

// readable runs readability on the page, changing doc. A panic inside the
// third-party parser on hostile markup is turned into an error, so that bad
// input falls back to the plain visible text instead of ending the run.
func (h *htmlReader) readable(doc *html.Node, pageURL string) (title, text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			title, text, err = "", "", fmt.Errorf("panic: %v", r)
		}
	}()
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL) // a bad URL only loses link resolution
	}
	article, err := h.parser.ParseAndMutate(doc, base)
	if err != nil {
		return "", "", err
	}
	if article.Node == nil {
		return strings.TrimSpace(article.Title()), "", nil
	}
	cleanArticle(article.Node)
	text = render.InnerText(article.Node)
	// Readability moves a byline out of the text; put it back as the first
	// line, since who wrote a story is part of what a reader sees.
	if byline := strings.TrimSpace(article.Byline()); byline != "" && !isBlank(text) && !strings.Contains(text, byline) {
		text = byline + "\n\n" + text
	}
	return strings.TrimSpace(article.Title()), text, nil
}

// toUTF8 decodes a page that is not valid UTF-8 using the charset its BOM or
// <meta> declares (windows-1252 when it declares none). Valid UTF-8 is kept
// as it is whatever the page claims, since mislabelled pages are common.
func toUTF8(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	enc, name, _ := charset.DetermineEncoding(raw, "")
	if name == "utf-8" {
		return raw // broken UTF-8: repaired byte by byte later
	}
	decoded, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return raw
	}
	return decoded
}

// findElement returns the first element with tag a under root in document
// order, or nil. It walks without recursion, so deep nesting is safe.
func findElement(root *html.Node, a atom.Atom) *html.Node {
	for n := root; n != nil; n = nextNode(root, n, true) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
	}
	return nil
}

// nextNode returns the node after n in document order within root, not
// entering n's children when descend is false; nil at the end.
func nextNode(root, n *html.Node, descend bool) *html.Node {
	if descend && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil && n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// removeElements removes, in document order, every element under root
// that remove picks, with all it holds (remove is not asked about the
// elements inside one removed). It returns how many it removed.
func removeElements(root *html.Node, remove func(*html.Node) bool) int {
	removed := 0
	for n := root.FirstChild; n != nil; {
		if n.Type == html.ElementNode && remove(n) {
			next := nextNode(root, n, false)
			n.Parent.RemoveChild(n)
			removed++
			n = next
			continue
		}
		n = nextNode(root, n, true)
	}
	return removed
}

// elementText returns the text inside n with white space collapsed.
func elementText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var sb strings.Builder
	for c := n; c != nil; c = nextNode(n, c, true) {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
			sb.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// visibleText returns the text a reader sees under root: script, style,
// noscript, template, embedded media and hidden elements are left out; block
// elements start new lines, and paragraph-like blocks (p, headings, lists,
// tables, blockquote, pre) are set apart by a blank line.
func visibleText(root *html.Node) string {
	var tb textBuilder
	preDepth := 0
	n := root
	for n != nil {
		descend := true
		switch n.Type {
		case html.TextNode:
			tb.text(n.Data, preDepth > 0)
		case html.ElementNode:
			if invisible(n) {
				descend = false
				break
			}
			tb.block(n.DataAtom)
			if n.DataAtom == atom.Pre {
				preDepth++
			}
			if n.FirstChild == nil {
				tb.block(n.DataAtom) // an empty block still ends its line
				if n.DataAtom == atom.Pre {
					preDepth--
				}
			}
		}
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		// Climb out of finished elements, closing their blocks.
		for n != nil && n != root && n.NextSibling == nil {
			n = n.Parent
			if n.Type == html.ElementNode {
				tb.block(n.DataAtom)
				if n.DataAtom == atom.Pre {
					preDepth--
				}
			}
		}
		if n == nil || n == root {
			break
		}
		n = n.NextSibling
	}
	return strings.TrimRight(tb.sb.String(), "\n")
}

// invisible reports whether an element's content is never shown as text:
// an element that holds no text for readers, or one hidden by its
// attributes (see hiddenElement).
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Head, atom.Title, atom.Script, atom.Style, atom.Noscript, atom.Template,
		atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Embed, atom.Canvas,
		atom.Audio, atom.Video, atom.Map, atom.Select, atom.Datalist:
		return true
	}
	return hiddenElement(n)
}

// textBuilder collects visible text, collapsing white space and turning
// block boundaries into line breaks.
type textBuilder struct {
	sb       strings.Builder
	newlines int  // line breaks written since the last text
	sep      byte // a space or tab due before the next word, or 0
}

// block marks the start or end of an element: a line break for block
// elements, two for paragraph-like ones, a tab between table cells.
func (tb *textBuilder) block(a atom.Atom) {
	switch a {
	case atom.Br:
		tb.sb.WriteByte('\n')
		tb.newlines++
		tb.sep = 0
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote,
		atom.Pre, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Hr:
		tb.breakLine(2)
	case atom.Div, atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot,
		atom.Caption, atom.Header, atom.Footer, atom.Main, atom.Section, atom.Article,
		atom.Aside, atom.Nav, atom.Address, atom.Figure, atom.Figcaption, atom.Form,
		atom.Fieldset, atom.Legend, atom.Details, atom.Summary, atom.Dialog, atom.Body:
		tb.breakLine(1)
	case atom.Td, atom.Th:
		tb.sep = '\t'
	}
}

// breakLine ends the current line so that at least n line breaks separate
// it from the next text. Nothing is written before the first text.
func (tb *textBuilder) breakLine(n int) {
	if tb.sb.Len() == 0 {
		return
	}
	for ; tb.newlines < n; tb.newlines++ {
		tb.sb.WriteByte('\n')
	}
	tb.sep = 0
}

// text adds a text node: white space collapsed to single spaces, or kept
// as it is inside <pre>.
func (tb *textBuilder) text(s string, pre bool) {
	if pre {
		if s != "" {
			tb.sb.WriteString(s)
			tb.newlines = 0
			tb.sep = 0
		}
		return
	}
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				tb.word(s[start:i])
				start = -1
			}
			if tb.sep == 0 {
				tb.sep = ' '
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		tb.word(s[start:])
	}
}

func (tb *textBuilder) word(w string) {
	if tb.sep != 0 && tb.newlines == 0 && tb.sb.Len() > 0 {
		tb.sb.WriteByte(tb.sep)
	}
	tb.sb.WriteString(w)
	tb.newlines = 0
	tb.sep = 0
}

// tokenText returns the text of a page read token by token, for markup the
// tree parser rejects: raw-text elements (script, style, noscript and the
// like) are left out and block tags break lines as in visibleText, but
// hidden elements cannot be told apart without a tree.
func tokenText(raw []byte) string {
	var tb textBuilder
	z := html.NewTokenizer(bytes.NewReader(raw))
	var skip atom.Atom // the raw-text element being skipped, or 0
	preDepth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimRight(tb.sb.String(), "\n")
		case html.TextToken:
			if skip == 0 {
				tb.text(string(z.Text()), preDepth > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case isRawText(a): // the tokenizer reads raw text even after <script/>
				skip = a
			case a == atom.Pre:
				preDepth++
			}
			tb.block(a)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == skip {
				skip = 0
			}
			if a == atom.Pre && preDepth > 0 {
				preDepth--
			}
			tb.block(a)
		}
	}
}

// isRawText reports whether the tokenizer reads an element's content as
// one run of raw text (so that it ends only at the matching end tag).
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Xmp, atom.Title, atom.Textarea, atom.Plaintext:
		return true
	}
	return false
}

// voidElements never have an end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}
