package corpus

import (
	"strings"
	"testing"
)

// TestLinkListsAreRemoved checks that lists of links inside the article
// go, and that prose with a few links in it stays.
func TestLinkListsAreRemoved(t *testing.T) {
	page := `<html><body><div class="story">` + story +
		`<p>The union's <a href="/a">statement</a>, the operator's <a href="/b">offer</a> and the council's <a href="/c">bus timetable</a> are on our site, along with a map of the routes that were cut.</p>` +
		`<p><b>More harbour news</b><br><a href="/1">Bridge repairs to start in March</a><br><a href="/2">New pier lights switched on</a><br><a href="/3">Lifeboat crew rescue two sailors</a><br><a href="/4">Fish market to open on Sundays</a></p>` +
		`<p><a href="/p">Print this article</a> | <a href="/e">E-mail this article</a> | <a href="/s">Larger text</a></p>` +
		`</div></body></html>`
	text := readArticle(t, page)
	wantStory(t, text)
	if !strings.Contains(text, "along with a map of the routes") {
		t.Errorf("prose with links was removed:\n%s", text)
	}
	for _, debris := range []string{"Bridge repairs", "Fish market", "Print this article"} {
		if strings.Contains(text, debris) {
			t.Errorf("link list %q kept:\n%s", debris, text)
		}
	}
}

// TestCaptionsAreRemoved checks that photo captions and credits go, and
// that the captions of a photo essay, which are its story, stay.
func TestCaptionsAreRemoved(t *testing.T) {
	page := `<html><body><div class="story"><figure><img src="a.jpg"><figcaption>Crews on the north pier on Tuesday morning.</figcaption></figure>` +
		`<div class="photo-credit">Ana Ruiz/Harbour Times</div>` + story + `</div></body></html>`
	text := readArticle(t, page)
	wantStory(t, text)
	for _, debris := range []string{"Crews on the north pier", "Ana Ruiz/Harbour Times"} {
		if strings.Contains(text, debris) {
			t.Errorf("caption %q kept:\n%s", debris, text)
		}
	}

	var essay strings.Builder
	essay.WriteString(`<html><body><div class="gallery-post"><p>The strike in pictures.</p>`)
	for _, c := range []string{
		"Commuters wait for a ferry that will not come at the north pier on the first morning of the strike, as rain sets in over the harbour.",
		"Crews on the picket line outside the operator's office on the third day, with banners that ask for a fair deal for the people who run the boats.",
		"A replacement bus leaves the station full on Thursday, while more passengers queue behind a barrier set up by the council along the quay.",
		"The first ferry leaves the north pier at six on Tuesday after the deal, with its horn sounding and a small crowd cheering from the harbour wall.",
	} {
		essay.WriteString(`<div class="wp-caption"><img src="x.jpg"><p class="wp-caption-text">` + c + `</p></div>`)
	}
	essay.WriteString(`</div></body></html>`)
	text = readArticle(t, essay.String())
	if !strings.Contains(text, "Commuters wait for a ferry") || !strings.Contains(text, "horn sounding") {
		t.Errorf("the captions of a photo essay were removed:\n%s", text)
	}
}

// TestCommentSectionIsCut checks that comments following the story in
// its own container, after a comments heading or anchor, are cut, and
// that a comments link beside the byline and a table cell that says
// "Comments" cut nothing.
func TestCommentSectionIsCut(t *testing.T) {
	// The story and a last paragraph: more than minTextBeforeComments.
	long := story + `<p>The council said it would review how the replacement buses were run, and the operator promised a new timetable from the first of next month, with more boats at the busiest hours.</p>`
	loose := `<hr><b>Comments are now closed for this story</b><br><br><b>Jo</b><br>The operator should have settled in the first week, and everyone on the quay knew it from the start.<br><br><hr>` +
		`<b>Sam</b><br>Buses were late every single morning of the strike, and nobody from the council said sorry.<br><br><hr>`
	for name, page := range map[string]string{
		"heading": `<html><body><div class="story">` + long + loose + `</div></body></html>`,
		"anchor": `<html><body><div class="story">` + long + `<p><a name="commentSection"></a>What readers say</p><p><b>Jo</b> wrote: The operator should have settled in the first week, and everyone on the quay knew it from the start.</p>` +
			`<p><b>Sam</b> wrote: Buses were late every single morning of the strike, and nobody from the council said sorry.</p></div></body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			text := readArticle(t, page)
			wantStory(t, text)
			if strings.Contains(text, "settled in the first week") || strings.Contains(text, "Buses were late") {
				t.Errorf("comments kept:\n%s", text)
			}
		})
	}

	t.Run("byline link and table cell", func(t *testing.T) {
		page := `<html><body><div class="story"><p>By Ana Ruiz | <a href="#c">12 comments</a></p>` + long +
			`<table><tr><td>Comments</td><td>Votes</td></tr><tr><td>The deal is fair and should be accepted by the crews.</td><td>120</td></tr></table>` +
			`<p>The vote on the deal is due next month, and the union said it expected the crews to back it by a wide margin.</p></div></body></html>`
		text := readArticle(t, page)
		wantStory(t, text)
		if !strings.Contains(text, "The deal is fair") || !strings.Contains(text, "by a wide margin") {
			t.Errorf("text after a comments link or a table cell was cut:\n%s", text)
		}
	})
}

// TestRuleLinesAreDropped checks that lines drawn with dashes or stars
// leave the article but not the whole page.
func TestRuleLinesAreDropped(t *testing.T) {
	page := `<html><body><div class="story">` + story + `<p>———————————</p><p>* * *</p>` +
		`<p>The council thanked passengers for their patience and said a review of the strike plan would report in the summer.</p></div></body></html>`
	text := readArticle(t, page)
	wantStory(t, text)
	if strings.Contains(text, "———") || strings.Contains(text, "* * *") || strings.Contains(text, "\n\n\n") {
		t.Errorf("rule lines or blank runs kept:\n%q", text)
	}
	if !strings.Contains(text, "patience") {
		t.Errorf("text after the rules lost:\n%s", text)
	}
	_, whole, _ := newHTMLReader().extract([]byte(page), "", true, DefaultMaxHTMLDepth)
	if !strings.Contains(whole, "———") || !strings.Contains(whole, "* * *") {
		t.Errorf("the whole page lost its rule lines:\n%s", whole)
	}

	for in, want := range map[string]string{
		"a\n\n---\n\nb": "a\n\nb",
		"a\n|\nb":       "a\nb",
		"a\n\nb":        "a\n\nb",
		"***\na":        "a",
		"a\n\n—":        "a",
		"":              "",
	} {
		if got := dropRuleLines(in); got != want {
			t.Errorf("dropRuleLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWholePageKeepsDebris checks that --whole-page still reads every
// visible part of the page: comments, captions, link lists and rules.
func TestWholePageKeepsDebris(t *testing.T) {
	page := `<html><body><div class="post">` + story + `<figure><figcaption>Crews on the north pier.</figcaption></figure>` +
		`<ul><li><a href="/1">Bridge repairs</a></li><li><a href="/2">Pier lights</a></li><li><a href="/3">Lifeboat rescue</a></li></ul><p>———</p></div>` +
		`<div class="comments-body">` + para("Jo", "The operator should have settled.") + `</div></body></html>`
	_, text, _ := newHTMLReader().extract([]byte(page), "", true, DefaultMaxHTMLDepth)
	wantStory(t, text)
	for _, s := range []string{"Crews on the north pier", "Bridge repairs", "———", "The operator should have settled"} {
		if !strings.Contains(text, s) {
			t.Errorf("whole page lacks %q:\n%s", s, text)
		}
	}
}
