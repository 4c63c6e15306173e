package training

import (
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jbrukh/bayesian"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/race"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/metrics"
)

// designDoc is one labelled corpus article prepared for every design.
type designDoc struct {
	article corpus.Article
	spam    bool
	text    textDoc
	words   []string // every word, names and numbers included
}

// textDesign fits a text model on the training documents and scores the
// others.
type textDesign struct {
	name string
	fit  func(v *featureVocab, docs []designDoc, train func(int) bool) (func(designDoc) float64, error)
}

// TestTextDesigns compares designs of the text model by the AUROC of their
// out-of-fold scores when whole sites are held out (leave-site-out,
// GroupBy{site, group}) and when whole generator families are held out
// (leave-generator-out, GroupBy{model}), on the corpus articles without
// synthetic ones. The kept design (NBSVM over words and style, ratios
// within pairs) must beat the naive Bayes word model it replaced under both.
// NEWSQUAL_FULL=1 runs it on every article (make eval); otherwise it runs
// on a sample of one story group or site in six.
func TestTextDesigns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains text models")
	}
	if race.Enabled {
		t.Skip("trains on thousands of articles, several times slower under the race detector; make test runs it without -race")
	}
	dir := shareddata.Path(t, "corpus")
	full := os.Getenv("NEWSQUAL_FULL") != ""
	files := []string{"xsum-human-vs-llm.jsonl", "bbc-news.jsonl", "reuters-21578.jsonl", "templates.jsonl",
		"news-outlets.jsonl", "news-pages-html.jsonl", "pan24-human-vs-llm.jsonl"}
	var paths []string
	for _, f := range files {
		paths = append(paths, dir+"/"+f)
	}
	arts, problems := corpus.Labelled(paths, corpus.Options{})
	for _, p := range problems {
		if p.Err != nil {
			t.Fatal(p.Err)
		}
	}
	sampleKey := GroupBy{BySite, ByGroup}
	var docs []designDoc
	for _, a := range arts {
		spam := a.Label == corpus.LabelSpam
		if !full {
			h := fnv.New32a()
			h.Write([]byte(sampleKey.Key(a, spam)))
			if h.Sum32()%6 != 0 {
				continue
			}
		}
		docs = append(docs, designDoc{article: a, spam: spam})
	}
	v := newFeatureVocab()
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := features.NewDocument(docs[i].article.Title, docs[i].article.Text)
				docs[i].text = v.doc(d)
				docs[i].words = allWords(d)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	texts := make([]textDoc, len(docs))
	for i := range docs {
		texts[i] = docs[i].text
	}
	v.renumber(texts) // the documents share their arrays with docs

	opts := DefaultTextOptions()
	if !full {
		opts.MaxIterations = 60
	}
	// Knobs for trying variants by hand.
	if n := os.Getenv("NEWSQUAL_TEXT_ITERATIONS"); n != "" {
		fmt.Sscan(n, &opts.MaxIterations)
	}
	if n := os.Getenv("NEWSQUAL_TEXT_MINDOCS"); n != "" {
		fmt.Sscan(n, &opts.MinDocs)
	}
	if n := os.Getenv("NEWSQUAL_TEXT_LAMBDA"); n != "" {
		fmt.Sscan(n, &opts.Lambda)
	}
	only := os.Getenv("NEWSQUAL_TEXT_DESIGN")
	// The kept design learns its ratios within pairs (the default); the
	// others learn them over all articles.
	withinPairs := opts
	withinPairs.PairedRatios = true
	opts.PairedRatios = false
	designs := []textDesign{
		{"naive Bayes, all words (the replaced model)", naiveBayesDesign(func(d designDoc) []string { return d.words })},
		{"naive Bayes, words and style", naiveBayesDesign(func(d designDoc) []string { return v.keysOf(d.text) })},
		{"NBSVM, words only", nbsvmDesign(opts, true, onlyWords(v))},
		{"NBSVM, words and style, unweighted", nbsvmDesign(opts, false, nil)},
		{"NBSVM, words and style, pair-weighted", nbsvmDesign(opts, true, nil)},
		{"NBSVM, words and style, ratios within pairs (kept)", nbsvmDesign(withinPairs, true, nil)},
	}
	type scheme struct {
		name  string
		by    GroupBy
		cross GroupBy // when set, an article is held out only where both groupings put it, trained on only where neither does
		focus func(designDoc) bool
	}
	paired := func(d designDoc) bool {
		return (d.article.Source == "pan24-generative-authorship" || strings.HasPrefix(d.article.Source, "xsum")) && d.article.Task != "polish"
	}
	schemes := []scheme{
		{"leave-site-out", GroupBy{BySite, ByGroup}, nil, func(d designDoc) bool { return d.spam || d.article.Site != "" }},
		{"leave-generator-out", GroupBy{ByModel}, nil, paired},
		{"leave-generator-and-story-out", GroupBy{ByModel}, GroupBy{ByGroup}, paired},
	}
	t.Logf("%d articles (full=%v)", len(docs), full)
	auc := make([][]float64, len(designs))
	for k, ds := range designs {
		if only != "" && !strings.Contains(ds.name, only) && k != 0 {
			auc[k] = []float64{1, 1, 1}
			continue
		}
		for _, sc := range schemes {
			groups := make([]string, len(docs))
			cross := make([]string, len(docs))
			for i, d := range docs {
				groups[i] = sc.by.Key(d.article, d.spam)
				if sc.cross != nil {
					cross[i] = sc.cross.Key(d.article, d.spam)
				}
			}
			fold := Folds(groups, 5, 1)
			fold2 := Folds(cross, 5, 2)
			if sc.cross != nil {
				// A human article has no generator: it is held out with
				// its story alone.
				for i, d := range docs {
					if !d.spam {
						fold[i] = fold2[i]
					}
				}
			}
			oof := make([]float64, len(docs))
			scored := make([]bool, len(docs))
			for f := range 5 {
				train := func(i int) bool { return fold[i] != f && (sc.cross == nil || fold2[i] != f) }
				score, err := ds.fit(v, docs, train)
				if err != nil {
					t.Fatalf("%s, %s, fold %d: %v", ds.name, sc.name, f, err)
				}
				for i := range docs {
					if fold[i] == f && (sc.cross == nil || fold2[i] == f) {
						oof[i], scored[i] = score(docs[i]), true
					}
				}
			}
			var p []float64
			var y []bool
			for i, d := range docs {
				if scored[i] && sc.focus(d) {
					p = append(p, oof[i])
					y = append(y, d.spam)
				}
			}
			a := metrics.AUROC(p, y)
			auc[k] = append(auc[k], a)
		}
		t.Logf("%-46s  AUROC leave-site-out %.4f  leave-generator-out %.4f  leave-generator-and-story-out %.4f", ds.name, auc[k][0], auc[k][1], auc[k][2])
	}
	kept, replaced := auc[len(auc)-1], auc[0]
	for s, sc := range schemes {
		if kept[s] <= replaced[s] {
			t.Errorf("%s: the kept design (AUROC %.4f) does not beat the naive Bayes word model (%.4f)", sc.name, kept[s], replaced[s])
		}
	}
}

// allWords returns the words of a document as the replaced naive Bayes
// model read them: every word of two letters or more, lower case, digits
// as 0.
func allWords(d *features.Document) []string {
	out := make([]string, 0, len(d.Words))
	for _, w := range d.Words {
		if len(w.Norm) < 2 {
			continue
		}
		b := []byte(strings.TrimSuffix(w.Norm, "'s"))
		for i, c := range b {
			if '0' <= c && c <= '9' {
				b[i] = '0'
			}
		}
		out = append(out, string(b))
	}
	return out
}

// keysOf returns the feature keys of a document, each as often as it
// occurs.
func (v *featureVocab) keysOf(d textDoc) []string {
	var out []string
	for k, id := range d.ids {
		for range d.counts[k] {
			out = append(out, v.keys[id])
		}
	}
	return out
}

// onlyWords keeps the word features of a document.
func onlyWords(v *featureVocab) func(textDoc) textDoc {
	return func(d textDoc) textDoc {
		var out textDoc
		for k, id := range d.ids {
			if isWordFeature(v.keys[id]) {
				out.ids = append(out.ids, id)
				out.counts = append(out.counts, d.counts[k])
			}
		}
		return out
	}
}

// isWordFeature reports whether a feature key is a word rather than a
// style n-gram or item.
func isWordFeature(key string) bool {
	r, _ := utf8.DecodeRuneInString(key)
	return !strings.Contains(key, " ") && unicode.IsLetter(r)
}

// naiveBayesDesign is a naive Bayes classifier (github.com/jbrukh/bayesian)
// over the given tokens, scoring a document by its mean log-likelihood
// ratio per token, as the replaced text model did.
func naiveBayesDesign(tokens func(designDoc) []string) func(*featureVocab, []designDoc, func(int) bool) (func(designDoc) float64, error) {
	return func(_ *featureVocab, docs []designDoc, train func(int) bool) (func(designDoc) float64, error) {
		nb := bayesian.NewClassifier(classClean, classSpam)
		counts := make(map[string]int)
		for i, d := range docs {
			if !train(i) {
				continue
			}
			class := classClean
			if d.spam {
				class = classSpam
			}
			toks := tokens(d)
			nb.Learn(toks, class)
			for _, tok := range toks {
				counts[tok]++
			}
		}
		var vocab []string
		for tok, c := range counts {
			if c >= 3 {
				vocab = append(vocab, tok)
			}
		}
		probs := nb.WordFrequencies(append(vocab, "\x00unseen"))
		ratio := make(map[string]float64, len(vocab))
		for j, tok := range vocab {
			ratio[tok] = math.Log(probs[1][j]) - math.Log(probs[0][j])
		}
		unseen := math.Log(probs[1][len(vocab)]) - math.Log(probs[0][len(vocab)])
		return func(d designDoc) float64 {
			toks := tokens(d)
			if len(toks) == 0 {
				return 0
			}
			sum := 0.0
			for _, tok := range toks {
				if r, ok := ratio[tok]; ok {
					sum += r
				} else {
					sum += unseen
				}
			}
			return sum / float64(len(toks))
		}, nil
	}
}

// nbsvmDesign is the text model as training fits it, over the features
// filter keeps (all when nil), with or without pair weights.
func nbsvmDesign(opts TextOptions, pairWeighted bool, filter func(textDoc) textDoc) func(*featureVocab, []designDoc, func(int) bool) (func(designDoc) float64, error) {
	return func(v *featureVocab, docs []designDoc, train func(int) bool) (func(designDoc) float64, error) {
		tds := make([]textDoc, len(docs))
		spam := make([]bool, len(docs))
		groups := make([]string, len(docs))
		for i, d := range docs {
			tds[i] = d.text
			if filter != nil {
				tds[i] = filter(d.text)
			}
			spam[i] = d.spam
			if train(i) {
				groups[i] = d.article.Group
			}
		}
		var weight textWeights
		if pairWeighted {
			weight.fit = PairWeights(groups, spam)
		}
		if opts.PairedRatios {
			weight.ratio = PairCounts(groups, spam)
		}
		fit, err := fitTextModel(v, tds, spam, weight, train, opts)
		if err != nil {
			return nil, err
		}
		return func(d designDoc) float64 {
			td := d.text
			if filter != nil {
				td = filter(td)
			}
			return fit.score(td)
		}, nil
	}
}
