package features

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/disguise"
	"github.com/newsqual/newsqual/internal/shareddata"
)

func TestNormalizeMapped(t *testing.T) {
	for _, c := range []struct {
		name, text string
		find, want string // a piece of the normalised text, and the original bytes it came from
	}{
		{"ascii", "Buy now at fast.biz today", "fast.biz", "fast.biz"},
		{"crlf", "First line\r\nSecond line\rThird", "Third", "Third"},
		{"crlf end", "First line\r\nSecond", "line\nSecond", "line\r\nSecond"},
		{"zero-width", "cas\u200bino bonus", "casino", "cas\u200bino"},
		{"decomposed", "cafe\u0301 society", "café", "cafe\u0301"},
		{"full-width", "visit ｆａｓｔｃａｓｈ．ｂｉｚ now", "fastcash.biz", "ｆａｓｔｃａｓｈ．ｂｉｚ"},
		{"math bold", "the 𝐁𝐮𝐲 button", "Buy", "𝐁𝐮𝐲"},
		{"homoglyph kept", "Сasino wins", "Сasino", "Сasino"}, // Cyrillic С: Normalize keeps it, the words fold it
		{"override", "Earn at \u202emoc.gninrae\u202c daily", "earning.com", "moc.gninrae"},
		{"override piece", "Earn at \u202emoc.gninrae\u202c daily", "earning", "gninrae"},
		{"invalid", "bad \xff\xfe bytes here", "bytes", "bytes"},
		{"invalid run", "bad \xff\xfe bytes", "\uFFFD", "\xff\xfe"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, m := NormalizeMapped(c.text)
			if want := Normalize(c.text); out != want {
				t.Fatalf("text %q, Normalize gives %q", out, want)
			}
			i := strings.Index(out, c.find)
			if i < 0 {
				t.Fatalf("%q not in %q", c.find, out)
			}
			from, to := m.Original(i, i+len(c.find))
			if got := c.text[from:to]; got != c.want {
				t.Errorf("%q maps back to %q, want %q", c.find, got, c.want)
			}
		})
	}
}

// checkWordsMapBack checks that every word of the document made from text
// maps back to original bytes that normalise to the word, and returns
// whether normalising changed the text.
func checkWordsMapBack(t *testing.T, name, text string) bool {
	t.Helper()
	out, m, exact := normalizeMapped(text)
	if out != Normalize(text) {
		t.Fatalf("%s: NormalizeMapped's text is not Normalize's", name)
	}
	if !exact {
		t.Errorf("%s: the map fell back to the whole text", name)
	}
	d := NewDocument("", text)
	bad := 0
	for _, w := range d.Words {
		from, to := m.Original(w.Start, w.Start+len(w.Text))
		piece := text[from:to]
		if inOverride(text, from) {
			// The word reads backwards in the original.
			piece = "\u202e" + piece
		}
		got := Normalize(piece)
		if got == w.Text {
			continue
		}
		if bad++; bad <= 3 {
			t.Errorf("%s: word %q at %d maps back to %q, which normalises to %q", name, w.Text, w.Start, clip(text[from:to]), clip(got))
		}
	}
	return out != text
}

// inOverride reports whether byte i of text lies behind a right-to-left
// override on its line, where the words read backwards.
func inOverride(text string, i int) bool {
	line := text[:i]
	if k := strings.LastIndexByte(line, '\n'); k >= 0 {
		line = line[k:]
	}
	o := strings.LastIndex(line, "\u202e")
	return o >= 0 && !strings.Contains(line[o:], "\u202c")
}

func TestNormalizeMappedOnRealText(t *testing.T) {
	examples, _ := filepath.Glob("../testdata/examples/*.txt")
	for _, f := range examples {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkWordsMapBack(t, f, string(b))
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		checkWordsMapBack(t, "seed "+seed, shareddata.Seed(t, seed))
	}
	changed, total := 0, 0
	for _, file := range []string{"news-outlets.jsonl", "xsum-human-vs-llm.jsonl", "reuters-21578.jsonl", "templates.jsonl", "pan24-human-vs-llm.jsonl"} {
		limit := 400
		if testing.Short() {
			limit = 100
		}
		for _, r := range shareddata.Records(t, file, limit, nil) {
			total++
			if checkWordsMapBack(t, fmt.Sprintf("%s %s", file, r.ID), r.Text) {
				changed++
			}
		}
	}
	t.Logf("%d corpus articles, %d changed by normalising", total, changed)
	// The same articles in disguise: every kind of change Normalize
	// makes, at places that vary from article to article.
	for _, file := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "news-outlets.jsonl"} {
		for i, r := range shareddata.Records(t, file, 400, nil) {
			if !checkWordsMapBack(t, fmt.Sprintf("%s %s disguised", file, r.ID), disguise.Text(r.Text, i)) {
				t.Errorf("%s %s: disguising changed nothing", file, r.ID)
			}
			total++
			changed++
		}
	}
	if changed == 0 {
		t.Error("no article was changed by normalising: the test checks no mapping")
	}
}

// clip shortens s for a failure message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
