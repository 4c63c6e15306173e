package corpus

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// closeRunaway repairs a page in which an element read as raw text (title,
// textarea, script, style and the like) is never closed, so that the HTML
// parser, as the standard says, reads the whole rest of the page as that
// element's text: a lost "</title>" leaves a page whose article is the
// title and whose body is empty. Scraped pages with a few bytes missing
// show this often. doc is the page as parsed; only when the last text of
// the tree sits in such an element and holds markup is the page scanned
// again, and the element closed just before the first tag in its text. It
// returns the repaired markup and true, or raw and false when there is
// nothing to repair.
func closeRunaway(raw []byte, doc *html.Node) ([]byte, bool) {
	last := lastText(doc)
	if last == nil || last.Parent == nil || last.Parent.Type != html.ElementNode ||
		!isRawText(last.Parent.DataAtom) || tagStart(last.Data) < 0 {
		return raw, false
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	offset, open := 0, -1 // open: where the content of the last raw-text element starts
	var name []byte
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) || open < 0 {
				return raw, false
			}
			break
		}
		n := len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			// The tokenizer reads raw text even after "<title/>".
			tag, _ := z.TagName()
			if a := atom.Lookup(tag); isRawText(a) && a != atom.Plaintext {
				open, name = offset+n, append(name[:0], tag...)
			} else {
				open = -1
			}
		case html.TextToken:
			// The text of a raw-text element, or text after it.
		default:
			open = -1
		}
		offset += n
	}
	cut := tagStart(string(raw[open:]))
	if cut < 0 {
		return raw, false
	}
	at := open + cut
	fixed := make([]byte, 0, len(raw)+len(name)+3)
	fixed = append(fixed, raw[:at]...)
	fixed = append(fixed, "</"...)
	fixed = append(fixed, name...)
	fixed = append(fixed, '>')
	return append(fixed, raw[at:]...), true
}

// lastText returns the last text node under root in document order that
// holds more than white space, or nil. It walks backwards from the end, so
// it visits only what follows that node.
func lastText(root *html.Node) *html.Node {
	n := lastDescendant(root)
	for n != nil && n != root {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			return n
		}
		if n.PrevSibling != nil {
			n = lastDescendant(n.PrevSibling)
		} else {
			n = n.Parent
		}
	}
	return nil
}

// lastDescendant returns the deepest last child of n, or n itself.
func lastDescendant(n *html.Node) *html.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// tagStart returns the index of the first thing in s that reads as
// markup: a start tag ("<p", "<div"), an end tag ("</head") or a comment
// or declaration ("<!"); -1 when there is none.
func tagStart(s string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 < len(s) {
			c := s[i+1]
			if isASCIILetter(c) || c == '!' || (c == '/' && i+2 < len(s) && isASCIILetter(s[i+2])) {
				return i
			}
		}
		i++
	}
}
