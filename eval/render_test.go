package eval

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
)

// hostile is article text that must reach the page as text, never markup.
const hostile = `<script>alert("owned")</script> & <img src=x onerror=alert(1)>`

// renderMeasure measures examples at the given thresholds.
func renderMeasure(ex []Example, suspect, spam float64) Metrics {
	return measureAt(ex, model.Thresholds{Suspect: suspect, Spam: spam})
}

// renderGroups measures the examples sharing each key, in key order.
func renderGroups(ex []Example, key func(Example) string) []Group {
	th := model.Thresholds{Suspect: 0.5, Spam: 0.8}
	return groupBy(withVerdicts(ex, th), &th, key)
}

// renderReport builds a report from 90 made-up articles: clean ones score
// low and spam high with some overlap and ties (probabilities have two
// decimals); the "opinion" kind has clean articles only, so its AUROC is
// undefined, and "wire" has both; one error case carries hostile text.
func renderReport() *Report {
	rng := rand.New(rand.NewPCG(7, 11))
	cleanKinds := []string{"wire", "opinion"}
	spamKinds := []string{"llm-rewrite", "template", "stuffed", "wire"}
	sources := []string{"daily-post.example", "wire-feed.example", "cheap-news.example", "farm.example"}
	var ex []Example
	for i := range 90 {
		spam := i%3 == 0
		u := math.Pow(rng.Float64(), 2.5) * 0.95
		p, kind := u, cleanKinds[i%len(cleanKinds)]
		if spam {
			p, kind = 1-u, spamKinds[(i/3)%len(spamKinds)]
		}
		p = math.Round(p*100) / 100
		verdict := model.Clean
		switch {
		case p >= 0.8:
			verdict = model.Spam
		case p >= 0.5:
			verdict = model.Suspect
		}
		ex = append(ex, Example{ID: "article-" + strconv.Itoa(i), Kind: kind, Source: sources[i%len(sources)], Spam: spam, Probability: p, Verdict: verdict})
	}
	r := &Report{
		Mode:     "cross-validation",
		Model:    "logistic over signals and naive Bayes text, trained out of fold",
		Data:     []string{"data/wire.jsonl", "data/farms.jsonl"},
		Folds:    5,
		Seed:     1,
		Overall:  renderMeasure(ex, 0.5, 0.8),
		ByKind:   renderGroups(ex, func(e Example) string { return e.Kind }),
		BySource: renderGroups(ex, func(e Example) string { return e.Source }),
		Examples: ex,
	}
	withIntervals(&r.Overall, ex)
	r.Bootstrap = defaultBootstrap()
	r.Baselines = []Baseline{
		{Name: "newsqual (full model)", Metrics: r.Overall, ArticlesPerSecond: 1834.27, MBPerSecond: 9.61},
		{Name: "signals alone | no text", Metrics: renderMeasure(ex[:60], 0.5, 0.8)},
		{Name: "peer filter", Version: "1.2.3", Metrics: Metrics{AUROC: Number(math.NaN()), AveragePrecision: Number(math.NaN()), Brier: Number(math.NaN())}, Note: "not installed"},
	}
	r.Signals = []SignalRow{
		{Name: "boilerplate_lines", FiredClean: 0.05, FiredSpam: 0.61, Weight: 0.8, FiredWeight: 0.4},
		{Name: "quote_share", FiredClean: 0.72, FiredSpam: 0.12, Weight: -1.9, FiredWeight: -0.3},
		{Name: "stuffed_phrase", FiredClean: 0.01, FiredSpam: 0.33, Weight: 1.2, FiredWeight: 0.9},
		{Name: "unused_signal", FiredClean: 0, FiredSpam: 0, Weight: Number(math.NaN()), FiredWeight: 0},
	}
	r.FalsePositives = []ErrorCase{{
		ID: "article-<b>4</b>", Kind: "opinion", Source: "daily-post.example", Probability: 0.91, Quality: 9, Verdict: model.Spam,
		Reasons: []string{`boilerplate: "Leave a Reply" (1 line)`, "no direct quotes"},
		Excerpt: "A column about the council budget.\n" + hostile,
	}}
	r.FalseNegatives = []ErrorCase{{
		ID: "article-12", Kind: "llm-rewrite", Source: "farm.example", Spam: true, Probability: 0.08, Quality: 92, Verdict: model.Clean,
		Excerpt: "Officials said talks would resume next week.\nThe path forward remains uncertain.",
	}}
	return r
}

// curveArea is the trapezoid area under a curve.
func curveArea(c Curve) float64 {
	a := 0.0
	for i := 1; i < len(c.X); i++ {
		a += (c.X[i] - c.X[i-1]) * (c.Y[i] + c.Y[i-1]) / 2
	}
	return a
}

func TestCurvesMatchTheMetrics(t *testing.T) {
	cases := []struct {
		name string
		p    []float64
		spam []bool
	}{
		{"separated", []float64{0.9, 0.8, 0.3, 0.1}, []bool{true, true, false, false}},
		{"reversed", []float64{0.9, 0.8, 0.3, 0.1}, []bool{false, false, true, true}},
		{"ties across classes", []float64{0.7, 0.7, 0.7, 0.2, 0.2, 0.9}, []bool{true, false, true, false, true, false}},
		{"all tied", []float64{0.5, 0.5, 0.5}, []bool{true, false, false}},
		{"made-up report", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ex []Example
			for i := range tc.p {
				ex = append(ex, Example{Probability: tc.p[i], Spam: tc.spam[i]})
			}
			if tc.p == nil {
				ex = renderReport().Examples
				for _, e := range ex {
					tc.p, tc.spam = append(tc.p, e.Probability), append(tc.spam, e.Spam)
				}
			}
			roc := ROC(ex)
			if got, want := curveArea(roc), metrics.AUROC(tc.p, tc.spam); math.Abs(got-want) > 1e-12 {
				t.Errorf("area under ROC %v, AUROC %v", got, want)
			}
			if n := len(roc.X); roc.X[0] != 0 || roc.Y[0] != 0 || roc.X[n-1] != 1 || roc.Y[n-1] != 1 {
				t.Errorf("ROC runs from (%v,%v) to (%v,%v)", roc.X[0], roc.Y[0], roc.X[n-1], roc.Y[n-1])
			}
			if got, want := curveArea(PrecisionRecall(ex)), metrics.AveragePrecision(tc.p, tc.spam); math.Abs(got-want) > 1e-12 {
				t.Errorf("area under precision-recall %v, average precision %v", got, want)
			}
		})
	}
}

func TestCurvesNeedBothClasses(t *testing.T) {
	clean := []Example{{Probability: 0.2}, {Probability: 0.4}}
	if c := ROC(clean); len(c.X) != 0 {
		t.Errorf("ROC of clean articles only has %d points", len(c.X))
	}
	if c := PrecisionRecall(clean); len(c.X) != 0 {
		t.Errorf("precision-recall without spam has %d points", len(c.X))
	}
	spam := []Example{{Probability: 0.2, Spam: true}, {Probability: math.NaN()}}
	if c := ROC(spam); len(c.X) != 0 {
		t.Errorf("ROC with NaN as the only clean score has %d points", len(c.X))
	}
}

// checkSVG parses a chart as XML and checks that it is one <svg> element
// of the chart's size that draws something and refers to nothing outside.
func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	depth, elements, texts := 0, 0, 0
	var root xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if elements > 0 {
					t.Fatalf("%s: more than one root element", name)
				}
				root = e
			}
			depth++
			elements++
			if e.Name.Local == "text" {
				texts++
			}
			for _, a := range e.Attr {
				if a.Name.Local == "href" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("%s: <%s %s=%q>", name, e.Name.Local, a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if root.Name.Local != "svg" {
		t.Fatalf("%s: root element <%s>, want <svg>", name, root.Name.Local)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["width"] != strconv.Itoa(ChartWidth) || attr["height"] != strconv.Itoa(ChartHeight) || attr["viewBox"] == "" {
		t.Errorf("%s: <svg %v>, want %d×%d with a viewBox", name, attr, ChartWidth, ChartHeight)
	}
	if elements < 20 || texts < 5 {
		t.Errorf("%s: %d elements, %d texts: draws next to nothing", name, elements, texts)
	}
	if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf")) {
		t.Errorf("%s: has a NaN or infinite coordinate", name)
	}
}

func TestChartsAreDeterministicSVGs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		report *Report
	}{
		{"made-up report", renderReport()},
		{"empty report", &Report{}},
		{"one class", &Report{Examples: []Example{{Probability: 0.1}, {Probability: 0.3}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, err := Charts(tc.report)
			if err != nil {
				t.Fatal(err)
			}
			second, err := Charts(tc.report)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for i, c := range first {
				names = append(names, c.Name)
				checkSVG(t, c.Name, c.SVG)
				if !bytes.Equal(c.SVG, second[i].SVG) {
					t.Errorf("%s differs between two renderings", c.Name)
				}
			}
			if want := []string{"roc", "precision-recall", "reliability", "scores"}; !slices.Equal(names, want) {
				t.Errorf("charts %v, want %v", names, want)
			}
		})
	}
}

// jsonFigures decodes metrics as metrics.json has them.
func jsonFigures(t *testing.T, m Metrics) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// shown is how the page shows a figure of metrics.json: four decimals, or
// "—" for null.
func shown(v any) string {
	f, ok := v.(float64)
	if !ok {
		return "—"
	}
	return strconv.FormatFloat(f, 'f', 4, 64)
}

var (
	inlineSVG = regexp.MustCompile(`(?s)<svg class="chart".*?</svg>`)
	reference = regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`)
)

func TestWriteHTML(t *testing.T) {
	r := renderReport()
	var first, second bytes.Buffer
	if err := WriteHTML(&first, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&second, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two renderings of the same report differ")
	}
	page := first.String()
	if dir := os.Getenv("NEWSQUAL_SAMPLE_REPORT"); dir != "" {
		// Keep the page to look at, e.g. with scripts/screenshot-report.sh.
		var md bytes.Buffer
		if err := WriteMarkdown(&md, r); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range map[string][]byte{"report.html": first.Bytes(), "report.md": md.Bytes()} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	images := inlineSVG.FindAllString(page, -1)
	if len(images) != 4 {
		t.Fatalf("%d inline SVG charts, want 4", len(images))
	}
	for i, m := range images {
		checkSVG(t, "chart "+strconv.Itoa(i), []byte(m))
	}
	for _, m := range reference.FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("page refers outside itself: %s", m[0])
		}
	}
	for _, s := range []string{"http://", "https://", "<script", "<img", "NaN"} {
		if strings.Contains(page, s) {
			t.Errorf("page contains %q", s)
		}
	}
	for _, s := range []string{"&lt;script&gt;", "&lt;img src=x", "article-&lt;b&gt;4&lt;/b&gt;"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks the escaped text %q", s)
		}
	}

	// Headline figures are those of metrics.json.
	o := jsonFigures(t, r.Overall)
	if card := `<div class="label">AUROC</div><div class="value">` + shown(o["auroc"]) + `</div>`; !strings.Contains(page, card) {
		t.Errorf("page lacks the AUROC card %s", card)
	}
	for _, k := range []string{"average_precision", "brier", "log_loss", "expected_calibration_error"} {
		if !strings.Contains(page, `<div class="value">`+shown(o[k])+`</div>`) {
			t.Errorf("page lacks %s %s", k, shown(o[k]))
		}
	}
	for _, th := range o["thresholds"].([]any) {
		th := th.(map[string]any)
		row := `<td>` + th["name"].(string) + `</td><td class="n">` + shown(th["threshold"]) + `</td>` + flaggedCell(th)
		for _, k := range []string{"precision", "recall", "f1", "false_positive_rate"} {
			row += `<td class="n">` + shown(th[k]) + `</td>`
		}
		if !strings.Contains(page, row) {
			t.Errorf("page lacks the threshold row %s", row)
		}
	}
	for _, op := range o["operating_points"].([]any) {
		op := op.(map[string]any)
		row := `<td class="n">` + shown(op["threshold"]) + `</td><td class="n">` + shown(op["recall"]) + `</td>`
		if !strings.Contains(page, row) {
			t.Errorf("page lacks the operating point %s", row)
		}
	}

	// A kind with clean articles only has no AUROC, nor precision.
	opinion := `<tr><td>opinion</td><td class="n">30</td><td class="n">30</td><td class="n">0</td><td class="n">—</td>`
	if !strings.Contains(page, opinion) {
		t.Errorf("page lacks the undefined AUROC of the clean-only kind: %s", opinion)
	}
	if !strings.Contains(page, `<td>peer filter</td><td>1.2.3</td><td class="n">—</td><td class="n">—</td>`) {
		t.Error("page lacks the undefined figures of the missing peer")
	}

	// Signals come strongest weight first, undefined weights last.
	var order []int
	for _, s := range []string{"quote_share", "stuffed_phrase", "boilerplate_lines", "unused_signal"} {
		order = append(order, strings.Index(page, "<td>"+s+"</td>"))
	}
	if !slices.IsSorted(order) || order[0] < 0 {
		t.Errorf("signal rows at %v, want by |weight|", order)
	}
}

// flaggedCell is the "flagged" cell of a threshold row.
func flaggedCell(th map[string]any) string {
	c := th["confusion"].(map[string]any)
	return `<td class="n">` + strconv.Itoa(int(c["tp"].(float64))) + ` spam + ` + strconv.Itoa(int(c["fp"].(float64))) + ` clean</td>`
}

func TestWriteMarkdown(t *testing.T) {
	r := renderReport()
	var first, second bytes.Buffer
	if err := WriteMarkdown(&first, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&second, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two renderings of the same report differ")
	}
	md := first.String()
	o := jsonFigures(t, r.Overall)
	ci := o["auroc_interval"].(map[string]any)
	headline := "| 90 | 60 | 30 | " + shown(o["auroc"]) + " | " + shown(ci["low"]) + "–" + shown(ci["high"]) + " | " + shown(o["average_precision"]) + " | " + shown(o["brier"]) + " | " +
		shown(o["log_loss"]) + " | " + shown(o["expected_calibration_error"]) + " |"
	if !strings.Contains(md, headline) {
		t.Errorf("markdown lacks the headline row %s\n%s", headline, md)
	}
	for _, s := range []string{"| opinion | 30 | 30 | 0 | — |", `| signals alone \| no text |`, "| peer filter | 1.2.3 | — | — |", "| 1834.3 | 9.61 |"} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown lacks %q", s)
		}
	}
	// Every row of a table has as many cells as its header.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	cells := -1
	for _, l := range strings.Split(md, "\n") {
		if !strings.HasPrefix(l, "|") {
			cells = -1
			continue
		}
		n := len(unescaped.FindAllString(strings.ReplaceAll(l, "||", "| |"), -1))
		if cells < 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row has %d cell borders, header %d: %s", n, cells, l)
		}
	}
}

func TestFormatNumberAgreesWithJSON(t *testing.T) {
	for _, tc := range []struct {
		in   Number
		want string
	}{
		{0.5, "0.5000"},
		{0.12344951, "0.1235"}, // metrics.json has 0.12345
		{0.99999951, "1.0000"},
		{-0.00001, "0.0000"},
		{Number(math.NaN()), "—"},
		{Number(math.Inf(1)), "—"},
	} {
		if got := formatNumber(tc.in); got != tc.want {
			t.Errorf("formatNumber(%v) = %q, want %q", float64(tc.in), got, tc.want)
		}
		b, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(shown(v), "-0.0000", "0.0000", 1)
		if got := formatNumber(tc.in); got != want {
			t.Errorf("formatNumber(%v) = %q, metrics.json %s shows as %q", float64(tc.in), got, b, want)
		}
	}
}

func TestMarkdownCellEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"plain words (ok)":   "plain words (ok)",
		"a | b":              `a \| b`,
		"two\nlines":         "two lines",
		"<b>bold</b>":        `\<b\>bold\</b\>`,
		"snake_case *stars*": `snake\_case \*stars\*`,
	} {
		if got := markdownCell(in); got != want {
			t.Errorf("markdownCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestThinnedKeepsTheShape(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var ex []Example
	for range 100000 {
		p := rng.Float64()
		ex = append(ex, Example{Spam: rng.Float64() < p*p, Probability: math.Round(p*1e6) / 1e6})
	}
	for name, c := range map[string]Curve{"ROC": ROC(ex), "precision-recall": PrecisionRecall(ex)} {
		thin := thinned(c, curveResolution)
		if len(thin.X) > len(c.X)/5 {
			t.Errorf("%s: thinning kept %d of %d points", name, len(thin.X), len(c.X))
		}
		n, m := len(c.X)-1, len(thin.X)-1
		if thin.X[0] != c.X[0] || thin.Y[0] != c.Y[0] || thin.X[m] != c.X[n] || thin.Y[m] != c.Y[n] {
			t.Errorf("%s: thinning moved the ends", name)
		}
		if d := math.Abs(curveArea(thin) - curveArea(c)); d > 1e-3 {
			t.Errorf("%s: thinning changed the area by %v", name, d)
		}
	}
}

func TestRenderEmptyReport(t *testing.T) {
	r := &Report{Overall: renderMeasure(nil, 0.5, 0.8)}
	var page, md bytes.Buffer
	if err := WriteHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if n := len(inlineSVG.FindAllString(page.String(), -1)); n != 4 {
		t.Errorf("%d charts in the page of an empty report, want 4", n)
	}
	for _, s := range []string{`<div class="label">AUROC</div><div class="value">—</div>`, "No baselines.", "No signal table.", "None."} {
		if !strings.Contains(page.String(), s) {
			t.Errorf("page of an empty report lacks %q", s)
		}
	}
	if want := "| 0 | 0 | 0 | — | — | — | — | — | — |"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown of an empty report lacks %q:\n%s", want, md.String())
	}
}
