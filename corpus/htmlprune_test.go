package corpus

import (
	"strings"
	"testing"
)

// para is a paragraph of reader comment, long enough that readability
// weighs it like story text.
func para(who, text string) string {
	return `<p>` + text + ` I have lived by the harbour for thirty years and have seen every strike since the seventies, and this one was handled worse than any of them, ` + who + ` wrote.</p>`
}

// readArticle returns the text the HTML reader takes from page, and fails
// the test when it had to fall back to the visible text.
func readArticle(t *testing.T, page string) string {
	t.Helper()
	_, text, note := newHTMLReader().extract([]byte(page), "", false, DefaultMaxHTMLDepth)
	if note != "" {
		t.Fatalf("note %q: readability found no article in the test page", note)
	}
	return text
}

// wantStory checks that text holds the whole story of the test pages.
func wantStory(t *testing.T, text string) {
	t.Helper()
	for _, s := range []string{"The harbour ferry strike ended on Tuesday", "said Mara Lind", "buses laid on during the strike"} {
		if !strings.Contains(text, s) {
			t.Errorf("the story's %q is missing from:\n%s", s, text)
		}
	}
}

// TestDebrisByNameIsRemoved checks that parts of the page named as
// furniture are taken out before readability looks for the article, even
// when their names also hold a word readability reads as article text.
func TestDebrisByNameIsRemoved(t *testing.T) {
	comments := `<div class="comments-head">Comments</div>` +
		`<div class="comments-body">` + para("Jo", "The operator should have settled in the first week.") + `</div>` +
		`<div class="comments-body">` + para("Sam", "Buses were late every single morning of the strike.") + `</div>` +
		`<div class="comments-body">` + para("Ruth", "Nobody asked the commuters what they thought of the deal.") + `</div>`
	page := `<html><head><title>Ferry strike ends</title></head><body><div id="page"><div class="post">` +
		story + `</div>` + comments +
		`<div class="related-content"><p>Harbour bridge to close for repairs in the spring, the council says, after an inspection found rust in the main cables.</p></div>` +
		`<div id="share-tools"><p>Share this story with friends and family by e-mail or on your favourite network today.</p></div>` +
		`</div></body></html>`
	text := readArticle(t, page)
	wantStory(t, text)
	for _, debris := range []string{"thirty years", "Harbour bridge to close", "Share this story"} {
		if strings.Contains(text, debris) {
			t.Errorf("debris %q kept:\n%s", debris, text)
		}
	}
}

// TestArticleNamesAndWrappersAreKept checks that an article whose class
// list also holds a debris word, and a wrapper named for an ad around the
// whole page, are not taken for debris.
func TestArticleNamesAndWrappersAreKept(t *testing.T) {
	// More text than the story, so that the story is less than half the
	// page and only its name keeps it.
	about := `<div class="about">` + strings.Repeat(`<p>Harbour Times is published every weekday by a cooperative of its readers and staff, and has covered the port since it opened in the last century.</p>`, 4) + `</div>`
	for name, page := range map[string]string{
		"article with a layout flag": `<html><body><div id="main"><div class="hentry adShift">` + story + `</div></div>` + about + `</body></html>`,
		"page-wide wrapper":          `<html><body><div class="ad-wallpaper"><div class="column">` + story + `</div><div class="ad">Advertisement</div></div></body></html>`,
		"state class":                `<html><body><div class="post comments-open">` + story + `</div></body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			text := readArticle(t, page)
			wantStory(t, text)
			if strings.Contains(text, "Advertisement") {
				t.Errorf("the ad box was kept:\n%s", text)
			}
		})
	}
}

// TestHiddenCopyIsRemoved checks that a copy of the story kept out of
// sight by a "hidden" class does not come out twice.
func TestHiddenCopyIsRemoved(t *testing.T) {
	page := `<html><body><div class="article"><div class="story-teaser hidden">` + story + `</div><div class="story-full">` + story + `</div></div></body></html>`
	text := readArticle(t, page)
	wantStory(t, text)
	if n := strings.Count(text, "The harbour ferry strike ended"); n != 1 {
		t.Errorf("the story comes %d times:\n%s", n, text)
	}
}

// TestClassifyName checks how class names and ids are split and read.
func TestClassifyName(t *testing.T) {
	for _, c := range []struct {
		name string
		want nameKind
	}{
		{"commentList", kindDebris | kindComment},
		{"comment_list", kindDebris | kindComment},
		{"comments-body", kindDebris | kindComment},
		{"comments-open", kindDebris | kindComment | kindState},
		{"has-sidebar", kindDebris | kindState},
		{"entry-content", kindArticle},
		{"storyBody", kindArticle},
		{"bodycopy", 0},
		{"adShift", kindAd},
		{"related-content", kindDebris},
		{"header", 0},
		{"wp-caption-text", kindCaption},
		{"photo_credit", kindPhoto | kindCredit},
		{"credit", kindCredit},
		{"sharethisbuttonsandlinksforfriends", 0},
		{"", 0},
	} {
		if got := classifyName(c.name); got != c.want {
			t.Errorf("classifyName(%q) = %b, want %b", c.name, got, c.want)
		}
	}
}

// TestNonSpace checks nonSpace against the bytes strings.Fields keeps.
func TestNonSpace(t *testing.T) {
	for _, s := range []string{"", "  ", "a b", " tab\tnew\nline ", "no\u00a0break\u2003em", "café ünïcode", "\xff bad"} {
		want := len(strings.Join(strings.Fields(s), ""))
		if got := nonSpace(s); got != want {
			t.Errorf("nonSpace(%q) = %d, want %d", s, got, want)
		}
	}
}
