package features

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutRunes(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
		cut  bool
	}{
		{"short", 10, "short", false},
		{"exactly10!", 10, "exactly10!", false},
		{"eleven runes", 10, "eleven ru…", true},
		{"ééééééééééé", 10, "ééééééééé…", true}, // 11 two-byte runes
		{"éééééééééé", 10, "éééééééééé", false}, // 10 of them, 20 bytes
		{"日本語のテキストです。長い", 5, "日本語の…", true},
	}
	for _, c := range cases {
		got, cut := cutRunes(c.in, c.n)
		if got != c.want || cut != c.cut {
			t.Errorf("cutRunes(%q, %d) = %q, %v; want %q, %v", c.in, c.n, got, cut, c.want, c.cut)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > c.n {
			t.Errorf("cutRunes(%q, %d) = %q: not valid or too long", c.in, c.n, got)
		}
	}
}

// TestEvidenceIsCapped checks that an article of long lines repeated, which
// the page-debris signals quote, gives evidence of at most
// MaxEvidenceRunes characters, marked as cut, and messages of at most
// MaxMessageRunes.
func TestEvidenceIsCapped(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the council said budget harbour minister report week year city police market people plan")
	var lines []string
	for range 4 {
		var b strings.Builder
		for range 3000 {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString("é.")
		lines = append(lines, b.String(), b.String(), b.String())
	}
	// A stuffed phrase of one enormous word, quoted in its message.
	huge := strings.Repeat("x", 5000)
	lines = append(lines, strings.Repeat("buy "+huge+" now. ", 12))
	cut := 0
	for _, sig := range Extract("", strings.Join(lines, "\n\n")) {
		if n := utf8.RuneCountInString(sig.Message); n > MaxMessageRunes {
			t.Errorf("%s: message of %d characters", sig.Name, n)
		}
		for _, e := range sig.Evidence {
			if n := utf8.RuneCountInString(e.Text); n > MaxEvidenceRunes || !utf8.ValidString(e.Text) {
				t.Errorf("%s: evidence of %d characters", sig.Name, n)
			}
			if e.Cut {
				cut++
				if !strings.HasSuffix(e.Text, "…") {
					t.Errorf("%s: cut evidence %q does not end with …", sig.Name, e.Text)
				}
			}
			if s := e.String(); utf8.RuneCountInString(s) > MaxEvidenceRunes+20 {
				t.Errorf("%s: evidence renders as %d characters", sig.Name, utf8.RuneCountInString(s))
			}
		}
	}
	if cut == 0 {
		t.Fatal("no evidence was cut: the test text quotes no long line")
	}
}
