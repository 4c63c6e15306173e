package corpus

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// After readability has found the article, cleanArticle takes out of it
// what readability keeps but a reader skips: lists of links, photo
// captions, and the comment section that may trail the story in its own
// container; dropRuleLines then takes the lines that are only rules out
// of its text. Like pruneDebris, each step goes by how pages are built
// (link density, the names of captions, the heading of a comment section),
// never by one site's markup.

// cleanArticle removes from the article readability found what is not
// the story: lists of links, photo captions and a trailing comment
// section.
func cleanArticle(root *html.Node) {
	pruneLinkLists(root)
	pruneCaptions(root)
	cutComments(root)
}

// pruneLinkLists removes from an extracted article the blocks that are
// lists of links rather than text: at least three links that carry most
// (60%) of the block's words, as in "related stories", "latest news" or
// "print this / e-mail this" boxes. A block holding half the article or
// more is kept, since then the article itself may be a list of links. It
// returns how many blocks it removed.
func pruneLinkLists(root *html.Node) int {
	half := textSize(root) / 2
	return removeElements(root, func(n *html.Node) bool {
		if !linkListBlock(n.DataAtom) {
			return false
		}
		size := textSize(n)
		links, linked := linkText(n)
		return links >= 3 && size > 0 && linked*10 >= size*6 && size <= half
	})
}

// linkListBlock reports whether an element is a block that can hold a
// list of links.
func linkListBlock(a atom.Atom) bool {
	switch a {
	case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Table, atom.Tbody, atom.Tr, atom.Td,
		atom.Section, atom.Aside, atom.Nav, atom.P, atom.Span, atom.Font, atom.Center:
		return true
	}
	return false
}

// linkText returns how many links with text there are under n and the
// bytes of text inside them, counted as textSize counts.
func linkText(n *html.Node) (links, size int) {
	for c := n.FirstChild; c != nil; {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if t := textSize(c); t > 0 {
				links++
				size += t
			}
			c = nextNode(n, c, false)
			continue
		}
		c = nextNode(n, c, true)
	}
	return links, size
}

// captionShare is the largest share of an article's text (one part in
// captionShare) that photo captions may take and still be removed: past
// it the captions are the story, as in a photo essay, and stay.
const captionShare = 3

// pruneCaptions removes photo captions and credits (<figcaption>, or a
// class or id naming a caption, a cutline or a photo credit) from an
// extracted article, unless together they make up more than a third of
// its text. It returns how many it removed.
func pruneCaptions(root *html.Node) int {
	var captions []*html.Node
	size := 0
	for n := root.FirstChild; n != nil; {
		if n.Type == html.ElementNode && isCaption(n) {
			captions = append(captions, n)
			size += textSize(n)
			n = nextNode(root, n, false)
			continue
		}
		n = nextNode(root, n, true)
	}
	if len(captions) == 0 || size*captionShare > textSize(root) {
		return 0
	}
	for _, n := range captions {
		n.Parent.RemoveChild(n)
	}
	return len(captions)
}

// isCaption reports whether an element is a photo caption or credit.
// A credit alone ("credit vcard") is often the byline, so only a credit
// named for a photo counts.
func isCaption(n *html.Node) bool {
	if n.DataAtom == atom.Figcaption {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for name := range strings.FieldsSeq(a.Val) {
			k := classifyName(name)
			if k&kindCaption != 0 || k&kindPhoto != 0 && k&kindCredit != 0 {
				return true
			}
		}
	}
	return false
}

// minTextBeforeComments is how much text (bytes, white space left out)
// must come before a comments heading for cutComments to take it as the
// end of the article: with less, the heading may be a link to the
// comments beside the byline.
const minTextBeforeComments = 500

// maxCommentHeading is the longest text, in bytes, taken for a comments
// heading.
const maxCommentHeading = 80

// commentHeading matches the text of a heading that opens a comment
// section: "Comments", "12 comments", "Reader comments (3)", "5 responses
// to ...", "Post a comment", "Comments are now closed for this story",
// "Have your say".
var commentHeading = regexp.MustCompile(`^(?:(?:\d+\s+)?(?:(?:readers?'?|users?'?|your|recent|latest|top)\s+)?comments?(?:\s*\(\d+\))?(?:\s+so far)?` +
	`|\d+\s+(?:responses?|replies|reactions)\b.*` +
	`|(?:post|leave|add|write|submit|make|read|view|show|see)\s+(?:a|your|all|the)?\s*(?:\d+\s+)?comments?\b.*` +
	`|comments?\s+(?:are\s+)?(?:now\s+)?closed\b.*` +
	`|have\s+your\s+say|join\s+the\s+(?:discussion|conversation))$`)

// cutComments removes the comment section that ends an extracted article:
// everything from the first comments heading or comments anchor on, when
// at least minTextBeforeComments of text comes before it. Readers'
// comments on older pages are often not in a box of their own but follow
// the story in its container. It reports whether it cut.
func cutComments(root *html.Node) bool {
	before := 0
	for n := root.FirstChild; n != nil; {
		switch n.Type {
		case html.TextNode:
			before += nonSpace(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				n = nextNode(root, n, false)
				continue
			}
			if before >= minTextBeforeComments && commentStart(n) {
				cutFrom(root, n)
				return true
			}
		}
		n = nextNode(root, n, true)
	}
	return false
}

// commentStart reports whether an element opens a comment section: its
// class, id or anchor name holds a comment word, or its whole text is a
// comments heading.
func commentStart(n *html.Node) bool {
	if kind, _ := attrKinds(n, true); kind&kindComment != 0 {
		return true
	}
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Tr, atom.Li, atom.Option, atom.Label, atom.Button:
		return false // a table cell or list item saying "Comments" is part of something else
	}
	if size := textSize(n); size == 0 || size > maxCommentHeading {
		return false
	}
	text := strings.ToLower(strings.TrimFunc(elementText(n), func(r rune) bool { return !isWordRune(r) && r != ')' }))
	return commentHeading.MatchString(text)
}

// cutFrom removes start and everything after it in document order under
// root.
func cutFrom(root, start *html.Node) {
	for n := start; n != root && n.Parent != nil; n = n.Parent {
		for n.NextSibling != nil {
			n.Parent.RemoveChild(n.NextSibling)
		}
	}
	start.Parent.RemoveChild(start)
}

// dropRuleLines removes the lines that hold no letter or digit: rules
// drawn with dashes or stars, lone separators ("|", "*"). They stand for
// lines and gaps on the page, not for text. A blank line left beside
// another blank line by a removal goes too.
func dropRuleLines(text string) string {
	var sb strings.Builder
	dropped := false
	blank := true // the last line kept was blank, or none was kept
	offset := 0   // where the current line starts in text
	for line := range strings.Lines(text) {
		start := offset
		offset += len(line)
		empty := strings.TrimSpace(line) == ""
		switch {
		case !empty && !strings.ContainsFunc(line, isWordRune):
			if !dropped {
				sb.Grow(len(text))
				sb.WriteString(text[:start])
				dropped = true
			}
			continue
		case !dropped:
			blank = empty
			continue
		case empty && blank:
			continue
		}
		sb.WriteString(line)
		blank = empty
	}
	if !dropped {
		return text
	}
	return strings.TrimRight(sb.String(), "\n")
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
