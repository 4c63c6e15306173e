package peers

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/metrics"
)

// toyDocuments returns n spammy and n clean short texts made from
// templates, interleaved (spam at even indices), with the fold of each in
// k folds.
func toyDocuments(n, k int) ([]Document, []int) {
	products := []string{"pills", "watches", "loans", "casino bonus", "crypto coins", "diet tea", "phone cases"}
	pushes := []string{"Buy now", "Click here", "Order today", "Limited time offer", "Act fast", "Free shipping"}
	deals := []string{"best price guaranteed", "huge discount", "cheap deal", "100% free trial", "lowest price online"}
	bodies := []string{"the ministry", "the central bank", "the city council", "the court", "the university", "the health agency", "the union"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	topics := []string{"the budget", "interest rates", "the new rail line", "the appeal", "research funding", "hospital waiting lists", "the wage talks"}
	verbs := []string{"rise", "be reviewed", "go ahead", "be delayed", "fall", "be debated"}

	var docs []Document
	var fold []int
	for i := 0; i < n; i++ {
		p := products[i%len(products)]
		spam := fmt.Sprintf("%s! %s on %s, %s. %s for %s and get a %s. Visit our shop, add to cart.",
			pushes[i%len(pushes)], deals[i%len(deals)], p, pushes[(i+2)%len(pushes)],
			pushes[(i+3)%len(pushes)], p, deals[(i+1)%len(deals)])
		clean := fmt.Sprintf("Officials at %s said on %s that %s would %s, according to a statement. "+
			"A spokesperson told reporters the decision followed months of consultation with %s.",
			bodies[i%len(bodies)], days[i%len(days)], topics[i%len(topics)], verbs[i%len(verbs)],
			bodies[(i+3)%len(bodies)])
		docs = append(docs, Document{Text: spam, Spam: true}, Document{Text: clean})
		fold = append(fold, i%k, (i+1)%k)
	}
	return docs, fold
}

// labels returns the labels of the documents.
func labels(docs []Document) []bool {
	y := make([]bool, len(docs))
	for i, d := range docs {
		y[i] = d.Spam
	}
	return y
}

// permuted returns the documents and folds in a fixed shuffled order, and
// for each new position the index it came from.
func permuted(docs []Document, fold []int) ([]Document, []int, []int) {
	n := len(docs)
	from := make([]int, n)
	for i := range from {
		// 7 is prime to any toy size used here, so this is a permutation.
		from[i] = (i*7 + 3) % n
	}
	pd := make([]Document, n)
	pf := make([]int, n)
	for i, j := range from {
		pd[i], pf[i] = docs[j], fold[j]
	}
	return pd, pf, from
}

// checkResult checks the shape of a peer's result and that it separates
// the toy classes.
func checkResult(t *testing.T, r Result, docs []Document) {
	t.Helper()
	if len(r.Scores) != len(docs) {
		t.Fatalf("%d scores for %d documents", len(r.Scores), len(docs))
	}
	for i, s := range r.Scores {
		if math.IsNaN(s) || s < 0 || s > 1 {
			t.Errorf("document %d: score %v outside [0, 1]", i, s)
		}
	}
	if auc := metrics.AUROC(r.Scores, labels(docs)); !(auc > 0.8) {
		t.Errorf("AUROC %.3f on easy toy data, want > 0.8; scores %v", auc, r.Scores)
	}
	if r.Name == "" || r.Version == "" || r.Note == "" {
		t.Errorf("name %q, version %q, note %q: all should be set", r.Name, r.Version, r.Note)
	}
	if !(r.ArticlesPerSecond > 0) || !(r.MBPerSecond > 0) {
		t.Errorf("throughput %.1f articles/s, %.3f MB/s: want both > 0", r.ArticlesPerSecond, r.MBPerSecond)
	}
}

// checkAligned checks that the scores of a permuted run are those of the
// original run, permuted: each score belongs to its document.
func checkAligned(t *testing.T, orig, perm []float64, from []int) {
	t.Helper()
	for i, j := range from {
		if perm[i] != orig[j] {
			t.Fatalf("document %d scored %v in original order but %v when it came at position %d", j, orig[j], perm[i], i)
		}
	}
}

func TestCheckFolds(t *testing.T) {
	docs, fold := toyDocuments(5, 2)
	oneClass := make([]int, len(docs))
	for i, d := range docs {
		// Every spam document in fold 0: fold 1's training part has no spam.
		if !d.Spam {
			oneClass[i] = 1
		}
	}
	tests := []struct {
		name string
		fold []int
		k    int
		want string
	}{
		{"valid", fold, 2, ""},
		{"too few folds", fold, 1, "need at least 2"},
		{"fold count", fold[1:], 2, "fold numbers for"},
		{"fold out of range", with(fold, 3, 2), 2, "document 3: fold 2 outside [0, 2)"},
		{"negative fold", with(fold, 0, -1), 2, "document 0: fold -1 outside [0, 2)"},
		{"one class in training", oneClass, 2, "need both classes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkFolds(docs, tt.fold, tt.k)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// with returns a copy of fold with fold[i] set to v.
func with(fold []int, i, v int) []int {
	out := append([]int(nil), fold...)
	out[i] = v
	return out
}

func TestEachWord(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Hello, WORLD!", []string{"hello", "world"}},
		{"Ünïcode ÉTÉ 2024x", []string{"ünïcode", "été", "2024x"}},
		{"don't-stop\n\tnow", []string{"don", "t", "stop", "now"}},
		{"  ... !!", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		eachWord(tt.text, nil, func(w []byte) { got = append(got, string(w)) })
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("eachWord(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestVocabularyCountsTrainingDocumentsOnly(t *testing.T) {
	bag := newBagOfWords([]string{
		"alpha beta beta gamma",
		"beta gamma",
		"gamma delta",
		"delta delta delta epsilon", // not training
	})
	train := []bool{true, true, true, false}
	var got []string
	for _, id := range bag.vocabulary(train, 3) {
		got = append(got, bag.words[id])
	}
	// gamma is in 3 training documents, beta in 2; alpha and delta in 1
	// each, alpha first by word order. A repeated word counts once.
	want := []string{"gamma", "beta", "alpha"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("vocabulary = %q, want %q", got, want)
	}
}
