package peers

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/evaluation"
	"github.com/sjwhitworth/golearn/naive"
)

// golearnModule is the module whose version Result.Version reports, and
// golearnRequired the version go.mod requires, reported when the binary
// carries no module information (as test binaries do not).
const (
	golearnModule   = "github.com/sjwhitworth/golearn"
	golearnRequired = "v0.0.0-20221228163002-74ae077eafb2"
)

// GolearnVocabulary is the number of words the golearn baseline uses as
// features: those found in most training documents of each fold.
const GolearnVocabulary = 1500

// The class names golearn sees.
const (
	classSpam  = "spam"
	classClean = "clean"
)

// GolearnBernoulliNB cross-validates golearn's Bernoulli naive Bayes
// classifier on the documents: for each fold f it fits the classifier on
// the documents whose fold is not f, with one binary feature per word of
// the fold's vocabulary (the GolearnVocabulary lowercased words found in
// most of its training documents), and scores those whose fold is f.
//
// golearn's Predict returns class labels only, so Result.Scores[i] is the
// posterior P(spam) of docs[i] computed from the fitted classifier's
// parameters (read back through golearn's own Save format) with the
// formula of its PredictOne; the function fails if that posterior ever
// disagrees with Predict's label. The throughput covers turning the texts
// into golearn instances, Predict and the posterior.
func GolearnBernoulliNB(docs []Document, fold []int, k int) (Result, error) {
	if err := checkFolds(docs, fold, k); err != nil {
		return Result{}, fmt.Errorf("golearn: %w", err)
	}
	dir, err := os.MkdirTemp("", "newsqual-golearn-")
	if err != nil {
		return Result{}, fmt.Errorf("golearn: %w", err)
	}
	defer os.RemoveAll(dir)

	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	bag := newBagOfWords(texts)

	scores := make([]float64, len(docs))
	var took time.Duration
	var bytes, features int
	train := make([]bool, len(docs))
	for f := 0; f < k; f++ {
		var test []int
		for i := range docs {
			train[i] = fold[i] != f
			if !train[i] {
				test = append(test, i)
				bytes += len(docs[i].Text)
			}
		}
		if len(test) == 0 {
			continue
		}
		m, err := fitBernoulliNB(docs, bag, train, filepath.Join(dir, fmt.Sprintf("fold%d.cls", f)))
		if err != nil {
			return Result{}, fmt.Errorf("golearn: fold %d: %w", f, err)
		}
		features = max(features, len(m.words))
		testTexts := make([]string, len(test))
		for j, i := range test {
			testTexts[j] = docs[i].Text
		}
		start := time.Now()
		got, err := m.score(testTexts)
		took += time.Since(start)
		if err != nil {
			return Result{}, fmt.Errorf("golearn: fold %d: %w", f, err)
		}
		for j, i := range test {
			scores[i] = got[j]
		}
	}

	r := Result{
		Name:    "golearn BernoulliNB",
		Version: golearnVersion(),
		Scores:  scores,
		Note: fmt.Sprintf("golearn naive.BernoulliNBClassifier, %d-fold cross-validation, on the "+
			"presence of the %d lowercased words found in most training documents of each fold; "+
			"its Predict gives labels only, so the score is the posterior P(spam) from the fitted "+
			"classifier's parameters (read back through its Save format) with the formula of its "+
			"PredictOne, which agrees with Predict's label on every article; golearn smooths "+
			"p(word|class) as (n+1)/(N+1); %d of %d scores are exactly 0 or 1 (ties); throughput "+
			"covers tokenising, building golearn instances, Predict and the posterior",
			k, features, saturated(scores), len(scores)),
	}
	setThroughput(&r, len(docs), bytes, took)
	return r, nil
}

// GolearnConfusion builds golearn's confusion matrix of the predictions
// against the actual labels (classes "spam" and "clean") and returns
// golearn's precision, recall and F1 of the class "spam". golearn returns
// NaN where a measure divides zero by zero (no article predicted spam, no
// spam article, or precision and recall both 0).
func GolearnConfusion(actual, predicted []bool) (precision, recall, f1 float64, err error) {
	if len(actual) != len(predicted) {
		return 0, 0, 0, fmt.Errorf("golearn confusion: %d labels and %d predictions", len(actual), len(predicted))
	}
	cm := make(evaluation.ConfusionMatrix)
	for i := range actual {
		a, p := className(actual[i]), className(predicted[i])
		if cm[a] == nil {
			cm[a] = make(map[string]int)
		}
		cm[a][p]++
	}
	return evaluation.GetPrecision(classSpam, cm),
		evaluation.GetRecall(classSpam, cm),
		evaluation.GetF1Score(classSpam, cm), nil
}

// className returns the golearn class name of a label.
func className(spam bool) string {
	if spam {
		return classSpam
	}
	return classClean
}

// golearnVersion returns the version of the golearn module built in.
func golearnVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == golearnModule {
				if dep.Replace != nil && dep.Replace.Version != "" {
					return dep.Replace.Version
				}
				if dep.Version != "" {
					return dep.Version
				}
			}
		}
	}
	return golearnRequired
}

// bernoulliNB is a fitted golearn classifier with what is needed to score
// new texts with it.
type bernoulliNB struct {
	nb *naive.BernoulliNBClassifier
	// words are the features in order, and feature maps a word to its
	// feature number.
	words   []string
	feature map[string]int32
	attrs   []*base.BinaryAttribute
	class   *base.CategoricalAttribute
	// prior[c] + the sum of present[c][f] over the features f present in
	// a document is the log-likelihood of class c (0 clean, 1 spam) as
	// golearn's PredictOne computes it.
	prior   [2]float64
	present [2][]float64
}

// fitBernoulliNB fits golearn's classifier on the documents where train
// is true, saving it to path to read its parameters back.
func fitBernoulliNB(docs []Document, bag *bagOfWords, train []bool, path string) (*bernoulliNB, error) {
	vocab := bag.vocabulary(train, GolearnVocabulary)
	m := &bernoulliNB{
		words:   make([]string, len(vocab)),
		feature: make(map[string]int32, len(vocab)),
		attrs:   make([]*base.BinaryAttribute, len(vocab)),
		class:   base.NewCategoricalAttribute(),
	}
	featureOf := make([]int32, len(bag.words))
	for i := range featureOf {
		featureOf[i] = -1
	}
	for f, id := range vocab {
		w := bag.words[id]
		m.words[f] = w
		m.feature[w] = int32(f)
		m.attrs[f] = base.NewBinaryAttribute("word:" + w)
		featureOf[id] = int32(f)
	}
	m.class.SetName("class")
	// Fix the order of the class values: clean 0 (the zero value), spam 1.
	m.class.GetSysValFromString(classClean)
	spamValue := m.class.GetSysValFromString(classSpam)

	rows := 0
	for _, t := range train {
		if t {
			rows++
		}
	}
	grid, specs, classSpec, err := m.grid(rows)
	if err != nil {
		return nil, err
	}
	one := []byte{1}
	row := 0
	for i, doc := range bag.docs {
		if !train[i] {
			continue
		}
		for _, id := range doc {
			if f := featureOf[id]; f >= 0 {
				grid.Set(specs[f], row, one)
			}
		}
		if docs[i].Spam {
			grid.Set(classSpec, row, spamValue)
		}
		row++
	}

	m.nb = naive.NewBernoulliNBClassifier()
	if err := guard("fit", func() error { return m.nb.Fit(grid) }); err != nil {
		return nil, err
	}
	if err := m.readParameters(path); err != nil {
		return nil, err
	}
	return m, nil
}

// grid makes an empty golearn instance grid of the model's features and
// class with room for rows rows.
func (m *bernoulliNB) grid(rows int) (*base.DenseInstances, []base.AttributeSpec, base.AttributeSpec, error) {
	g := base.NewDenseInstances()
	specs := make([]base.AttributeSpec, len(m.attrs))
	for f, a := range m.attrs {
		specs[f] = g.AddAttribute(a)
	}
	classSpec := g.AddAttribute(m.class)
	if err := g.AddClassAttribute(m.class); err != nil {
		return nil, nil, classSpec, fmt.Errorf("class attribute: %w", err)
	}
	if err := g.Extend(rows); err != nil {
		return nil, nil, classSpec, fmt.Errorf("allocate %d rows: %w", rows, err)
	}
	return g, specs, classSpec, nil
}

// readParameters saves the fitted classifier to path with golearn's Save
// and reads back its per-class document counts and conditional
// probabilities, to compute the posterior that Predict does not expose.
func (m *bernoulliNB) readParameters(path string) error {
	if err := m.nb.Save(path); err != nil {
		return fmt.Errorf("save classifier: %w", err)
	}
	defer os.Remove(path)
	d, err := base.ReadSerializedClassifierStub(path)
	if err != nil {
		return fmt.Errorf("read saved classifier: %w", err)
	}
	defer d.Close()
	var instances map[string]int
	var condProb map[string][]float64
	if err := d.GetJSONForKey("CLASS_INSTANCES", &instances); err != nil {
		return fmt.Errorf("read saved classifier: class counts: %w", err)
	}
	if err := d.GetJSONForKey("COND_MAP", &condProb); err != nil {
		return fmt.Errorf("read saved classifier: conditional probabilities: %w", err)
	}
	total := 0
	for _, n := range instances {
		total += n
	}
	for c, name := range []string{classClean, classSpam} {
		n, p := instances[name], condProb[name]
		if n == 0 || len(p) != len(m.words) {
			return fmt.Errorf("saved classifier: class %q has %d documents and %d features (want %d)", name, n, len(p), len(m.words))
		}
		// As in PredictOne: a present feature adds log p, an absent one
		// log(1-p), or log(1/(n+1)) when p is 1.
		m.prior[c] = math.Log(float64(n) / float64(total))
		m.present[c] = make([]float64, len(p))
		for f, pf := range p {
			absent := math.Log(1 - pf)
			if pf == 1 {
				absent = math.Log(1 / float64(n+1))
			}
			m.prior[c] += absent
			m.present[c][f] = math.Log(pf) - absent
		}
	}
	return nil
}

// score returns the posterior P(spam) of each text, checking that it
// agrees with the label golearn's Predict gives.
func (m *bernoulliNB) score(texts []string) ([]float64, error) {
	grid, specs, _, err := m.grid(len(texts))
	if err != nil {
		return nil, err
	}
	one := []byte{1}
	logOdds := make([]float64, len(texts))
	// lastRow[f] is the last row feature f was set in, plus one, so that
	// a repeated word counts once.
	lastRow := make([]int, len(m.words))
	var buf []byte
	for row, text := range texts {
		lo := m.prior[1] - m.prior[0]
		buf = eachWord(text, buf, func(w []byte) {
			f, ok := m.feature[string(w)]
			if !ok || lastRow[f] == row+1 {
				return
			}
			lastRow[f] = row + 1
			grid.Set(specs[f], row, one)
			lo += m.present[1][f] - m.present[0][f]
		})
		logOdds[row] = lo
	}

	var predicted base.FixedDataGrid
	if err := guard("predict", func() error {
		var err error
		predicted, err = m.nb.Predict(grid)
		return err
	}); err != nil {
		return nil, err
	}

	scores := make([]float64, len(texts))
	for row, lo := range logOdds {
		label := base.GetClass(predicted, row)
		// A log-odds within rounding of 0 may fall either way.
		if math.Abs(lo) > 1e-6 && (lo > 0) != (label == classSpam) {
			return nil, fmt.Errorf("posterior log-odds %g of article %d disagree with golearn's label %q", lo, row, label)
		}
		scores[row] = 1 / (1 + math.Exp(-lo))
	}
	return scores, nil
}

// guard runs fn, turning a panic inside golearn into an error.
func guard(what string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: golearn panicked: %v", what, r)
		}
	}()
	if err := fn(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
