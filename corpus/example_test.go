package corpus_test

import (
	"fmt"
	"strings"

	"github.com/newsqual/newsqual/corpus"
)

// Walk streams one item per input: an article, a skip with its reason, or an
// error naming the file and line. One bad input never stops the run.
func ExampleWalk() {
	paths := []string{"../testdata/articles", "../testdata/jsonl/articles.jsonl"}
	err := corpus.Walk(paths, corpus.Options{}, func(it corpus.Item) error {
		switch {
		case it.Err != nil:
			fmt.Println("error:", it.Err)
		case it.Skipped != "":
			fmt.Printf("skip:  %s (%s)\n", it.Where(), it.Skipped)
		default:
			words := len(strings.Fields(it.Article.Text))
			fmt.Printf("read:  %s, %d words\n", it.Article.ID, words)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// read:  ../testdata/articles/harbour-repairs.txt, 210 words
	// read:  ../testdata/articles/library-reopens.html, 173 words
	// read:  ../testdata/articles/miracle-supplement.md, 139 words
	// read:  ../testdata/articles/nested/market-notice.htm, 28 words
	// skip:  ../testdata/articles/photo-credits.csv (unsupported extension ".csv")
	// read:  a-1, 20 words
	// read:  17, 13 words
	// read:  ../testdata/jsonl/articles.jsonl:3, 13 words
	// skip:  ../testdata/jsonl/articles.jsonl:4 (blank line)
	// error: corpus: ../testdata/jsonl/articles.jsonl:5: invalid JSON: unexpected end of JSON input
	// error: corpus: ../testdata/jsonl/articles.jsonl:6: invalid JSON: want an object, got array
	// read:  html-1, 20 words
	// error: corpus: ../testdata/jsonl/articles.jsonl:8: no text: no "text" or "html" field with content
	// read:  crlf, 8 words
}

// Items is the same stream as an iterator; leaving the loop stops reading.
func ExampleItems() {
	for it := range corpus.Items([]string{"../testdata/labelled/spam/generated.jsonl"}, corpus.Options{}) {
		if it.OK() {
			fmt.Println(it.Where(), it.Article.ID, it.Article.Kind)
		}
	}
	// Output:
	// ../testdata/labelled/spam/generated.jsonl:1 gen-1 llm-news
	// ../testdata/labelled/spam/generated.jsonl:2 gen-2 llm-news
}

// Labelled loads training data: labels come from JSONL "label" fields or
// from clean/ and spam/ folders.
func ExampleLabelled() {
	articles, problems := corpus.Labelled([]string{"../testdata/labelled"}, corpus.Options{})
	counts := map[string]int{}
	for _, a := range articles {
		counts[a.Label]++
	}
	fmt.Println("clean:", counts[corpus.LabelClean], "spam:", counts[corpus.LabelSpam], "problems:", len(problems))
	// Output:
	// clean: 2 spam: 4 problems: 0
}

// DecodeHTML reads a page the caller already holds, as Walk reads an
// .html file; the article's Text is what a scorer's evidence spans point
// into.
func ExampleDecodeHTML() {
	page := `<html><head><title>Harbour wall repaired</title></head><body>
<nav><a href="/">Home</a> › <a href="/news">News</a></nav>
<article><h1>Harbour wall repaired</h1>
<p>The council said on Tuesday that the harbour wall was repaired.</p></article>
</body></html>`
	it := corpus.DecodeHTML([]byte(page), "pages/harbour.html", "https://example.org/harbour", corpus.Options{})
	if it.Err != nil {
		fmt.Println(it.Err)
		return
	}
	fmt.Printf("%s\n%s\n%q\n", it.Article.ID, it.Article.URL, it.Article.Text)
	// Output:
	// pages/harbour.html
	// https://example.org/harbour
	// "The council said on Tuesday that the harbour wall was repaired."
}
