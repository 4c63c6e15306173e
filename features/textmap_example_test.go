package features_test

import (
	"fmt"
	"strings"

	"github.com/newsqual/newsqual/features"
)

// NormalizeMapped finds where a piece of the normalised text came from:
// here an ad written in full-width letters with a zero-width space inside.
func ExampleNormalizeMapped() {
	article := "Festival news.\r\nEarn daily at ｆａｓｔ\u200bｃａｓｈ．ｂｉｚ now."
	text, m := features.NormalizeMapped(article)
	i := strings.Index(text, "fastcash.biz")
	from, to := m.Original(i, i+len("fastcash.biz"))
	fmt.Printf("%q at bytes %d to %d of the article: %q\n", text[i:i+len("fastcash.biz")], from, to, article[from:to])
	// Output:
	// "fastcash.biz" at bytes 30 to 69 of the article: "ｆａｓｔ\u200bｃａｓｈ．ｂｉｚ"
}
