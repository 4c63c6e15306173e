package eval

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ChartWidth and ChartHeight are the size of every chart in pixels.
const (
	ChartWidth  = 640
	ChartHeight = 420
)

// chartDPI is the resolution the charts are laid out at: ChartWidth CSS
// pixels are ChartWidth*72/chartDPI points.
const chartDPI = 96

// histogramBins is the number of equal-width probability bins of the score
// histogram.
const histogramBins = 20

// Chart is one chart of the report: an SVG image and the words that go
// with it.
type Chart struct {
	// Name is a short key that can serve as a file name: "roc",
	// "precision-recall", "reliability" or "scores".
	Name string
	// Title is the chart's heading; Caption says how to read it.
	Title   string
	Caption string
	// SVG is the image, an <svg> element of ChartWidth × ChartHeight CSS
	// pixels, ready to be inlined in HTML (no XML prolog, no external
	// references).
	SVG []byte
}

// Charts draws the charts of a report in the order the report shows them:
// the ROC curve, the precision-recall curve (both from r.Examples), the
// reliability diagram (from r.Overall.Reliability) and the histogram of
// scores by class (from r.Examples); the verdict thresholds of
// r.Overall.Thresholds are marked on them. The same report always gives
// the same bytes. A chart whose data is missing
// (no examples, one class only) is still drawn, with a note saying why it
// is empty.
func Charts(r *Report) ([]Chart, error) {
	makers := []struct {
		name, title, caption string
		draw                 func(*Report) *plot.Plot
	}{
		{"roc", "ROC curve",
			"Share of spam caught (recall) against share of clean articles flagged, over all thresholds, " +
				"the false positive rate on a log scale: what matters is below 5%. " +
				"The grey dotted line is a scorer that guesses, the thin lines the baselines and peers on the same articles; " +
				"the marked points are the verdict thresholds, the vertical lines 1% and 5% false positives.",
			rocPlot},
		{"precision-recall", "Precision-recall curve",
			"Share of flagged articles that are spam (precision) against share of spam caught (recall). " +
				"The area under the steps is the average precision; the thin lines are the baselines and peers on the same articles, " +
				"the dashed line the spam share of the data.",
			prPlot},
		{"reliability", "Reliability diagram",
			"Mean predicted spam probability against the observed spam share, per probability bin; " +
				"the larger the point, the more articles in the bin. A calibrated model lies on the diagonal.",
			reliabilityPlot},
		{"scores", "Score distribution",
			"Spam probabilities of clean and of spam articles, in 20 bins on a log scale, " +
				"so a handful of articles on the wrong side stays visible. Dashed lines are the verdict thresholds.",
			scoresPlot},
	}
	charts := make([]Chart, 0, len(makers))
	for _, m := range makers {
		svg, err := encodeSVG(m.draw(r), m.title)
		if err != nil {
			return nil, fmt.Errorf("draw %s chart: %w", m.name, err)
		}
		charts = append(charts, Chart{Name: m.name, Title: m.title, Caption: m.caption, SVG: svg})
	}
	return charts, nil
}

// ROC returns the ROC curve of the examples: X is the false positive rate
// and Y the true positive rate as the threshold falls from the highest
// probability to the lowest, starting at (0, 0) and ending at (1, 1).
// Examples with the same probability form one step, so tied clean and spam
// articles give a diagonal segment. The curve is empty when either class
// is missing. Examples with a NaN probability are ignored.
func ROC(examples []Example) Curve {
	groups, pos, neg := tieGroups(examples)
	if pos == 0 || neg == 0 {
		return Curve{}
	}
	c := Curve{X: make([]float64, 0, len(groups)+1), Y: make([]float64, 0, len(groups)+1)}
	c.X, c.Y = append(c.X, 0), append(c.Y, 0)
	tp, fp := 0, 0
	for _, g := range groups {
		tp += g.spam
		fp += g.clean
		c.X = append(c.X, float64(fp)/float64(neg))
		c.Y = append(c.Y, float64(tp)/float64(pos))
	}
	return c
}

// PrecisionRecall returns the precision-recall curve of the examples as
// the vertices of a step line: X is recall and Y precision. Each distinct
// probability, from the highest down, adds a horizontal step at the
// precision reached there, spanning the recall it gains, so the area under
// the line is the average precision. The curve is empty when there is no
// spam. Examples with a NaN probability are ignored.
func PrecisionRecall(examples []Example) Curve {
	groups, pos, _ := tieGroups(examples)
	if pos == 0 {
		return Curve{}
	}
	c := Curve{X: make([]float64, 0, 2*len(groups)), Y: make([]float64, 0, 2*len(groups))}
	tp, flagged := 0, 0
	recall := 0.0
	for _, g := range groups {
		tp += g.spam
		flagged += g.spam + g.clean
		precision := float64(tp) / float64(flagged)
		next := float64(tp) / float64(pos)
		c.X = append(c.X, recall, next)
		c.Y = append(c.Y, precision, precision)
		recall = next
	}
	return c
}

// curveResolution is the smallest move along a unit axis worth drawing: a
// tenth of a pixel or so on a chart.
const curveResolution = 1.0 / 5000

// thinned drops the points of a curve that lie closer than resolution, on
// both axes, to the last point kept, so that a curve over a million
// examples draws as fast as one over a few thousand and looks the same.
// The first and last points are always kept.
func thinned(c Curve, resolution float64) Curve {
	if len(c.X) <= 2 {
		return c
	}
	out := Curve{X: []float64{c.X[0]}, Y: []float64{c.Y[0]}}
	last := len(c.X) - 1
	for i := 1; i <= last; i++ {
		k := len(out.X) - 1
		if i == last || math.Abs(c.X[i]-out.X[k]) >= resolution || math.Abs(c.Y[i]-out.Y[k]) >= resolution {
			out.X = append(out.X, c.X[i])
			out.Y = append(out.Y, c.Y[i])
		}
	}
	return out
}

// tieGroup counts the clean and spam examples sharing one probability.
type tieGroup struct {
	probability float64
	clean, spam int
}

// tieGroups sorts the examples by probability, highest first, and counts
// each distinct probability's classes, with the totals of each class.
func tieGroups(examples []Example) (groups []tieGroup, spam, clean int) {
	type labelled struct {
		p    float64
		spam bool
	}
	s := make([]labelled, 0, len(examples))
	for _, e := range examples {
		if !math.IsNaN(e.Probability) {
			s = append(s, labelled{e.Probability, e.Spam})
		}
	}
	slices.SortFunc(s, func(a, b labelled) int { return cmp.Compare(b.p, a.p) })
	for i, e := range s {
		if i == 0 || e.p != s[i-1].p {
			groups = append(groups, tieGroup{probability: e.p})
		}
		g := &groups[len(groups)-1]
		if e.spam {
			g.spam++
			spam++
		} else {
			g.clean++
			clean++
		}
	}
	return groups, spam, clean
}

// Colours of the charts.
var (
	modelColor = color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff}
	cleanColor = color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	spamColor  = color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	markColor  = color.NRGBA{R: 0xe0, G: 0x7b, B: 0x00, A: 0xff}
	// thresholdColors tell the verdict thresholds apart, lowest first.
	thresholdColors = []color.Color{markColor, color.NRGBA{R: 0x6a, G: 0x1b, B: 0x9a, A: 0xff}, color.Black}
	guideColor      = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	gridColor       = color.NRGBA{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}
)

var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
	dashes   = []vg.Length{vg.Points(5), vg.Points(4)}
)

// newPlot returns a plot with the report's fonts, a title and axis labels.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(boldFont, 14)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, 12)
		a.Tick.Label.Font = font.From(sansFont, 10)
		a.Padding = vg.Points(2)
	}
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.TextStyle.Font = font.From(sansFont, 11)
	p.Legend.Padding = vg.Points(3)
	return p
}

// unitTicks marks [0, 1] every 0.1, labelled every 0.2.
func unitTicks() plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for i := 0; i <= 10; i++ {
		t := plot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = strconv.FormatFloat(t.Value, 'f', 1, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// unitAxes fixes both axes to [0, 1] with unitTicks and adds a light grid.
func unitAxes(p *plot.Plot) {
	p.X.Tick.Marker, p.Y.Tick.Marker = unitTicks(), unitTicks()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(chartGrid())
}

// chartGrid returns light grid lines at the major ticks.
func chartGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	return g
}

// chartLine returns a line through the points in the given style.
func chartLine(xs, ys []float64, c color.Color, width float64, dashed bool) *plotter.Line {
	l := &plotter.Line{XYs: chartPoints(xs, ys)}
	l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(width)}
	if dashed {
		l.Dashes = dashes
	}
	return l
}

// chartPoints pairs xs and ys into plotter points.
func chartPoints(xs, ys []float64) plotter.XYs {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	return pts
}

// chartLabels returns text drawn at the points in the report's font,
// aligned horizontally as given and shifted by (dx, dy) points.
func chartLabels(pts plotter.XYs, words []string, size, dx, dy float64, align draw.XAlignment) *plotter.Labels {
	l := &plotter.Labels{XYs: pts, Labels: words, Offset: vg.Point{X: vg.Points(dx), Y: vg.Points(dy)}}
	style := text.Style{
		Color:   color.Black,
		Font:    font.From(sansFont, vg.Length(size)),
		XAlign:  align,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	l.TextStyle = make([]text.Style, len(words))
	for i := range l.TextStyle {
		l.TextStyle[i] = style
	}
	return l
}

// noData writes a note in the middle of an empty [0, 1] × [0, 1] plot.
func noData(p *plot.Plot, note string) {
	p.Add(chartLabels(plotter.XYs{{X: 0.5, Y: 0.5}}, []string{note}, 12, 0, 0, draw.XCenter))
}

// thresholdMarks marks each verdict threshold's point, placed by at, with
// its name and value; thresholds whose point is undefined are skipped.
// Labels sit beside the point, dy points above it (below when negative);
// near the right edge they move to the other side in both directions, so
// that the curve passing through the point stays clear of them.
func thresholdMarks(p *plot.Plot, thresholds []AtThreshold, dy float64, at func(AtThreshold) (x, y Number)) {
	var pts, left, right plotter.XYs
	var leftText, rightText []string
	for _, t := range thresholds {
		x, y := at(t)
		if !x.Defined() || !y.Defined() {
			continue
		}
		pt := plotter.XY{X: float64(x), Y: float64(y)}
		pts = append(pts, pt)
		if pt.X > 0.8 {
			right = append(right, pt)
			rightText = append(rightText, thresholdLabel(t))
		} else {
			left = append(left, pt)
			leftText = append(leftText, thresholdLabel(t))
		}
	}
	if len(pts) == 0 {
		return
	}
	s := &plotter.Scatter{XYs: pts, GlyphStyle: draw.GlyphStyle{Color: markColor, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}}
	p.Add(s)
	if len(left) > 0 {
		p.Add(chartLabels(left, leftText, 10, 7, dy, draw.XLeft))
	}
	if len(right) > 0 {
		p.Add(chartLabels(right, rightText, 10, -7, -dy, draw.XRight))
	}
	p.Legend.Add("verdict thresholds", s)
}

// thresholdLabel names a verdict threshold on a chart, e.g. "spam ≥ 0.8".
// A threshold chosen per cross-validation fold has no one value: it is
// labelled "spam (per fold)".
func thresholdLabel(t AtThreshold) string {
	if !t.Threshold.Defined() {
		return t.Name + " (per fold)"
	}
	return t.Name + " ≥ " + strconv.FormatFloat(roundJSON(float64(t.Threshold)), 'g', 4, 64)
}

// rocPlot draws the ROC curve of the full model, with the false positive
// rate on a log scale (see fprAxis), the baselines and peers overlaid, the
// chance line, the 1% and 5% false positive guides and the verdict
// thresholds.
func rocPlot(r *Report) *plot.Plot {
	p := newPlot("ROC curve", "false positive rate (share of clean articles flagged, log scale)", "true positive rate (share of spam caught)")
	ax := newFPRAxis(r.Overall.Clean)
	p.X.Tick.Marker, p.Y.Tick.Marker = ax.ticks(), unitTicks()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(chartGrid())
	var xs, ys []float64
	for i := 0; i <= 60; i++ {
		u := float64(i) / 60
		xs, ys = append(xs, u), append(ys, ax.fpr(u))
	}
	chance := chartLine(xs, ys, guideColor, 1, true)
	chance.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
	p.Add(chance)
	for _, fpr := range []float64{0.01, 0.05} {
		if fpr > ax.low {
			g := chartLine([]float64{ax.at(fpr), ax.at(fpr)}, []float64{0, 1}, guideColor, 0.8, true)
			p.Add(g)
		}
	}
	c := ROC(r.Examples)
	if len(c.X) == 0 {
		noData(p, "not defined: needs both clean and spam examples")
		return p
	}
	for k, b := range overlaid(r) {
		bc := ROC(b.Examples)
		if len(bc.X) == 0 {
			continue
		}
		l := peerLine(ax.curve(bc), k)
		p.Add(l)
		p.Legend.Add(shortName(b.Name)+", AUROC "+formatNumber(b.Metrics.AUROC), l)
	}
	c = thinned(ax.curve(c), curveResolution)
	curve := chartLine(c.X, c.Y, modelColor, 2.2, false)
	p.Add(curve)
	p.Legend.Add("newsqual, AUROC "+formatNumber(r.Overall.AUROC), curve)
	p.Legend.Add("chance", chance)
	thresholdMarks(p, r.Overall.Thresholds, -8, func(t AtThreshold) (Number, Number) {
		if !t.FalsePositiveRate.Defined() {
			return nan(), nan()
		}
		return Number(ax.at(float64(t.FalsePositiveRate))), t.Recall
	})
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(8), vg.Points(8)
	return p
}

// fprAxis maps false positive rates to a log scale on [0, 1]: low, a
// power of ten at or below one clean article's share (and no lower than
// 1e-4), sits at 0, and a rate of 1 at 1. Rates below low are drawn at 0.
type fprAxis struct {
	low float64
}

// newFPRAxis returns the axis for data with the given number of clean
// articles.
func newFPRAxis(clean int) fprAxis {
	low := 1e-4
	if clean > 0 {
		low = math.Pow(10, math.Floor(math.Log10(1/float64(clean))))
	}
	return fprAxis{low: min(max(low, 1e-4), 1e-2)}
}

// at is the position of a false positive rate on the axis.
func (a fprAxis) at(fpr float64) float64 {
	if fpr <= a.low {
		return 0
	}
	return 1 - math.Log10(fpr)/math.Log10(a.low)
}

// fpr is the false positive rate at a position of the axis.
func (a fprAxis) fpr(u float64) float64 {
	return math.Pow(10, (1-u)*math.Log10(a.low))
}

// curve maps an ROC curve's false positive rates onto the axis.
func (a fprAxis) curve(c Curve) Curve {
	out := Curve{X: make([]float64, len(c.X)), Y: c.Y}
	for i, x := range c.X {
		out.X[i] = a.at(x)
	}
	return out
}

// ticks labels each power of ten as a percentage, with unlabelled ticks at
// 2–9 times each.
func (a fprAxis) ticks() plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for decade := a.low; decade <= 1.0000001; decade *= 10 {
		ticks = append(ticks, plot.Tick{Value: a.at(decade), Label: strconv.FormatFloat(decade*100, 'g', -1, 64) + "%"})
		if decade >= 0.9999 {
			break
		}
		for k := 2.0; k < 10; k++ {
			ticks = append(ticks, plot.Tick{Value: a.at(k * decade)})
		}
	}
	return ticks
}

// peerColors tell the overlaid baselines and peers apart.
var peerColors = []color.Color{
	color.NRGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	color.NRGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
	color.NRGBA{R: 0x8c, G: 0x56, B: 0x4b, A: 0xff},
	color.NRGBA{R: 0xe3, G: 0x77, B: 0xc2, A: 0xff},
	color.NRGBA{R: 0x17, G: 0xbe, B: 0xcf, A: 0xff},
}

// overlaid returns the baselines drawn beside the full model: every one
// measured on examples of its own, except the full model itself.
func overlaid(r *Report) []Baseline {
	var out []Baseline
	for _, b := range r.Baselines {
		if b.Name != BaselineFull && len(b.Examples) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// peerLine draws the k-th overlaid curve, thin and dashed.
func peerLine(c Curve, k int) *plotter.Line {
	c = thinned(c, curveResolution)
	l := chartLine(c.X, c.Y, peerColors[k%len(peerColors)], 1.3, true)
	l.Dashes = []vg.Length{vg.Points(6), vg.Points(2)}
	return l
}

// shortName cuts a baseline's name at its first parenthesis, for a legend.
func shortName(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

// prPlot draws the precision-recall curve of the full model with the spam
// share (the precision of flagging everything) and the verdict thresholds.
func prPlot(r *Report) *plot.Plot {
	p := newPlot("Precision-recall curve", "recall (share of spam caught)", "precision (share of flagged that is spam)")
	unitAxes(p)
	c := PrecisionRecall(r.Examples)
	if len(c.X) == 0 {
		noData(p, "not defined: needs spam examples")
		return p
	}
	for k, b := range overlaid(r) {
		bc := PrecisionRecall(b.Examples)
		if len(bc.X) == 0 {
			continue
		}
		l := peerLine(bc, k)
		p.Add(l)
		p.Legend.Add(shortName(b.Name)+", AP "+formatNumber(b.Metrics.AveragePrecision), l)
	}
	c = thinned(c, curveResolution)
	curve := chartLine(c.X, c.Y, modelColor, 2.2, false)
	p.Add(curve)
	p.Legend.Add("newsqual, AP "+formatNumber(r.Overall.AveragePrecision), curve)
	if r.Overall.Articles > 0 {
		share := float64(r.Overall.Spam) / float64(r.Overall.Articles)
		chance := chartLine([]float64{0, 1}, []float64{share, share}, guideColor, 1, true)
		p.Add(chance)
		p.Legend.Add("spam share "+strconv.FormatFloat(share, 'f', 2, 64), chance)
	}
	thresholdMarks(p, r.Overall.Thresholds, 8, func(t AtThreshold) (Number, Number) { return t.Recall, t.Precision })
	p.Legend.Left = true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), vg.Points(8)
	return p
}

// reliabilityPlot draws the mean predicted probability against the
// observed spam share of each non-empty reliability bin, the point's area
// growing with the bin's count, each labelled with its count.
func reliabilityPlot(r *Report) *plot.Plot {
	p := newPlot("Reliability diagram", "mean predicted spam probability", "observed spam share")
	unitAxes(p)
	ideal := chartLine([]float64{0, 1}, []float64{0, 1}, guideColor, 1, true)
	p.Add(ideal)
	var pts plotter.XYs
	var counts []int
	var text []string
	largest := 0
	for _, b := range r.Overall.Reliability {
		if b.Count == 0 || !b.Predicted.Defined() || !b.Observed.Defined() {
			continue
		}
		pts = append(pts, plotter.XY{X: float64(b.Predicted), Y: float64(b.Observed)})
		counts = append(counts, b.Count)
		text = append(text, "n="+strconv.Itoa(b.Count))
		largest = max(largest, b.Count)
	}
	if len(pts) == 0 {
		noData(p, "no reliability bins")
		return p
	}
	link := &plotter.Line{XYs: pts, LineStyle: draw.LineStyle{Color: modelColor, Width: vg.Points(1)}}
	dots := &plotter.Scatter{XYs: pts, GlyphStyle: draw.GlyphStyle{Color: modelColor, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}}
	dots.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		g := dots.GlyphStyle
		g.Radius = vg.Points(2.5 + 6*math.Sqrt(float64(counts[i])/float64(largest)))
		return g
	}
	p.Add(link, dots, chartLabels(pts, text, 9, 9, -9, draw.XLeft))
	p.Legend.Add("bins, ECE "+formatNumber(r.Overall.ECE), dots)
	p.Legend.Add("perfect calibration", ideal)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(8)
	return p
}

// scoresPlot draws the histograms of the spam probability of clean and of
// spam examples, overlaid, on a log scale, with the verdict thresholds.
//
// The log scale is drawn by hand: bar heights are log10(count/floor) on a
// linear axis whose ticks are labelled with counts. (gonum/plot's log axis
// centres the axis label on the linear midpoint of the range, which pushes
// the data area down.)
func scoresPlot(r *Report) *plot.Plot {
	p := newPlot("Score distribution", "spam probability", "articles (log scale)")
	var clean, spam [histogramBins]int
	largest := 0
	for _, e := range r.Examples {
		if math.IsNaN(e.Probability) {
			continue
		}
		k := min(max(int(e.Probability*histogramBins), 0), histogramBins-1)
		if e.Spam {
			spam[k]++
			largest = max(largest, spam[k])
		} else {
			clean[k]++
			largest = max(largest, clean[k])
		}
	}
	p.X.Tick.Marker = unitTicks()
	p.X.Min, p.X.Max = 0, 1
	if largest == 0 {
		p.Y.Min, p.Y.Max = 0, 1
		noData(p, "no scored examples")
		return p
	}
	// The axis runs from half an article, the floor of the bars, to where
	// the tallest bar reaches 70% of the height, leaving the top for the
	// legend.
	height := logCount(float64(largest)) / 0.7
	p.Y.Min, p.Y.Max = 0, height
	p.Y.Tick.Marker = logCountTicks(height)
	p.Add(chartGrid())
	for _, h := range []struct {
		name   string
		counts []int
		color  color.NRGBA
	}{{"clean", clean[:], cleanColor}, {"spam", spam[:], spamColor}} {
		hist := histogram(h.counts, h.color)
		p.Add(hist)
		p.Legend.Add(h.name, hist)
	}
	for i, t := range r.Overall.Thresholds {
		if !t.Threshold.Defined() {
			continue
		}
		x := float64(t.Threshold)
		l := chartLine([]float64{x, x}, []float64{0, height}, thresholdColors[i%len(thresholdColors)], 1.5, true)
		p.Add(l)
		p.Legend.Add(thresholdLabel(t), l)
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(4)
	return p
}

// countFloor is the count at the bottom of the log-scaled histogram axis:
// half an article, so that a bin of one still shows as a bar.
const countFloor = 0.5

// logCount is the height of a bar of n articles on the histogram's log
// scale.
func logCount(n float64) float64 { return math.Log10(n / countFloor) }

// logCountTicks marks the histogram's log scale up to height: labelled
// ticks at 1, 10, 100, … articles and unlabelled ones at 2–9 times those.
func logCountTicks(height float64) plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for decade := 1.0; logCount(decade) <= height; decade *= 10 {
		for k := 1.0; k < 10; k++ {
			v := logCount(k * decade)
			if v > height {
				break
			}
			t := plot.Tick{Value: v}
			if k == 1 {
				t.Label = strconv.FormatFloat(decade, 'f', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// histogram returns bars over [0, 1] with heights logCount(count), filled
// translucent and outlined in the colour; empty bins are left out.
func histogram(counts []int, c color.NRGBA) *plotter.Histogram {
	width := 1 / float64(len(counts))
	h := &plotter.Histogram{Width: width}
	for i, n := range counts {
		if n == 0 {
			continue
		}
		h.Bins = append(h.Bins, plotter.HistogramBin{Min: float64(i) * width, Max: float64(i+1) * width, Weight: logCount(float64(n))})
	}
	fill := c
	fill.A = 0x66
	h.FillColor = fill
	h.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1)}
	return h
}

// svgFonts is the font list the charts' text asks for: Liberation Sans,
// whose metrics laid the text out, then fonts with the same metrics.
const svgFonts = `font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;`

// encodeSVG draws the plot on a ChartWidth × ChartHeight pixel canvas and
// returns it as an <svg> element for inlining in HTML: without the XML
// prolog and namespace declarations, titled for screen readers, its fonts
// falling back to metric-compatible ones.
func encodeSVG(p *plot.Plot, title string) ([]byte, error) {
	w := vg.Length(ChartWidth) * vg.Inch / chartDPI
	h := vg.Length(ChartHeight) * vg.Inch / chartDPI
	c := vgsvg.NewWith(vgsvg.UseWH(w, h))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode svg: %w", err)
	}
	b := buf.Bytes()
	start := bytes.Index(b, []byte("<svg"))
	end := bytes.IndexByte(b[max(start, 0):], '>')
	if start < 0 || end < 0 {
		return nil, fmt.Errorf("encode svg: no <svg> element")
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, `<svg class="chart" width="%d" height="%d" viewBox="0 0 %.6g %.6g" role="img"><title>`, ChartWidth, ChartHeight, w.Points(), h.Points())
	xml.EscapeText(&out, []byte(title))
	out.WriteString("</title>")
	body := b[start+end+1:]
	body = bytes.ReplaceAll(body, []byte("font-family:Liberation Sans;"), []byte(svgFonts))
	out.Write(body)
	return out.Bytes(), nil
}
