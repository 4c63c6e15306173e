// Package htmlcheck helps the tests of the pages that show article text:
// pieces of text that try to break out of a page, and what a parsed page
// holds.
package htmlcheck

import (
	"strings"

	"golang.org/x/net/html"
)

// Pieces try to end the element they are in, open elements of their own,
// add attributes, or carry bytes an HTML page cannot hold as they are.
var Pieces = []string{
	`<script>alert(1)</script>`,
	`</textarea><script>alert(2)</script>`,
	`" onmouseover="alert(3)" x="`,
	`' autofocus onfocus='alert(4)`,
	`</mark></div></article><h1 id="pwned">pwned</h1>`,
	`<img src=x onerror=alert(5)>`,
	`<!-- <style>body{display:none}</style> -->`,
	`]]><svg onload=alert(6)>`,
	`<a href="javascript:alert(7)">Buy Now</a>`,
	"\x00 NUL and \xff\xfe bad bytes",
	"&lt;script&gt; already escaped &amp;amp;",
}

// ReadBack is s as an HTML parser reads it back from a text node of a
// well-made page: line ends as "\n", NUL and invalid UTF-8 as U+FFFD.
func ReadBack(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD").Replace(s)
}

// TextOf is the text of a node and its descendants.
func TextOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// Attr is the value of a node's attribute key, "" when it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
