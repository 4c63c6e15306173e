package eval

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/model"
)

func TestEvidenceLinesQuoteTheLinesThatFired(t *testing.T) {
	a := corpus.Article{Text: "First line, harmless.\nSecond line.\nBuy now <script>alert(1)</script> and SAVE 50%\n\nLast line says buy now again."}
	reasons := []newsqual.Reason{
		{Signal: "ad_phrases", Evidence: []newsqual.Evidence{{Text: "buy now", Count: 2, Line: 3}, {Text: "save 50%", Count: 1}}},
		{Signal: "hostile", Evidence: []newsqual.Evidence{{Text: "<script>alert(1)</script>", Count: 1, Line: 99}}},
		{Signal: "title_only", Evidence: []newsqual.Evidence{{Text: "not in the text", Count: 1}}},
	}
	lines := evidenceLines(a, reasons)
	if len(lines) != 1 || lines[0].Line != 3 {
		t.Fatalf("lines %+v, want line 3 alone", lines)
	}
	l := lines[0]
	if strings.Join(l.Signals, ",") != "ad_phrases,hostile" {
		t.Errorf("signals %v", l.Signals)
	}
	var hits, all []string
	for _, p := range l.Parts {
		all = append(all, p.Text)
		if p.Hit {
			hits = append(hits, p.Text)
		}
	}
	if strings.Join(all, "") != "Buy now <script>alert(1)</script> and SAVE 50%" {
		t.Errorf("parts %q do not make the line", all)
	}
	if strings.Join(hits, "|") != "Buy now|<script>alert(1)</script>|SAVE 50%" {
		t.Errorf("hits %q", hits)
	}

	long := strings.Repeat("filler words here ", 60) + "STUFFED KEYWORD" + strings.Repeat(" more filler", 60)
	parts := highlight(long, []string{"stuffed keyword"})
	text := ""
	for _, p := range parts {
		text += p.Text
	}
	if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") || !strings.Contains(text, "STUFFED KEYWORD") || len(text) > 3*maxLineRunes {
		t.Errorf("long line cut to %d bytes: %q", len(text), text)
	}
}

// hostileArticle is spam whose fired lines carry markup.
var hostileArticle = corpus.Article{ID: "evil-<img src=x onerror=alert(1)>", Label: "spam", Text: "Buy Now <script>alert(\"owned\")</script>\n" +
	"Product 1 Title\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\n" +
	"Quantity\n$20.00\nAdd to cart <img src=x onerror=alert(2)>\nProduct 2 Title\nUt enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.\n$35.00\n" +
	"Buy Now <script>alert(\"owned\")</script>\nFree shipping on orders over $50\nRelated products"}

func TestWorstErrorsShowEvidenceAndStayInert(t *testing.T) {
	c := errorCase(newsqual.Default(), Example{ID: hostileArticle.ID, Spam: true, Probability: 0.1, Verdict: model.Clean}, hostileArticle, false)
	if len(c.Lines) == 0 {
		t.Fatalf("no evidence lines for %+v", c)
	}
	if c.Excerpt != "" {
		t.Errorf("excerpt %q beside evidence lines", c.Excerpt)
	}
	r := &Report{Overall: renderMeasure(nil, 0.5, 0.8), FalsePositives: []ErrorCase{c}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var marks []string
	var evidenceText strings.Builder
	var walk func(n *html.Node, inEvidence bool)
	walk = func(n *html.Node, inEvidence bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed":
				t.Errorf("page has a <%s> element", n.Data)
			case "img":
				t.Errorf("page has an <img> element: %v", n.Attr)
			case "mark":
				var s strings.Builder
				for k := n.FirstChild; k != nil; k = k.NextSibling {
					if k.Type == html.TextNode {
						s.WriteString(k.Data)
					}
				}
				marks = append(marks, s.String())
			}
			for _, at := range n.Attr {
				if strings.HasPrefix(at.Key, "on") {
					t.Errorf("<%s> has the handler %s", n.Data, at.Key)
				}
				if at.Key == "class" && at.Val == "evidence" {
					inEvidence = true
				}
			}
		}
		if n.Type == html.TextNode && inEvidence {
			evidenceText.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, inEvidence)
		}
	}
	walk(doc, false)
	if len(marks) == 0 {
		t.Fatal("no marked evidence in the page")
	}
	// The markup of the article is text on the page, in the quoted lines.
	if !strings.Contains(evidenceText.String(), `Add to cart <img src=x onerror=alert(2)>`) {
		t.Errorf("the quoted lines lack the article's text as text:\n%s", evidenceText.String())
	}
	for _, l := range c.Lines {
		if len(l.Signals) == 0 || len(l.Parts) == 0 {
			t.Errorf("evidence line %+v names no signal or has no text", l)
		}
	}
}

func TestWorstErrorsFromEvaluateModel(t *testing.T) {
	clean := corpus.Article{ID: "c1", Label: "clean", Text: "The council said on Tuesday it would close the Mill Lane bridge for repairs costing £2m, officials told reporters. \"It is overdue,\" said engineer Ann Lee, who led the survey. The bridge carries about 9,000 vehicles a day."}
	r, err := EvaluateModel(context.Background(), newsqual.Default(), "m", []corpus.Article{clean, hostileArticle}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(r.FalsePositives, r.FalseNegatives...) {
		if len(c.Lines) == 0 && c.Excerpt == "" {
			t.Errorf("error %s shows neither lines nor excerpt", c.ID)
		}
	}
}

func TestMissedSpamQuotesTheLinesThatFiredTheOtherWay(t *testing.T) {
	// Judged as clean: the reasons toward clean quote nothing, so the
	// lines are those of the reasons toward spam.
	a := corpus.Article{ID: "s2", Label: "spam", Text: "In a pivotal development that underscores the complex web of challenges, leaders are navigating a landscape of fostering dialogue. This milestone highlights the importance of collaboration and a commitment to a brighter future.\n\nMoreover, stakeholders continue to emphasize the need for resilience in an ever-evolving world. In conclusion, the path forward remains a testament to the power of unity and the enduring spirit of innovation."}
	c := errorCase(newsqual.Default(), Example{ID: a.ID, Spam: true, Probability: 0.1, Verdict: model.Clean}, a, true)
	if len(c.Lines) == 0 || !c.LinesFiredOtherWay || c.Excerpt != "" {
		t.Fatalf("lines %+v, other way %v, excerpt %q", c.Lines, c.LinesFiredOtherWay, c.Excerpt)
	}
	r := &Report{Overall: renderMeasure(nil, 0.5, 0.8), FalseNegatives: []ErrorCase{c}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "the lines that fired the other way") || !strings.Contains(buf.String(), "<mark>") {
		t.Error("page does not mark the lines that fired the other way")
	}
}
