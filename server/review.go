package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/annotate"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

// The review screen, at /: a form to paste an article's text or HTML, or
// to choose a file, and, once posted, the article's verdict, quality,
// ranked reasons and its text with the evidence highlighted (package
// annotate). It runs no script and loads nothing from elsewhere: the form
// is a plain POST, and the Content-Security-Policy allows the page's own
// style sheet and nothing more.

// reviewRoute names the review screen in the metrics.
const reviewRoute = "/"

// reasonBadForm is the rejected counter's label for a review form that
// cannot be read.
const reasonBadForm = "bad_form"

// reviewStyle is the review page's style sheet: the annotated articles'
// and the form's.
var reviewStyle = annotate.Style() + `
.review label{display:block;margin:.6rem 0 .2rem}.review fieldset{border:0;padding:0;margin:.6rem 0}
.review fieldset label{display:inline;margin-right:1rem}.review button{font:inherit;padding:.3rem 1.2rem;margin-top:.6rem}
.error{border:2px solid #a00;padding:.5rem .8rem;color:#a00}`

// reviewCSP is the review page's Content-Security-Policy: nothing but its
// own style sheet (by its hash), and the form posts only to the service.
var reviewCSP = "default-src 'none'; style-src " + annotate.StyleHash(reviewStyle) + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// reviewView is what the review template renders.
type reviewView struct {
	Style template.CSS
	// Text is the text or markup posted, shown again in the form.
	Text string
	// As is how the text is read: "auto", "text" or "html".
	As string
	// Error says why the post gave no result.
	Error string
	// Result is the annotated article, "" before a post.
	Result template.HTML
	// Model is the model's short hash.
	Model string
}

// reviewForm is what a review post holds.
type reviewForm struct {
	text string
	// file is the chosen file's content and name, when one was chosen.
	file     []byte
	fileName string
	as       string
}

// handleReview answers GET / with the empty form and POST / with the form
// and the posted article's review. Like a score request, a post's body is
// read within MaxBodyBytes and the timeout before it takes a slot.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.writeReview(w, http.StatusOK, reviewView{As: "auto"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	data, apiErr := s.readBody(ctx, w, r)
	defer s.bodyBytes.Add(-int64(len(data)))
	if apiErr != nil {
		s.rejectReview(w, apiErr, reviewView{As: "auto"})
		return
	}
	f, err := parseReviewForm(r.Header.Get("Content-Type"), data)
	if err != nil {
		s.rejectReview(w, &apiError{status: http.StatusBadRequest, reason: reasonBadForm, msg: err.Error()}, reviewView{As: "auto"})
		return
	}
	v := reviewView{Text: f.text, As: f.as}
	release, apiErr := s.takeSlot()
	if apiErr != nil {
		s.rejectReview(w, apiErr, v)
		return
	}
	defer release()
	a, res, err := s.review(ctx, f)
	if err != nil {
		if ctx.Err() != nil && r.Context().Err() == nil {
			s.rejectReview(w, &apiError{status: http.StatusServiceUnavailable, reason: reasonTimeout,
				msg: fmt.Sprintf("the article took longer than %s (--timeout) to read", s.opts.Timeout)}, v)
			return
		}
		s.metrics.articleErrors.Inc()
		v.Error = err.Error()
		s.writeReview(w, http.StatusUnprocessableEntity, v)
		return
	}
	if rw, ok := w.(*responseWriter); ok {
		rw.articles = 1
	}
	var frag bytes.Buffer
	if err := annotate.Fragment(&frag, []annotate.Article{{Result: res, Title: a.Title, URL: a.URL, Text: a.Text}}); err != nil {
		panic(fmt.Sprintf("render a review: %v", err)) // the template takes any strings
	}
	v.Result = template.HTML(frag.String()) // rendered by html/template
	s.writeReview(w, http.StatusOK, v)
}

// review reads and scores the posted article, by the rules of a score
// request's article object: the pasted text (or chosen file) is its
// "text", or its "html" when it is read as HTML.
func (s *Server) review(ctx context.Context, f reviewForm) (corpus.Article, newsqual.Result, error) {
	content, name := f.text, "pasted text"
	if len(f.file) > 0 {
		content, name = string(f.file), f.fileName
	}
	if strings.TrimSpace(content) == "" {
		return corpus.Article{}, newsqual.Result{}, errors.New("nothing to review: paste an article's text or HTML, or choose a file")
	}
	field := "text"
	if f.as == "html" || (f.as != "text" && looksLikeHTML(name, content)) {
		field = "html"
	}
	rec, err := json.Marshal(map[string]string{"id": name, field: content})
	if err != nil {
		return corpus.Article{}, newsqual.Result{}, err // a map of strings always encodes
	}
	opts := s.opts.Reader
	opts.MaxLineBytes = len(rec) // the body's limit already applies
	it := corpus.DecodeRecordContext(ctx, rec, recordPath, 0, opts)
	if ctx.Err() != nil {
		return corpus.Article{}, newsqual.Result{}, ctx.Err()
	}
	if !it.OK() {
		msg := "the article could not be read"
		if it.Err != nil {
			msg = it.Err.Error()
		}
		return corpus.Article{}, newsqual.Result{}, errors.New(msg)
	}
	return it.Article, s.scoreArticle(s.scorer, it.Article), nil
}

// looksLikeHTML says whether content (named name) is to be read as HTML
// when the form leaves it to the service: a file named .html or .htm, or
// text that starts with a tag.
func looksLikeHTML(name, content string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return strings.HasPrefix(strings.TrimSpace(content), "<")
}

// parseReviewForm reads a review post: URL-encoded or multipart form data
// with the fields "text", "file" and "as".
func parseReviewForm(contentType string, data []byte) (reviewForm, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return reviewForm{}, fmt.Errorf("the form could not be read: Content-Type %q: %v", contentType, err)
	}
	var f reviewForm
	switch mt {
	case "application/x-www-form-urlencoded":
		q, err := url.ParseQuery(string(data))
		if err != nil {
			return reviewForm{}, fmt.Errorf("the form could not be read: %v", err)
		}
		f.text, f.as = q.Get("text"), q.Get("as")
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return reviewForm{}, fmt.Errorf("the form could not be read: %v", err)
			}
			value, err := io.ReadAll(part) // within the body, already read
			if err != nil {
				return reviewForm{}, fmt.Errorf("the form could not be read: %v", err)
			}
			switch part.FormName() {
			case "text":
				f.text = string(value)
			case "as":
				f.as = string(value)
			case "file":
				f.file, f.fileName = value, part.FileName()
			}
		}
	default:
		return reviewForm{}, fmt.Errorf("the form could not be read: Content-Type %q: post the form as application/x-www-form-urlencoded or multipart/form-data", mt)
	}
	// A browser posts UTF-8; what is not is shown, and read, as U+FFFD.
	f.text = strings.ToValidUTF8(f.text, "\uFFFD")
	switch f.as {
	case "":
		f.as = "auto"
	case "auto", "text", "html":
	default:
		return reviewForm{}, fmt.Errorf("the form could not be read: \"as\" is %q: want auto, text or html", f.as)
	}
	return f, nil
}

// rejectReview answers a refused review post with the page and its error.
func (s *Server) rejectReview(w http.ResponseWriter, e *apiError, v reviewView) {
	s.metrics.rejected.WithLabelValues(e.reason).Inc()
	setRefusalHeaders(w, e)
	v.Error = e.msg
	s.writeReview(w, e.status, v)
}

// writeReview renders the review page.
func (s *Server) writeReview(w http.ResponseWriter, status int, v reviewView) {
	v.Style = template.CSS(reviewStyle)
	v.Model = wire.ShortSHA(s.modelSHA)
	var page bytes.Buffer
	if err := reviewTemplate.Execute(&page, v); err != nil {
		panic(fmt.Sprintf("render the review page: %v", err)) // the template takes any strings
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(page.Len()))
	h.Set("Content-Security-Policy", reviewCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(page.Bytes())
}

var reviewTemplate = template.Must(template.New("review").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsqual review</title>
<style>{{.Style}}</style>
</head>
<body>
<h1>newsqual review</h1>
<p class="meta">Paste an article's text or HTML, or choose a file, and see how it scores and why. Model {{.Model}}.</p>
<form class="review" method="post" action="/" enctype="multipart/form-data">
<label for="text">Article text or HTML</label>
<textarea id="text" name="text">
{{.Text}}</textarea>
<label for="file">or a file (.txt, .md, .html)</label>
<input id="file" name="file" type="file" accept=".txt,.md,.html,.htm,text/plain,text/html">
<fieldset><legend>Read it as</legend>
<label><input type="radio" name="as" value="auto"{{if eq .As "auto"}} checked{{end}}> HTML when it starts with a tag</label>
<label><input type="radio" name="as" value="text"{{if eq .As "text"}} checked{{end}}> text</label>
<label><input type="radio" name="as" value="html"{{if eq .As "html"}} checked{{end}}> HTML</label>
</fieldset>
<button type="submit">Review</button>
</form>
{{with .Error}}<p class="error" role="alert">{{.}}</p>{{end}}
{{.Result}}
</body>
</html>
`))
