package features

import (
	"strings"
	"testing"
)

func hiddenSignal(title, text, hidden string) Signal {
	return newHiddenText().Run(NewPage(title, text, hidden))[0]
}

func TestHiddenTextFindsStuffingAndLinkLists(t *testing.T) {
	stuffed := strings.Repeat("cheap flight tickets best deals ", 12)
	links := "zorvexbet.biz quilumloans.online tramib.shop pexdor.win kaisul.xyz vexqui.top"
	for _, c := range []struct {
		name, hidden string
		fired        bool
		evidence     string
	}{
		{"hidden stuffing", stuffed, true, "cheap flight tickets best deals"},
		{"stuffing through inflections", strings.Repeat("cheap flights ticket deal, cheap flight tickets deals. ", 4), true, "cheap flights ticket deal"},
		{"hidden link list", links, true, "zorvexbet.biz"},
		{"no hidden text", "", false, ""},
		// What news pages hide themselves: a menu, a script notice, a
		// second copy of the story.
		{"a menu", "Home News Sport Business Weather Subscribe Sign in Search Menu Close", false, ""},
		{"a script notice", "Please enable JavaScript to view the comments powered by Disqus.", false, ""},
		{"a second copy", inventedArticle, false, ""},
	} {
		s := hiddenSignal("", inventedArticle, c.hidden)
		if s.Fired != c.fired {
			t.Errorf("%s: fired = %v, want %v (%s)", c.name, s.Fired, c.fired, s.Message)
			continue
		}
		if c.fired && (len(s.Evidence) == 0 || s.Evidence[0].Text != c.evidence) {
			t.Errorf("%s: evidence %+v, want %q first", c.name, s.Evidence, c.evidence)
		}
		if !c.fired && s.Value != 0 {
			t.Errorf("%s: value %v without firing", c.name, s.Value)
		}
	}
}

// TestHiddenTextIsNotTheArticle checks that hidden text changes no other
// signal: it is kept apart from the article's text.
func TestHiddenTextIsNotTheArticle(t *testing.T) {
	plain := ExtractDocument(NewDocument("", inventedArticle))
	d := NewPage("", inventedArticle, strings.Repeat("cheap flight tickets best deals ", 12))
	hidden := ExtractDocument(d)
	for i, name := range Names() {
		if name == "hidden_text" {
			continue
		}
		if plain[i].Value != hidden[i].Value {
			t.Errorf("%s: %v without hidden text, %v with it", name, plain[i].Value, hidden[i].Value)
		}
	}
	d.Reset("", inventedArticle)
	if d.Hidden != "" {
		t.Errorf("Reset keeps the last page's hidden text %q", d.Hidden)
	}
}
