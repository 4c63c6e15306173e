package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/ordered"
	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
	"github.com/newsqual/newsqual/training"
)

// Options control an evaluation.
type Options struct {
	// Workers is the number of goroutines scoring (0: one per CPU).
	Workers int
	// WorstErrors is how many false positives and false negatives the
	// report quotes (default 10).
	WorstErrors int
	// Peers turns on the peer baselines (bogofilter, golearn) in
	// cross-validation.
	Peers bool
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Files gives the file each article was read from, in the order of
	// the articles (optional): EvaluateModel compares them with the
	// model's training files to warn of in-sample figures.
	Files []string
	// Progress, when not nil, is called once for each article judged, with
	// the number of articles to judge.
	Progress func(total int)
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

func (o Options) worst() int {
	if o.WorstErrors <= 0 {
		return 10
	}
	return o.WorstErrors
}

// Names of the baselines.
const (
	BaselineFull    = "newsqual (full model)"
	BaselineText    = "text model alone (words and style)"
	BaselineSignals = "signals alone (logistic, no text model)"
)

// ErrNoData is returned for an evaluation with nothing to evaluate.
var ErrNoData = errors.New("no labelled articles to evaluate")

// scored is what one pass over an article yields.
type scored struct {
	verdict     string
	probability float64 // NaN when the scorer gives no score
	textOnly    float64
	fired       []bool
}

// undefinedMetrics is the metrics row of a baseline that was not measured:
// the counts of the data, every measure undefined.
func undefinedMetrics(of Metrics) Metrics {
	return Metrics{Articles: of.Articles, Clean: of.Clean, Spam: of.Spam,
		AUROC: nan(), AveragePrecision: nan(), Brier: nan(), LogLoss: nan(), ECE: nan()}
}

// judge scores one article as newsqual score does: its verdict and spam
// probability (NaN when the article gets none: too short, empty, not
// English).
func judge(s *newsqual.Scorer, a corpus.Article) (verdict string, probability float64) {
	res := s.Score(a)
	if !res.Judged() {
		return string(res.Verdict), math.NaN()
	}
	return string(res.Verdict), *res.SpamProbability
}

// EvaluateModel scores labelled articles with a model and measures it. The
// baselines are the full model and its text model alone (the signals alone
// need training: see CrossValidate).
func EvaluateModel(ctx context.Context, scorer *newsqual.Scorer, modelName string, articles []corpus.Article, data []string, opts Options) (*Report, error) {
	if len(articles) == 0 {
		return nil, ErrNoData
	}
	m := scorer.Model()
	in := make(chan corpus.Article)
	go func() {
		defer close(in)
		for _, a := range articles {
			select {
			case in <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	opts.logf("scoring %d articles with %s", len(articles), modelName)
	var results []scored
	for r := range ordered.Map(ctx, in, opts.Workers, func(a corpus.Article) scored {
		verdict, p := judge(scorer, a)
		d := features.NewPage(a.Title, a.Text, a.Hidden)
		sig := features.ExtractDocument(d)
		fired := make([]bool, len(sig))
		for k, s := range sig {
			fired[k] = s.Fired
		}
		text := math.NaN()
		if !math.IsNaN(p) {
			text = model.Sigmoid(m.Text.Scan(d).Score)
		}
		return scored{verdict: verdict, probability: p, textOnly: text, fired: fired}
	}) {
		results = append(results, r)
		if opts.Progress != nil {
			opts.Progress(len(articles))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Report{Mode: "model", Model: modelName, Data: data, Thresholds: []model.Thresholds{m.Thresholds}}
	r.Provenance, _ = newsqual.ProvenanceOf(m)
	if len(opts.Files) == len(articles) {
		r.TrainingOverlap = trainingOverlap(m.Training.Data, opts.Files)
	}
	full := make([]float64, len(articles))
	text := make([]float64, len(articles))
	verdicts := make([]string, len(articles))
	fired := make([][]bool, len(articles))
	for i, s := range results {
		full[i], text[i], verdicts[i], fired[i] = s.probability, s.textOnly, s.verdict, s.fired
	}
	r.Examples = examplesOf(articles, full, verdicts, nil, nil)
	r.fill()
	r.Baselines = []Baseline{
		baseline(BaselineFull, r.Examples, full, &m.Thresholds),
		baseline(BaselineText, r.Examples, text, nil),
		{Name: BaselineSignals, Note: "needs training: run the evaluation with --folds", Metrics: undefinedMetrics(r.Overall)},
	}
	r.Baselines[1].Note = "the model's own text model over words and style, its log-odds read as a probability " +
		"(a ranking score, not calibrated: the full model recalibrates it)"
	r.Signals = signalTable(m, r.Examples, fired)
	r.worstErrors(func(int) *newsqual.Scorer { return scorer }, articles, opts.worst())
	measureThroughput(&r.Baselines[0], scorer, articles)
	return r, nil
}

// CrossValidate trains models out of fold on labelled examples (with the
// training options' augmentation, grouping, folds and seed) and measures
// them: every example is judged by the model fitted without its fold,
// through the scorer, with that model's verdict thresholds, which were
// chosen on the other folds only. The report also measures the model's
// parts alone and, when asked, the peers, on the same folds.
func CrossValidate(ctx context.Context, examples []training.Example, data []string, topts training.Options, opts Options) (*Report, error) {
	if len(examples) == 0 {
		return nil, ErrNoData
	}
	res, err := training.Train(examples, topts)
	if err != nil {
		return nil, err
	}
	p := res.Prepared
	m := res.Model
	signals, err := p.CrossValidate(func(j int) bool { return !model.IsTextInput(j) })
	if err != nil {
		return nil, err
	}
	text, err := p.CrossValidate(model.IsTextInput)
	if err != nil {
		return nil, err
	}
	articles := make([]corpus.Article, len(p.Examples))
	for i, e := range p.Examples {
		articles[i] = e.Article
		if e.Augmented != "" {
			articles[i].Kind = "synthetic " + e.Augmented
		}
	}
	scorers := make([]*newsqual.Scorer, len(res.FoldModels))
	for f, fm := range res.FoldModels {
		if scorers[f], err = newsqual.New(fm); err != nil {
			return nil, err
		}
	}
	scorerOf := func(i int) *newsqual.Scorer { return scorers[p.Fold[i]] }
	opts.logf("judging %d examples with the models fitted without their folds", len(articles))
	in := make(chan int)
	go func() {
		defer close(in)
		for i := range articles {
			select {
			case in <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	full := make([]float64, 0, len(articles))
	verdicts := make([]string, 0, len(articles))
	for r := range ordered.Map(ctx, in, opts.Workers, func(i int) scored {
		v, prob := judge(scorerOf(i), articles[i])
		return scored{verdict: v, probability: prob}
	}) {
		full = append(full, r.probability)
		verdicts = append(verdicts, r.verdict)
		if opts.Progress != nil {
			opts.Progress(len(articles))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Report{Mode: "cross-validation", Model: fmt.Sprintf("trained out of fold (lambda %g, %d synthetic examples)", m.Training.Lambda, m.Training.Augmented),
		Data: data, Folds: topts.Folds, Seed: topts.Seed, GroupBy: groupByName(topts.GroupBy)}
	r.Provenance, _ = newsqual.ProvenanceOf(m)
	for _, fm := range res.FoldModels {
		r.Thresholds = append(r.Thresholds, fm.Thresholds)
	}
	r.Examples = examplesOf(articles, full, verdicts, p.Spam, p.Groups)
	// Articles too short to judge were never trained or tested on; they
	// count as not judged, in their groups.
	if len(p.TooShort) > 0 {
		short := make([]corpus.Article, len(p.TooShort))
		spam := make([]bool, len(p.TooShort))
		nan := make([]float64, len(p.TooShort))
		v := make([]string, len(p.TooShort))
		for i, e := range p.TooShort {
			short[i], spam[i], nan[i], v[i] = e.Article, e.Spam, math.NaN(), string(newsqual.VerdictTooShort)
		}
		r.Examples = append(r.Examples, examplesOf(short, nan, v, spam, training.GroupKeys(p.TooShort, topts.GroupBy))...)
	}
	r.fill()
	judged := r.Examples[:len(articles)]
	r.Baselines = []Baseline{
		baseline(BaselineFull, judged, full, nil),
		baseline(BaselineSignals, judged, judgedOnly(signals.OutOfFold, full), nil),
		baseline(BaselineText, judged, judgedOnly(text.OutOfFold, full), nil),
	}
	r.Baselines[0].Metrics = r.Overall
	r.Baselines[0].Metrics.Reliability = nil
	fired := make([][]bool, len(p.Inputs))
	for i, row := range p.Inputs {
		fired[i] = model.FiredFlags(row)
	}
	r.Signals = signalTable(m, judged, fired)
	r.worstErrors(scorerOf, articles, opts.worst())
	originals := articles[:len(examples)-len(p.TooShort)]
	shipped, err := newsqual.New(m)
	if err != nil {
		return nil, err
	}
	measureThroughput(&r.Baselines[0], shipped, originals)
	if opts.Peers {
		r.Baselines = append(r.Baselines, runPeers(ctx, p, opts)...)
	}
	return r, nil
}

// trainingOverlap compares the files the articles were read from (one per
// article) with the model's training files, by file name, and returns nil
// when none was trained on.
func trainingOverlap(trained []model.DataFile, files []string) *Overlap {
	names := make(map[string]bool, len(trained))
	for _, d := range trained {
		names[baseName(d.Path)] = true
	}
	o := &Overlap{ComparedBy: "file name", TotalArticles: len(files), Files: []string{}}
	seen := make(map[string]bool)
	for _, f := range files {
		name := baseName(f)
		if !seen[f] {
			seen[f] = true
			o.EvaluatedFiles++
			if names[name] && !slices.Contains(o.Files, name) {
				o.Files = append(o.Files, name)
			}
		}
		if names[name] {
			o.Articles++
		}
	}
	if o.Articles == 0 {
		return nil
	}
	slices.Sort(o.Files)
	return o
}

// baseName is the last element of a slash- or backslash-separated path.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// groupByName names a grouping as the report shows it.
func groupByName(g training.GroupBy) string {
	if len(g) == 0 {
		g = training.DefaultGroupBy
	}
	return g.String()
}

// judgedOnly returns p with NaN wherever the full model gave no score, so
// that every baseline is measured on the same articles.
func judgedOnly(p, full []float64) []float64 {
	out := make([]float64, len(p))
	for i := range p {
		out[i] = p[i]
		if math.IsNaN(full[i]) {
			out[i] = math.NaN()
		}
	}
	return out
}

// examplesOf pairs articles with their probabilities and verdicts. spam
// gives the labels when not nil, else each article's Label does; groups
// gives the cross-validation groups when not nil.
func examplesOf(articles []corpus.Article, p []float64, verdicts []string, spam []bool, groups []string) []Example {
	out := make([]Example, len(articles))
	for i, a := range articles {
		label := a.Label == corpus.LabelSpam
		if spam != nil {
			label = spam[i]
		}
		kind := a.Kind
		if kind == "" {
			kind = map[bool]string{true: "spam", false: "clean"}[label]
		}
		out[i] = Example{ID: a.ID, Kind: kind, Source: a.Source, Generator: a.Generator, Task: a.Task,
			Spam: label, Probability: p[i], Verdict: verdicts[i]}
		if groups != nil {
			out[i].Group = groups[i]
		}
	}
	return out
}

func verdictOf(p float64, t model.Thresholds) string {
	m := model.Model{Thresholds: t}
	return m.Verdict(p)
}

// fill measures the full model overall and by kind, source, group,
// generator and task.
func (r *Report) fill() {
	var t *model.Thresholds
	if len(r.Thresholds) == 1 {
		t = &r.Thresholds[0]
	}
	r.Overall = Measure(r.Examples, t)
	withIntervals(&r.Overall, r.Examples)
	if r.Overall.AUROCInterval != nil {
		r.Bootstrap = defaultBootstrap()
	}
	r.ByKind = groupBy(r.Examples, t, func(e Example) string { return e.Kind })
	r.BySource = groupBy(r.Examples, t, func(e Example) string { return e.Source })
	r.ByGroup = groupRows(r.Examples, func(e Example) string { return e.Group })
	r.ByGenerator = groupRows(r.Examples, func(e Example) string {
		if e.Generator != "" && e.Task != "" {
			return e.Generator + " (" + e.Task + ")"
		}
		return e.Generator
	})
	r.ByTask = groupRows(r.Examples, func(e Example) string { return e.Task })
}

// ThresholdsFor chooses verdict thresholds for probabilities the way
// training does: spam where 1% of clean articles are flagged, suspect where
// 5% are.
func ThresholdsFor(p []float64, y []bool) model.Thresholds {
	var pp []float64
	var yy []bool
	for i := range p {
		if !math.IsNaN(p[i]) {
			pp = append(pp, p[i])
			yy = append(yy, y[i])
		}
	}
	spam, _ := metrics.ThresholdForFPR(pp, yy, 0.01)
	suspect, _ := metrics.ThresholdForFPR(pp, yy, 0.05)
	return model.Thresholds{Suspect: min(suspect, spam), Spam: spam}
}

// baseline measures one scorer's probabilities on the report's examples,
// at the given thresholds or, when t is nil, at thresholds chosen for it by
// the same rule as the model's.
func baseline(name string, ex []Example, p []float64, t *model.Thresholds) Baseline {
	b := make([]Example, len(ex))
	y := make([]bool, len(ex))
	for i, e := range ex {
		y[i] = e.Spam
	}
	th := ThresholdsFor(p, y)
	if t != nil {
		th = *t
	}
	for i, e := range ex {
		b[i] = e
		b[i].Probability = p[i]
		if !math.IsNaN(p[i]) {
			b[i].Verdict = verdictOf(p[i], th)
		}
	}
	m := Measure(b, &th)
	m.Reliability = nil
	return Baseline{Name: name, Metrics: m, Examples: b}
}

// signalTable gives each signal's firing shares per class and its weights,
// strongest weight first.
func signalTable(m *model.Model, ex []Example, fired [][]bool) []SignalRow {
	names := features.Names()
	n := len(names)
	var clean, spam int
	firedClean := make([]int, n)
	firedSpam := make([]int, n)
	for i, e := range ex {
		if e.Spam {
			spam++
		} else {
			clean++
		}
		for k, f := range fired[i] {
			if !f {
				continue
			}
			if e.Spam {
				firedSpam[k]++
			} else {
				firedClean[k]++
			}
		}
	}
	share := func(a, b int) Number {
		if b == 0 {
			return nan()
		}
		return Number(float64(a) / float64(b))
	}
	rows := make([]SignalRow, n)
	for k, name := range names {
		rows[k] = SignalRow{Name: name, FiredClean: share(firedClean[k], clean), FiredSpam: share(firedSpam[k], spam),
			Weight: Number(m.Weights[k]), FiredWeight: Number(m.Weights[model.FiredInput(k)])}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		wi := math.Abs(float64(rows[i].Weight)) + math.Abs(float64(rows[i].FiredWeight))
		wj := math.Abs(float64(rows[j].Weight)) + math.Abs(float64(rows[j].FiredWeight))
		return wi > wj
	})
	return rows
}

// worstErrors quotes the clean articles called spam with the highest spam
// probability and the spam articles not called spam with the lowest, with
// the reasons the scorer that judged each (scorerOf) gives.
func (r *Report) worstErrors(scorerOf func(i int) *newsqual.Scorer, articles []corpus.Article, n int) {
	var idx []int
	for i, e := range r.Examples {
		if e.judged() {
			idx = append(idx, i)
		}
	}
	p := func(i int) float64 { return r.Examples[i].Probability }
	sort.SliceStable(idx, func(a, b int) bool { return p(idx[a]) > p(idx[b]) })
	for _, i := range idx {
		e := r.Examples[i]
		if !e.Spam && e.Verdict == model.Spam && len(r.FalsePositives) < n {
			r.FalsePositives = append(r.FalsePositives, errorCase(scorerOf(i), e, articles[i], false))
		}
	}
	for _, i := range slices.Backward(idx) {
		e := r.Examples[i]
		if e.Spam && e.Verdict != model.Spam && len(r.FalseNegatives) < n {
			r.FalseNegatives = append(r.FalseNegatives, errorCase(scorerOf(i), e, articles[i], true))
		}
	}
}

// errorCase describes one error with the reasons that pushed it the wrong
// way: toward spam for a false positive, toward clean for a false negative.
func errorCase(s *newsqual.Scorer, e Example, a corpus.Article, spam bool) ErrorCase {
	res := s.Score(a)
	c := ErrorCase{ID: e.ID, Kind: e.Kind, Source: e.Source, Group: e.Group, Spam: e.Spam, Probability: Number(e.Probability),
		Quality: int(math.Round(100 * (1 - e.Probability))), Verdict: e.Verdict, Reasons: []string{}}
	var wrongWay, otherWay []newsqual.Reason
	for _, reason := range res.Reasons {
		if reason.TowardClean() != spam {
			otherWay = append(otherWay, reason)
			continue
		}
		if len(c.Reasons) < 3 {
			c.Reasons = append(c.Reasons, fmt.Sprintf("%+.2f %s: %s", reason.Weight, reason.Signal, reason.Message))
		}
		wrongWay = append(wrongWay, reason)
	}
	// The lines of the strongest reasons pushing the wrong way, else of any
	// reason pushing the wrong way; the strongest are often measures of the
	// whole text (a share, a ratio) that quote no line. Failing both, the
	// lines that fired the other way, and failing those, the first lines.
	c.Lines = evidenceLines(a, wrongWay[:min(len(wrongWay), 3)])
	if len(c.Lines) == 0 {
		c.Lines = evidenceLines(a, wrongWay)
	}
	if len(c.Lines) == 0 {
		if c.Lines = evidenceLines(a, otherWay); len(c.Lines) > 0 {
			c.LinesFiredOtherWay = true
		} else {
			c.Excerpt = excerpt(a.Text, 8, 240)
		}
	}
	return c
}

// excerpt returns the first lines of a text that hold something, each cut
// to width runes.
func excerpt(text string, lines, width int) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > width {
			l = string([]rune(l)[:width-1]) + "…"
		}
		out = append(out, l)
		if len(out) == lines {
			break
		}
	}
	return strings.Join(out, "\n")
}

// measureThroughput times scoring the articles on one goroutine, for the
// comparison with peers that score on one core.
func measureThroughput(b *Baseline, s *newsqual.Scorer, articles []corpus.Article) {
	var bytes int
	start := time.Now()
	for _, a := range articles {
		s.Score(a)
		bytes += len(a.Text)
	}
	sec := time.Since(start).Seconds()
	if sec > 0 {
		b.ArticlesPerSecond = Number(float64(len(articles)) / sec)
		b.MBPerSecond = Number(float64(bytes) / 1e6 / sec)
	}
}
