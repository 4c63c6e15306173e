package newsqual_test

import (
	"context"
	"fmt"

	"github.com/newsqual/newsqual"
)

// An ingest pipeline scores each article as it arrives and drops spam.
func ExampleScorer_Score() {
	scorer := newsqual.Default()
	article := newsqual.Article{
		ID:    "shop-1",
		Title: "Summer sale",
		Text: "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" +
			"Quantity\n$20.00\n$17.00\nAdd to cart\n",
	}
	res := scorer.Score(article)
	fmt.Println(res.ID, res.Verdict)
	// Output: shop-1 spam
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
