package training

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/jbrukh/bayesian"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// Invented reporting and invented filler, written for these tests: the
// reporting has attribution, quotes and numbers; the filler the stock
// phrasing of machine rewrites.
var (
	reportingLines = []string{
		`Police said the van was stopped on the A40 at 11pm on Monday.`,
		`"We will appeal," the union's lawyer told reporters outside court.`,
		`The council voted 7-4 to close the library, a spokesman said.`,
		`Shares fell 3% after the firm cut its forecast, analysts said.`,
		`"It was chaos," said one resident, who asked not to be named.`,
		`The minister told MPs that talks would resume on Thursday.`,
	}
	fillerLines = []string{
		`This pivotal moment underscores the importance of fostering meaningful dialogue.`,
		`In today's rapidly evolving landscape, communities must navigate complex challenges.`,
		`Ultimately, the initiative highlights a commitment to a brighter future for all.`,
		`It is crucial to recognize the multifaceted nature of this significant development.`,
		`Moreover, stakeholders continue to emphasize the need for collaboration and resilience.`,
		`In conclusion, this serves as a testament to the power of innovation.`,
	}
)

// articles builds n short documents from the lines, each a different
// mixture, so that every feature is found in several documents.
func articles(lines []string, n int) []*features.Document {
	var out []*features.Document
	for i := range n {
		text := ""
		for k := range 4 {
			text += lines[(i+k*(i%3+1))%len(lines)] + "\n\n"
		}
		out = append(out, features.NewDocument("", text))
	}
	return out
}

func trainingDocs() ([]*features.Document, []bool) {
	clean, spam := articles(reportingLines, 24), articles(fillerLines, 24)
	labels := make([]bool, 0, 48)
	for range clean {
		labels = append(labels, false)
	}
	for range spam {
		labels = append(labels, true)
	}
	return append(clean, spam...), labels
}

func TestTextModelSeparatesReportingFromFiller(t *testing.T) {
	docs, labels := trainingDocs()
	tm, err := TrainTextModel(docs, labels, TextOptions{MinDocs: 2, Lambda: 1e-4, MaxIterations: 200})
	if err != nil {
		t.Fatal(err)
	}
	// Unseen texts written the same two ways.
	news := tm.Scan(features.NewDocument("", `The mayor said the bridge would reopen in May. "We are on schedule," a spokesman told reporters.`)).Score
	filler := tm.Scan(features.NewDocument("", `This development underscores the importance of fostering resilience in an evolving landscape.`)).Score
	if !(news < 0 && filler > 0) {
		t.Fatalf("reporting scored %v and filler %v: want reporting toward clean, filler toward spam", news, filler)
	}
	said, _ := tm.Weights.Get("said")
	underscores, _ := tm.Weights.Get("underscores")
	if said >= 0 || underscores <= 0 {
		t.Errorf("weights point the wrong way: said %v, underscores %v", said, underscores)
	}
}

// TestTextModelWeightsFollowTheNaiveBayesRatios checks the NBSVM design:
// every weight has the sign of the feature's log-count ratio in a naive
// Bayes classifier trained on the same counts.
func TestTextModelWeightsFollowTheNaiveBayesRatios(t *testing.T) {
	docs, labels := trainingDocs()
	tm, err := TrainTextModel(docs, labels, TextOptions{MinDocs: 2, Lambda: 1e-4, MaxIterations: 200})
	if err != nil {
		t.Fatal(err)
	}
	nb := bayesian.NewClassifier(classClean, classSpam)
	for i, d := range docs {
		class := classClean
		if labels[i] {
			class = classSpam
		}
		for k, c := range model.FeatureCounts(d) {
			if _, ok := tm.Weights.Get(k); ok {
				nb.Observe(k, c, class)
			}
		}
	}
	checked := 0
	for k, w := range tm.Weights.All() {
		p := nb.WordFrequencies([]string{k})
		ratio := math.Log(p[1][0]) - math.Log(p[0][0])
		if ratio != 0 && w != 0 && (ratio > 0) != (w > 0) {
			// A logistic coefficient may come out negative for a feature
			// whose ratio is tiny; a large one must agree.
			if math.Abs(ratio) > 1 {
				t.Errorf("feature %q: weight %v, ratio %v", k, w, ratio)
			}
		}
		checked++
	}
	if checked < 50 {
		t.Fatalf("only %d features kept", checked)
	}
}

func TestTextModelDropsRareFeatures(t *testing.T) {
	docs, labels := trainingDocs()
	docs = append(docs, features.NewDocument("", "Zyxwv appeared once only."))
	labels = append(labels, false)
	tm, err := TrainTextModel(docs, labels, TextOptions{MinDocs: 2, Lambda: 1e-4, MaxIterations: 50})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tm.Weights.Get("zyxwv"); ok {
		t.Error("a word of one document kept with MinDocs 2")
	}
	if _, ok := tm.Weights.Get("said"); !ok {
		t.Error("a word of many documents dropped")
	}
}

func TestTextModelIsDeterministic(t *testing.T) {
	docs, labels := trainingDocs()
	var files []string
	for range 2 {
		tm, err := TrainTextModel(docs, labels, TextOptions{MinDocs: 2, Lambda: 1e-4, MaxIterations: 100})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode(tm); err != nil {
			t.Fatal(err)
		}
		files = append(files, b.String())
	}
	if files[0] != files[1] {
		t.Fatal("the same documents gave two different text models")
	}
}

// TestFeatureNumbersFollowTheKeys numbers the features of the same
// documents read in two orders: once renumbered, the numbers and every
// document's features are the same, so that no sum over them depends on
// which goroutine read which document first.
func TestFeatureNumbersFollowTheKeys(t *testing.T) {
	docs, _ := trainingDocs()
	number := func(order []int) ([]string, []textDoc) {
		v := newFeatureVocab()
		tds := make([]textDoc, len(docs))
		for _, i := range order {
			tds[i] = v.doc(docs[i])
		}
		v.renumber(tds)
		return v.keys, tds
	}
	forward := make([]int, len(docs))
	for i := range forward {
		forward[i] = i
	}
	backward := slices.Clone(forward)
	slices.Reverse(backward)
	keys1, docs1 := number(forward)
	keys2, docs2 := number(backward)
	if !slices.IsSorted(keys1) || !slices.Equal(keys1, keys2) {
		t.Fatalf("the numbers depend on the reading order, or do not follow the keys")
	}
	for i := range docs1 {
		if !slices.Equal(docs1[i].ids, docs2[i].ids) || !slices.Equal(docs1[i].counts, docs2[i].counts) {
			t.Fatalf("document %d: %v %v, read in the other order %v %v", i, docs1[i].ids, docs1[i].counts, docs2[i].ids, docs2[i].counts)
		}
		if !slices.IsSorted(docs1[i].ids) {
			t.Fatalf("document %d: feature numbers out of order: %v", i, docs1[i].ids)
		}
	}
}

// TestTrainingScoreEqualsScan checks that the text score training gives
// the logistic model for a document is what the fitted model's Scan gives.
func TestTrainingScoreEqualsScan(t *testing.T) {
	docs, labels := trainingDocs()
	v := newFeatureVocab()
	tds := make([]textDoc, len(docs))
	for i, d := range docs {
		tds[i] = v.doc(d)
	}
	fit, err := fitTextModel(v, tds, labels, textWeights{}, func(i int) bool { return i%3 != 0 }, TextOptions{MinDocs: 2, Lambda: 1e-4, MaxIterations: 100})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if got, want := fit.score(tds[i]), fit.model.Scan(d).Score; math.Abs(got-want) > 1e-9 {
			t.Fatalf("document %d: training score %v, Scan %v", i, got, want)
		}
	}
}

func TestTextModelNeedsBothClasses(t *testing.T) {
	docs, _ := trainingDocs()
	_, err := TrainTextModel(docs[:5], make([]bool, 5), DefaultTextOptions())
	if err == nil {
		t.Fatal("trained on clean documents alone")
	}
}

func TestPairWeightsBalanceEachGroup(t *testing.T) {
	groups := []string{"s1", "s1", "s1", "s1", "s2", "s2", "", "s3", "s3"}
	spam := []bool{false, true, true, true, false, true, true, true, true}
	w := PairWeights(groups, spam)
	want := []float64{1, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1, 1, 1, 1, 1}
	for i := range w {
		if math.Abs(w[i]-want[i]) > 1e-12 {
			t.Fatalf("weights %v, want %v", w, want)
		}
	}
}

func TestPairCountsBalanceEachGroup(t *testing.T) {
	groups := []string{"s1", "s1", "s1", "s1", "s2", "", "s3"}
	spam := []bool{false, true, true, true, false, true, true}
	got := PairCounts(groups, spam)
	want := []int{3, 1, 1, 1, 0, 0, 0}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("counts %v, want %v", got, want)
		}
	}
}
