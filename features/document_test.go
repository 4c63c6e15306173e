package features

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

func TestNormalizeRemovesHiddenCharacters(t *testing.T) {
	got := Normalize("B\u200buy N\u200bow\r\nnext")
	if got != "Buy Now\nnext" {
		t.Fatalf("Normalize = %q", got)
	}
}

// TestNormalizeShowsWhatTheScreenShows folds the forms spammers write an
// ad in to slip past word lists: letters of other widths and fonts, and
// text stored backwards behind a right-to-left override.
func TestNormalizeShowsWhatTheScreenShows(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ｂｕｙ　ｎｏｗ ａｔ ｆａｓｔｃａｓｈ．ｂｉｚ，\u3000ｌｏａｎｓ ２４／７", "Buy now at fastcash.biz, loans 24/7"},
		{"𝐁𝐞𝐬𝐭 𝐜𝐫𝐲𝐩𝐭𝐨 𝟐𝟎𝟐𝟒 and 𝘪𝘵𝘢𝘭𝘪𝘤", "Best crypto 2024 and italic"},
		{"Ⓒⓐⓢⓘⓝⓞ ①②③", "Casino 123"},
		{"Visit \u202emoc.hsactsaf\u202c today", "Visit fastcash.com today"},
		{"Line \u202e(ti ees) ereh kcilC\nnext line", "Line Click here (see it)\nnext line"},
		// Text of the page itself keeps its characters: accents, curly
		// quotes, dashes and CJK punctuation are not variants.
		{"Café “news” — 東京、日本", "Café “news” — 東京、日本"},
		{"Acme™ №5 ⑩", "Acme™ №5 ⑩"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWordsFoldCaseApostrophesAndHomoglyphs(t *testing.T) {
	d := NewDocument("", "Don’t ВUY Now, the U.S. said.")
	var got []string
	for _, w := range d.Words {
		got = append(got, w.Norm)
	}
	want := "don't|buy|now|the|u.s|said"
	if strings.Join(got, "|") != want {
		t.Fatalf("words = %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestParagraphsJoinHardWrappedWireCopy(t *testing.T) {
	text := "ACME <ACM> SEES HIGHER NET\nAcme Corp said its first\nquarter profits may be above the 2.4 mln dlrs earned in the first\nquarter of fiscal 1986.\n    The company said any rise would be due to\nstrong sales.\n"
	d := NewDocument("", text)
	if len(d.Paragraphs) != 3 {
		for _, p := range d.Paragraphs {
			t.Logf("paragraph %q", p.Text)
		}
		t.Fatalf("got %d paragraphs, want 3 (headline, first, indented second)", len(d.Paragraphs))
	}
	if !strings.HasPrefix(d.Paragraphs[1].Text, "Acme Corp said its first quarter profits") {
		t.Errorf("paragraph 1 = %q", d.Paragraphs[1].Text)
	}
}

func TestSentencesKeepAbbreviations(t *testing.T) {
	d := NewDocument("", "Mr. Smith went to the U.S. on Monday. He said “no.” Then he left!")
	if len(d.Sentences) != 3 {
		for _, s := range d.Sentences {
			t.Logf("sentence %q (%d words)", s.Text, s.WordCount())
		}
		t.Fatalf("got %d sentences, want 3", len(d.Sentences))
	}
	if n := d.Sentences[0].WordCount(); n != 8 {
		t.Errorf("first sentence has %d words, want 8", n)
	}
}

func TestSeedsTokenizeConsistently(t *testing.T) {
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		d := NewDocument("", shareddata.Seed(t, p))
		total := 0
		for _, s := range d.Sentences {
			total += s.WordCount()
			if s.FirstWord > s.EndWord {
				t.Fatalf("seed %s: sentence %q has inverted words", p, s.Text)
			}
		}
		if total != len(d.Words) {
			t.Errorf("seed %s: sentences hold %d words, document %d", p, total, len(d.Words))
		}
	}
}

func TestLexiconFindsPhrasesThroughTricks(t *testing.T) {
	lx := NewLexicon("it is important to note", "underscor*", "buy now")
	d := NewDocument("", "It is important to note that this underscores B\u200buy Nоw (Cyrillic o).")
	ev := CountPhrases(d, lx.Find(d))
	if len(ev) != 3 {
		t.Fatalf("got %v", ev)
	}
}

func TestEverySignalHasADescription(t *testing.T) {
	for _, n := range Names() {
		if Description(n) == n {
			t.Errorf("signal %s has no description", n)
		}
	}
}

// TestResetEqualsNewDocument reuses one Document for texts of very
// different shapes and checks each gives the signals a fresh one gives.
func TestResetEqualsNewDocument(t *testing.T) {
	texts := []string{
		shareddata.Seed(t, "003"),
		"",
		"Short.",
		strings.Repeat("A line of wire copy that wraps\nonto the next line and so on\n", 50),
		shareddata.Seed(t, "004"),
		"B\u200buy N\u200bow\n$20.00\n",
		shareddata.Seed(t, "000"),
	}
	reused := new(Document)
	for i, text := range texts {
		reused.Reset("A title", text)
		got := ExtractDocument(reused)
		want := Extract("A title", text)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d: a reused Document gives other signals", i)
		}
		// By content: an emptied slice and a nil one are the same here.
		if fmt.Sprint(reused.Sentences) != fmt.Sprint(NewDocument("A title", text).Sentences) {
			t.Fatalf("text %d: sentences differ", i)
		}
	}
}

func TestCJKAndRightToLeftText(t *testing.T) {
	zh := NewDocument("", "北京今天下雨。明天会晴吗？天气预报说会晴！")
	if len(zh.Sentences) != 3 || len(zh.Words) == 0 {
		t.Errorf("Chinese: %d sentences, %d words; want 3 sentences", len(zh.Sentences), len(zh.Words))
	}
	// Direction marks and isolates are removed like zero-width spaces, so
	// they cannot split a word or hide it from a lexicon.
	ar := NewDocument("", "قال الوزير\u200f إن الخطة ستنشر الشهر المقبل. هل ستنشر؟ B\u2066u\u2069y N\u202eo\u202cw")
	if strings.ContainsAny(ar.Text, "\u200f\u2066\u2069\u202e\u202c") {
		t.Errorf("direction controls left in %q", ar.Text)
	}
	if len(ar.Sentences) != 3 {
		t.Errorf("Arabic: %d sentences, want 3", len(ar.Sentences))
	}
	last := ar.Words[len(ar.Words)-2:]
	if last[0].Norm != "buy" || last[1].Norm != "now" {
		t.Errorf("controls split the words: %q %q", last[0].Norm, last[1].Norm)
	}
}
