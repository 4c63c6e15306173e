package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The budget of one HTML page. A page is first read token by token, which
// costs no more memory than the markup itself; only the part of it within
// the budget is then built as a tree, since the tree costs a few hundred
// bytes per node whatever the node holds: a 33 MB page of "<p>x" repeated
// is 16 million nodes and would take gigabytes. A page cut at the budget
// keeps the article found in the part before the cut, and says so.
const (
	// MaxHTMLNodes is the most nodes the HTML reader builds as a tree for
	// one page: elements (start tags, void ones such as <br> included),
	// their attributes, runs of text and comments. It is ten times what a
	// long news page holds; past it the page is cut before the node that
	// passes it.
	MaxHTMLNodes = 250_000
	// MaxHTMLText is the most bytes of text (runs of text between tags,
	// the content of scripts and styles included) the HTML reader builds
	// as a tree for one page; past it the page is cut before the run of
	// text that passes it. It is four times DefaultMaxBytes, the most
	// article text kept.
	MaxHTMLText = 4 * DefaultMaxBytes
)

// pageBudget is the budget of one page: nodes and bytes of text.
type pageBudget struct{ nodes, text int }

// defaultBudget is the budget of every page the reader reads.
var defaultBudget = pageBudget{nodes: MaxHTMLNodes, text: MaxHTMLText}

// checkEvery is how many tokens the budget scan reads between two looks
// at its context: a few hundred microseconds of work.
const checkEvery = 4096

// pageScan is what one token-by-token pass over a page's markup found.
type pageScan struct {
	// deeper says the page nests elements deeper than the depth limit.
	deeper bool
	// cut is the length of markup within the budget: len(raw) when the
	// whole page fits.
	cut int
	// nodes and text are the nodes and bytes of text within the cut.
	nodes, text int
	// over names the budget the page passed, "" when it fits.
	over string
	// openTag is the size of a tag left open by the end of the markup
	// (the markup was cut inside it), 0 when it ends outside a tag.
	openTag int
}

// scanPage reads the markup token by token and measures it against
// budget and the depth limit, stopping at the first node past the budget.
// It returns ctx's error when ctx is done before it finishes.
func scanPage(ctx context.Context, raw []byte, maxDepth int, budget pageBudget) (pageScan, error) {
	s := pageScan{cut: len(raw)}
	z := html.NewTokenizer(bytes.NewReader(raw))
	offset, depth := 0, 0
	for tokens := 1; ; tokens++ {
		if tokens%checkEvery == 0 && ctx.Err() != nil {
			return s, ctx.Err()
		}
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				return s, nil
			}
			// The tokenizer drops a tag that the end of the markup cuts
			// short; what it dropped is what is left after the last token.
			if rest := raw[offset:]; len(rest) > 0 && rest[0] == '<' {
				s.openTag = len(rest)
			}
			return s, nil
		}
		n := len(z.Raw())
		nodes, text := 0, 0
		switch tt {
		case html.TextToken:
			nodes, text = 1, n
		case html.StartTagToken, html.SelfClosingTagToken:
			nodes = 1
			name, more := z.TagName()
			for more {
				_, _, more = z.TagAttr()
				nodes++
			}
			if tt == html.StartTagToken {
				if !voidElements[atom.Lookup(name)] {
					depth++
					if depth > maxDepth {
						s.deeper = true
					}
				}
			}
		case html.EndTagToken:
			depth = max(0, depth-1)
		case html.CommentToken, html.DoctypeToken:
			nodes = 1
		}
		switch {
		case s.nodes+nodes > budget.nodes:
			s.over = fmt.Sprintf("%d nodes (elements, attributes, runs of text, comments)", budget.nodes)
		case s.text+text > budget.text:
			s.over = fmt.Sprintf("%d bytes of text", budget.text)
		}
		if s.over != "" {
			s.cut = offset
			return s, nil
		}
		s.nodes += nodes
		s.text += text
		offset += n
	}
}

// cutNote says where and why a page was cut at the budget, for
// Item.Warning.
func (s pageScan) cutNote() string {
	return fmt.Sprintf("page cut after %d of its bytes of HTML, at the reader's budget of %s: the rest of the page was not read", s.cut, s.over)
}

// openTagNote says that the markup ended inside a tag, which the reader
// cannot use, for Item.Warning; "" when it did not, or the tag is short.
// The markup ends so when it was cut at Options.MaxHTMLBytes inside a
// long attribute, and whatever followed the tag was never read.
func (s pageScan) openTagNote() string {
	if s.openTag < minOpenTagNote {
		return ""
	}
	return fmt.Sprintf("the markup ends inside a tag of %d bytes that is never closed (cut inside an attribute?), so that tag and anything after it were not read", s.openTag)
}

// minOpenTagNote is the size of an unclosed tag at the end of the markup
// worth a warning: a few bytes of tag cut off is ordinary truncation.
const minOpenTagNote = 64 << 10
