package newsqual

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

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

func TestSeedsAreSpamWithTheirReasons(t *testing.T) {
	s := Default()
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		res := s.Score(seedArticle(t, p))
		if res.Verdict != VerdictSpam || res.Quality > 30 {
			t.Errorf("seed %s: verdict %s quality %d, want spam with quality <= 30; reasons %+v", p, res.Verdict, res.Quality, res.Reasons)
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
	if r1 := s.Score(seedArticle(t, "001")); !hasReason(r1, "boilerplate", "Leave a Reply", 1) {
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
				t.Errorf("%s: verdict %s quality %d, want clean; reasons %+v", name, res.Verdict, res.Quality, res.Reasons)
			}
			continue
		}
		if res.Verdict != VerdictSpam {
			t.Errorf("%s: verdict %s quality %d, want spam; reasons %+v", name, res.Verdict, res.Quality, res.Reasons)
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

func TestNonEnglishIsUnsupported(t *testing.T) {
	text := "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui doit être présentée au Parlement le mois prochain. " +
		"Selon le ministre du Travail, cette réforme permettra de garantir l'équilibre du système d'ici à 2030."
	res := Default().Score(Article{ID: "fr", Text: text})
	if res.Verdict != VerdictUnsupported || res.Language != "fra" {
		t.Fatalf("verdict %s language %s", res.Verdict, res.Language)
	}
	if res.Reasons[0].Signal != "language" {
		t.Fatalf("first reason %+v", res.Reasons[0])
	}
}

func TestEmptyArticle(t *testing.T) {
	for _, text := range []string{"", "   \n\t ", "!!! ... ???"} {
		res := Default().Score(Article{ID: "e", Text: text})
		if res.Verdict != VerdictEmpty {
			t.Errorf("%q: verdict %s", text, res.Verdict)
		}
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
		if want != "eng" && res.Verdict != VerdictUnsupported {
			t.Errorf("%s text got verdict %s", want, res.Verdict)
		}
	}
}
