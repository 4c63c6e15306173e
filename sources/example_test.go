package sources_test

import (
	"encoding/json"
	"fmt"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/sources"
)

// Rate the sites of a stream of articles: score each one, add it under
// its source's key, and list the sources worst first.
func ExampleSources() {
	scorer := newsqual.Default()
	shop := "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
		"Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\n" +
		"Product 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " +
		"aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50\n"
	var articles []corpus.Article
	for i := range 6 {
		articles = append(articles, corpus.Article{
			ID:   fmt.Sprintf("shop-%d", i),
			URL:  fmt.Sprintf("https://www.dealsdaily.example/item/%d", i),
			Text: shop,
		})
	}
	// One more page of the same kind, on a site with no other articles.
	articles = append(articles, corpus.Article{ID: "lone", URL: "https://m.lonepage.example/p", Text: shop})

	var all sources.Sources
	for _, a := range articles {
		all.Add(sources.Key(a, "", ""), a, scorer.Score(a))
	}
	for _, r := range all.Reports(sources.DefaultOptions()) {
		fmt.Printf("%s %d articles, rating %4.1f [%4.1f, %4.1f] %s\n",
			r.Source, r.Articles, r.Rating, r.RatingLow, r.RatingHigh, r.Verdict)
	}
	// Output:
	// dealsdaily.example 6 articles, rating 12.5 [ 0.7, 34.8] spam
	// lonepage.example 1 articles, rating 33.3 [ 2.5, 77.6] uncertain
}

// Accumulators of the same source built apart, e.g. on different workers,
// merge into the one the whole stream would give, in any order.
func ExampleAccumulator_Merge() {
	spam := newsqual.Result{Verdict: newsqual.VerdictSpam, Quality: new(4), SpamProbability: new(0.96), Reasons: []newsqual.Reason{
		{Signal: "ad_injection", Weight: 6.2, Evidence: []newsqual.Evidence{{Text: "Payday cash today", Count: 2}}},
	}}
	clean := newsqual.Result{Verdict: newsqual.VerdictClean, Quality: new(97), SpamProbability: new(0.03)}

	var left, right sources.Accumulator
	left.Add(corpus.Article{ID: "a"}, spam)
	left.Add(corpus.Article{ID: "b"}, clean)
	right.Add(corpus.Article{ID: "c"}, spam)

	// An accumulator travels as JSON.
	b, _ := json.Marshal(&right)
	var received sources.Accumulator
	_ = json.Unmarshal(b, &received)

	left.Merge(&received)
	r := left.Report("farm.example", sources.DefaultOptions())
	fmt.Printf("%s: %d articles, median quality %v, rating %.1f, %s\n", r.Source, r.Articles, r.MedianQuality, r.Rating, r.Verdict)
	top := r.Signals[0]
	fmt.Printf("%s in %d of %d flagged articles, e.g. %q\n", top.Signal, top.Articles, r.Spam+r.Suspect, top.Examples[0].Evidence)
	// Output:
	// farm.example: 3 articles, median quality 4, rating 40.0, uncertain
	// ad_injection in 2 of 2 flagged articles, e.g. "Payday cash today"
}

// Key folds the subdomains of a site together, and falls back to the
// article's source field, then to its folder.
func ExampleKey() {
	fmt.Println(sources.Key(corpus.Article{URL: "https://m.news.example.co.uk:8443/a"}, "", ""))
	fmt.Println(sources.Key(corpus.Article{Source: "Wire Service"}, "", ""))
	fmt.Println(sources.Key(corpus.Article{}, "crawl", "crawl/site-a/2024/story.html"))
	fmt.Println(sources.Key(corpus.Article{}, "-", "-"))
	// Output:
	// example.co.uk
	// Wire Service
	// site-a
	// -
}
