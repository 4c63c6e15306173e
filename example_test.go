package newsqual_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// An ingest pipeline scores each article as it arrives and drops spam.
func ExampleScorer_Score() {
	scorer := newsqual.Default()
	article := newsqual.Article{
		ID:    "shop-1",
		Title: "Summer sale",
		Text: "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
			"Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\n" +
			"Product 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " +
			"aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50\n",
	}
	res := scorer.Score(article)
	fmt.Println(res.ID, res.Verdict)
	// Output: shop-1 spam
}

// An article shorter than MinWords words gets no score: Quality and
// SpamProbability are nil, and the one reason says why.
func ExampleResult_Judged() {
	scorer := newsqual.Default()
	res := scorer.Score(newsqual.Article{ID: "brief-1", Text: "Police closed the A38 for five hours on Sunday after a lorry shed its load."})
	if !res.Judged() {
		fmt.Println(res.ID, res.Verdict+":", res.Reasons[0].Message)
		return
	}
	fmt.Println(res.ID, res.Verdict, *res.Quality)
	// Output: brief-1 too_short: the article has 15 words, fewer than the 50 needed for a score
}

// ScoreAll scores a stream on every core and keeps the input order.
func ExampleScorer_ScoreAll() {
	scorer := newsqual.Default()
	in := make(chan newsqual.Article)
	go func() {
		defer close(in)
		for _, id := range []string{"a", "b", "c"} {
			in <- newsqual.Article{ID: id, Text: "The council said on Tuesday it would close the bridge for repairs."}
		}
	}()
	for res := range scorer.ScoreAll(context.Background(), in, 0) {
		fmt.Println(res.ID)
	}
	// Output:
	// a
	// b
	// c
}

// A pipeline records which model judged a batch by its hash, the name
// newsqual version and /v1/model give it.
func ExampleModelSHA256() {
	sha, err := newsqual.ModelSHA256(newsqual.Default().Model())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sha), "hex digits")
	// Output: 64 hex digits
}

// A curation team that drops more than the model would sets its own
// cut-offs, as quality numbers: spam at quality 40 or below, suspect at 70
// or below. The shared Default scorer keeps the model's thresholds.
func ExampleWithThresholds() {
	t, err := newsqual.QualityThresholds(40, 70)
	if err != nil {
		panic(err)
	}
	strict, err := newsqual.Default().With(newsqual.WithThresholds(t))
	if err != nil {
		panic(err)
	}
	fmt.Println("spam from p >=", strict.Thresholds().Spam, "suspect from p >=", strict.Thresholds().Suspect)
	fmt.Println("built-in cut-offs:", newsqual.QualityCutoff(newsqual.Default().Thresholds().Spam), newsqual.QualityCutoff(newsqual.Default().Thresholds().Suspect))
	// Output:
	// spam from p >= 0.6 suspect from p >= 0.3
	// built-in cut-offs: 23.4989 58.837
}

// A service with a tight time budget reads only the start of long pages
// and keeps the two strongest reasons. It derives a scorer of its own
// from Default: the model is shared, and every other user of Default
// still gets the default settings.
func ExampleScorer_With() {
	quick, err := newsqual.Default().With(newsqual.WithMaxWords(30), newsqual.WithMaxReasons(2))
	if err != nil {
		panic(err)
	}
	article := newsqual.Article{
		ID: "shop-1",
		Text: "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
			"Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\n" +
			"Product 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " +
			"aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50\n",
	}
	res := quick.Score(article)
	fmt.Println("verdict:", res.Verdict, "truncated:", res.Truncated)
	for _, r := range res.Reasons {
		fmt.Println("reason:", r.Signal)
	}
	fmt.Println("Default still reads", newsqual.Default().MaxWords(), "words and gives", newsqual.Default().MaxReasons(), "reasons")
	// Output:
	// verdict: spam truncated: true
	// reason: stopword_ratio
	// reason: terminal_punct_share
	// reason: truncated
	// Default still reads 200000 words and gives 10 reasons
}

// New takes the same options as Scorer.With, for a model of your own; an
// invalid option is an error, and no Scorer is made.
func ExampleNew() {
	m := newsqual.Default().Model() // or one from model.Read
	_, err := newsqual.New(m, newsqual.WithThresholds(model.Thresholds{Suspect: 0.8, Spam: 0.5}))
	fmt.Println(err)
	// Output: newsqual: thresholds suspect=0.8 spam=0.5: want 0 < suspect <= spam < 1
}

// Every piece of evidence says where it stands in the text given to
// Score: its spans are byte offsets into Article.Text, even when the
// text hides its words behind look-alike letters and zero-width spaces.
func ExampleEvidence_spans() {
	text := "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
		"Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\nAdd to c\u0430rt\n" +
		"Product 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " +
		"aliquip ex ea commodo consequat.\nQuantity\n$35.00\nAdd to\u200b cart\n"
	res := newsqual.Default().Score(newsqual.Article{ID: "shop-2", Text: text})
	for _, r := range res.Reasons {
		if r.Signal != "shop_template" {
			continue
		}
		for _, ev := range r.Evidence {
			if !strings.HasPrefix(ev.Text, "Add to") && !strings.HasPrefix(ev.Text, "$") {
				continue
			}
			for _, sp := range ev.Spans {
				fmt.Printf("%q at %d: %q\n", ev.Text, sp.Start, text[sp.Start:sp.End])
			}
		}
	}
	// Output:
	// "$20.00" at 170: "$20.00"
	// "Add to cаrt" at 177: "Add to cаrt"
	// "$35.00" at 336: "$35.00"
	// "Add to cart" at 343: "Add to\u200b cart"
}
