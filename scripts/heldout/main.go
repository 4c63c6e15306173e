// Command heldout reads the predictions of a leave-site-out and a
// leave-generator-out evaluation of ../shared/corpus (newsqual eval
// --folds 5 --group-by site,group, and --group-by model,site,group) and prints the
// figures the default model is held to, each with its target:
//
//	go run ./scripts/heldout reports/sites reports/generators
//
// It knows the corpus: which source is PAN 2024, which tasks of XSum make
// machine text from scratch and which only polish a human text. It exits
// 1 when a figure misses its target.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsqual/newsqual/metrics"
)

// prediction is one line of an evaluation's predictions.jsonl.
type prediction struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Source      string   `json:"source"`
	Generator   string   `json:"generator"`
	Task        string   `json:"task"`
	Group       string   `json:"group"`
	Spam        bool     `json:"spam"`
	Probability *float64 `json:"probability"`
	Verdict     string   `json:"verdict"`
}

const (
	pan24 = "pan24-generative-authorship"
	xsum  = "xsum-llm"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: heldout SITES-REPORT-DIR GENERATORS-REPORT-DIR")
		os.Exit(2)
	}
	sites, err := read(os.Args[1])
	if err != nil {
		fail(err)
	}
	gens, err := read(os.Args[2])
	if err != nil {
		fail(err)
	}
	var c checks
	siteChecks(&c, sites)
	generatorChecks(&c, gens)
	c.print()
	if c.failed > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "heldout:", err)
	os.Exit(2)
}

func read(dir string) ([]prediction, error) {
	f, err := os.Open(filepath.Join(dir, "predictions.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []prediction
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var p prediction
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name(), err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// checks collects the printed rows.
type checks struct {
	rows   [][4]string
	failed int
}

// add records a figure; ok says whether it meets its target.
func (c *checks) add(what, value, target string, ok bool) {
	mark := "yes"
	if !ok {
		mark = "NO"
		c.failed++
	}
	c.rows = append(c.rows, [4]string{what, value, target, mark})
}

// info records a figure with no target.
func (c *checks) info(what, value string) {
	c.rows = append(c.rows, [4]string{what, value, "", ""})
}

func (c *checks) print() {
	fmt.Println("| figure | value | target | met |")
	fmt.Println("| --- | ---: | --- | --- |")
	for _, r := range c.rows {
		fmt.Printf("| %s | %s | %s | %s |\n", r[0], r[1], r[2], r[3])
	}
}

// share counts how many of the judged predictions that keep accepts have a
// verdict in verdicts.
func share(ps []prediction, keep func(prediction) bool, verdicts ...string) (float64, int, int) {
	hit, n := 0, 0
	for _, p := range ps {
		if !keep(p) || p.Probability == nil {
			continue
		}
		n++
		for _, v := range verdicts {
			if p.Verdict == v {
				hit++
				break
			}
		}
	}
	if n == 0 {
		return math.NaN(), 0, 0
	}
	return float64(hit) / float64(n), hit, n
}

func pct(x float64, hit, n int) string { return fmt.Sprintf("%.2f%% (%d of %d)", 100*x, hit, n) }

func original(p prediction) bool { return !strings.HasPrefix(p.Kind, "synthetic") }

func siteChecks(c *checks, ps []prediction) {
	siteClean := func(p prediction) bool { return !p.Spam && original(p) && strings.HasPrefix(p.Group, "site:") }
	s, hit, n := share(ps, siteClean, "spam")
	c.add("leave-site-out: clean articles with a site called spam", pct(s, hit, n), "≤ 1.0%", s <= 0.01)
	s, hit, n = share(ps, siteClean, "spam", "suspect")
	c.add("leave-site-out: clean articles with a site called spam or suspect", pct(s, hit, n), "≤ 5%", s <= 0.05)

	bySite := map[string][]prediction{}
	for _, p := range ps {
		if siteClean(p) {
			bySite[p.Group] = append(bySite[p.Group], p)
		}
	}
	var big, over []string
	worst, worstShare := "", -1.0
	for site, sp := range bySite {
		if len(sp) < 30 {
			continue
		}
		big = append(big, site)
		s, _, _ := share(sp, func(prediction) bool { return true }, "spam")
		if s > worstShare {
			worst, worstShare = site, s
		}
		if s > 0.03 {
			over = append(over, fmt.Sprintf("%s %.1f%%", strings.TrimPrefix(site, "site:"), 100*s))
		}
	}
	sort.Strings(over)
	value := fmt.Sprintf("%d of %d; worst %s %.1f%%", len(over), len(big), strings.TrimPrefix(worst, "site:"), 100*worstShare)
	if len(over) > 0 {
		value += " (" + strings.Join(over, ", ") + ")"
	}
	c.add("leave-site-out: sites of 30+ clean articles with more than 3% called spam", value, "none", len(over) == 0)

	s, hit, n = share(ps, func(p prediction) bool { return !p.Spam && p.Kind == "press-release" }, "spam")
	c.add("leave-site-out: press releases called spam", pct(s, hit, n), "≤ 2%", s <= 0.02)
	s, hit, n = share(ps, func(p prediction) bool { return !p.Spam && p.Kind == "news-page" }, "spam")
	c.add("leave-site-out: news pages read from their HTML called spam", pct(s, hit, n), "≤ 2%", s <= 0.02)
	s, hit, n = share(ps, func(p prediction) bool { return !p.Spam && original(p) }, "spam")
	c.info("leave-site-out: all clean corpus articles called spam", pct(s, hit, n))
	s, hit, n = share(ps, func(p prediction) bool { return p.Spam && p.Kind == "llm-news" }, "spam")
	c.info("leave-site-out: machine-written articles called spam", pct(s, hit, n))
	for _, kind := range []string{"synthetic benign-debris"} {
		s, hit, n = share(ps, func(p prediction) bool { return p.Kind == kind }, "spam")
		c.info("leave-site-out: "+kind+" (clean) called spam", pct(s, hit, n))
	}
	for _, kind := range []string{"synthetic ad-injection", "synthetic shop-template", "synthetic keyword-stuffing", "synthetic content-farm-debris"} {
		s, hit, n = share(ps, func(p prediction) bool { return p.Kind == kind }, "spam")
		c.info("leave-site-out: "+kind+" called spam", pct(s, hit, n))
	}
}

func generatorChecks(c *checks, ps []prediction) {
	pooled := func(p prediction) bool {
		return p.Spam && p.Kind == "llm-news" && (p.Source == pan24 || p.Source == xsum && p.Task != "polish")
	}
	s, hit, n := share(ps, pooled, "spam")
	c.add("leave-generator-out: machine text called spam, PAN 2024 and XSum without polish", pct(s, hit, n), "≥ 85%", s >= 0.85)

	byGen := map[string][]prediction{}
	for _, p := range ps {
		if p.Spam && p.Source == pan24 && p.Kind == "llm-news" {
			byGen[p.Generator] = append(byGen[p.Generator], p)
		}
	}
	var names []string
	for g := range byGen {
		names = append(names, g)
	}
	sort.Strings(names)
	worst, worstShare := "", 2.0
	var parts []string
	for _, g := range names {
		s, _, _ := share(byGen[g], func(prediction) bool { return true }, "spam")
		parts = append(parts, fmt.Sprintf("%s %.1f%%", g, 100*s))
		if s < worstShare {
			worst, worstShare = g, s
		}
	}
	c.add("leave-generator-out: the PAN 2024 generator caught least", fmt.Sprintf("%s %.1f%%", worst, 100*worstShare), "≥ 60% each", worstShare >= 0.6)
	c.info("leave-generator-out: every PAN 2024 generator", strings.Join(parts, "; "))
	for _, task := range []string{"rewrite", "expand", "generation", "continuation", "polish"} {
		s, hit, n := share(ps, func(p prediction) bool { return p.Spam && p.Source == xsum && p.Task == task }, "spam")
		c.info("leave-generator-out: XSum "+task+" called spam", pct(s, hit, n))
	}

	var prob []float64
	var y []bool
	for _, p := range ps {
		if p.Probability == nil || !(p.Source == pan24 || p.Source == xsum) || p.Task == "polish" || !original(p) {
			continue
		}
		prob = append(prob, *p.Probability)
		y = append(y, p.Spam)
	}
	a := metrics.AUROC(prob, y)
	c.add("leave-generator-out: AUROC, PAN 2024 and XSum (human vs machine, without polish)", fmt.Sprintf("%.4f (%d articles)", a, len(prob)), "≥ 0.98", a >= 0.98)
	prob, y = prob[:0], y[:0]
	for _, p := range ps {
		if p.Probability != nil {
			prob = append(prob, *p.Probability)
			y = append(y, p.Spam)
		}
	}
	c.info("leave-generator-out: AUROC, every article", fmt.Sprintf("%.4f (%d articles)", metrics.AUROC(prob, y), len(prob)))
	s, hit, n = share(ps, func(p prediction) bool { return !p.Spam && (p.Source == pan24 || p.Source == xsum) }, "spam")
	c.info("leave-generator-out: PAN 2024 and XSum human articles called spam", pct(s, hit, n))
}
