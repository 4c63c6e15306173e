package training

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/jbrukh/bayesian"
	"gonum.org/v1/gonum/optimize"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// The naive Bayes classes.
const (
	classClean bayesian.Class = "clean"
	classSpam  bayesian.Class = "spam"
)

// TextOptions control the fitting of the text model.
type TextOptions struct {
	// MinDocs drops features found in fewer training documents: they
	// would be weighed on too little evidence, and make the model large.
	MinDocs int
	// Lambda is the L2 penalty of the logistic fit, on the mean log loss.
	Lambda float64
	// MaxIterations bounds the L-BFGS iterations of the logistic fit.
	MaxIterations int
	// PairedRatios learns the naive Bayes ratios from the groups that hold
	// both a human original and its machine rewrites only, each side of a
	// group counted alike: what a story is about is then on both sides
	// and its words get no ratio, while the way machines write does.
	PairedRatios bool
}

// DefaultTextOptions returns the text-model options `newsqual train` uses.
func DefaultTextOptions() TextOptions {
	return TextOptions{MinDocs: 40, Lambda: 1e-7, MaxIterations: 150, PairedRatios: true}
}

// featureVocab gives every text-model feature key seen in the training
// documents a number, so that documents are held as short arrays and not
// as maps of strings. It is safe for concurrent use.
type featureVocab struct {
	mu   sync.Mutex
	ids  map[string]int32
	keys []string
}

func newFeatureVocab() *featureVocab { return &featureVocab{ids: make(map[string]int32)} }

// textDoc is one document's text-model features: feature numbers in
// increasing order, with their counts.
type textDoc struct {
	ids    []int32
	counts []int32
}

// doc numbers the features of a document.
func (v *featureVocab) doc(d *features.Document) textDoc {
	counts := model.FeatureCounts(d)
	fs := make([]featureCount, 0, len(counts))
	v.mu.Lock()
	for k, n := range counts {
		id, ok := v.ids[k]
		if !ok {
			// A word's key shares memory with the whole document's
			// folded text: keep a copy of the word alone.
			k = strings.Clone(k)
			id = int32(len(v.keys))
			v.ids[k] = id
			v.keys = append(v.keys, k)
		}
		fs = append(fs, featureCount{id, int32(n)})
	}
	v.mu.Unlock()
	td := textDoc{ids: make([]int32, len(fs)), counts: make([]int32, len(fs))}
	td.setSorted(fs)
	return td
}

// renumber numbers the features in the order of their keys and rewrites
// docs to match, so that the numbers, and every sum taken in their order,
// do not depend on the order in which documents, read on several
// goroutines, first met each feature.
func (v *featureVocab) renumber(docs []textDoc) {
	v.mu.Lock()
	defer v.mu.Unlock()
	byKey := make([]int32, len(v.keys)) // the old numbers, in key order
	for i := range byKey {
		byKey[i] = int32(i)
	}
	slices.SortFunc(byKey, func(a, b int32) int { return strings.Compare(v.keys[a], v.keys[b]) })
	renum := make([]int32, len(byKey))
	keys := make([]string, len(byKey))
	for id, old := range byKey {
		renum[old] = int32(id)
		keys[id] = v.keys[old]
		v.ids[keys[id]] = int32(id)
	}
	v.keys = keys
	var fs []featureCount
	for i := range docs {
		d := &docs[i]
		fs = fs[:0]
		for k, id := range d.ids {
			fs = append(fs, featureCount{renum[id], d.counts[k]})
		}
		d.setSorted(fs)
	}
}

// featureCount is a feature's number and its count in one document.
type featureCount struct{ id, count int32 }

// setSorted writes fs into d in increasing order of feature number; d's
// slices must hold len(fs) entries.
func (d *textDoc) setSorted(fs []featureCount) {
	slices.SortFunc(fs, func(a, b featureCount) int { return cmp.Compare(a.id, b.id) })
	for k, f := range fs {
		d.ids[k], d.counts[k] = f.id, f.count
	}
}

// TrainTextModel fits a text model on documents: the features of each
// (model.FeatureCounts) found in at least opts.MinDocs of them; their naive
// Bayes log-count ratios, learned with github.com/jbrukh/bayesian; and an
// L2-regularised logistic regression over the ratio-scaled,
// length-normalised feature counts, each class weighed alike (the NBSVM
// design of Wang and Manning, 2012). The weight of a feature in the model
// is its logistic coefficient times its ratio.
func TrainTextModel(docs []*features.Document, spam []bool, opts TextOptions) (*model.TextModel, error) {
	v := newFeatureVocab()
	tds := make([]textDoc, len(docs))
	for i, d := range docs {
		tds[i] = v.doc(d)
	}
	v.renumber(tds)
	fit, err := fitTextModel(v, tds, spam, textWeights{}, func(int) bool { return true }, opts)
	if err != nil {
		return nil, err
	}
	return fit.model, nil
}

// textFit is a fitted text model with the weights by feature number, to
// score the training documents without their text.
type textFit struct {
	model  *model.TextModel
	weight map[int32]float64
}

// score returns the text model's log-odds for a document: what
// model.TextModel.Scan gives for it, up to the order of a sum.
func (f *textFit) score(d textDoc) float64 {
	z, norm := f.model.Bias, 0.0
	for k, id := range d.ids {
		if _, ok := f.weight[id]; ok {
			tf := 1 + math.Log(float64(d.counts[k]))
			norm += tf * tf
		}
	}
	if norm == 0 {
		return z
	}
	norm = math.Sqrt(norm)
	for k, id := range d.ids {
		if w, ok := f.weight[id]; ok {
			z += w * (1 + math.Log(float64(d.counts[k]))) / norm
		}
	}
	return z
}

// textWeights weigh the training documents of a text model: fit in the
// logistic fit, ratio (a whole number of times) in the naive Bayes
// counts. A nil slice weighs every document once.
type textWeights struct {
	fit   []float64
	ratio []int
}

// fitTextModel fits a text model on the documents that keep accepts.
func fitTextModel(v *featureVocab, docs []textDoc, spam []bool, weight textWeights, keep func(int) bool, opts TextOptions) (*textFit, error) {
	var rows []int
	for i := range docs {
		if keep(i) {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("text model: no documents")
	}
	// The vocabulary: features in enough documents.
	df := make([]int32, len(v.keys))
	var classCount [2][]int64
	classCount[0] = make([]int64, len(v.keys))
	classCount[1] = make([]int64, len(v.keys))
	for _, i := range rows {
		c := 0
		if spam[i] {
			c = 1
		}
		times := int64(1)
		if weight.ratio != nil {
			times = int64(weight.ratio[i])
		}
		for k, id := range docs[i].ids {
			df[id]++
			classCount[c][id] += times * int64(docs[i].counts[k])
		}
	}
	kept := make([]int32, 0)
	for id, n := range df {
		if int(n) >= max(opts.MinDocs, 1) {
			kept = append(kept, int32(id))
		}
	}
	// Sorted by key, so that the classifier, the fit and the file do not
	// depend on the order documents were numbered in.
	slices.SortFunc(kept, func(a, b int32) int { return strings.Compare(v.keys[a], v.keys[b]) })
	col := make(map[int32]int32, len(kept))
	for j, id := range kept {
		col[id] = int32(j)
	}

	// Naive Bayes log-count ratios of the kept features.
	nb := bayesian.NewClassifier(classClean, classSpam)
	names := make([]string, len(kept))
	for j, id := range kept {
		names[j] = v.keys[id]
		for c, class := range []bayesian.Class{classClean, classSpam} {
			if n := classCount[c][id]; n > 0 {
				nb.Observe(names[j], int(n), class)
			}
		}
	}
	probs := nb.WordFrequencies(names)
	ratio := make([]float64, len(kept))
	for j := range kept {
		ratio[j] = math.Log(probs[1][j]) - math.Log(probs[0][j])
	}

	// The design matrix, row by row: ratio × (1 + ln count) / norm.
	x := make([]sparseRow, len(rows))
	y := make([]bool, len(rows))
	wt := make([]float64, len(rows))
	var nSpam int
	for r, i := range rows {
		y[r] = spam[i]
		if spam[i] {
			nSpam++
		}
		x[r] = textRow(docs[i], col, ratio)
		wt[r] = 1
		if weight.fit != nil {
			wt[r] = weight.fit[i]
		}
	}
	if nSpam == 0 || nSpam == len(rows) {
		return nil, fmt.Errorf("text model: need both clean and spam documents, got %d spam of %d", nSpam, len(rows))
	}
	fit, err := fitSparseLogistic(x, y, wt, len(kept), opts.Lambda, opts.MaxIterations)
	if err != nil {
		return nil, err
	}
	weights := make(map[string]float64, len(kept))
	tf := &textFit{weight: make(map[int32]float64, len(kept))}
	for j, name := range names {
		if w := round(fit.Weights[j] * ratio[j]); w != 0 {
			weights[name] = w
			tf.weight[kept[j]] = w
		}
	}
	tf.model = &model.TextModel{Bias: round(fit.Intercept), Weights: model.NewFeatureWeights(weights)}
	return tf, nil
}

// PairWeights weighs training documents so that a topic shared by a human
// original and its machine rewrites tells the text model nothing: in every
// group (Article.Group) holding both clean and spam documents, each class
// gets the same total weight, the larger side's documents weighing less.
// Documents of other groups weigh 1. Without it, a data set of one human
// article and thirteen rewrites per story teaches that the story's words
// are spam.
func PairWeights(groups []string, spam []bool) []float64 {
	count := groupSides(groups, spam)
	w := make([]float64, len(groups))
	for i, g := range groups {
		w[i] = 1
		c := count[g]
		if g == "" || c.clean == 0 || c.spam == 0 {
			continue
		}
		small := float64(min(c.clean, c.spam))
		if spam[i] {
			w[i] = small / float64(c.spam)
		} else {
			w[i] = small / float64(c.clean)
		}
	}
	return w
}

// sides counts the clean and spam documents of a group.
type sides struct{ clean, spam int }

// groupSides counts the clean and spam documents of each group named in
// groups; documents without a group ("") are not counted.
func groupSides(groups []string, spam []bool) map[string]*sides {
	count := make(map[string]*sides)
	for i, g := range groups {
		if g == "" {
			continue
		}
		c := count[g]
		if c == nil {
			c = &sides{}
			count[g] = c
		}
		if spam[i] {
			c.spam++
		} else {
			c.clean++
		}
	}
	return count
}

// PairCounts gives how many times each document counts in naive Bayes
// ratios learned within pairs (TextOptions.PairedRatios): in a group
// holding both clean and spam documents, each clean document counts as
// many times as the group has spam documents and each spam document as
// many times as it has clean ones, so that both sides weigh alike;
// documents of other groups count 0 times.
func PairCounts(groups []string, spam []bool) []int {
	count := groupSides(groups, spam)
	out := make([]int, len(groups))
	for i, g := range groups {
		c := count[g]
		if g == "" || c.clean == 0 || c.spam == 0 {
			continue
		}
		if spam[i] {
			out[i] = c.clean
		} else {
			out[i] = c.spam
		}
	}
	return out
}

// sparseRow is one document's non-zero inputs.
type sparseRow struct {
	cols []int32
	vals []float64
}

// textRow returns a document's inputs over the vocabulary col: for each
// known feature, its ratio times (1 + ln count), divided by the norm of
// (1 + ln count) over the known features.
func textRow(d textDoc, col map[int32]int32, ratio []float64) sparseRow {
	var row sparseRow
	norm := 0.0
	for k, id := range d.ids {
		j, ok := col[id]
		if !ok {
			continue
		}
		tf := 1 + math.Log(float64(d.counts[k]))
		norm += tf * tf
		row.cols = append(row.cols, j)
		row.vals = append(row.vals, tf)
	}
	if norm == 0 {
		return row
	}
	norm = math.Sqrt(norm)
	for k, j := range row.cols {
		row.vals[k] *= ratio[j] / norm
	}
	return row
}

// fitSparseLogistic fits an L2-regularised logistic regression with an
// unpenalised intercept on sparse rows, each row weighed by wt and the
// weights of each class scaled to the same total, by minimising the
// weighted mean log loss plus lambda/2 · ‖w‖² with L-BFGS.
// The loss and its gradient are summed over fixed blocks of rows on
// several goroutines and the blocks added in order, so that the fit is the
// same on any machine.
func fitSparseLogistic(x []sparseRow, y []bool, wt []float64, d int, lambda float64, maxIter int) (Logistic, error) {
	n := len(x)
	var mass [2]float64
	for i, s := range y {
		if s {
			mass[1] += wt[i]
		} else {
			mass[0] += wt[i]
		}
	}
	if mass[0] <= 0 || mass[1] <= 0 {
		return Logistic{}, fmt.Errorf("fit text model: a class has no weight")
	}
	wSpam, wClean := float64(n)/(2*mass[1]), float64(n)/(2*mass[0])
	const block = 2048
	nBlocks := (n + block - 1) / block
	grads := make([][]float64, nBlocks)
	losses := make([]float64, nBlocks)
	var lastTheta []float64
	var lastLoss float64
	lastGrad := make([]float64, d+1)
	eval := func(theta []float64) {
		if lastTheta != nil && slices.Equal(theta, lastTheta) {
			return
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, 4)
		for b := range nBlocks {
			wg.Add(1)
			sem <- struct{}{}
			go func(b int) {
				defer wg.Done()
				defer func() { <-sem }()
				if grads[b] == nil {
					grads[b] = make([]float64, d+1)
				}
				g := grads[b]
				clear(g)
				total := 0.0
				for i := b * block; i < min(n, (b+1)*block); i++ {
					row := x[i]
					s := theta[d]
					for k, j := range row.cols {
						s += theta[j] * row.vals[k]
					}
					var l float64
					if s > 0 {
						l = s + math.Log1p(math.Exp(-s))
					} else {
						l = math.Log1p(math.Exp(s))
					}
					w := wClean * wt[i]
					r := model.Sigmoid(s)
					if y[i] {
						l -= s
						r--
						w = wSpam * wt[i]
					}
					total += w * l
					r *= w
					for k, j := range row.cols {
						g[j] += r * row.vals[k]
					}
					g[d] += r
				}
				losses[b] = total
			}(b)
		}
		wg.Wait()
		clear(lastGrad)
		total := 0.0
		for b := range nBlocks {
			total += losses[b]
			for j, v := range grads[b] {
				lastGrad[j] += v
			}
		}
		reg := 0.0
		for j := range d {
			lastGrad[j] = lastGrad[j]/float64(n) + lambda*theta[j]
			reg += theta[j] * theta[j]
		}
		lastGrad[d] /= float64(n)
		lastLoss = total/float64(n) + lambda/2*reg
		lastTheta = append(lastTheta[:0], theta...)
	}
	problem := optimize.Problem{
		Func: func(theta []float64) float64 { eval(theta); return lastLoss },
		Grad: func(grad, theta []float64) { eval(theta); copy(grad, lastGrad) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-7, MajorIterations: maxIter}
	res, err := optimize.Minimize(problem, make([]float64, d+1), settings, &optimize.LBFGS{})
	if err != nil && res == nil {
		return Logistic{}, fmt.Errorf("fit text model: %w", err)
	}
	return Logistic{Weights: append([]float64(nil), res.X[:d]...), Intercept: res.X[d]}, nil
}

// round keeps six significant decimals, so model files stay small and
// readable; the loss of precision is far below the model's error.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// renumberPrepared renumbers the vocabulary (see renumber) with the text
// features of prepared examples.
func (v *featureVocab) renumberPrepared(prep []prepared) {
	docs := make([]textDoc, len(prep))
	for i := range prep {
		docs[i] = prep[i].text
	}
	v.renumber(docs) // the documents share their arrays with prep
}
