package features

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsqual/newsqual/metrics"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// inventedFiller is generic machine-style prose written for these tests:
// stock phrases, no figures, no quotes, a summing-up close.
const inventedFiller = `City Council Weighs New Park Plan

The city council's deliberations over the proposed riverside park underscore the growing importance of green spaces in modern urban life. Amidst a complex web of competing priorities, officials are navigating the delicate balance between development and conservation. The initiative is a testament to the community's unwavering commitment to sustainability and well-being.

Moreover, the plan has garnered significant attention from residents and stakeholders alike, highlighting the critical need for meaningful dialogue. Additionally, experts believe the project could pave the way for a more vibrant and inclusive future, fostering a sense of belonging among residents of all backgrounds.

Furthermore, the proposal reflects a broader shift in how cities approach the multifaceted challenges of the modern era. It is important to note that the road ahead may be arduous, and the council remains steadfast in its dedication to transparency.

In conclusion, as the situation continues to evolve, the park plan serves as a stark reminder that thoughtful planning plays a pivotal role in shaping the landscape of tomorrow. Only time will tell whether the council can navigate the complexities of this endeavor.
`

// inventedReport is the same story written the way a reporter would:
// figures, dates, named people, direct quotes and "said".
const inventedReport = `Council approves £4.2m riverside park

Councillors in Exeter voted 31 to 9 on Tuesday to approve a £4.2m park on the former gasworks site beside the River Exe.

The scheme, first proposed in March 2021, will add 11 hectares of public land and 600 trees, according to planning documents.

"We have waited a long time for this," said Maria Lopez, who chairs the Riverside Residents' Association. "My children will finally have somewhere to play that isn't a car park."

Opposition councillor Tom Hughes said the cost had risen by £900,000 since the first estimate. “Nobody has explained where that money comes from,” he told the meeting.

Work is due to start in September and finish by June 2026, a council spokeswoman said. The Environment Agency said it had withdrawn an objection over flood risk after the design was changed in January.
`

// signalsOf runs a check on a text and returns its signals by name.
func signalsOf(c Check, text string) map[string]Signal {
	sig := c.Run(NewDocument("", text))
	out := make(map[string]Signal, len(sig))
	for i, n := range checkNames(c) {
		out[n] = sig[i]
	}
	return out
}

// evidenceHas reports whether some evidence text contains want, ignoring
// case.
func evidenceHas(ev []Evidence, want string) bool {
	for _, e := range ev {
		if strings.Contains(strings.ToLower(e.Text), strings.ToLower(want)) {
			return true
		}
	}
	return false
}

func TestAIFillerSeeds(t *testing.T) {
	c := newAIFiller()
	tests := []struct {
		seed     string
		phrases  []string // expected in ai_phrases evidence
		closing  string   // expected in ai_closing evidence
		minSpecs float64  // specifics_density stays below this
	}{
		{"000", []string{"foster an environment conducive to meaningful dialogue", "path to peace may be arduous"}, "While challenges remain", 12},
		{"001", []string{"underscores the critical need", "Amidst the complex web"}, "As the situation unfolds", 12},
		{"002", []string{"the international community is closely monitoring"}, "As negotiations continue", 12},
		{"003", []string{"underscored", "path towards lasting stability"}, "In conclusion", 12},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			s := signalsOf(c, shareddata.Seed(t, tt.seed))
			f := s["ai_filler"]
			if !f.Fired {
				t.Errorf("ai_filler did not fire (value %.2f)", f.Value)
			}
			t.Logf("ai_filler %.2f: %s", f.Value, f.Message)
			for _, p := range tt.phrases {
				if !evidenceHas(s["ai_phrases"].Evidence, p) {
					t.Errorf("ai_phrases evidence lacks %q: %v", p, s["ai_phrases"].Evidence)
				}
			}
			if cl := s["ai_closing"]; !cl.Fired || !evidenceHas(cl.Evidence, tt.closing) {
				t.Errorf("ai_closing = %.2f fired=%v %v, want fired on %q", cl.Value, cl.Fired, cl.Evidence, tt.closing)
			}
			if v := s["specifics_density"].Value; v >= tt.minSpecs {
				t.Errorf("specifics_density = %.1f, want < %.0f", v, tt.minSpecs)
			}
		})
	}
	// Seed 004 retells a report in plain language: few stock phrases.
	s := signalsOf(c, shareddata.Seed(t, "004"))
	if s["ai_phrases"].Fired || s["ai_phrases"].Value > 1 {
		t.Errorf("seed 004 ai_phrases = %.2f fired=%v, want a low value", s["ai_phrases"].Value, s["ai_phrases"].Fired)
	}
}

func TestAIFillerInventedExamples(t *testing.T) {
	c := newAIFiller()
	filler := signalsOf(c, inventedFiller)
	report := signalsOf(c, inventedReport)
	for _, n := range checkNames(c) {
		t.Logf("%-20s filler %.3f  report %.3f", n, filler[n].Value, report[n].Value)
	}
	higher := []string{"ai_phrases", "ai_closing", "said_avoidance", "ai_filler"}
	for _, n := range higher {
		if filler[n].Value <= report[n].Value {
			t.Errorf("%s: filler %.3f <= report %.3f", n, filler[n].Value, report[n].Value)
		}
	}
	if filler["specifics_density"].Value >= report["specifics_density"].Value {
		t.Errorf("specifics_density: filler %.2f >= report %.2f", filler["specifics_density"].Value, report["specifics_density"].Value)
	}
	if !filler["ai_filler"].Fired || !filler["ai_phrases"].Fired || !filler["ai_closing"].Fired {
		t.Errorf("filler: ai_filler fired=%v ai_phrases fired=%v ai_closing fired=%v, want all", filler["ai_filler"].Fired, filler["ai_phrases"].Fired, filler["ai_closing"].Fired)
	}
	for _, n := range checkNames(c) {
		if report[n].Fired {
			t.Errorf("report: %s fired: %s", n, report[n].Message)
		}
	}
}

func TestAIClosing(t *testing.T) {
	c := newAIFiller()
	body := strings.Repeat("The committee met on Monday to review 14 applications from local groups, and approved nine of them after a long debate. ", 2) + "\n\n"
	tests := []struct {
		name  string
		text  string
		min   float64
		max   float64
		fired bool
	}{
		{"in conclusion", body + "In conclusion, the decision reflects the committee's priorities and its hopes for the neighbourhood in the years ahead.", 1, 1, true},
		{"situation evolves", body + "As the situation continues to evolve, residents will be watching closely to see how the plans take shape over the coming months.", 1, 1, true},
		{"heading then summary", body + "As the discussions continued\nthe international community remained vigilant, closely monitoring developments and calling for a peaceful resolution of the dispute soon.", 1, 1, true},
		{"mild opener with a fact", body + "Overall, the council expects to spend £2.3m on the grants in 2025, up from £1.9m last year, the finance report shows.", 0.6, 0.6, false},
		{"as with specifics", body + "As Smith continued his speech on Tuesday, he listed the 14 groups by name and thanked the 230 volunteers who had helped them.", 0, 0, false},
		{"plain reporting close", body + "The next meeting is on 4 March at the town hall, when the remaining five applications will be heard by the full council.", 0, 0, false},
		{"opener far from the end", "In conclusion, the first item was settled quickly by the members present.\n\n" + strings.Repeat(body, 6), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := signalsOf(c, tt.text)["ai_closing"]
			if s.Value < tt.min || s.Value > tt.max || s.Fired != tt.fired {
				t.Errorf("ai_closing = %.2f fired=%v %v, want [%.1f, %.1f] fired=%v", s.Value, s.Fired, s.Evidence, tt.min, tt.max, tt.fired)
			}
		})
	}
}

func TestSentenceUniformity(t *testing.T) {
	uniform := strings.Repeat("The group will meet again next week to discuss the plan. ", 6)
	varied := "The group met again. The group, which has met every month since the spring of last year in a hall lent by the parish, will meet again next week to discuss the plan and the budget. It agreed to this. Members want a vote before the summer holidays begin in July, they said, and before the grant runs out. Why is that? Because the grant expires."
	short := "One sentence here. And another one."
	u, n := sentenceUniformity(NewDocument("", uniform))
	v, m := sentenceUniformity(NewDocument("", varied))
	s, _ := sentenceUniformity(NewDocument("", short))
	if n != 6 || m != 6 {
		t.Fatalf("counted %d and %d sentences", n, m)
	}
	if u < 0.99 || v > 0.5 {
		t.Errorf("uniformity: uniform %.2f (want ~1), varied %.2f (want < 0.5)", u, v)
	}
	if s != neutralUniformity {
		t.Errorf("short text: %.2f, want neutral %.2f", s, neutralUniformity)
	}
}

func TestCountSpecifics(t *testing.T) {
	tests := []struct {
		text           string
		numbers, names int
	}{
		{"Prime Minister Benjamin Netanyahu met Antony Blinken on Monday.", 0, 3}, // "Minister Benjamin Netanyahu", "Antony Blinken", "Monday"
		{"Sales rose 4% to $1.2bn in 2024, the firm said.", 3, 0},
		{"The plan is good. It will help. They agree.", 0, 0},
		{"Biden Pushes For Peace Talks In Gaza", 0, 0}, // a headline in title case
	}
	for _, tt := range tests {
		nums, names := countSpecifics(NewDocument("", tt.text))
		if nums != tt.numbers || names != tt.names {
			t.Errorf("%q: numbers %d names %d, want %d %d", tt.text, nums, names, tt.numbers, tt.names)
		}
	}
}

func TestStockPhrasesSkipProperNames(t *testing.T) {
	c := newAIFiller()
	text := "Realm Resources Inc said it sold shares.\nRealm also said its Class A stock was converted. Foster carers met Pivotal Software staff.\nFoster homes are needed, said Ann Foster."
	if s := signalsOf(c, text)["ai_phrases"]; s.Value != 0 {
		t.Errorf("names counted as stock phrases: %v", s.Evidence)
	}
	// The same words in lower case are stock phrases.
	if s := signalsOf(c, "The realm of ideas is pivotal to foster a sense of wonder.")["ai_phrases"]; len(s.Evidence) == 0 {
		t.Error("lower-case stock phrases not found")
	}
}

func TestPhraseEvidenceJoinsNeighbours(t *testing.T) {
	c := newAIFiller()
	s := signalsOf(c, "The agency hopes to foster an environment conducive to meaningful dialogue. Prices rose.")["ai_phrases"]
	if len(s.Evidence) == 0 || s.Evidence[0].Text != "foster an environment conducive to meaningful dialogue" {
		t.Errorf("evidence = %v", s.Evidence)
	}
}

func TestPhraseEvidenceIsBounded(t *testing.T) {
	s := signalsOf(newAIFiller(), strings.Repeat("pivotal tapestry ", 5000))["ai_phrases"]
	for _, e := range s.Evidence {
		if n := len(strings.Fields(e.Text)); n > maxClusterWords {
			t.Errorf("evidence of %d words", n)
		}
	}
	if len(s.Evidence) == 0 || s.Evidence[0].Count < 100 {
		t.Errorf("evidence = %v", s.Evidence)
	}
}

func TestAIFillerEmptyAndOddInputs(t *testing.T) {
	c := newAIFiller()
	for _, text := range []string{"", "\n\n\n", "Hello", "“”\"\"", strings.Repeat("overall ", 50)} {
		for i, s := range c.Run(NewDocument("", text)) {
			if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) || s.Value < 0 {
				t.Errorf("%q: %s = %v", text, checkNames(c)[i], s.Value)
			}
		}
	}
}

func TestAIFillerLargeInputsStayFast(t *testing.T) {
	c := newAIFiller()
	s := newSourcing()
	sentence := "Overall, as talks continue, the international community remains vigilant, said Mr Jones. "
	inputs := map[string]string{
		"one long line":     strings.Repeat(sentence, 2_000_000/len(sentence)),
		"many short lines":  strings.Repeat("Overall.\nSource:\n\n", 100_000/3),
		"one long sentence": strings.Repeat("overall pivotal ", 200_000),
	}
	for name, text := range inputs {
		start := time.Now()
		d := NewDocument("", text)
		c.Run(d)
		s.Run(d)
		if el := time.Since(start); el > 20*time.Second {
			t.Errorf("%s (%d bytes): %v", name, len(text), el)
		}
	}
}

// aiReadXsum reads every record of the XSum human-vs-machine corpus.
func aiReadXsum(tb testing.TB) []shareddata.Record {
	return shareddata.Records(tb, "xsum-human-vs-llm.jsonl", 0, nil)
}

// aiAUROC returns the probability that a random positive scores above a
// random negative, ties counting half.
func aiAUROC(pos, neg []float64) float64 {
	p := append(append([]float64(nil), pos...), neg...)
	y := make([]bool, len(p))
	for i := range pos {
		y[i] = true
	}
	return metrics.AUROC(p, y)
}

func aiMean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// classStats collects, per signal, the values and fire counts of one class
// of texts.
type classStats struct {
	n      int
	values [][]float64
	fired  []int
}

func (cs *classStats) add(sig []Signal) {
	if cs.values == nil {
		cs.values = make([][]float64, len(sig))
		cs.fired = make([]int, len(sig))
	}
	cs.n++
	for i, s := range sig {
		cs.values[i] = append(cs.values[i], s.Value)
		if s.Fired {
			cs.fired[i]++
		}
	}
}

func (cs *classStats) rate(i int) float64 { return float64(cs.fired[i]) / float64(max(cs.n, 1)) }

// TestAIFillerOnCorpus measures every signal on the human XSum originals
// against the machine rewrites of the same stories, and the firing rates on
// human news. Run with -v to see the table:
//
//	go test ./features -run TestAIFillerOnCorpus -v
func TestAIFillerOnCorpus(t *testing.T) {
	c := newAIFiller()
	names := checkNames(c)
	var human, llm classStats
	byModel := map[string]*classStats{}
	for _, r := range aiReadXsum(t) {
		sig := c.Run(NewDocument("", r.Text))
		if r.Label == "clean" {
			human.add(sig)
			continue
		}
		llm.add(sig)
		if byModel[r.Model] == nil {
			byModel[r.Model] = &classStats{}
		}
		byModel[r.Model].add(sig)
	}
	if human.n < 500 || llm.n < 2000 {
		t.Fatalf("corpus too small: %d human, %d machine", human.n, llm.n)
	}
	aucs := make(map[string]float64)
	t.Logf("xsum: %d human originals, %d machine texts", human.n, llm.n)
	for i, n := range names {
		aucs[n] = aiAUROC(llm.values[i], human.values[i])
		t.Logf("%-20s mean human %7.3f machine %7.3f  AUROC %.3f  fired human %.2f%% machine %.2f%%",
			n, aiMean(human.values[i]), aiMean(llm.values[i]), aucs[n], 100*human.rate(i), 100*llm.rate(i))
	}
	models := make([]string, 0, len(byModel))
	for m := range byModel {
		models = append(models, m)
	}
	sort.Strings(models)
	fillerIdx := len(names) - 1
	for _, m := range models {
		ms := byModel[m]
		var row strings.Builder
		for i, n := range names {
			fmt.Fprintf(&row, " %s=%.2f", n, aiAUROC(ms.values[i], human.values[i]))
		}
		t.Logf("%-26s n=%3d ai_filler fired %5.1f%%  AUROC%s", m, ms.n, 100*ms.rate(fillerIdx), row.String())
	}

	// Human news from other sources: the rules must stay quiet.
	clean := map[string]*classStats{"xsum-human": &human}
	for _, file := range []string{"bbc-news.jsonl", "reuters-21578.jsonl"} {
		cs := &classStats{}
		for _, r := range shareddata.Records(t, file, 0, nil) {
			cs.add(c.Run(NewDocument("", r.Text)))
		}
		clean[file] = cs
	}
	total := 0
	for _, file := range []string{"xsum-human", "bbc-news.jsonl", "reuters-21578.jsonl"} {
		cs := clean[file]
		total += cs.n
		for i, n := range names {
			t.Logf("%-20s %-16s mean %7.3f fired %d/%d (%.2f%%)", file, n, aiMean(cs.values[i]), cs.fired[i], cs.n, 100*cs.rate(i))
		}
	}
	if total < 500 {
		t.Fatalf("only %d clean articles", total)
	}

	// Thresholds: the measured value with headroom (see the log).
	for _, file := range []string{"xsum-human", "bbc-news.jsonl", "reuters-21578.jsonl"} {
		cs := clean[file]
		for i, n := range names {
			limit := map[string]float64{"ai_filler": 0.01, "ai_phrases": 0.01, "ai_closing": 0.01}[n]
			if limit > 0 && cs.rate(i) > limit {
				t.Errorf("%s: %s fires on %.2f%% of human news, want <= %.0f%%", file, n, 100*cs.rate(i), 100*limit)
			}
		}
	}
	if r := llm.rate(fillerIdx); r < 0.15 {
		t.Errorf("ai_filler fires on %.1f%% of machine texts, want >= 15%%", 100*r)
	}
	minAUC := map[string]float64{"ai_phrases": 0.75, "sentence_uniformity": 0.65, "said_avoidance": 0.85, "ai_filler": 0.90, "ai_closing": 0.55}
	for n, want := range minAUC {
		if aucs[n] < want {
			t.Errorf("%s AUROC %.3f, want >= %.2f", n, aucs[n], want)
		}
	}
	// Fewer specifics in machine text: AUROC well below one half.
	if aucs["specifics_density"] > 0.3 {
		t.Errorf("specifics_density AUROC %.3f, want <= 0.30", aucs["specifics_density"])
	}
}

func BenchmarkAIFiller(b *testing.B) {
	c := newAIFiller()
	d := NewDocument("", shareddata.Seed(b, "003"))
	b.ReportAllocs()
	for b.Loop() {
		c.Run(d)
	}
}

// corpusDocs prepares a sample of 300 corpus articles (BBC, Reuters and
// XSum), for benchmarking one check at a time and for comparing fast paths
// with the plain computation they replace.
func corpusDocs(tb testing.TB) []*Document {
	var docs []*Document
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(tb, f, 100, nil) {
			docs = append(docs, NewDocument("", r.Text))
		}
	}
	return docs
}

// benchmarkCheckCorpus runs one check over the corpus sample and reports
// the time per article.
func benchmarkCheckCorpus(b *testing.B, c Check) {
	docs := corpusDocs(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			c.Run(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/article")
}

func BenchmarkAIFillerCorpus(b *testing.B) { benchmarkCheckCorpus(b, newAIFiller()) }

// matchRanges returns word ranges of d to compare scans over: the whole
// text, every paragraph and sentence, and ranges with random ends.
func matchRanges(d *Document, r *rand.Rand) [][2]int {
	ranges := [][2]int{{0, len(d.Words)}}
	for _, p := range d.Paragraphs {
		ranges = append(ranges, [2]int{p.FirstWord, p.EndWord})
	}
	for _, s := range d.Sentences {
		ranges = append(ranges, [2]int{s.FirstWord, s.EndWord})
	}
	for range 20 {
		a, b := r.Intn(len(d.Words)+1), r.Intn(len(d.Words)+1)
		ranges = append(ranges, [2]int{min(a, b), max(a, b)})
	}
	return ranges
}

func TestLexiconSetMatchesEachLexicon(t *testing.T) {
	docs := corpusDocs(t)
	docs = append(docs, NewDocument("", inventedFiller), NewDocument("", inventedReport))
	sets := map[string]*lexiconSet{
		"aiFiller": newAIFiller().(*aiFiller).words,
		"sourcing": newSourcing().(*sourcing).words,
		// Prefix patterns, first and second, which the slot tables cannot
		// index.
		"patterns": newLexiconSet(
			[]string{"underscor*", "said"},
			[]string{"the complex*", "a", "in light of"},
			[]string{"it is import*", "according to"},
		),
	}
	r := rand.New(rand.NewSource(1))
	for name, set := range sets {
		all := uint8(1)<<len(set.lexicons) - 1
		found := 0
		for di, d := range docs {
			for _, rg := range matchRanges(d, r) {
				got := set.findIn(d.Words, rg[0], rg[1], all)
				for k, lx := range set.lexicons {
					want := lx.FindIn(d.Words, rg[0], rg[1])
					found += len(want)
					for _, m := range want {
						if !set.mayStart(k, d.Words[m.Word].Norm) {
							t.Fatalf("%s lexicon %d: mayStart(%q) = false for a match", name, k, d.Words[m.Word].Norm)
						}
					}
					if fmt.Sprint(got[k]) != fmt.Sprint(want) {
						t.Fatalf("%s doc %d words %v lexicon %d: got %v, want %v", name, di, rg, k, got[k], want)
					}
				}
			}
		}
		if found == 0 {
			t.Errorf("%s: no matches compared", name)
		}
	}
}

func TestStockScanReusesWholeDocumentMatches(t *testing.T) {
	c := newAIFiller().(*aiFiller)
	r := rand.New(rand.NewSource(2))
	reused := 0
	for di, d := range append(corpusDocs(t), NewDocument("", inventedFiller)) {
		scan := &stockScan{c: c, d: d, all: c.words.findIn(d.Words, 0, len(d.Words), 1<<aiStock)[aiStock]}
		for _, rg := range matchRanges(d, r) {
			want := scan.keep(c.words.lexicons[aiStock].FindIn(d.Words, rg[0], rg[1]))
			if got := scan.in(rg[0], rg[1]); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("doc %d words %v: got %v, want %v", di, rg, got, want)
			}
			if m, ok := scan.within(rg[0], rg[1]); ok && len(m) > 0 {
				reused++
			}
		}
	}
	if reused == 0 {
		t.Error("whole-document matches never reused")
	}
}

// byteLanes returns eight-byte strings that put every byte value in every
// position, among the given filler bytes.
func byteLanes(fill ...byte) []string {
	var out []string
	for _, f := range fill {
		for pos := range 8 {
			for v := range 256 {
				b := []byte(strings.Repeat(string(rune(f)), 8))[:8]
				b[pos] = byte(v)
				out = append(out, string(b))
			}
		}
	}
	return out
}

func TestIndexDigit(t *testing.T) {
	for _, s := range append(byteLanes('a', ' ', 0xe2), "", "abc", "no digits at all in this long line", "late digit in a long line: 7", "é9") {
		s += "tail"
		want := len(s)
		if i := strings.IndexAny(s, "0123456789"); i >= 0 {
			want = i
		}
		if got := indexDigit(s, 0, len(s)); got != want {
			t.Fatalf("indexDigit(%q) = %d, want %d", s, got, want)
		}
	}
	if got := indexDigit("a1b2c3", 2, 3); got != 3 {
		t.Errorf("indexDigit outside the range = %d, want 3", got)
	}
}
