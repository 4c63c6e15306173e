package features

import (
	"math"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// spamSignal runs one check on a document and returns the named signal.
func spamSignal(t *testing.T, c Check, d *Document, name string) Signal {
	t.Helper()
	sigs := c.Run(d)
	names := checkNames(c)
	if len(sigs) != len(names) {
		t.Fatalf("%T returned %d signals for %d names", c, len(sigs), len(names))
	}
	for i, n := range names {
		if math.IsNaN(sigs[i].Value) || math.IsInf(sigs[i].Value, 0) || sigs[i].Value < 0 {
			t.Errorf("%s = %v, want a finite non-negative value", n, sigs[i].Value)
		}
		if len(sigs[i].Evidence) > 10 {
			t.Errorf("%s has %d evidence items, want at most 10", n, len(sigs[i].Evidence))
		}
	}
	for i, n := range names {
		if n == name {
			return sigs[i]
		}
	}
	t.Fatalf("%T has no signal %q", c, name)
	return Signal{}
}

var (
	cleanNewsOnce sync.Once
	cleanNewsRecs []shareddata.Record
)

// cleanNewsSample returns clean articles from the shared corpus: the first
// 500 BBC stories, the first 500 Reuters stories and every clean XSum text.
// The test is skipped when the shared data is absent.
func cleanNewsSample(t *testing.T) []shareddata.Record {
	t.Helper()
	shareddata.Dir(t)
	cleanNewsOnce.Do(func() {
		cleanNewsRecs = append(cleanNewsRecs, shareddata.Records(t, "bbc-news.jsonl", 500, nil)...)
		cleanNewsRecs = append(cleanNewsRecs, shareddata.Records(t, "reuters-21578.jsonl", 500, nil)...)
		cleanNewsRecs = append(cleanNewsRecs, shareddata.Records(t, "xsum-human-vs-llm.jsonl", 0,
			func(r shareddata.Record) bool { return r.Label == "clean" })...)
	})
	if len(cleanNewsRecs) < 500 {
		t.Fatalf("clean sample has %d articles, want at least 500", len(cleanNewsRecs))
	}
	return cleanNewsRecs
}

// assertRarelyFires runs a signal over the clean sample, logs its firing
// rate and the strongest cases, and fails when it fires on 1% or more.
func assertRarelyFires(t *testing.T, c Check, name string) {
	t.Helper()
	recs := cleanNewsSample(t)
	type hit struct {
		id  string
		sig Signal
	}
	var fired, nonzero []hit
	for _, r := range recs {
		s := spamSignal(t, c, NewDocument(r.Title, r.Text), name)
		if s.Fired {
			fired = append(fired, hit{r.ID, s})
		} else if s.Value > 0 {
			nonzero = append(nonzero, hit{r.ID, s})
		}
	}
	rate := float64(len(fired)) / float64(len(recs))
	t.Logf("%s fires on %d of %d clean articles (%.2f%%), non-zero on %d more", name, len(fired), len(recs), 100*rate, len(nonzero))
	worst := append(fired, nonzero...)
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].sig.Value > worst[j].sig.Value })
	for i, h := range worst {
		if i == 5 {
			break
		}
		t.Logf("  %s fired=%v value=%.2f %s %v", h.id, h.sig.Fired, h.sig.Value, h.sig.Message, h.sig.Evidence)
	}
	if rate >= 0.01 {
		t.Errorf("%s fires on %.2f%% of clean articles, want under 1%%", name, 100*rate)
	}
}

func TestKeywordStuffingFindsSeedPhrase(t *testing.T) {
	d := NewDocument("", shareddata.Seed(t, "003"))
	s := spamSignal(t, newStuffing(), d, "keyword_stuffing")
	if !s.Fired || len(s.Evidence) == 0 {
		t.Fatalf("keyword_stuffing did not fire on seed 003: %+v", s)
	}
	ev := s.Evidence[0]
	if !strings.EqualFold(ev.Text, "Hamas rejects US") || ev.Count < 10 {
		t.Errorf("evidence = %v, want \"Hamas rejects US\" at least 10 times", ev)
	}
	if !strings.Contains(strings.ToLower(s.Message), "hamas rejects us") {
		t.Errorf("message %q does not name the phrase", s.Message)
	}
	// The maximal phrase only, not its parts.
	for _, e := range s.Evidence[1:] {
		if strings.Contains(strings.ToLower(ev.Text), strings.ToLower(e.Text)) {
			t.Errorf("evidence repeats part of the phrase: %v", s.Evidence)
		}
	}
}

func TestKeywordStuffingReportsMaximalPhrase(t *testing.T) {
	// A six-word phrase: longer than the longest n-gram hashed.
	phrase := "buy cheap solar panels online today"
	text := insertEvery(inventedArticle, phrase, 15, 9)
	s := spamSignal(t, newStuffing(), NewDocument("", text), "keyword_stuffing")
	if !s.Fired || len(s.Evidence) == 0 {
		t.Fatalf("keyword_stuffing did not fire: %+v", s)
	}
	if got := s.Evidence[0]; got.Text != phrase || got.Count != 9 {
		t.Errorf("evidence = %v, want %q ×9", got, phrase)
	}
}

func TestRepetitionOnOtherSeeds(t *testing.T) {
	c := newStuffing()
	for _, seed := range []string{"000", "001", "002", "004"} {
		d := NewDocument("", shareddata.Seed(t, seed))
		for i, s := range c.Run(d) {
			if s.Fired || s.Value > 0 {
				t.Logf("seed %s: %s = %.3f fired=%v %s %v", seed, checkNames(c)[i], s.Value, s.Fired, s.Message, s.Evidence)
			}
		}
		if s := spamSignal(t, c, d, "keyword_stuffing"); s.Fired {
			t.Errorf("seed %s: keyword_stuffing fired: %s %v", seed, s.Message, s.Evidence)
		}
	}
	// The title repeated as the first paragraph shows as a duplicated line.
	d := NewDocument("", shareddata.Seed(t, "001"))
	if s := spamSignal(t, c, d, "dup_line_share"); s.Value <= 0 || len(s.Evidence) == 0 || s.Evidence[0].Count != 2 {
		t.Errorf("seed 001 dup_line_share = %+v, want the repeated title", s)
	}
}

// inventedArticle is a short made-up news story used to plant spam in.
const inventedArticle = `Harbour town weighs new ferry timetable

Councillors in the harbour town of Wexmoor met on Tuesday evening to debate a revised ferry timetable that would cut two winter crossings to the islands.

The operator says falling passenger numbers since the pandemic have left the early sailing running at a loss, and that fuel costs rose sharply over the past year.

Island residents told the meeting that the first boat is the only way for pupils to reach the secondary school on time. One parent said her children would have to board with relatives during the week if the change goes ahead.

A spokesman for the operator said no decision had been made and that a consultation would run until the end of next month. He added that a smaller vessel could be used on quieter days to keep costs down.

The council will vote on its formal response at a meeting in March, after officers have studied passenger figures and the results of the consultation.`

// insertEvery inserts phrase before every step-th word of the article's
// body (after its first paragraph), n times.
func insertEvery(text, phrase string, step, n int) string {
	forms := make([]string, n)
	for k := range forms {
		forms[k] = phrase
	}
	return insertForms(text, forms, step)
}

func TestKeywordStuffingInventedPhrase(t *testing.T) {
	mid := insertEvery(inventedArticle, "solar tariff vote", 13, 12)
	// The same, with zero-width spaces hiding the phrase from exact search.
	hidden := strings.Replace(mid, "solar tariff vote", "solar\u200b tariff vote", 5)
	// Fake headings and a phrase glued onto sentence starts.
	headings := strings.Replace(inventedArticle, "\n\nThe operator", "\n\nsolar tariff vote\n\nThe operator", 1)
	headings = strings.Replace(headings, "\n\nIsland residents", "\n\nWhat residents said solar tariff vote\n\nIsland residents", 1)
	headings = strings.Replace(headings, "\n\nA spokesman", "\n\nsolar tariff vote A spokesman", 1)
	headings = insertEvery(headings, "solar tariff vote", 40, 3)
	for _, tc := range []struct {
		name, text string
		count      int
	}{
		{"mid-sentence", mid, 12},
		{"zero-width", hidden, 12},
		{"headings", headings, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := spamSignal(t, newStuffing(), NewDocument("", tc.text), "keyword_stuffing")
			if !s.Fired || len(s.Evidence) == 0 {
				t.Fatalf("keyword_stuffing did not fire: %+v", s)
			}
			ev := s.Evidence[0]
			if strings.ToLower(Normalize(ev.Text)) != "solar tariff vote" || ev.Count != tc.count {
				t.Errorf("evidence = %v, want \"solar tariff vote\" ×%d", ev, tc.count)
			}
		})
	}
	// The untouched article does not fire.
	if s := spamSignal(t, newStuffing(), NewDocument("", inventedArticle), "keyword_stuffing"); s.Fired || s.Value != 0 {
		t.Errorf("clean invented article: %+v", s)
	}
}

// stuffingPhrases are invented phrases planted into corpus articles.
var stuffingPhrases = []string{
	"solar tariff vote", "best cheap flights", "crypto wallet bonus", "Quantum Leap Fitness",
	"Green Valley Estates news", "online casino India", "weight loss pills", "Blue River Bank",
	"Harbour View Dental offers", "free ringtones download",
}

// TestKeywordStuffingGeneralises plants invented phrases at random word
// positions of clean corpus articles, the way a stuffing tool does, and
// measures how often the phrase is found.
func TestKeywordStuffingGeneralises(t *testing.T) {
	recs := cleanNewsSample(t)
	rng := rand.New(rand.NewSource(7))
	c := newStuffing()
	tried, found, headingTried, headingFound := 0, 0, 0, 0
	for _, r := range recs {
		d0 := NewDocument("", r.Text)
		if len(d0.Words) < 150 || len(d0.Words) > 1500 {
			continue
		}
		phrase := stuffingPhrases[rng.Intn(len(stuffingPhrases))]
		k := 8 + rng.Intn(8)
		pos := rng.Perm(len(d0.Words))[:k]
		sort.Ints(pos)
		headings := rng.Intn(3) == 0
		var b strings.Builder
		last := 0
		for j, p := range pos {
			at := d0.Words[p].Start
			b.WriteString(d0.Text[last:at])
			if headings && j%3 == 0 {
				b.WriteString("\n\n" + phrase + "\n\n")
			} else {
				b.WriteString(phrase + " ")
			}
			last = at
		}
		b.WriteString(d0.Text[last:])
		s := spamSignal(t, c, NewDocument("", b.String()), "keyword_stuffing")
		ok := s.Fired && strings.EqualFold(s.Evidence[0].Text, phrase) && s.Evidence[0].Count >= k
		if headings {
			headingTried++
			if ok {
				headingFound++
			}
		} else {
			tried++
			if ok {
				found++
			}
		}
	}
	mid := float64(found) / float64(tried)
	head := float64(headingFound) / float64(headingTried)
	t.Logf("planted 8-15 times mid-sentence: found %d of %d (%.0f%%); with fake headings: %d of %d (%.0f%%)",
		found, tried, 100*mid, headingFound, headingTried, 100*head)
	if mid < 0.75 || head < 0.95 {
		t.Errorf("stuffing recall too low: mid-sentence %.2f (want ≥ 0.75), headings %.2f (want ≥ 0.95)", mid, head)
	}
}

func TestKeywordStuffingRarelyFiresOnCleanNews(t *testing.T) {
	assertRarelyFires(t, newStuffing(), "keyword_stuffing")
}

func TestGopherRepetitionMeasures(t *testing.T) {
	c := newStuffing()
	// The article's body as one paragraph (about 170 words), then again.
	body := strings.SplitN(inventedArticle, "\n\n", 2)[1]
	para := strings.ReplaceAll(body, "\n\n", " ")
	doubled := para + "\n\n" + para
	d := NewDocument("", doubled)
	for _, tc := range []struct {
		name     string
		min, max float64
		twice    bool // fires on the paragraph shown twice
	}{
		{"dup_paragraph_share", 0.5, 0.5, true},
		{"dup_line_share", 0.5, 0.5, true},
		{"dup_5gram_share", 0.47, 0.5, false},
		{"dup_10gram_share", 0.45, 0.5, false},
	} {
		s := spamSignal(t, c, d, tc.name)
		if s.Value < tc.min-1e-9 || s.Value > tc.max+1e-9 {
			t.Errorf("doubled paragraph: %s = %.3f, want in [%.2f, %.2f]", tc.name, s.Value, tc.min, tc.max)
		}
		// One passage shown twice is how news pages repeat a caption or
		// a summary; the n-gram rules fire on a passage that keeps coming
		// back, the line and paragraph rules on either.
		if s.Fired != tc.twice {
			t.Errorf("doubled paragraph: %s fired=%v, want %v", tc.name, s.Fired, tc.twice)
		}
		tripled := NewDocument("", doubled+"\n\n"+para)
		if s := spamSignal(t, c, tripled, tc.name); !s.Fired {
			t.Errorf("tripled paragraph: %s = %.3f did not fire", tc.name, s.Value)
		}
	}
	// A text that is one 2-gram over and over: the 2-gram covers it all,
	// and all but its first copy is repetition.
	d = NewDocument("", strings.Repeat("cheap tickets ", 100))
	if s := spamSignal(t, c, d, "top_2gram_share"); math.Abs(s.Value-99.0/100) > 1e-9 || !s.Fired || !strings.Contains(s.Message, "covers 100%") {
		t.Errorf("repeated 2-gram: top_2gram_share = %+v", s)
	}
	// A word pair said twice in a short text is not repetition worth
	// more than in a long one: its value counts the second copy only.
	short := "The Prime Minister said on Monday that the Prime Minister's office would publish the plan in full, after weeks of talks with unions, councils and the health service about what it would cost and who would pay for it."
	d = NewDocument("", short)
	if s := spamSignal(t, c, d, "top_2gram_share"); s.Value > 0.06 || s.Fired {
		t.Errorf("a pair said twice: top_2gram_share = %+v", s)
	}
	// The same text at half the length: a share of a 60-word text is
	// taken over 150 words.
	d = NewDocument("", strings.Repeat("cheap tickets ", 30))
	if s := spamSignal(t, c, d, "top_2gram_share"); math.Abs(s.Value-29.0/30*60/shortTextWords) > 1e-9 || !s.Fired {
		t.Errorf("a short repeated 2-gram: top_2gram_share = %+v", s)
	}
	// The invented article is not repetitive.
	d = NewDocument("", inventedArticle)
	for _, name := range checkNames(c) {
		if s := spamSignal(t, c, d, name); s.Fired {
			t.Errorf("clean invented article: %s fired: %s", name, s.Message)
		}
	}
}

func TestGopherMeasuresOnCleanNews(t *testing.T) {
	recs := cleanNewsSample(t)
	c := newStuffing()
	fired := make([]int, len(checkNames(c)))
	for _, r := range recs {
		for i, s := range c.Run(NewDocument(r.Title, r.Text)) {
			if s.Fired {
				fired[i]++
			}
		}
	}
	for i, n := range checkNames(c) {
		t.Logf("%-20s fires on %d of %d clean articles", n, fired[i], len(recs))
	}
}

func TestRepetitionOnEmptyAndTinyDocuments(t *testing.T) {
	c := newStuffing()
	for _, text := range []string{"", "\n\n\n", "word", "two words", "!!! ???"} {
		d := NewDocument("", text)
		for i, s := range c.Run(d) {
			if math.IsNaN(s.Value) || s.Value < 0 || s.Value > 1 || s.Fired {
				t.Errorf("%q: %s = %+v, want a quiet value in [0, 1]", text, checkNames(c)[i], s)
			}
		}
		if s := spamSignal(t, c, d, "keyword_stuffing"); s.Value != 0 {
			t.Errorf("%q: keyword_stuffing = %v", text, s.Value)
		}
	}
}

// TestRepetitionStaysLinear runs the three checks on pathological inputs:
// one 10 MB line, 100 000 tiny lines, and a 150 000-word text made of one
// repeated sentence (many repeated n-grams, past the word cap).
func TestRepetitionStaysLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	sentence := "Hamas rejects US the council met on Tuesday to discuss the ferry timetable. "
	inputs := map[string]string{
		"one 10 MB line":     strings.Repeat("HAMAS REJECTS US cheap loans at moneyflow.biz [gallery x=1 ", 10<<20/60),
		"100 000 tiny lines": strings.Repeat("Buy Now\n$20.00\nHamas rejects US\n\n", 25_000),
		"150 000 words":      strings.Repeat(sentence, 150_000/13),
	}
	checks := []Check{newAdInjection(), newShopTemplate(), newStuffing()}
	for name, text := range inputs {
		d := NewDocument("", text)
		start := time.Now()
		for _, c := range checks {
			for i, s := range c.Run(d) {
				if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
					t.Errorf("%s: %s = %v", name, checkNames(c)[i], s.Value)
				}
			}
		}
		took := time.Since(start)
		t.Logf("%s (%d words): %v", name, len(d.Words), took)
		if took > 60*time.Second {
			t.Errorf("%s took %v", name, took)
		}
	}
}

// BenchmarkSpamChecks runs the ad, template and repetition checks on the
// five seed articles (documents prepared once).
func BenchmarkSpamChecks(b *testing.B) {
	var docs []*Document
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		docs = append(docs, NewDocument("", shareddata.Seed(b, seed)))
	}
	for _, c := range []Check{newAdInjection(), newShopTemplate(), newStuffing()} {
		b.Run(checkNames(c)[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					c.Run(d)
				}
			}
		})
	}
}

func BenchmarkStuffingCorpus(b *testing.B) { benchmarkCheckCorpus(b, newStuffing()) }

// naiveRepetition computes the Gopher n-gram shares the plain way, keying
// every n-gram by its words: the most frequent 2-, 3- and 4-gram (first to
// reach its count, its copies after the first) and the duplicate 5- and
// 10-gram characters.
func naiveRepetition(d *Document) (top [5]float64, dup5, dup10 float64) {
	n := min(len(d.Words), stuffingMaxWords)
	words := d.Words[:n]
	chars := make([]int, n)
	total := 0
	for i, w := range words {
		chars[i] = utf8.RuneCountInString(w.Norm)
		total += chars[i]
	}
	if total == 0 {
		return
	}
	key := func(i, size int) string {
		parts := make([]string, size)
		for k := range parts {
			parts[k] = inflectionStem(words[i+k].Norm)
		}
		return strings.Join(parts, " ")
	}
	span := func(i, size int) int {
		c := 0
		for _, v := range chars[i : i+size] {
			c += v
		}
		return c
	}
	for size := 2; size <= 4; size++ {
		counts := map[string]int{}
		best, bestAt := 0, -1
		for i := 0; i+size <= n; i++ {
			k := key(i, size)
			counts[k]++
			if counts[k] > best {
				best, bestAt = counts[k], i
			}
		}
		if bestAt >= 0 {
			top[size] = float64(best-1) * (float64(span(bestAt, size)) / float64(total))
		}
	}
	for _, size := range []int{5, 10} {
		seen := map[string]bool{}
		dup := 0
		for i := 0; i+size <= n; {
			k := key(i, size)
			if seen[k] {
				dup += span(i, size)
				i += size
				continue
			}
			seen[k] = true
			i++
		}
		if size == 5 {
			dup5 = float64(dup) / float64(total)
		} else {
			dup10 = float64(dup) / float64(total)
		}
	}
	return
}

// TestRepetitionMatchesPlainCounting checks the pruned n-gram counting
// against counting every n-gram by its words' stems (inflectionStem), on the seeds, corpus articles
// and texts with planted repetition. The top n-gram shares count the
// copies after the first; all shares are taken over at least
// shortTextWords words.
func TestRepetitionMatchesPlainCounting(t *testing.T) {
	var texts []string
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		texts = append(texts, shareddata.Seed(t, seed))
	}
	sample := cleanNewsSample(t)
	for k := 0; k < len(sample); k += 10 {
		text := sample[k].Text
		texts = append(texts, text)
		if len(NewDocument("", text).Paragraphs) > 1 {
			texts = append(texts, insertEvery(text, "cheap flights to Lisbon", 40, 6))
		}
		// The article twice over: every n-gram of it repeats.
		texts = append(texts, text+"\n\n"+text)
	}
	texts = append(texts, "", "one", "one two", strings.Repeat("a b ", 30), strings.Repeat("x y z ", 7)+"w")
	c := newStuffing()
	for _, text := range texts {
		d := NewDocument("", text)
		top, dup5, dup10 := naiveRepetition(d)
		got := c.Run(d)
		want := map[string]float64{
			"top_2gram_share": top[2], "top_3gram_share": top[3], "top_4gram_share": top[4],
			"dup_5gram_share": dup5, "dup_10gram_share": dup10,
		}
		weight := shortTextWeight(min(len(d.Words), stuffingMaxWords))
		for i, name := range checkNames(c) {
			if w, ok := want[name]; ok && got[i].Value != unitShare(w)*weight {
				t.Errorf("%s = %v, counting every n-gram gives %v, in %.60q", name, got[i].Value, unitShare(w)*weight, text)
			}
		}
	}
}

// TestTextHashCount checks the character count against the UTF-8 package
// and that the hash tells apart the distinct words and lines of real text.
func TestTextHashCount(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "abc", "abcd", "abcdefgh", "abcdefghi", "café", "naïve résumé", "日本語のテキスト", "₹499 — £45.99", "ἀρχή"} {
		if _, n := textHashCount(s); n != utf8.RuneCountInString(s) {
			t.Errorf("textHashCount(%q) counts %d characters, want %d", s, n, utf8.RuneCountInString(s))
		}
		if n := runeCount(s); n != utf8.RuneCountInString(s) {
			t.Errorf("runeCount(%q) = %d, want %d", s, n, utf8.RuneCountInString(s))
		}
	}
	seen := map[uint64]string{}
	check := func(s string) {
		h, _ := textHashCount(s)
		if prev, ok := seen[h]; ok && prev != s {
			t.Errorf("%q and %q hash alike", prev, s)
		}
		seen[h] = s
	}
	for _, r := range cleanNewsSample(t)[:100] {
		d := NewDocument("", r.Text)
		for _, w := range d.Words {
			check(w.Norm)
		}
		for _, l := range d.Lines {
			check(l.Text)
		}
	}
	if len(seen) < 1000 {
		t.Fatalf("only %d distinct strings hashed", len(seen))
	}
}

// judgeOccurrence returns how the n-th occurrence (from 0) of phrase in
// text sits in its sentence, as findStuffedPhrases judges it.
func judgeOccurrence(t *testing.T, text, phrase string, n int) occurrence {
	t.Helper()
	d := NewDocument("", text)
	sc := new(ngramScratch)
	ctx := newStuffContext(d, d.Words, sc)
	ctx.mapParagraphs()
	want := strings.Fields(strings.ToLower(phrase))
	for i := 0; i+len(want) <= len(d.Words); i++ {
		match := true
		for k, w := range want {
			match = match && d.Words[i+k].Norm == w
		}
		if !match {
			continue
		}
		if n == 0 {
			return ctx.judge(i, i+len(want))
		}
		n--
	}
	t.Fatalf("occurrence not found in %q", text)
	return occNeutral
}

func TestKeywordStuffingJudgesOccurrences(t *testing.T) {
	const (
		first  = "Councillors in the harbour town of Wexmoor met on Tuesday evening to debate a revised ferry timetable for the islands."
		second = "The operator says falling passenger numbers since the pandemic have left the early sailing running at a loss this year."
	)
	for _, tc := range []struct {
		name, text, phrase string
		want               occurrence
	}{
		{"a phrase in sentence case runs into the next sentence's article",
			first + "\n\nferry timetable vote The Senate committee is expected to report in March, officials said on Tuesday.\n\n" + second,
			"ferry timetable vote", occGlued},
		{"in Title Case before a Title Case name it may be a quoted title",
			first + "\n\nHe wrote about how firms View Open Source As A Key Tactic in a column for the local paper on Monday.\n\n" + second,
			"open source", occNeutral},
		{"a lead copy in sentence case before a capitalised name",
			first + "\n\nFerry timetable vote Senate leaders said the crossings would be reviewed again in the spring, after the consultation.\n\n" + second,
			"ferry timetable vote", occRunOn},
		{"a title before a name opening a sentence",
			first + "\n\nPrime Minister Boris Johnson said the crossings would be reviewed again in the spring, after the consultation.\n\n" + second,
			"prime minister", occNeutral},
		{"after a subject pronoun, where the verb belongs",
			first + "\n\nResidents said they ferry timetable vote want the early boat kept, and that the council had not listened to them.\n\n" + second,
			"ferry timetable vote", occAfterSubject},
		{"after an auxiliary and before a pronoun",
			first + "\n\nThe council has ferry timetable vote it said no decision would be made before the consultation closes.\n\n" + second,
			"ferry timetable vote", occAfterSubject},
		{"a question puts the auxiliary first",
			first + "\n\nDoes Wexmoor Ferry Services run the early boat at a loss, and for how long, residents asked?\n\n" + second,
			"wexmoor ferry", occNeutral},
		{"a line of its own between short sentences",
			first + "\n\nThat is not what the operator promised.\n\nferry timetable vote\n\nIt will now have to explain the change again.\n\n" + second,
			"ferry timetable vote", occAlone},
		{"a short line between menu items is no inserted line",
			first + "\n\nNews\n\nFerry timetable vote\n\nSport\n\n" + second,
			"ferry timetable vote", occNeutral},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := judgeOccurrence(t, tc.text, tc.phrase, 0); got != tc.want {
				t.Errorf("judged %d, want %d", got, tc.want)
			}
		})
	}
}

func TestKeywordStuffingClauseEnds(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"the ferry timetable, which", true},
		{"the ferry timetable. It", true},
		{"the ferry timetable” was", true},
		{"the ferry timetable—which", true},
		{"the ferry timetable “We", false},
		{"the ferry timetable (the", false},
		{"the ferry timetable • More", false},
		{"the ferry timetable — and", false},
		{"the ferry timetable was", false},
	} {
		d := NewDocument("", tc.text)
		ctx := newStuffContext(d, d.Words, new(ngramScratch))
		if got := ctx.endsClause(3); got != tc.want {
			t.Errorf("endsClause after %q = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestKeywordStuffingPastedTwice(t *testing.T) {
	// Copies pasted twice in a row are the phrase, not a longer one.
	var b strings.Builder
	for i, para := range strings.Split(inventedArticle, "\n\n") {
		b.WriteString(para)
		b.WriteString("\n\n")
		if i > 0 {
			b.WriteString("solar tariff vote solar tariff vote\n\n")
		}
	}
	text := insertEvery(b.String(), "solar tariff vote", 15, 6)
	s := spamSignal(t, newStuffing(), NewDocument("", text), "keyword_stuffing")
	if !s.Fired || len(s.Evidence) == 0 || strings.ToLower(s.Evidence[0].Text) != "solar tariff vote" {
		t.Fatalf("keyword_stuffing = %+v, want \"solar tariff vote\"", s)
	}
	if s.Evidence[0].Count < 14 {
		t.Errorf("count %d, want at least 14", s.Evidence[0].Count)
	}
}

func TestKeywordStuffingCandidateWords(t *testing.T) {
	// Words of time, order and number start a keyword phrase when they
	// are part of a name or modify the topic words after them.
	for _, tc := range []struct {
		phrase string
		want   bool
	}{
		{"New Hampshire", true},
		{"Memorial Day", true},
		{"new tax rules", true},
		{"first quarter", true},
		{"last week", false},
		{"new", false},
	} {
		text := insertEvery(inventedArticle, tc.phrase, 12, 10)
		d := NewDocument("", text)
		sc := new(ngramScratch)
		_, found := stuffing{}.measure(d, sc)
		got := false
		for _, p := range found {
			if strings.EqualFold(d.Span(p.from, p.to), tc.phrase) {
				got = true
			}
		}
		if got != tc.want {
			t.Errorf("%q examined as a phrase: %v, want %v", tc.phrase, got, tc.want)
		}
	}
}

// TestInflectionStemFamilies checks that the forms a stuffer rotates a
// phrase through share one stem, and that words the rules could mangle
// keep theirs.
func TestInflectionStemFamilies(t *testing.T) {
	families := [][]string{
		{"flight", "flights"},
		{"ticket", "tickets", "ticketing", "ticketed"},
		{"cheap", "cheaper"},
		{"player", "players", "play", "playing", "played"},
		{"investor", "investors", "investing", "invest", "invested"},
		{"shop", "shopping", "shopped", "shopper", "shoppers"},
		{"tax", "taxes"},
		{"party", "parties"},
		{"box", "boxes"},
	}
	for _, f := range families {
		want := inflectionStem(f[0])
		for _, w := range f[1:] {
			if got := inflectionStem(w); got != want {
				t.Errorf("inflectionStem(%q) = %q, want %q as for %q", w, got, want, f[0])
			}
		}
	}
	for _, w := range []string{"bus", "class", "crisis", "motor", "actor", "error", "selling", "sell", "news"} {
		got := inflectionStem(w)
		if len(got) < 3 || !strings.HasPrefix(w, got) {
			t.Errorf("inflectionStem(%q) = %q, want a prefix of at least three letters", w, got)
		}
	}
	if a, b := inflectionStem("selling"), inflectionStem("sell"); a != b {
		t.Errorf("selling → %q, sell → %q: a doubled l belongs to the word", a, b)
	}
}
