package features

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// textStatsNames indexes the signals of the text statistics check.
var textStatsNames = func() map[string]int {
	m := make(map[string]int)
	for i, n := range checkNames(newTextStats()) {
		m[n] = i
	}
	return m
}()

func runTextStats(title, text string) map[string]Signal {
	d := NewDocument(title, text)
	c := newTextStats()
	got := c.Run(d)
	out := make(map[string]Signal, len(got))
	for i, n := range checkNames(c) {
		out[n] = got[i]
	}
	return out
}

func TestTextStatsInventedTexts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]float64
	}{
		{
			name: "two words",
			text: "aa bbbb",
			want: map[string]float64{
				"word_count":           math.Log1p(2),
				"mean_word_length":     3,
				"stopword_ratio":       0,
				"terminal_punct_share": 0, // one paragraph, no full stop
				"short_line_share":     1, // 7 characters
				"symbol_ratio":         0,
				"bullet_share":         0,
				"fake_headings":        0,
			},
		},
		{
			name: "stop words and punctuation",
			// 8 words: the, cat, sat, on, the, mat, it, slept; stop words:
			// the, on, the, it = 4. Letters: 3+3+3+2+3+3+2+5 = 24.
			text: "The cat sat on the mat.\n\nIt slept",
			want: map[string]float64{
				"word_count":           math.Log1p(8),
				"mean_word_length":     3,
				"stopword_ratio":       0.5,
				"terminal_punct_share": 0.5,
				"short_line_share":     1,
			},
		},
		{
			name: "symbols and bullets",
			// words: Top, deals, of, the, week, a, b, c, d = 9; symbols:
			// # # ... | • • = 6 ("..." counts once, as an ellipsis; "-" is
			// not a symbol). Bullets start 3 of 5 lines.
			text: "Top deals of the week ##...|\n• a\n• b\n- c\nd",
			want: map[string]float64{
				"symbol_ratio": 6.0 / 9,
				"bullet_share": 3.0 / 5,
			},
		},
		{
			name: "hard-wrapped paragraph counts once",
			text: "The central bank said on Tuesday that it would keep its main\ninterest rate unchanged for a third month running, citing\nsteady inflation.\n",
			want: map[string]float64{
				"terminal_punct_share": 1,
				"short_line_share":     0,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runTextStats("", tt.text)
			for name, want := range tt.want {
				if v := got[name].Value; math.Abs(v-want) > 1e-9 {
					t.Errorf("%s = %v, want %v", name, v, want)
				}
			}
		})
	}
}

func TestTextStatsEmptyDocument(t *testing.T) {
	for _, text := range []string{"", "\n\n\n", "  \t "} {
		for name, s := range runTextStats("", text) {
			if s.Value != 0 || s.Fired || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
				t.Errorf("%q: %s = %+v, want zero", text, name, s)
			}
		}
	}
}

func TestTextStatsSymbolsOnly(t *testing.T) {
	// No words at all: ratios per word stay zero instead of dividing by zero.
	for name, s := range runTextStats("", "### ... ||| »»»") {
		if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) || s.Value < 0 || (name != "terminal_punct_share" && name != "short_line_share" && s.Value != 0) {
			t.Errorf("%s = %v", name, s.Value)
		}
	}
}

func TestTextStatsRulesFire(t *testing.T) {
	keywords := strings.Repeat("cheap flights london paris hotels deals booking discount ", 10)
	got := runTextStats("", keywords)
	if !got["stopword_ratio"].Fired {
		t.Errorf("stopword_ratio did not fire on a keyword list: %+v", got["stopword_ratio"])
	}
	hashtags := strings.Repeat("#news #breaking #viral #trending ", 10)
	if s := runTextStats("", hashtags)["symbol_ratio"]; !s.Fired {
		t.Errorf("symbol_ratio did not fire on hashtags: %+v", s)
	}
}

func TestFakeHeadingsSeed003(t *testing.T) {
	got := runTextStats("", shareddata.Seed(t, "003"))["fake_headings"]
	texts := strings.Join(bpEvidenceTexts(got), "\n")
	for _, want := range []string{"Upon his arrival", "The U.S. position", "Despite the challenges", "As the discussions continued", "In conclusion"} {
		if !strings.Contains(texts, want) {
			t.Errorf("fake_headings evidence lacks %q:\n%s", want, texts)
		}
	}
	if !got.Fired {
		t.Errorf("fake_headings did not fire: %+v", got)
	}
	// The title and the stuffed keyword line are not broken sentences.
	for _, e := range got.Evidence {
		if e.Line == 1 || e.Text == "Hamas rejects US" {
			t.Errorf("unexpected fake heading %q (line %d)", e.Text, e.Line)
		}
	}
}

func TestFakeHeadingsInvented(t *testing.T) {
	body := "the committee said the plan would cut costs by a fifth over three years, according to the filing."
	tests := []struct {
		name string
		text string
		want int
	}{
		{"lowercase continuation", "Title line here\n\nThe new plan\n\n" + body, 1},
		{"connective opener", "Title line here\n\nDespite the delays\n\nThe committee said the plan would cut costs by a fifth over three years, officials said.", 1},
		{"real heading", "Title line here\n\nMarket reaction\n\nShares in the company fell four percent after the announcement, their biggest fall this year.", 0},
		{"title is not a heading", "Upon reflection\n\n" + body, 0},
		{"heading followed by a short line", "Title line here\n\nIn conclusion\n\nthanks.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runTextStats("", tt.text)["fake_headings"]
			if n := int(math.Round(math.Expm1(got.Value))); n != tt.want {
				t.Errorf("fake_headings = %d, want %d (%q)", n, tt.want, bpEvidenceTexts(got))
			}
		})
	}
}

// TestTextStatsBySource logs the mean of each statistic per clean source
// and checks that layout alone (Reuters' hard wraps and capital headlines)
// does not set Reuters apart on the paragraph statistics.
func TestTextStatsBySource(t *testing.T) {
	sources := []struct {
		name, file string
		keep       func(shareddata.Record) bool
	}{
		{"reuters", "reuters-21578.jsonl", nil},
		{"bbc", "bbc-news.jsonl", nil},
		{"xsum-human", "xsum-human-vs-llm.jsonl", func(r shareddata.Record) bool { return r.Label == "clean" }},
		{"xsum-llm", "xsum-human-vs-llm.jsonl", func(r shareddata.Record) bool { return r.Label == "spam" }},
	}
	names := checkNames(newTextStats())
	means := make(map[string][]float64)
	for _, src := range sources {
		recs := shareddata.Records(t, src.file, 0, src.keep)
		sum := make([]float64, len(names))
		fired := make([]int, len(names))
		for _, r := range recs {
			d := NewDocument("", r.Text)
			for i, s := range newTextStats().Run(d) {
				if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
					t.Fatalf("%s %s: %s = %v", src.name, r.ID, names[i], s.Value)
				}
				sum[i] += s.Value
				if s.Fired {
					fired[i]++
				}
			}
		}
		var b strings.Builder
		for i, n := range names {
			sum[i] /= float64(len(recs))
			fmt.Fprintf(&b, "%s=%.3f", n, sum[i])
			if fired[i] > 0 {
				fmt.Fprintf(&b, " (fired %.1f%%)", 100*float64(fired[i])/float64(len(recs)))
			}
			b.WriteString(" ")
		}
		t.Logf("%-10s %4d texts: %s", src.name, len(recs), b.String())
		means[src.name] = sum
		if src.name != "xsum-llm" {
			if f := fired[textStatsNames["fake_headings"]]; float64(f) > 0.01*float64(len(recs)) {
				t.Errorf("%s: fake_headings fired on %d of %d clean texts", src.name, f, len(recs))
			}
		}
	}
	for _, stat := range []string{"terminal_punct_share", "short_line_share"} {
		i := textStatsNames[stat]
		if diff := math.Abs(means["reuters"][i] - means["bbc"][i]); diff > 0.05 {
			t.Errorf("%s: Reuters mean %.3f vs BBC %.3f: layout sets Reuters apart", stat, means["reuters"][i], means["bbc"][i])
		}
	}
}

// TestScanTextCountsWords checks scanText against the plain definitions:
// the letters of the text are the letters, digits and marks of its words,
// and its symbols are counted rune by rune with "..." as one.
func TestScanTextCountsWords(t *testing.T) {
	texts := []string{
		"",
		"U.S. officials' well-known co-op & A&W said: 3.5% (up).",
		"naïve café, e\u0301te\u0301 and ŝ\u0323 with marks",
		"🔥🔥 Hot deals!!! ★★★ Buy now » Shop | Sale ~ 50% off #deal",
		"Wait.... what... ok.. fine . . . done…",
		"日本語のテキスト。中文，标点！",
		"  indented line\n\n\tand a tab\n• bullet ► arrow → next © 2024 ™",
		"‘quoted’ “words” don’t — dashes – and ½ ² ٣ digits",
	}
	texts = append(texts, corpusSample(t, 200)...)
	for _, text := range texts {
		d := NewDocument("", text)
		wantLetters := 0
		for _, w := range d.Words {
			for _, r := range w.Text {
				if isWordRune(r) {
					wantLetters++
				}
			}
		}
		wantSymbols, dots := 0, 0
		for _, r := range d.Text {
			if r == '.' {
				if dots++; dots == 3 {
					wantSymbols++
				}
				continue
			}
			dots = 0
			if isTextSymbol(r) {
				wantSymbols++
			}
		}
		letters, symbols := scanText(d.Text)
		if letters != wantLetters || symbols != wantSymbols {
			t.Errorf("scanText(%.60q) = %d letters, %d symbols; want %d, %d", d.Text, letters, symbols, wantLetters, wantSymbols)
		}
	}
}

// corpusSample returns texts of every corpus file and the seeds, for tests
// that compare a fast path with its plain definition.
func corpusSample(t *testing.T, perFile int) []string {
	var texts []string
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl", "templates.jsonl", "pages-with-boilerplate.jsonl"} {
		for _, r := range shareddata.Records(t, f, perFile, nil) {
			texts = append(texts, r.Text)
		}
	}
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		texts = append(texts, shareddata.Seed(t, p))
	}
	return texts
}

// TestWordFlagTable checks both kinds of table against a plain map, on
// their own words, on words one byte away from them (which share most of
// what the tables hash) and on the words of real text.
func TestWordFlagTable(t *testing.T) {
	lists := map[uint16][]string{
		1:  {"a", "i", "of", "to", "the", "and", "is", "its", "it's", "there", "these", "three", "those", "this"},
		2:  {"the", "theme", "themes", "theme's", "pingback", "wordpress", "yourselves", "ourselves", "shouldn't"},
		4:  {"naïve", "café", "é", "日本", "ab", "ba", "abc", "acb", "abcd", "abdc", "x"},
		8:  {strings.Repeat("long", 70)}, // longer than 255 bytes
		16: {"pingback*", "ab*", "the"},
		32: {"trackback*", "tracking"},
	}
	want := func(w string) uint16 {
		var f uint16
		for flag, list := range lists {
			for _, p := range list {
				if pre, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(w, pre) || p == w {
					f |= flag
				}
			}
		}
		return f
	}
	var probes []string
	for _, list := range lists {
		for _, w := range list {
			w = strings.TrimSuffix(w, "*")
			probes = append(probes, w, w+"s", w[:len(w)-1], "x"+w)
			for i := range len(w) {
				b := []byte(w)
				b[i] ^= 1
				probes = append(probes, string(b))
			}
		}
	}
	probes = append(probes, "", strings.Repeat("a", 300), strings.Repeat("long", 70)+"x")
	for _, text := range corpusSample(t, 50) {
		for _, w := range NewDocument("", text).Words {
			probes = append(probes, w.Norm)
		}
	}
	words := make([]Word, len(probes))
	for i, p := range probes {
		words[i].Norm = p
	}
	for _, common := range []bool{false, true} {
		table := newWordFlagTable(lists, common)
		got := make([]uint16, len(words))
		table.flagsOf(words, got)
		for i, p := range probes {
			w := want(p)
			if g := table.get(p); g != w {
				t.Errorf("common=%v: get(%q) = %b, want %b", common, p, g, w)
			}
			if got[i] != w {
				t.Errorf("common=%v: flagsOf gives %q %b, want %b", common, p, got[i], w)
			}
		}
	}
}

// TestWordFlagTableEmptyPrefix checks that "*" stands for every word.
func TestWordFlagTableEmptyPrefix(t *testing.T) {
	for _, common := range []bool{false, true} {
		table := newWordFlagTable(map[uint16][]string{1: {"*"}, 2: {"of"}}, common)
		words := []Word{{Norm: "of"}, {Norm: "x"}, {Norm: ""}, {Norm: "everything"}}
		got := make([]uint16, len(words))
		table.flagsOf(words, got)
		for i, want := range []uint16{3, 1, 1, 1} {
			if got[i] != want || table.get(words[i].Norm) != want {
				t.Errorf("common=%v: %q has flags %b (get %b), want %b", common, words[i].Norm, got[i], table.get(words[i].Norm), want)
			}
		}
	}
}

// TestStopWordsAreNotNumbers backs the shortcut of textStats.Run, which
// counts numbers without asking whether they are stop words.
func TestStopWordsAreNotNumbers(t *testing.T) {
	for _, w := range stopWords.words {
		if bpNumeric(w) {
			t.Errorf("stop word %q is a number", w)
		}
	}
	for i, key := range stopWords.shortKeys {
		if key != 0 && stopWords.shortFlags[i] == 0 {
			t.Errorf("short stop word key %x has no flags", key)
		}
	}
}

// TestEndsSentenceQuick compares endsSentenceQuick with endsSentence on
// the lines and paragraphs of real text and on edge cases.
func TestEndsSentenceQuick(t *testing.T) {
	texts := []string{"", " ", ".", "a", "a.", "a. ", "a.)", "a.\"", "a'", "a?!", "a:", "a;", "a…", "a.”", "a »", "a)", "a]", "(a)", "«a»", "日本。", "a\u00a0"}
	for _, text := range corpusSample(t, 100) {
		d := NewDocument("", text)
		for _, ln := range d.Lines {
			texts = append(texts, ln.Text)
		}
		for _, p := range d.Paragraphs {
			texts = append(texts, p.Text)
		}
	}
	for _, text := range texts {
		if got, want := endsSentenceQuick(text), endsSentence(text); got != want {
			t.Errorf("endsSentenceQuick(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestRuneCountBelow(t *testing.T) {
	for _, s := range []string{"", "a", "abc", "é", "éé", "日本語", "🙂🙂🙂", strings.Repeat("é", 40), strings.Repeat("a", 40), strings.Repeat("日", 30)} {
		for n := range 125 {
			if got, want := runeCountBelow(s, n), utf8.RuneCountInString(s) < n; got != want {
				t.Errorf("runeCountBelow(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

func BenchmarkTextStatsCorpus(b *testing.B) { benchmarkCheckCorpus(b, newTextStats()) }
