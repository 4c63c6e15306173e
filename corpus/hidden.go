package corpus

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHiddenBytes caps the hidden text kept of a page (Article.Hidden).
const maxHiddenBytes = 64 << 10

// hiddenText returns the text of the page's elements that readers never
// see: elements with the hidden attribute, aria-hidden, a display:none or
// visibility:hidden style or a class that style sheets conventionally
// hide (see hiddenClasses), and noscript. Each hidden element's text is a
// line of its own; scripts, styles and templates are code, not text, and
// are left out. At most maxHiddenBytes are kept.
func hiddenText(root *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && sb.Len() < maxHiddenBytes; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case holdsCode(c):
			case c.DataAtom == atom.Noscript:
				// With scripting on, the parser keeps noscript's markup as
				// text: its words are read tag by tag.
				for t := c.FirstChild; t != nil; t = t.NextSibling {
					if t.Type == html.TextNode {
						addHidden(&sb, tokenText([]byte(t.Data)))
					} else {
						addHidden(&sb, shownText(t))
					}
				}
			case hiddenElement(c):
				addHidden(&sb, shownText(c))
			default:
				walk(c)
			}
		}
	}
	walk(root)
	s := sb.String()
	if len(s) > maxHiddenBytes {
		s = strings.ToValidUTF8(s[:maxHiddenBytes], "")
	}
	return strings.TrimSpace(s)
}

// shownText returns the words of the text nodes under n, leaving out
// scripts, styles and templates, which hold code.
func shownText(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		case holdsCode(n):
			return
		}
		for c := n.FirstChild; c != nil && sb.Len() < maxHiddenBytes; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// holdsCode reports whether n is an element whose content is code, not
// text: a script, a style sheet or a template.
func holdsCode(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template:
		return true
	}
	return false
}

// addHidden adds the text of one hidden element as a line.
func addHidden(sb *strings.Builder, text string) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return
	}
	sb.WriteString(text)
	sb.WriteByte('\n')
}

// hiddenElement reports whether an element is kept out of sight by its
// attributes.
func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "" || strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			style := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
				return true
			}
		case "class":
			for name := range strings.FieldsSeq(a.Val) {
				if isHiddenClass(name) {
					return true
				}
			}
		}
	}
	return false
}
