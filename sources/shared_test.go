package sources_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/sources"
)

// pseudoSite is a made-up source whose truth is known: how many articles
// it has and what share of them are drawn from the spam pool.
type pseudoSite struct {
	name     string
	size     int
	junk     float64
	spamSite bool
}

// sitePlan lays out sites of varied sizes, half of them spam sites (60 to
// 100% spam articles, the rest copied clean news, as content farms pad
// themselves) and half clean (0 to 10% spam articles, as real sites run the
// odd junk piece).
func sitePlan() []pseudoSite {
	sizes := []int{1, 1, 1, 2, 2, 3, 5, 8, 13, 20, 35, 60}
	var sites []pseudoSite
	for i := range 48 {
		size := sizes[i%len(sizes)]
		sites = append(sites,
			pseudoSite{name: fmt.Sprintf("farm-%02d", i), size: size, junk: []float64{1, 0.8, 0.6}[i%3], spamSite: true},
			pseudoSite{name: fmt.Sprintf("news-%02d", i), size: size, junk: []float64{0, 0.05, 0.1}[i%3]},
		)
	}
	return sites
}

// pools reads the labelled corpus into a clean pool (BBC, Reuters and
// the human XSum texts) and a spam pool (LLM rewrites and templates),
// shuffled with a fixed seed. Articles are scored when drawn.
func pools(t *testing.T) (clean, spam []shareddata.Record) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range []string{"xsum-human-vs-llm.jsonl", "bbc-news.jsonl", "reuters-21578.jsonl", "templates.jsonl"} {
		for _, r := range shareddata.Records(t, f, 0, nil) {
			switch r.Label {
			case "clean":
				clean = append(clean, r)
			case "spam":
				spam = append(spam, r)
			}
		}
	}
	rng.Shuffle(len(clean), func(i, j int) { clean[i], clean[j] = clean[j], clean[i] })
	rng.Shuffle(len(spam), func(i, j int) { spam[i], spam[j] = spam[j], spam[i] })
	return clean, spam
}

// TestRatingSeparatesSpamSourcesOnSharedCorpus forms pseudo-sites from
// the labelled corpus and measures how well the source rating tells the
// spam sites from the clean ones, and where the smallest sites land.
// The default model was trained on this corpus, so the article scores are
// better here than on unseen data; the test measures what the source
// layer adds on top of them (smoothing, ranking), not the model.
func TestRatingSeparatesSpamSourcesOnSharedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("scores a few thousand articles")
	}
	clean, spam := pools(t)
	scorer := newsqual.Default()
	rng := rand.New(rand.NewPCG(3, 4))
	var all sources.Sources
	truth := map[string]pseudoSite{}
	nextClean, nextSpam := 0, 0
	for _, site := range sitePlan() {
		truth[site.name] = site
		for range site.size {
			var r shareddata.Record
			if rng.Float64() < site.junk {
				r, nextSpam = spam[nextSpam], nextSpam+1
			} else {
				r, nextClean = clean[nextClean], nextClean+1
			}
			a := corpus.Article{ID: r.ID, Title: r.Title, Text: r.Text}
			all.Add(site.name, a, scorer.Score(a))
		}
	}
	reports := all.Reports(sources.DefaultOptions())
	t.Logf("%d pseudo-sites from %d clean and %d spam articles, each used once", len(reports), nextClean, nextSpam)

	var smoothed, raw []float64
	var isSpam []bool
	bands := map[string]*struct {
		p []float64
		y []bool
	}{"1-3 articles": {}, "5-13 articles": {}, "20-60 articles": {}}
	for _, r := range reports {
		site := truth[r.Source]
		junk := (float64(r.Spam) + 0.5*float64(r.Suspect)) / float64(max(r.Judged, 1))
		smoothed = append(smoothed, 100-r.Rating)
		raw = append(raw, junk)
		isSpam = append(isSpam, site.spamSite)
		band := "20-60 articles"
		switch {
		case site.size <= 3:
			band = "1-3 articles"
		case site.size <= 13:
			band = "5-13 articles"
		}
		bands[band].p = append(bands[band].p, 100-r.Rating)
		bands[band].y = append(bands[band].y, site.spamSite)
	}
	auc := metrics.AUROC(smoothed, isSpam)
	t.Logf("AUROC of the rating over sources: %.3f (raw junk share: %.3f)", auc, metrics.AUROC(raw, isSpam))
	for _, band := range []string{"1-3 articles", "5-13 articles", "20-60 articles"} {
		b := bands[band]
		t.Logf("  sites of %s: AUROC %.3f over %d sites", band, metrics.AUROC(b.p, b.y), len(b.y))
	}
	if auc < 0.9 {
		t.Errorf("AUROC %.3f: want at least 0.9", auc)
	}
	for _, prior := range [][2]float64{{0.5, 0.5}, {1, 3}, {2, 2}} {
		opts := sources.DefaultOptions()
		opts.PriorSpam, opts.PriorClean = prior[0], prior[1]
		var p []float64
		var y []bool
		for _, r := range all.Reports(opts) {
			p = append(p, 100-r.Rating)
			y = append(y, truth[r.Source].spamSite)
		}
		t.Logf("  with a Beta(%g, %g) prior instead: AUROC %.3f", prior[0], prior[1], metrics.AUROC(p, y))
	}

	// The worst of the list are sites with many articles: one or two
	// spam articles are weak evidence next to a farm's sixty.
	firstSmall := slices.IndexFunc(reports, func(r sources.Report) bool { return r.Articles == 1 })
	t.Logf("first 1-article site in the worst-first list: place %d of %d (rating %.1f)", firstSmall+1, len(reports), reports[firstSmall].Rating)
	rawOrder := slices.Clone(reports)
	slices.SortStableFunc(rawOrder, func(a, b sources.Report) int {
		ja := float64(a.Spam) / float64(max(a.Judged, 1))
		jb := float64(b.Spam) / float64(max(b.Judged, 1))
		switch {
		case ja > jb:
			return -1
		case ja < jb:
			return 1
		}
		return 0
	})
	smallInTop := func(rs []sources.Report) (n int) {
		for _, r := range rs[:10] {
			if r.Articles <= 2 {
				n++
			}
		}
		return n
	}
	t.Logf("sites of 1-2 articles in the worst 10: %d by rating, %d by raw spam share", smallInTop(reports), smallInTop(rawOrder))
	if firstSmall < 10 {
		t.Errorf("a 1-article site is at place %d of the worst-first list: want none in the first 10", firstSmall+1)
	}
	for _, r := range reports {
		if r.Articles <= 2 && (r.Rating < 25 || r.Verdict == sources.VerdictSpam || r.Verdict == sources.VerdictClean) {
			t.Errorf("%s with %d articles: rating %.1f, verdict %s: want a middling rating and no firm verdict", r.Source, r.Articles, r.Rating, r.Verdict)
		}
	}

	// Source verdicts: how often a firm verdict is right.
	counts := map[string][2]int{}
	for _, r := range reports {
		c := counts[r.Verdict]
		if truth[r.Source].spamSite {
			c[1]++
		} else {
			c[0]++
		}
		counts[r.Verdict] = c
	}
	for _, v := range []string{sources.VerdictSpam, sources.VerdictSuspect, sources.VerdictUncertain, sources.VerdictClean} {
		t.Logf("  verdict %-9s %2d clean sites, %2d spam sites", v, counts[v][0], counts[v][1])
	}
	if wrong := counts[sources.VerdictSpam][0] + counts[sources.VerdictClean][1]; wrong > 0 {
		t.Errorf("%d sites got the wrong firm verdict (clean site called spam or spam site called clean)", wrong)
	}
}

// TestRealNewsSitesAreNotCalledSpam rates the real news sites of the
// pages file by the URL of each page, scoring the article text (the
// benchmark's gold body), as an ingest pipeline that extracts articles
// would see them.
func TestRealNewsSitesAreNotCalledSpam(t *testing.T) {
	scorer := newsqual.Default()
	var all sources.Sources
	recs := shareddata.Records(t, "pages-with-boilerplate.jsonl", 0, nil)
	for _, r := range recs {
		a := corpus.Article{ID: r.ID, Title: r.Title, Text: r.Body, URL: r.URL}
		all.Add(sources.Key(a, "", ""), a, scorer.Score(a))
	}
	reports := all.Reports(sources.DefaultOptions())
	verdicts := map[string]int{}
	var flagged, judged int
	for _, r := range reports {
		verdicts[r.Verdict]++
		flagged += r.Spam + r.Suspect
		judged += r.Judged
	}
	t.Logf("%d pages from %d sites: %d of %d judged articles flagged; source verdicts %v; worst %s at %.1f",
		len(recs), len(reports), flagged, judged, verdicts, reports[0].Source, reports[0].Rating)
	if verdicts[sources.VerdictSpam] > 0 {
		t.Errorf("%d real news sites called spam on one or two pages each", verdicts[sources.VerdictSpam])
	}
	if len(reports) < 100 {
		t.Errorf("%d sites: www. and other subdomains should fold, but 181 pages of ~126 hosts should stay over 100 sites", len(reports))
	}
}
