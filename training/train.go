// Package training fits newsqual models: it augments labelled articles
// with synthetic spam patterns, extracts their signals, trains the naive
// Bayes text model and the logistic model with group-aware cross-validation,
// chooses the verdict thresholds on held-out folds, and reports the
// out-of-fold metrics.
package training

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
)

// Example is one labelled training article.
type Example struct {
	// Article is the text and its metadata; Article.Group ties related
	// examples to one fold.
	Article corpus.Article
	// Spam is the label.
	Spam bool
	// Augmented names the synthetic pattern injected, empty for an original.
	Augmented string
	// File is the data file the example (or its original) came from.
	File string

	// origin is 1 + the index of a synthetic example's original among the
	// examples Augment was given, 0 for an original.
	origin int
}

// Options control training.
type Options struct {
	// Folds is the number of cross-validation folds (at least 2).
	Folds int
	// GroupBy decides which examples share a fold (DefaultGroupBy when
	// empty); a synthetic example always shares its original's.
	GroupBy GroupBy
	// Seed drives augmentation and fold assignment.
	Seed int64
	// Pools feed augmentation; Augment turns it on.
	Pools   Pools
	Augment bool
	// Lambdas are the L2 penalties tried; the one with the lowest
	// out-of-fold log loss is kept.
	Lambdas []float64
	// Text controls the fitting of the text model.
	Text TextOptions
	// Unweighted names signals that the logistic model gives no weight
	// (neither their value nor their fired flag): length alone
	// ("word_count") must not make an article spam, however the training
	// data's classes differ in length.
	Unweighted []string
	// SpamFPR and SuspectFPR are the shares of clean articles allowed at or
	// above the spam and suspect thresholds on held-out folds.
	SpamFPR, SuspectFPR float64
	// MinWords passes over examples of fewer words, as the scorer does
	// (newsqual.MinWords): a model is fitted on what it will judge.
	MinWords int
	// Workers is the number of goroutines extracting signals (0: all cores).
	Workers int
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Progress, when not nil, is told how many of the examples have been
	// handed to signal extraction, of how many, as it goes.
	Progress func(done, total int)
}

// DefaultOptions returns the options `newsqual train` uses.
func DefaultOptions() Options {
	return Options{
		Folds:      5,
		GroupBy:    DefaultGroupBy,
		Seed:       1,
		Pools:      DefaultPools(),
		Augment:    true,
		Lambdas:    []float64{1e-5, 1e-4, 1e-3, 1e-2, 1e-1},
		Text:       DefaultTextOptions(),
		MinWords:   50,
		Unweighted: []string{"word_count"},
		SpamFPR:    0.01,
		SuspectFPR: 0.05,
	}
}

// Result is a trained model with its out-of-fold evidence.
type Result struct {
	// Model is the final model, fitted on all examples.
	Model *model.Model
	// Examples are the training examples, originals then synthetic ones.
	Examples []Example
	// Fold is each example's fold.
	Fold []int
	// OutOfFold is each example's spam probability from the model fitted
	// without its fold.
	OutOfFold []float64
	// LambdaLoss is the out-of-fold log loss of each lambda tried.
	LambdaLoss map[float64]float64
	// Prepared is the data the model was cross-validated on.
	Prepared *Prepared
	// FoldModels are the models fitted without each fold: FoldModels[f]
	// judges the examples of fold f as the final model judges articles it
	// never saw, with verdict thresholds chosen by the rule of the final
	// model on the out-of-fold probabilities of the other folds only.
	FoldModels []*model.Model
}

// prepared holds what training needs of one example.
type prepared struct {
	signals []float64 // model.SignalInputs
	text    textDoc
}

// Prepared is labelled data made ready for cross-validation: the examples
// (originals, then synthetic ones), their model inputs, labels and folds.
// The text-model input of every example comes from a text model that never
// saw its fold, so a logistic model learns how far to trust it on unseen
// text.
type Prepared struct {
	// Examples are the originals followed by the synthetic examples.
	Examples []Example
	// TooShort are the examples passed over for having fewer than
	// Options.MinWords words: the scorer gives such articles no score.
	TooShort []Example
	// Inputs are the model inputs of each example, in the order of
	// model.InputNames.
	Inputs [][]float64
	// Spam is each example's label; Fold its fold, and Groups the group
	// (see GroupBy.Key) that decided it.
	Spam   []bool
	Fold   []int
	Groups []string

	originals int
	prep      []prepared
	vocab     *featureVocab
	foldText  []*textFit // the text model fitted without each fold
	opts      Options
}

// Prepare augments the examples, extracts their signals, assigns the folds
// and computes the out-of-fold text-model input.
func Prepare(examples []Example, opts Options) (*Prepared, error) {
	if opts.Folds < 2 {
		return nil, fmt.Errorf("train: need at least 2 folds, got %d", opts.Folds)
	}
	examples, short := splitTooShort(examples, opts.MinWords)
	if len(short) > 0 {
		opts.logf("passed over %d examples of fewer than %d words, which the scorer does not judge", len(short), opts.MinWords)
	}
	var clean, spam int
	for _, e := range examples {
		if e.Spam {
			spam++
		} else {
			clean++
		}
	}
	if clean < opts.Folds || spam < opts.Folds {
		return nil, fmt.Errorf("train: need at least %d clean and %d spam examples, got %d and %d", opts.Folds, opts.Folds, clean, spam)
	}
	all := append([]Example(nil), examples...)
	if opts.Augment {
		synthetic := Augment(examples, opts.Pools, opts.Seed)
		opts.logf("augmented: %d synthetic examples from %d originals", len(synthetic), len(examples))
		all = append(all, synthetic...)
	}
	opts.logf("extracting signals from %d examples", len(all))
	vocab := newFeatureVocab()
	p := &Prepared{Examples: all, TooShort: short, originals: len(examples), prep: prepare(all, vocab, opts.Workers, opts.Progress), vocab: vocab, opts: opts}
	vocab.renumberPrepared(p.prep)

	p.Groups = GroupKeys(all, opts.GroupBy)
	p.Spam = make([]bool, len(all))
	for i, e := range all {
		p.Spam[i] = e.Spam
	}
	p.Fold = Folds(p.Groups, opts.Folds, opts.Seed)
	if err := checkFolds(p, opts); err != nil {
		return nil, err
	}

	p.Inputs = make([][]float64, len(all))
	for i := range all {
		p.Inputs[i] = append(append([]float64(nil), p.prep[i].signals...), 0)
	}
	textCol := len(p.Inputs[0]) - 1
	for f := range opts.Folds {
		opts.logf("text model for fold %d of %d", f+1, opts.Folds)
		tm, err := p.trainText(func(i int) bool { return p.Fold[i] != f })
		if err != nil {
			return nil, fmt.Errorf("train: fold %d: %w", f+1, err)
		}
		p.foldText = append(p.foldText, tm)
		for i := range all {
			if p.Fold[i] == f {
				p.Inputs[i][textCol] = tm.score(p.prep[i].text)
			}
		}
	}
	return p, nil
}

// splitTooShort separates the examples of fewer than minWords words, as
// the scorer counts them (the text's words, without the title).
func splitTooShort(examples []Example, minWords int) (kept, short []Example) {
	if minWords <= 0 {
		return examples, nil
	}
	var d features.Document
	for _, e := range examples {
		d.Reset("", e.Article.Text)
		if d.WordCount() < minWords && !d.WordsCut {
			short = append(short, e)
		} else {
			kept = append(kept, e)
		}
	}
	return kept, short
}

// checkFolds makes sure that every fold leaves both clean and spam
// originals to train on, which a grouping coarser than the data fails.
func checkFolds(p *Prepared, opts Options) error {
	for f := range opts.Folds {
		var clean, spam int
		for i, e := range p.Examples[:p.originals] {
			if p.Fold[i] == f {
				continue
			}
			if e.Spam {
				spam++
			} else {
				clean++
			}
		}
		if clean == 0 || spam == 0 {
			class := "clean"
			if spam == 0 {
				class = "spam"
			}
			return fmt.Errorf("train: grouped by %s, the %s examples fall in too few groups: fold %d has all of them and leaves none to train on (try a finer grouping, such as group,id)",
				groupByName(opts.GroupBy), class, f+1)
		}
	}
	return nil
}

// groupByName is the grouping as messages name it.
func groupByName(g GroupBy) string {
	if len(g) == 0 {
		g = DefaultGroupBy
	}
	return g.String()
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// lambdaTolerance is how much worse, relatively, a penalty's out-of-fold
// log loss may be than the best one's for the stronger penalty to be
// chosen.
const lambdaTolerance = 0.005

// CrossValidation is the out-of-fold result of one logistic model.
type CrossValidation struct {
	// OutOfFold is each example's spam probability from the model fitted
	// without its fold.
	OutOfFold []float64
	// Lambda is the strongest L2 penalty whose out-of-fold log loss is
	// within lambdaTolerance of the lowest, and LambdaLoss the loss of
	// every penalty tried.
	Lambda     float64
	LambdaLoss map[float64]float64

	// folds are the logistic fits of the chosen penalty, one per fold.
	folds []foldFit
}

// CrossValidate fits a logistic model per fold over the inputs that keep
// accepts (all when keep is nil), for every penalty in the options, and
// returns the out-of-fold probabilities of the chosen penalty. Evaluation
// uses it to measure the model's parts alone: the signals without the text
// model, or the text model alone.
func (p *Prepared) CrossValidate(keep func(input int) bool) (*CrossValidation, error) {
	x := p.Inputs
	if keep != nil {
		x = make([][]float64, len(p.Inputs))
		for i, row := range p.Inputs {
			for j, v := range row {
				if keep(j) {
					x[i] = append(x[i], v)
				}
			}
		}
		if len(x) == 0 || len(x[0]) == 0 {
			return nil, errors.New("cross-validate: no inputs kept")
		}
	}
	cv := &CrossValidation{LambdaLoss: make(map[float64]float64)}
	type tried struct {
		lambda float64
		loss   float64
		oof    []float64
		folds  []foldFit
	}
	var all []tried
	best := math.Inf(1)
	for _, lambda := range p.opts.Lambdas {
		oof, fits, err := crossValidate(x, p.Spam, p.Fold, p.opts.Folds, lambda, fixedInputs(p.opts.Unweighted, keep))
		if err != nil {
			return nil, err
		}
		loss := metrics.LogLoss(oof, p.Spam)
		cv.LambdaLoss[lambda] = loss
		p.opts.logf("lambda %g: out-of-fold log loss %.4f, AUROC %.4f", lambda, loss, metrics.AUROC(oof, p.Spam))
		all = append(all, tried{lambda, loss, oof, fits})
		best = math.Min(best, loss)
	}
	// The strongest penalty whose loss is as good as the best, within a
	// tolerance far below the noise between folds: of models that fit
	// alike, the simpler one, and a choice that does not flip on a hair.
	for _, t := range all {
		if t.loss <= best*(1+lambdaTolerance) && (cv.OutOfFold == nil || t.lambda > cv.Lambda) {
			cv.Lambda, cv.OutOfFold, cv.folds = t.lambda, t.oof, t.folds
		}
	}
	if cv.OutOfFold == nil {
		return nil, errors.New("cross-validate: no lambda to try")
	}
	return cv, nil
}

// Train fits a model on labelled examples.
func Train(examples []Example, opts Options) (*Result, error) {
	p, err := Prepare(examples, opts)
	if err != nil {
		return nil, err
	}
	cv, err := p.CrossValidate(nil)
	if err != nil {
		return nil, err
	}
	all, x, y := p.Examples, p.Inputs, p.Spam
	bestOOF, bestLambda := cv.OutOfFold, cv.Lambda
	res := &Result{Examples: all, Fold: p.Fold, OutOfFold: bestOOF, LambdaLoss: cv.LambdaLoss, Prepared: p}

	thresholds := opts.thresholds(bestOOF, y, func(int) bool { return true })
	for f, ff := range cv.folds {
		t := opts.thresholds(bestOOF, y, func(i int) bool { return p.Fold[i] != f })
		res.FoldModels = append(res.FoldModels, newModel(ff.scaling, ff.fit, t, p.foldText[f].model))
	}

	opts.logf("text model on all examples")
	text, err := p.trainText(func(int) bool { return true })
	if err != nil {
		return nil, err
	}
	scaling := FitScaling(x)
	fit, err := FitLogistic(scaling.Apply(x), y, bestLambda, fixedInputs(opts.Unweighted, nil)...)
	if err != nil {
		return nil, err
	}
	m := newModel(scaling, fit, thresholds, text.model)
	m.Training = model.Training{
		Data:           dataFiles(examples),
		Augmented:      len(all) - len(examples),
		Seed:           opts.Seed,
		Folds:          opts.Folds,
		Lambda:         bestLambda,
		CrossValidated: Measure(bestOOF, y, thresholds.Spam),
	}
	var origP []float64
	var origY []bool
	for i, e := range all {
		if e.Augmented == "" {
			origP = append(origP, bestOOF[i])
			origY = append(origY, y[i])
		}
	}
	m.Training.CrossValidatedOriginals = Measure(origP, origY, thresholds.Spam)
	for _, b := range metrics.Reliability(bestOOF, y, 10) {
		m.Training.Reliability = append(m.Training.Reliability, metrics.Bin{
			Low: round(b.Low), High: round(b.High), Count: b.Count, Predicted: round(b.Predicted), Observed: round(b.Observed),
		})
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("train: the fitted model is unusable: %w", err)
	}
	res.Model = m
	return res, nil
}

// thresholds chooses verdict thresholds on the probabilities of the
// examples that use accepts: spam where a share SpamFPR of their clean
// examples would be flagged, suspect where SuspectFPR would.
func (o Options) thresholds(p []float64, y []bool, use func(int) bool) model.Thresholds {
	var pp []float64
	var yy []bool
	for i := range p {
		if use(i) {
			pp = append(pp, p[i])
			yy = append(yy, y[i])
		}
	}
	spam, _ := metrics.ThresholdForFPR(pp, yy, o.SpamFPR)
	suspect, _ := metrics.ThresholdForFPR(pp, yy, o.SuspectFPR)
	return model.Thresholds{Spam: clamp(spam), Suspect: clamp(min(suspect, spam))}
}

// newModel assembles a model from its fitted parts.
func newModel(scaling Scaling, fit Logistic, t model.Thresholds, text *model.TextModel) *model.Model {
	return &model.Model{
		Format:         model.Format,
		FeatureVersion: features.Version,
		Features:       model.InputNames(),
		Mean:           roundAll(scaling.Mean),
		Scale:          roundAll(scaling.Scale),
		Weights:        roundAll(fit.Weights),
		Intercept:      round(fit.Intercept),
		Thresholds:     t,
		Text:           text,
	}
}

// Measure computes the headline metrics of probabilities p against labels
// y at the spam threshold.
func Measure(p []float64, y []bool, spamThreshold float64) model.Metrics {
	c := metrics.At(p, y, spamThreshold)
	return model.Metrics{
		Articles:     len(p),
		AUROC:        round(metrics.AUROC(p, y)),
		Precision:    round(c.Precision()),
		Recall:       round(c.Recall()),
		F1:           round(c.F1()),
		CleanFlagged: round(c.FalsePositiveRate()),
		LogLoss:      round(metrics.LogLoss(p, y)),
		Brier:        round(metrics.Brier(p, y)),
	}
}

// clamp keeps a threshold strictly inside (0, 1).
func clamp(t float64) float64 { return round(math.Min(math.Max(t, 1e-6), 1-1e-6)) }

func roundAll(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = round(x)
	}
	return out
}

// trainText fits the text model on the original examples that keep
// accepts, and on their openings: injected examples share nearly all their
// words with clean ones and would teach the text model that news words are
// spam, while an opening has its article's label and teaches the model to
// read a short text as it reads a long one.
func (p *Prepared) trainText(keep func(int) bool) (*textFit, error) {
	docs := make([]textDoc, len(p.prep))
	groups := make([]string, len(p.prep))
	for i := range p.prep {
		docs[i] = p.prep[i].text
		groups[i] = p.Examples[i].Article.Group
	}
	original := func(i int) bool {
		a := p.Examples[i].Augmented
		return (a == "" || a == AugmentOpening) && keep(i)
	}
	var trainGroups []string
	var trainSpam []bool
	var rows []int
	for i := range docs {
		if original(i) {
			rows = append(rows, i)
			trainGroups = append(trainGroups, groups[i])
			trainSpam = append(trainSpam, p.Spam[i])
		}
	}
	w := textWeights{fit: make([]float64, len(docs))}
	for r, x := range PairWeights(trainGroups, trainSpam) {
		w.fit[rows[r]] = x
	}
	if p.opts.Text.PairedRatios {
		w.ratio = make([]int, len(docs))
		for r, x := range PairCounts(trainGroups, trainSpam) {
			w.ratio[rows[r]] = x
		}
	}
	return fitTextModel(p.vocab, docs, p.Spam, w, original, p.opts.Text)
}

// fixedInputs marks, among the model inputs that keep accepts (all when
// keep is nil), in their order, the value and fired flag of the named
// signals.
func fixedInputs(names []string, keep func(input int) bool) []bool {
	var out []bool
	for i := range model.InputNames() {
		if keep != nil && !keep(i) {
			continue
		}
		sig := ""
		if k := model.SignalOf(i); k >= 0 {
			sig = features.Names()[k]
		}
		out = append(out, sig != "" && slices.Contains(names, sig))
	}
	return out
}

// foldFit is the logistic model fitted without one fold.
type foldFit struct {
	scaling Scaling
	fit     Logistic
}

// crossValidate fits one logistic model per fold and returns the
// out-of-fold probabilities and the fits.
func crossValidate(x [][]float64, y []bool, fold []int, k int, lambda float64, fixed []bool) ([]float64, []foldFit, error) {
	oof := make([]float64, len(x))
	fits := make([]foldFit, k)
	for f := range k {
		var trX [][]float64
		var trY []bool
		for i := range x {
			if fold[i] != f {
				trX = append(trX, x[i])
				trY = append(trY, y[i])
			}
		}
		sc := FitScaling(trX)
		fit, err := FitLogistic(sc.Apply(trX), trY, lambda, fixed...)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %d: %w", f, err)
		}
		fits[f] = foldFit{sc, fit}
		for i := range x {
			if fold[i] == f {
				oof[i] = fit.Predict(sc.Apply([][]float64{x[i]})[0])
			}
		}
	}
	return oof, fits, nil
}

// prepare extracts the signals and text-model features of every example on
// several cores, telling progress (when not nil) how many it has handed out.
func prepare(all []Example, vocab *featureVocab, workers int, progress func(done, total int)) []prepared {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]prepared, len(all))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := all[i].Article
				d := features.NewPage(a.Title, a.Text, a.Hidden)
				out[i] = prepared{signals: model.SignalInputs(nil, features.ExtractDocument(d)), text: vocab.doc(d)}
			}
		}()
	}
	for i := range all {
		next <- i
		if progress != nil {
			progress(i+1, len(all))
		}
	}
	close(next)
	wg.Wait()
	return out
}

// dataFiles counts the examples of each data file, in file order.
func dataFiles(examples []Example) []model.DataFile {
	idx := make(map[string]int)
	var out []model.DataFile
	for _, e := range examples {
		k, ok := idx[e.File]
		if !ok {
			k = len(out)
			idx[e.File] = k
			out = append(out, model.DataFile{Path: e.File})
		}
		if e.Spam {
			out[k].Spam++
		} else {
			out[k].Clean++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// The openings training adds (see Augmenter.Opening) are this many words
// long, from just past the scorer's minimum to a short article.
const (
	openingMinWords = 50
	openingMaxWords = 130
)

// GroupKeys returns the fold group of each example under g
// (DefaultGroupBy when g is empty): a synthetic example made by Augment
// from one of the examples before it in the list gets its original's group.
func GroupKeys(examples []Example, g GroupBy) []string {
	if len(g) == 0 {
		g = DefaultGroupBy
	}
	keys := make([]string, len(examples))
	for i, e := range examples {
		if e.origin > 0 && e.origin-1 < i {
			keys[i] = keys[e.origin-1]
			continue
		}
		keys[i] = g.Key(e.Article, e.Spam)
	}
	return keys
}

// Augment makes synthetic examples from the originals: clean articles with
// injected ads, stuffed keywords or shop templates (labelled spam), clean
// articles with ordinary page debris or page furniture (still clean), spam
// articles with content-farm debris, and the openings of clean and spam
// articles (each keeping its label; twice as many clean ones), so that
// shortness alone tells nothing. Each synthetic example keeps its original's
// metadata, and GroupKeys puts it in its original's fold group.
func Augment(examples []Example, pools Pools, seed int64) []Example {
	var titles []string
	for _, e := range examples {
		if t := e.Article.Title; t != "" && len(t) < 120 {
			titles = append(titles, t)
		}
	}
	aug := NewAugmenter(pools, seed, titles)
	var out []Example
	var origin int
	add := func(e Example, kind, text string, spam bool) {
		a := e.Article
		a.ID = e.Article.ID + "#" + kind
		a.Text = text
		out = append(out, Example{Article: a, Spam: spam, Augmented: kind, File: e.File, origin: origin})
	}
	for i, e := range examples {
		origin = i + 1
		if e.Augmented != "" || e.Article.Text == "" {
			continue
		}
		r := aug.rng.Float64()
		text := e.Article.Text
		if e.Spam {
			switch {
			case r < 0.3:
				add(e, AugmentFarm, aug.AddFarmDebris(e.Article.Title, text), true)
			case r < 0.45:
				if opening, ok := aug.Opening(text, openingMinWords, openingMaxWords); ok {
					add(e, AugmentOpening, opening, true)
				}
			}
			continue
		}
		switch {
		case r < 0.12:
			add(e, AugmentAd, aug.InjectAds(text), true)
		case r < 0.24:
			add(e, AugmentStuffing, aug.StuffKeywords(e.Article.Title, text), true)
		case r < 0.32:
			add(e, AugmentTemplate, aug.InjectTemplate(text), true)
		case r < 0.52:
			add(e, AugmentDebris, aug.AddBenignDebris(text), false)
		case r < 0.67:
			add(e, AugmentFurnish, aug.AddPageFurniture(e.Article.Title, text), false)
		case r < 0.97:
			// Twice the share of the spam articles': a short text gives
			// less to judge by, and a clean brief dropped costs more
			// than a short spam page let through.
			if opening, ok := aug.Opening(text, openingMinWords, openingMaxWords); ok {
				add(e, AugmentOpening, opening, false)
			}
		default:
			// The article as it stands, with spam hidden beside it.
			add(e, AugmentHidden, text, true)
			out[len(out)-1].Article.Hidden = aug.HiddenSpam(e.Article.Title, text)
		}
	}
	return out
}
