package newsqual

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

// TestHiddenTextOfNewsPagesIsNoSpam reads the real news pages of
// ../shared from their HTML and checks that what they hide themselves
// (menus, notices, second copies, icons) seldom fires hidden_text.
func TestHiddenTextOfNewsPagesIsNoSpam(t *testing.T) {
	path := shareddata.Path(t, "corpus", "news-pages-html.jsonl")
	arts, _ := corpus.Labelled([]string{path}, corpus.Options{PreferHTML: true})
	names := features.Names()
	pages, withHidden, fired := 0, 0, 0
	for _, a := range arts {
		pages++
		if a.Hidden != "" {
			withHidden++
		}
		d := features.NewPage(a.Title, a.Text, a.Hidden)
		for i, s := range features.ExtractDocument(d) {
			if names[i] == "hidden_text" && s.Fired {
				fired++
				t.Logf("%s: %s", a.ID, s.Message)
			}
		}
	}
	t.Logf("%d pages, %d with hidden text, hidden_text fires on %d", pages, withHidden, fired)
	if pages == 0 || withHidden == 0 {
		t.Fatalf("%d pages read, %d with hidden text", pages, withHidden)
	}
	if fired*100 > pages {
		t.Errorf("hidden_text fires on %d of %d clean news pages", fired, pages)
	}
}

// hiddenPage is a news page with spam hidden in it in one of the ways
// search spammers hide text.
func hiddenPage(article, hide string) string {
	paras := strings.Split(article, "\n\n")
	var b strings.Builder
	b.WriteString("<html><head><title>Council budget</title></head><body><article><h1>Council budget</h1>")
	for i, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
		if i == len(paras)/2 {
			b.WriteString(hide)
		}
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// TestHiddenStuffingIsSpam scores real clean articles as pages with a
// stuffed phrase or a link list hidden in them, in each of the usual
// ways, and checks that they are spam while the pages without it are not.
func TestHiddenStuffingIsSpam(t *testing.T) {
	texts := evasionArticles(t, 200)
	stuffed := strings.Repeat("cheap flight tickets best deals ", 20)
	links := "zorvexbet.biz quilumloans.online tramib.shop pexdor.win kaisul.xyz vexqui.top mibzor.club"
	ways := map[string]string{
		"display:none":      `<div style="display: none">%s</div>`,
		"visibility:hidden": `<span style="visibility:hidden">%s</span>`,
		"hidden":            `<div hidden>%s</div>`,
		"aria-hidden":       `<div aria-hidden="true">%s</div>`,
		"noscript":          `<noscript><p>%s</p></noscript>`,
	}
	dir := t.TempDir()
	var files []string
	for i, text := range texts {
		write := func(name, page string) {
			f := filepath.Join(dir, fmt.Sprintf("%03d-%s.html", i, name))
			if err := os.WriteFile(f, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		write("plain", hiddenPage(text, ""))
		for way, tmpl := range ways {
			hide := stuffed
			if i%2 == 1 {
				hide = links
			}
			write(strings.ReplaceAll(way, ":", "-"), hiddenPage(text, fmt.Sprintf(tmpl, hide)))
		}
	}
	s := Default()
	caught, plainFlagged := map[string]int{}, 0
	_ = corpus.Walk(files, corpus.Options{}, func(it corpus.Item) error {
		if !it.OK() {
			t.Errorf("%s: %v", it.Path, it.Err)
			return nil
		}
		way := strings.TrimSuffix(filepath.Base(it.Path)[4:], ".html")
		spam := s.Score(it.Article).Verdict == VerdictSpam
		switch {
		case way == "plain" && spam:
			plainFlagged++
		case way != "plain" && spam:
			caught[way]++
		}
		return nil
	})
	t.Logf("%d pages without hidden text, %d called spam", len(texts), plainFlagged)
	if plainFlagged*50 > len(texts) {
		t.Errorf("%d of %d clean pages called spam", plainFlagged, len(texts))
	}
	for way := range ways {
		way = strings.ReplaceAll(way, ":", "-")
		t.Logf("hidden by %-18s %d of %d caught", way, caught[way], len(texts))
		if caught[way]*100 < 95*len(texts) {
			t.Errorf("hidden by %s: %d of %d caught", way, caught[way], len(texts))
		}
	}
}
