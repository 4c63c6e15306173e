package newsqual

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
)

func seedArticle(t *testing.T, prefix string) Article {
	return Article{ID: prefix, Text: shareddata.Seed(t, prefix)}
}

// hasReason reports whether a reason toward spam names the signal and, when
// evidence is not empty, quotes evidence containing it.
func hasReason(res Result, signal, evidence string, minCount int) bool {
	for _, r := range res.Reasons {
		if r.Signal != signal || r.Weight <= 0 {
			continue
		}
		if evidence == "" {
			return true
		}
		for _, e := range r.Evidence {
			if strings.Contains(strings.ToLower(e.Text), strings.ToLower(evidence)) && e.Count >= minCount {
				return true
			}
		}
	}
	return false
}

// qualityOf formats a result's quality for a test message, "none" when the
// article was not judged.
func qualityOf(r Result) string {
	if r.Quality == nil {
		return "none"
	}
	return fmt.Sprint(*r.Quality)
}

func TestSeedsAreSpamWithTheirReasons(t *testing.T) {
	s := Default()
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		res := s.Score(seedArticle(t, p))
		if res.Verdict != VerdictSpam || !res.Judged() || *res.Quality > 30 {
			t.Errorf("seed %s: verdict %s quality %s, want spam with quality <= 30; reasons %+v", p, res.Verdict, qualityOf(res), res.Reasons)
		}
	}
	r3 := s.Score(seedArticle(t, "003"))
	if !hasReason(r3, "keyword_stuffing", "Hamas rejects US", 10) {
		t.Errorf("seed 003: no keyword-stuffing reason for \"Hamas rejects US\" ×10+: %+v", r3.Reasons)
	}
	if !hasReason(r3, "ad_injection", "Indian fast earning.com", 1) {
		t.Errorf("seed 003: no ad-injection reason: %+v", r3.Reasons)
	}
	if r4 := s.Score(seedArticle(t, "004")); !hasReason(r4, "shop_template", "", 0) {
		t.Errorf("seed 004: no shop-template reason: %+v", r4.Reasons)
	}
	// The seed's comment section is page boilerplate: the boilerplate
	// family's general signal or its comment-form signal must quote it.
	if r1 := s.Score(seedArticle(t, "001")); !hasReason(r1, "boilerplate", "Leave a Reply", 1) && !hasReason(r1, "comment_form", "Leave a Reply", 1) {
		t.Errorf("seed 001: no boilerplate reason: %+v", r1.Reasons)
	}
}

// The example articles are invented for the project: their ads, shop
// templates and stuffed phrases occur in no training pool, so they show
// whether the model learned the patterns rather than the strings.
func TestExampleArticlesGetTheirVerdicts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "examples", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example articles: %v", err)
	}
	want := map[string]string{
		"ad-injected-festival.txt":  "ad_injection",
		"shop-template-weather.txt": "shop_template",
		"stuffed-electric-cars.txt": "keyword_stuffing",
		"filler-rewrite-summit.txt": "",
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		res := Default().Score(Article{ID: name, Text: string(text)})
		if strings.HasPrefix(name, "clean-") {
			if res.Verdict != VerdictClean {
				t.Errorf("%s: verdict %s quality %s, want clean; reasons %+v", name, res.Verdict, qualityOf(res), res.Reasons)
			}
			continue
		}
		if res.Verdict != VerdictSpam {
			t.Errorf("%s: verdict %s quality %s, want spam; reasons %+v", name, res.Verdict, qualityOf(res), res.Reasons)
		}
		if sig := want[name]; sig != "" && !hasReason(res, sig, "", 0) {
			t.Errorf("%s: no %s reason: %+v", name, sig, res.Reasons)
		}
	}
}

func TestReasonsAreRankedAndSigned(t *testing.T) {
	res := Default().Score(seedArticle(t, "003"))
	seenClean := false
	for i, r := range res.Reasons {
		if r.Weight < 0 {
			seenClean = true
			continue
		}
		if seenClean {
			t.Fatalf("reason %d pushes toward spam after a pull toward clean", i)
		}
		if i > 0 && res.Reasons[i-1].Weight < r.Weight {
			t.Fatalf("reasons toward spam not ranked: %v before %v", res.Reasons[i-1].Weight, r.Weight)
		}
		if r.Message == "" {
			t.Fatalf("reason %s has no message", r.Signal)
		}
	}
}

// bridgeClosure is a brief of 75 words, cut to a number of words to test
// the MinWords boundary.
const bridgeClosure = "The county council voted on Tuesday to close the Mill Lane bridge for eight weeks from 3 June " +
	"while engineers replace its corroded steel bearings. Buses will be diverted through Station Road, adding " +
	"about ten minutes to journeys, the council said. A temporary footbridge will stay open for pedestrians and " +
	"cyclists. The work is expected to cost £1.2m, paid from the highways maintenance budget. Councillor Ann " +
	"Reeve said the repairs could not wait another winter."

// firstWords returns the start of text that holds its first n words, as
// the scorer counts them.
func firstWords(t *testing.T, text string, n int) string {
	t.Helper()
	d := features.NewDocument("", text)
	if d.WordCount() <= n {
		t.Fatalf("the text has %d words, not more than %d", d.WordCount(), n)
	}
	return strings.TrimSpace(d.Text[:d.Words[n].Start])
}

// readTestdata returns the text of testdata/name.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestArticlesWithoutAScore checks the verdicts that give no score: the
// reason says why, Quality and SpamProbability are nil and encode to null.
func TestArticlesWithoutAScore(t *testing.T) {
	brief := readTestdata(t, "unscored/police-brief.txt")
	french := readTestdata(t, "unscored/french-schools.txt")
	cases := []struct {
		name     string
		article  Article
		verdict  Verdict
		language string
		signals  []string
		message  []string
	}{
		{"30-word brief", Article{Text: brief}, VerdictTooShort, "eng", []string{"too_short"},
			[]string{"30 words", "the 50 needed"}},
		{"49 words", Article{Text: firstWords(t, bridgeClosure, 49)}, VerdictTooShort, "eng", []string{"too_short"},
			[]string{"49 words"}},
		{"49 words, the title does not count", Article{Title: "Mill Lane bridge to close for eight weeks while engineers replace its bearings",
			Text: firstWords(t, bridgeClosure, 49)}, VerdictTooShort, "eng", []string{"too_short"}, []string{"49 words"}},
		{"one word", Article{Text: "Breaking."}, VerdictTooShort, "und", []string{"too_short"}, []string{"has 1 word,"}},
		{"short and French: too short, language told", Article{Text: firstWords(t, french, 35)}, VerdictTooShort, "fra",
			[]string{"too_short"}, []string{"35 words"}},
		{"cut by the reader and short", Article{Text: brief, Truncated: true}, VerdictTooShort, "eng",
			[]string{"too_short", "truncated"}, []string{"30 words"}},
		{"no text", Article{}, VerdictEmpty, "und", []string{"empty"}, []string{"no words"}},
		{"white space", Article{Title: "A title alone", Text: "   \n\t "}, VerdictEmpty, "und", []string{"empty"}, []string{"no words"}},
		{"punctuation only", Article{Text: "!!! ... ???"}, VerdictEmpty, "und", []string{"empty"}, []string{"no words"}},
		{"100 words of French", Article{Text: french}, VerdictUnsupported, "fra", []string{"language"},
			[]string{"French", "no score"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Default().Score(c.article)
			if res.Verdict != c.verdict || res.Language != c.language {
				t.Errorf("verdict %s language %s, want %s %s; reasons %+v", res.Verdict, res.Language, c.verdict, c.language, res.Reasons)
			}
			if res.Judged() || res.Quality != nil || res.SpamProbability != nil {
				t.Errorf("judged %v, quality %s, spam probability %v: want no score", res.Judged(), qualityOf(res), res.SpamProbability)
			}
			var signals []string
			for _, r := range res.Reasons {
				signals = append(signals, r.Signal)
				if r.Weight != 0 || r.Evidence == nil {
					t.Errorf("reason %+v: want weight 0 and an empty evidence list", r)
				}
			}
			if !slices.Equal(signals, c.signals) {
				t.Fatalf("reasons %v, want %v", signals, c.signals)
			}
			for _, m := range c.message {
				if !strings.Contains(res.Reasons[0].Message, m) {
					t.Errorf("message %q does not say %q", res.Reasons[0].Message, m)
				}
			}
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(`"quality":null,"spam_probability":null,`)) {
				t.Errorf("JSON %s: want quality and spam_probability null", b)
			}
		})
	}
}

// TestMinWordsIsTheBoundary scores the same brief cut just below, at and
// above MinWords words.
func TestMinWordsIsTheBoundary(t *testing.T) {
	for _, n := range []int{MinWords - 1, MinWords, MinWords + 1} {
		text := firstWords(t, bridgeClosure, n)
		if got := features.NewDocument("", text).WordCount(); got != n {
			t.Fatalf("cut to %d words, the text has %d", n, got)
		}
		res := Default().Score(Article{ID: "bridge", Text: text})
		if n < MinWords {
			if res.Verdict != VerdictTooShort || res.Judged() {
				t.Errorf("%d words: verdict %s, judged %v; want too_short, not judged", n, res.Verdict, res.Judged())
			}
			continue
		}
		switch {
		case !res.Judged():
			t.Errorf("%d words: verdict %s and no score, want a score", n, res.Verdict)
		case res.Verdict != VerdictClean && res.Verdict != VerdictSuspect && res.Verdict != VerdictSpam:
			t.Errorf("%d words: verdict %s", n, res.Verdict)
		case *res.Quality < 0 || *res.Quality > 100 || *res.SpamProbability <= 0 || *res.SpamProbability >= 1:
			t.Errorf("%d words: quality %d, spam probability %v out of bounds", n, *res.Quality, *res.SpamProbability)
		}
		b, _ := json.Marshal(res)
		if bytes.Contains(b, []byte("null")) {
			t.Errorf("%d words: JSON %s has a null", n, b)
		}
	}
}

// TestWordCapIsNotTooShort checks that an article cut at WithMaxWords
// below MinWords is scored and flagged as truncated, not called too short:
// it had the words.
func TestWordCapIsNotTooShort(t *testing.T) {
	s := mustNew(t, Default().Model(), WithMaxWords(10))
	res := s.Score(Article{Text: bridgeClosure})
	if !res.Judged() || !slices.ContainsFunc(res.Reasons, func(r Reason) bool { return r.Signal == "truncated" }) {
		t.Fatalf("verdict %s, judged %v, reasons %+v; want a score and a truncated reason", res.Verdict, res.Judged(), res.Reasons)
	}
}

func TestScoreIsDeterministicAndConcurrent(t *testing.T) {
	s := Default()
	var articles []Article
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		articles = append(articles, seedArticle(t, p))
	}
	want := make([]Result, len(articles))
	for i, a := range articles {
		want[i] = s.Score(a)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 10 {
				i := (g + k) % len(articles)
				if got := s.Score(articles[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d: article %s scored differently", g, articles[i].ID)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// ScoreAll gives the same results in the same order.
	in := make(chan Article)
	go func() {
		for range 4 {
			for _, a := range articles {
				in <- a
			}
		}
		close(in)
	}()
	i := 0
	for got := range s.ScoreAll(context.Background(), in, 4) {
		if !reflect.DeepEqual(got, want[i%len(articles)]) {
			t.Fatalf("ScoreAll result %d differs from Score", i)
		}
		i++
	}
	if i != 4*len(articles) {
		t.Fatalf("ScoreAll gave %d results", i)
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := Default().Model()
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), defaultModel) {
		t.Fatal("writing the embedded model does not give the embedded bytes back")
	}
	s, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	a := seedArticle(t, "003")
	if !reflect.DeepEqual(s.Score(a), Default().Score(a)) {
		t.Fatal("re-read model scores differently")
	}
}

func TestBrokenModelsFailClearly(t *testing.T) {
	var good map[string]any
	if err := json.Unmarshal(defaultModel, &good); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(map[string]any)) []byte {
		var m map[string]any
		_ = json.Unmarshal(defaultModel, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	cases := map[string][]byte{
		"truncated":       defaultModel[:len(defaultModel)/2],
		"empty":           {},
		"not json":        []byte("PK\x03\x04 zip"),
		"format":          edit(func(m map[string]any) { m["format"] = "newsqual-model/0" }),
		"feature version": edit(func(m map[string]any) { m["feature_version"] = "old" }),
		"features":        edit(func(m map[string]any) { m["features"] = []string{"a"} }),
		"weights":         edit(func(m map[string]any) { m["weights"] = []float64{1} }),
		"scale zero": edit(func(m map[string]any) {
			s := m["scale"].([]any)
			s[0] = 0.0
		}),
		"thresholds":  edit(func(m map[string]any) { m["thresholds"] = map[string]any{"suspect": 0.9, "spam": 0.5} }),
		"no text":     edit(func(m map[string]any) { delete(m, "text") }),
		"extra field": edit(func(m map[string]any) { m["surprise"] = 1 }),
	}
	for name, data := range cases {
		_, err := Read(bytes.NewReader(data))
		if err == nil {
			t.Errorf("%s: model accepted", name)
			continue
		}
		t.Logf("%s: %v", name, err)
	}
}

func TestLanguagesAreTold(t *testing.T) {
	cases := map[string]string{
		"eng": "The minister said on Tuesday that the plan would be published next month, after talks with the unions.",
		"deu": "Die Regierung hat am Dienstag angekündigt, dass der Plan im nächsten Monat nach Gesprächen mit den Gewerkschaften veröffentlicht wird.",
		"spa": "El ministro dijo el martes que el plan se publicará el próximo mes, después de las conversaciones con los sindicatos.",
		"rus": "Министр заявил во вторник, что план будет опубликован в следующем месяце после переговоров с профсоюзами. " +
			"По его словам, правительство рассчитывает завершить обсуждение до конца года и представить документ в парламент.",
	}
	for want, text := range cases {
		res := Default().Score(Article{ID: want, Text: text})
		if res.Language != want {
			t.Errorf("%s text detected as %s", want, res.Language)
		}
		// Each text is shorter than MinWords: too short for a score
		// whatever its language, which is still told.
		if res.Verdict != VerdictTooShort {
			t.Errorf("%s text got verdict %s, want %s", want, res.Verdict, VerdictTooShort)
		}
	}
}
