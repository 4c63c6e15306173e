package training

import (
	"testing"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// TestUnseenPatternsAreCaught trains on one half of every augmentation
// pool and checks that ads, shop templates and stuffed phrases built only
// from the other half, injected into articles the model never saw, are
// still flagged: the model must learn the patterns, not the strings.
func TestUnseenPatternsAreCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dir := shareddata.Path(t, "corpus")
	arts, problems := corpus.Labelled([]string{dir + "/bbc-news.jsonl", dir + "/reuters-21578.jsonl", dir + "/xsum-human-vs-llm.jsonl", dir + "/templates.jsonl"}, corpus.Options{})
	for _, p := range problems {
		if p.Err != nil {
			t.Fatal(p.Err)
		}
	}
	// Every fourth article is held out of training altogether (by group,
	// so that no rewrite of a held-out original is trained on).
	var train []Example
	var heldOut []corpus.Article
	for i, a := range arts {
		g := a.Group
		if g == "" {
			g = a.ID
		}
		if hash(g)%4 == 0 {
			if a.Label == corpus.LabelClean {
				heldOut = append(heldOut, a)
			}
			continue
		}
		if i%2 == 0 || a.Label == corpus.LabelSpam { // half the clean ones keep the test quick
			train = append(train, Example{Article: a, Spam: a.Label == corpus.LabelSpam, File: "corpus"})
		}
	}
	seen, unseen := DefaultPools().Split()
	opts := DefaultOptions()
	opts.Pools = seen
	opts.Folds = 3
	opts.Lambdas = []float64{1e-3}
	res, err := Train(train, opts)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Model
	flagged := func(text string) bool {
		d := features.NewDocument("", text)
		return m.Predict(d, features.ExtractDocument(d)).Probability >= m.Thresholds.Spam
	}
	aug := NewAugmenter(unseen, 99, nil)
	rates := map[string][2]int{}
	count := func(kind string, hit bool) {
		r := rates[kind]
		r[0]++
		if hit {
			r[1]++
		}
		rates[kind] = r
	}
	for i, a := range heldOut {
		if i >= 600 {
			break
		}
		count("clean", flagged(a.Text))
		switch i % 3 {
		case 0:
			count(AugmentAd, flagged(aug.InjectAds(a.Text)))
		case 1:
			count(AugmentTemplate, flagged(aug.InjectTemplate(a.Text)))
		default:
			count(AugmentStuffing, flagged(aug.StuffKeywords(a.Title, a.Text)))
		}
	}
	for kind, r := range rates {
		t.Logf("%-18s %4d articles, %5.1f%% flagged", kind, r[0], 100*float64(r[1])/float64(r[0]))
	}
	want := map[string]float64{AugmentAd: 0.75, AugmentTemplate: 0.85, AugmentStuffing: 0.75}
	for kind, floor := range want {
		r := rates[kind]
		if got := float64(r[1]) / float64(r[0]); got < floor {
			t.Errorf("%s from unseen pools: %.1f%% flagged, want at least %.0f%%", kind, 100*got, 100*floor)
		}
	}
	if r := rates["clean"]; float64(r[1]) > 0.03*float64(r[0]) {
		t.Errorf("held-out clean articles: %d of %d flagged, want under 3%%", r[1], r[0])
	}
}

// hash is FNV-1a, to split articles by group deterministically.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
