package features

import (
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/newsqual/newsqual/internal/race"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// strongSignals are the signals whose firing is a spam indication with real
// weight: on ordinary journalism they must stay quiet.
var strongSignals = []string{
	"ad_injection", "promo_terms", "shop_template", "lorem_ipsum", "price_lines", "placeholder_text",
	"keyword_stuffing", "top_2gram_share", "top_3gram_share", "top_4gram_share",
	"dup_5gram_share", "dup_10gram_share", "dup_line_share", "dup_paragraph_share",
	"ai_phrases", "ai_closing", "ai_filler", "unlinked_source",
	"comment_form", "spam_debris", "repeated_title", "fake_headings",
}

// StrongSignals is strongSignals for the tests of package features_test.
var StrongSignals = strongSignals

// isStrong reports whether the named signal is in strongSignals.
func isStrong(name string) bool {
	for _, s := range strongSignals {
		if s == name {
			return true
		}
	}
	return false
}

// fireDoc is one article of a measured set.
type fireDoc struct {
	id, title, text string
}

// fireSet is a labelled set of articles whose fire shares are measured.
type fireSet struct {
	name  string
	clean bool
	docs  []fireDoc
}

// siteHalf puts a site in the "dev" half (tuning) or the "held" half
// (judging only) by a stable hash of its name, so that every article of a
// site falls on the same side.
func siteHalf(site string) string {
	h := fnv.New32a()
	h.Write([]byte(site))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "held"
}

// loadFireSets reads the clean and spam sets of the shared corpus: the
// clean articles of news-outlets (human news and press releases) and the
// hand-marked article text of news-pages, each split by siteHalf; the
// human articles of PAN 2024, BBC, Reuters and XSum; the LLM articles of
// PAN 2024 and XSum, the templates and the seeds. It skips the test when
// the shared data is absent.
func loadFireSets(t *testing.T) []fireSet {
	t.Helper()
	shareddata.Dir(t)
	byName := map[string]*fireSet{}
	var order []string
	add := func(name string, clean bool, r shareddata.Record) {
		s, ok := byName[name]
		if !ok {
			s = &fireSet{name: name, clean: clean}
			byName[name] = s
			order = append(order, name)
		}
		s.docs = append(s.docs, fireDoc{id: r.ID, title: r.Title, text: r.Text})
	}
	// Fix the order of the halves, whichever article comes first.
	for _, name := range []string{"outlets news dev", "outlets news held", "outlets press dev", "outlets press held", "pages dev", "pages held"} {
		byName[name] = &fireSet{name: name, clean: true}
		order = append(order, name)
	}
	for _, r := range shareddata.Records(t, "news-outlets.jsonl", 0, nil) {
		if r.Label != "clean" {
			continue
		}
		kind := "news"
		if r.Kind == "press-release" {
			kind = "press"
		}
		add("outlets "+kind+" "+siteHalf(r.Site), true, r)
	}
	for _, r := range shareddata.Records(t, "news-pages-html.jsonl", 0, nil) {
		if r.Label == "clean" && strings.TrimSpace(r.Text) != "" {
			add("pages "+siteHalf(r.Site), true, r)
		}
	}
	pan := shareddata.Records(t, "pan24-human-vs-llm.jsonl", 0, nil)
	for _, r := range pan {
		if r.Label == "clean" {
			add("pan24 human", true, r)
		}
	}
	for _, f := range []struct{ file, name string }{{"bbc-news.jsonl", "bbc"}, {"reuters-21578.jsonl", "reuters"}} {
		for _, r := range shareddata.Records(t, f.file, 0, nil) {
			add(f.name, true, r)
		}
	}
	xsum := shareddata.Records(t, "xsum-human-vs-llm.jsonl", 0, nil)
	for _, r := range xsum {
		if r.Label == "clean" {
			add("xsum human", true, r)
		}
	}
	for _, r := range pan {
		if r.Label == "spam" {
			add("pan24 llm", false, r)
		}
	}
	for _, r := range xsum {
		if r.Label == "spam" {
			add("xsum llm", false, r)
		}
	}
	for _, r := range shareddata.Records(t, "templates.jsonl", 0, nil) {
		add("templates", false, r)
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		add("seeds", false, shareddata.Record{ID: "seed " + seed, Text: shareddata.Seed(t, seed)})
	}
	out := make([]fireSet, 0, len(order))
	for _, name := range order {
		out = append(out, *byName[name])
	}
	return out
}

// fireCounts is how often each signal fired on one set.
type fireCounts struct {
	set   fireSet
	fired []int // per signal, in the order of Names
	hits  [][]fireHit
}

// fireHit is one article on which a watched signal fired.
type fireHit struct {
	id  string
	sig Signal
}

// measureFireShares extracts every article of every set, on all CPUs, and
// counts the articles on which each signal fired. The signals named in
// watch also keep the articles they fired on, in set order.
func measureFireShares(sets []fireSet, watch map[string]bool) []fireCounts {
	names := Names()
	out := make([]fireCounts, len(sets))
	type job struct{ set, doc int }
	jobs := make(chan job, 256)
	type hitAt struct {
		set, doc, sig int
		s             Signal
	}
	var mu sync.Mutex
	var hits []hitAt
	for k := range out {
		out[k] = fireCounts{set: sets[k], fired: make([]int, len(names)), hits: make([][]fireHit, len(names))}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([][]int, len(sets))
			for k := range local {
				local[k] = make([]int, len(names))
			}
			var found []hitAt
			for j := range jobs {
				doc := sets[j.set].docs[j.doc]
				for i, s := range Extract(doc.title, doc.text) {
					if !s.Fired {
						continue
					}
					local[j.set][i]++
					if watch[names[i]] {
						found = append(found, hitAt{j.set, j.doc, i, s})
					}
				}
			}
			mu.Lock()
			for k := range local {
				for i, n := range local[k] {
					out[k].fired[i] += n
				}
			}
			hits = append(hits, found...)
			mu.Unlock()
		}()
	}
	for k, s := range sets {
		for j := range s.docs {
			jobs <- job{k, j}
		}
	}
	close(jobs)
	wg.Wait()
	// Hits in set and article order, whatever the workers' timing.
	sortHits := func(a, b hitAt) bool {
		if a.set != b.set {
			return a.set < b.set
		}
		return a.doc < b.doc
	}
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && sortHits(hits[j], hits[j-1]); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	for _, h := range hits {
		out[h.set].hits[h.sig] = append(out[h.set].hits[h.sig], fireHit{sets[h.set].docs[h.doc].id, h.s})
	}
	return out
}

// formatFireShares renders the fire shares as a Markdown table, one row per
// signal (strong signals marked *) and one column per set.
func formatFireShares(counts []fireCounts) string {
	var b strings.Builder
	b.WriteString("| signal |")
	for _, c := range counts {
		fmt.Fprintf(&b, " %s (%d) |", c.set.name, len(c.set.docs))
	}
	b.WriteString("\n| --- |")
	for range counts {
		b.WriteString(" ---: |")
	}
	b.WriteByte('\n')
	for i, name := range Names() {
		mark := ""
		if isStrong(name) {
			mark = "*"
		}
		fmt.Fprintf(&b, "| %s%s |", name, mark)
		for _, c := range counts {
			fmt.Fprintf(&b, " %.2f |", 100*float64(c.fired[i])/float64(max(len(c.set.docs), 1)))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestFireShares measures the share of articles (in percent) on which each
// signal fires, on every clean and spam set of the shared corpus, and
// checks that no strong signal fires on 1% or more of the clean articles of
// a source (news outlets and pages counted over both halves). Run it with
// -v for the table; NEWSQUAL_FIRED=name,name lists the clean articles on
// which those signals fire, with their evidence.
func TestFireShares(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts about 30,000 corpus articles")
	}
	if race.Enabled {
		t.Skip("extracts about 30,000 corpus articles; too slow under the race detector")
	}
	sets := loadFireSets(t)
	watch := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("NEWSQUAL_FIRED"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			watch[n] = true
		}
	}
	counts := measureFireShares(sets, watch)
	t.Logf("fire shares, %% of articles:\n%s", formatFireShares(counts))
	names := Names()
	for _, c := range counts {
		if !c.set.clean {
			continue
		}
		for i, name := range names {
			for _, h := range c.hits[i] {
				t.Logf("%s fired on %s [%s]: %s %v", name, h.id, c.set.name, h.sig.Message, h.sig.Evidence)
			}
		}
	}
	// Per source: the halves of a split set together.
	source := func(set string) string {
		set = strings.TrimSuffix(set, " dev")
		return strings.TrimSuffix(set, " held")
	}
	type tally struct{ fired, docs int }
	per := map[string]map[string]*tally{}
	var sources []string
	for _, c := range counts {
		if !c.set.clean {
			continue
		}
		src := source(c.set.name)
		if per[src] == nil {
			per[src] = map[string]*tally{}
			sources = append(sources, src)
		}
		for i, name := range names {
			if per[src][name] == nil {
				per[src][name] = &tally{}
			}
			per[src][name].fired += c.fired[i]
			per[src][name].docs += len(c.set.docs)
		}
	}
	for _, src := range sources {
		for _, name := range strongSignals {
			tl := per[src][name]
			if share := float64(tl.fired) / float64(tl.docs); share >= 0.01 {
				t.Errorf("%s fires on %.2f%% of %s (%d of %d), want under 1%%", name, 100*share, src, tl.fired, tl.docs)
			}
		}
	}
}
