package newsqual

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// benchmarkPages wraps corpus articles in the markup of a typical news
// page: scripts and styles in the head, a navigation bar, share buttons,
// a related-articles list and a footer, about 30 KB of markup around the
// text, as web crawls deliver them.
func benchmarkPages(b *testing.B, n int) (pages []string, size int) {
	b.Helper()
	var nav strings.Builder
	for i := range 40 {
		fmt.Fprintf(&nav, `<li class="nav-item"><a href="/section/%d" class="nav-link">Section %d</a></li>`+"\n", i, i)
	}
	script := `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}` +
		strings.Repeat(`var cfg={"slot":"/1234/news/article","sizes":[[300,250],[728,90]],"targeting":{"section":"news"}};`, 60) +
		"</script>\n"
	style := "<style>" + strings.Repeat(".article-body p{margin:0 0 1em;line-height:1.6}.nav-link{color:#222}\n", 80) + "</style>\n"
	for _, r := range shareddata.Records(b, "bbc-news.jsonl", n, nil) {
		var body strings.Builder
		for _, p := range strings.Split(r.Text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				body.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
			}
		}
		var related strings.Builder
		for i := range 12 {
			fmt.Fprintf(&related, `<li><a href="/news/%d"><img src="/img/%d.jpg" alt=""><span>Related story number %d</span></a></li>`+"\n", i, i, i)
		}
		page := "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html.EscapeString(r.Title) + "</title>\n" +
			style + script + "</head><body>\n<header><nav><ul>" + nav.String() + "</ul></nav></header>\n" +
			`<main><article><h1>` + html.EscapeString(r.Title) + `</h1><div class="byline">By Staff Reporter</div>` +
			`<div class="share"><a href="#">Share</a><a href="#">Tweet</a><a href="#">Email</a></div>` + "\n" +
			`<div class="article-body">` + body.String() + "</div></article>\n" +
			`<aside><h2>Related</h2><ul>` + related.String() + "</ul></aside></main>\n" +
			`<footer><p>Copyright. All rights reserved.</p>` + nav.String() + "</footer>" + script + "</body></html>\n"
		pages = append(pages, page)
		size += len(page)
	}
	return pages, size
}

// BenchmarkReadHTMLPage measures reading typical news pages: parsing the
// markup and extracting the article with readability, on one goroutine.
func BenchmarkReadHTMLPage(b *testing.B) {
	pages, size := benchmarkPages(b, 100)
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		readPage(b, pages[i%len(pages)])
		i++
	}
}

// BenchmarkScoreHTMLPage measures the whole path from a page's markup to
// its score, on one goroutine: what a crawl scorer pays per page.
func BenchmarkScoreHTMLPage(b *testing.B) {
	pages, size := benchmarkPages(b, 100)
	s := Default()
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Score(readPage(b, pages[i%len(pages)]))
		i++
	}
}

func readPage(b *testing.B, page string) Article {
	var a Article
	err := corpus.Walk([]string{"-"}, corpus.Options{Stdin: strings.NewReader(page), Format: corpus.FormatHTML}, func(it corpus.Item) error {
		if !it.OK() {
			return fmt.Errorf("page not read: %v %s", it.Err, it.Skipped)
		}
		a = it.Article
		return nil
	})
	if err != nil || a.Text == "" {
		b.Fatalf("page not read: %v", err)
	}
	return a
}
