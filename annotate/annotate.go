// Package annotate renders scored articles as one self-contained HTML
// page: each article's text with the evidence of every reason highlighted
// where it was found (the evidence's byte spans), coloured by signal, with
// the reason's weight and message on hover and on keyboard focus (the Tab
// key moves from one highlight to the next), and described to assistive
// technology by its reason's line in the list. The page
// loads nothing from elsewhere and runs no script; html/template escapes
// every piece of article text, so no text can break out of the page.
package annotate

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// Article is one scored article: its result and the text its evidence
// spans point into, as given to newsqual.Scorer.Score.
type Article struct {
	Result newsqual.Result
	// Title and URL are shown above the article when it has them.
	Title, URL string
	// Text is the article's text; its evidence spans are byte offsets
	// into it.
	Text string
}

// Page is what a page shows above its articles.
type Page struct {
	// Title heads the page.
	Title string
	// Note is a line under the title, such as the model's hash.
	Note string
	// Failures are the inputs that could not be scored, listed after the
	// articles with their errors.
	Failures []Failure
}

// Failure is an input that could not be scored.
type Failure struct {
	// ID names the input: its own id, else its place (FILE:LINE).
	ID string
	// Error says what went wrong.
	Error string
}

// Write renders the articles as one HTML page to w, worst first: lowest
// quality first, the articles with no score after the scored ones, ties
// in the order given.
func Write(w io.Writer, page Page, articles []Article) error {
	return pageTemplate.Execute(w, build(page, articles, true))
}

// Fragment renders the articles, in the order given, without the page
// around them, for a page of one's own that includes Style.
func Fragment(w io.Writer, articles []Article) error {
	return pageTemplate.ExecuteTemplate(w, "articles", build(Page{}, articles, false).Articles)
}

// Style is the page's style sheet, for a page that embeds Fragment.
func Style() string { return style }

// StyleHash is the Content-Security-Policy source that allows a style
// element holding css: 'sha256-...'.
func StyleHash(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// pageCSP is the page's own Content-Security-Policy: nothing loads, no
// script runs, and only the page's style sheet applies.
var pageCSP = "default-src 'none'; style-src " + StyleHash(style) + "; form-action 'none'; base-uri 'none'"

// view is what the template renders.
type view struct {
	Page
	Style    template.CSS
	CSP      string
	Articles []articleView
	Legend   []legendItem
}

type articleView struct {
	ID, Title, URL string
	Verdict        string
	Quality        string
	Reasons        []reasonView
	Pieces         []piece
}

type reasonView struct {
	Signal, Message, Weight string
	Colour                  int
	// Anchor is the id of the reason's first mark, "" when it has none.
	Anchor string
	// Describe is the id of the reason's list item, which describes its
	// marks to assistive technology; "" when it has no marks.
	Describe string
}

// piece is a run of the text: plain, or the evidence of a reason.
type piece struct {
	Text   string
	Mark   bool
	Signal string
	Colour int
	// Kind is the mark's style beyond its colour: "word" for the words a
	// text model weighs, "clean" for evidence toward clean, else "".
	Kind string
	Tip  string
	// ID is the anchor of the first mark of its reason, else "".
	ID string
	// Describes is the id of the reason's list item.
	Describes string
	// reason is the index of the mark's reason.
	reason int
}

// wordSignals are the signals whose evidence is single words, each one
// found many times: they are underlined rather than filled, so that the
// evidence of the other signals stands out.
var wordSignals = map[string]bool{model.TextFeature: true}

// markKind is the style of a reason's marks beyond its colour.
func markKind(r newsqual.Reason) string {
	switch {
	case r.TowardClean():
		return "clean"
	case wordSignals[r.Signal]:
		return "word"
	}
	return ""
}

type legendItem struct {
	Signal string
	Colour int
}

// colours is how many signal colours the style sheet defines.
const colours = 12

// build prepares the page, its articles worst first when worstFirst is
// set, else in the order given.
func build(page Page, articles []Article, worstFirst bool) view {
	order := make([]int, len(articles))
	for i := range order {
		order[i] = i
	}
	if !worstFirst {
		return collect(page, articles, order)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		qa, qb := articles[a].Result.Quality, articles[b].Result.Quality
		switch {
		case qa == nil && qb == nil:
			return 0
		case qa == nil:
			return 1
		case qb == nil:
			return -1
		}
		return cmp.Compare(*qa, *qb)
	})
	return collect(page, articles, order)
}

// collect prepares the page with its articles in the order given by
// order, and gives each marked signal its colour.
func collect(page Page, articles []Article, order []int) view {
	v := view{Page: page, Style: template.CSS(style), CSP: pageCSP}
	marked, listed := map[string]bool{}, map[string]bool{}
	for n, i := range order {
		av := viewOf(articles[i], n)
		for _, p := range av.Pieces {
			if p.Mark {
				marked[p.Signal] = true
			}
		}
		for _, r := range av.Reasons {
			listed[r.Signal] = true
		}
		v.Articles = append(v.Articles, av)
	}
	// The marked signals take the colours first, in name order, so that
	// the signals marked on one page differ in colour as far as the
	// colours go.
	colour := map[string]int{}
	for _, set := range []map[string]bool{marked, listed} {
		for _, sig := range slices.Sorted(maps.Keys(set)) {
			if _, ok := colour[sig]; !ok {
				colour[sig] = len(colour) % colours
			}
		}
	}
	for _, sig := range slices.Sorted(maps.Keys(marked)) {
		v.Legend = append(v.Legend, legendItem{sig, colour[sig]})
	}
	for _, av := range v.Articles {
		for i := range av.Reasons {
			av.Reasons[i].Colour = colour[av.Reasons[i].Signal]
		}
		for i := range av.Pieces {
			av.Pieces[i].Colour = colour[av.Pieces[i].Signal]
		}
	}
	return v
}

// viewOf prepares one article, the nth on its page, for the template.
func viewOf(a Article, n int) articleView {
	r := a.Result
	av := articleView{ID: r.ID, Title: a.Title, URL: a.URL, Verdict: string(r.Verdict), Quality: "–"}
	if r.Quality != nil {
		av.Quality = fmt.Sprint(*r.Quality)
	}
	for _, reason := range r.Reasons {
		av.Reasons = append(av.Reasons, reasonView{
			Signal:  reason.Signal,
			Message: reason.Message,
			Weight:  fmt.Sprintf("%+.2f", reason.Weight),
		})
	}
	av.Pieces = pieces(a.Text, r.Reasons)
	// Each reason in the list links to its first mark, so that the Tab
	// key leads from a reason to its place in the text.
	for i, p := range av.Pieces {
		if !p.Mark {
			continue
		}
		r := &av.Reasons[p.reason]
		if r.Anchor == "" {
			r.Anchor = fmt.Sprintf("a%d-r%d", n+1, p.reason+1)
			r.Describe = fmt.Sprintf("a%d-d%d", n+1, p.reason+1)
			av.Pieces[i].ID = r.Anchor
		}
		av.Pieces[i].Describes = r.Describe
	}
	return av
}

// mark is one highlighted span with the reason it belongs to.
type mark struct {
	start, end int
	reason     int
}

// pieces cuts text into plain runs and highlighted spans. Where the spans
// of two reasons overlap the stronger reason (the earlier) keeps the
// place; spans out of the text's range are passed over.
func pieces(text string, reasons []newsqual.Reason) []piece {
	var marks []mark
	for ri, r := range reasons {
		for _, ev := range r.Evidence {
			for _, sp := range ev.Spans {
				if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
					continue
				}
				m := mark{sp.Start, sp.End, ri}
				if !slices.ContainsFunc(marks, func(o mark) bool { return o.start < m.end && m.start < o.end }) {
					marks = append(marks, m)
				}
			}
		}
	}
	slices.SortFunc(marks, func(a, b mark) int { return cmp.Compare(a.start, b.start) })
	var out []piece
	at := 0
	for _, m := range marks {
		if m.start > at {
			out = append(out, piece{Text: valid(text[at:m.start])})
		}
		r := reasons[m.reason]
		out = append(out, piece{
			Text:   valid(text[m.start:m.end]),
			Mark:   true,
			Signal: r.Signal,
			Kind:   markKind(r),
			Tip:    fmt.Sprintf("%s %+.2f: %s", r.Signal, r.Weight, r.Message),
			reason: m.reason,
		})
		at = m.end
	}
	if at < len(text) {
		out = append(out, piece{Text: valid(text[at:])})
	}
	return out
}

// valid returns s with any invalid UTF-8 replaced, so that the page is
// well-formed whatever bytes the article held.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem}article{border-top:2px solid #ccc;padding:1rem 0}
h2{font-size:1.1rem;margin:.2rem 0;overflow-wrap:anywhere}.meta{color:#555}
.verdict-spam{color:#a00}.verdict-suspect{color:#a60}.verdict-clean{color:#070}
ol.reasons{font-size:.9rem}ol.reasons a{color:inherit}ol.reasons li{overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;padding:.8rem;background:#fafafa}
mark{position:relative;border-radius:2px;padding:0 1px;color:inherit}
mark:focus{outline:2px solid #000}
mark.word{background:none;border-bottom:2px dotted #b44}mark.clean{outline:1px dashed #070}
mark:hover::after,mark:focus::after{content:attr(data-tip);position:absolute;left:0;top:1.4em;z-index:2;width:max-content;max-width:28rem;white-space:normal;background:#222;color:#fff;padding:.3rem .5rem;font-size:.8rem;border-radius:3px}
.legend span{display:inline-block;margin:0 .5rem .3rem 0;padding:0 .3rem}
.c0{background:#ffd6d6}.c1{background:#ffe9b3}.c2{background:#d9f2c2}.c3{background:#cde7ff}
.c4{background:#ead6ff}.c5{background:#ffd1ec}.c6{background:#c9f0ec}.c7{background:#e6e1c8}
.c8{background:#ffc9a8}.c9{background:#b8e0ff}.c10{background:#e0f0a0}.c11{background:#dcdcdc}
form textarea{width:100%;min-height:12rem;font:inherit}`

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<title>{{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{with .Note}}<p class="meta">{{.}}</p>{{end}}
{{if .Legend}}<p class="legend">Signals: {{range .Legend}}<span class="c{{.Colour}}">{{.Signal}}</span>{{end}}</p>{{end}}
{{template "articles" .Articles}}
{{if .Failures}}<section class="failures">
<h2>Not scored</h2>
<ul>{{range .Failures}}<li><b>{{.ID}}</b>: {{.Error}}</li>{{end}}</ul>
</section>{{end}}
</body>
</html>
{{define "articles"}}{{range .}}<article>
<h2>{{if .Title}}{{.Title}}{{else}}{{.ID}}{{end}}</h2>
<p class="meta"><span class="verdict-{{.Verdict}}">{{.Verdict}}</span> · quality {{.Quality}} · {{.ID}}{{with .URL}} · {{.}}{{end}}</p>
{{if .Reasons}}<ol class="reasons">{{range .Reasons}}<li{{with .Describe}} id="{{.}}"{{end}}>{{if .Anchor}}<a href="#{{.Anchor}}" class="c{{.Colour}}">{{.Signal}}</a>{{else}}<span class="c{{.Colour}}">{{.Signal}}</span>{{end}} {{.Weight}}: {{.Message}}</li>{{end}}</ol>{{end}}
<div class="text">{{range .Pieces}}{{if .Mark}}<mark{{with .ID}} id="{{.}}"{{end}} class="c{{.Colour}}{{with .Kind}} {{.}}{{end}}" data-signal="{{.Signal}}" tabindex="0" aria-describedby="{{.Describes}}" data-tip="{{.Tip}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</div>
</article>
{{end}}{{end}}`))
