package features

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// aiFiller measures generic machine-written prose: stock phrases, a closing
// paragraph that sums up without saying anything, sentences of uniform
// length, few concrete specifics (numbers, names, quotes), and elaborate
// reporting verbs where news copy says "said".
//
// Signals:
//   - ai_phrases: weighted stock phrases per 100 words, capped at 5. Fired
//     when an article is dense with them.
//   - ai_closing: 0..1, how much the closing paragraphs read as a generic
//     summary: 1 for "In conclusion", "As the situation continues to
//     evolve" and the like (Fired), 0.6 for a milder opener such as
//     "Ultimately", up to 0.9 for a last paragraph dense in stock phrases.
//   - sentence_uniformity: 1 minus the coefficient of variation of sentence
//     lengths, clipped to [0, 1]; neutralUniformity with fewer than five
//     complete sentences.
//   - specifics_density: numbers, names and direct quotes (counted twice)
//     per 100 words, capped at 20. Low values mean few specifics.
//   - said_avoidance: 0..1, the share of attributions made with elaborate
//     verbs ("emphasized", "expressed", "noted") rather than "said" or
//     "told", smoothed so that a text with neither scores 0.5.
//   - ai_filler: 0..1 combined strength of the cues above. Fired when they
//     agree: a high strength, several stock phrases, and either few
//     specifics or a generic closing.
type aiFiller struct {
	// words holds the lexicons matched against every word: stock phrases,
	// plain and elaborate reporting verbs (aiStock, aiSaid, aiFancy).
	words   *lexiconSet
	common  map[string]bool // entries of the stock lexicon that weigh half
	closers *Lexicon        // strong summing-up openers
	mild    *Lexicon        // mild summing-up openers
}

// The lexicons of aiFiller.words.
const (
	aiStock = iota
	aiSaid
	aiFancy
)

func newAIFiller() Check {
	common := make(map[string]bool, len(commonStockPhrases))
	for _, p := range commonStockPhrases {
		common[p] = true
	}
	return &aiFiller{
		words: newLexiconSet(
			append(append([]string(nil), stockPhrases...), commonStockPhrases...),
			plainReportingVerbs,
			elaborateReportingVerbs,
		),
		common:  common,
		closers: NewLexicon(closingOpeners...),
		mild:    NewLexicon(mildClosingOpeners...),
	}
}

// Signals declares the AI-filler signals.
func (*aiFiller) Signals() []Spec {
	return []Spec{
		{"ai_phrases", "stock AI-filler phrases"},
		{"ai_closing", "generic closing summary"},
		{"sentence_uniformity", "uniform sentence lengths"},
		{"specifics_density", "specifics (numbers, names, quotes)"},
		{"said_avoidance", "elaborate reporting verbs instead of \"said\""},
		{"ai_filler", "AI-filler prose"},
	}
}

// stockPhrases are the stock phrasing of machine-written news: formulaic
// framing ("it is important to note"), inflated verbs and nouns
// ("underscores", "tapestry"), connective filler ("additionally") and
// diplomatic boilerplate ("the international community is closely
// monitoring"). British and American spellings are both listed. Each match
// weighs 1; the entries of commonStockPhrases, which careful reporters also
// use, weigh half.
var stockPhrases = []string{
	// Framing and signposting.
	"it is important to note", "it's important to note", "it is worth noting", "it's worth noting",
	"it is crucial to", "it is essential to", "it is vital to", "it is imperative to",
	"worth noting", "in conclusion", "in summary", "to summarize", "to summarise", "to sum up",
	"all in all", "in essence", "additionally", "that being said", "with that said",
	"needless to say", "it remains to be seen", "remains to be seen", "only time will tell",
	"time will tell", "in today's world", "in today's fast-paced", "in today's digital",
	"in today's rapidly", "in today's ever", "fast-paced world", "in an era of", "in an era where",
	"in the realm of", "the realm of", "realm", "amidst", "against the backdrop of", "a backdrop of",
	"as the situation unfolds", "as the situation continues to evolve", "continues to evolve",
	"continue to evolve", "continues to unfold", "the situation remains",
	// Inflated verbs.
	"underscore", "underscores", "underscored", "underscoring",
	"underline the importance", "underlines the importance", "underlined the importance",
	"highlighting the", "highlights the importance", "highlighted the importance",
	"highlighting the importance", "emphasizing the importance", "emphasising the importance",
	"emphasized the importance", "emphasised the importance",
	"showcasing", "showcases", "delve", "delves", "delved", "delving",
	"fosters", "fostered", "fostering", "bolstering", "foster a", "foster an", "foster the",
	"navigate the", "navigating the", "navigates the", "navigate the complexities",
	"navigating the complexities", "the complexities of", "complexities",
	"paving the way", "paves the way", "shed light on", "sheds light on", "shedding light on",
	"shed light", "garner", "garnered", "garnering", "garners", "leveraging", "harnessing",
	"embarked", "embarking", "resonate", "resonates", "resonated", "resonating",
	"grapple with", "grapples with", "grappling with", "strives", "striving",
	"elevate", "elevating", "empowering", "spearheading", "serves as a reminder",
	"serves as a stark reminder", "serve as a reminder", "a stark reminder", "stark reminder",
	"a testament to", "testament to", "a testament", "stands as a testament",
	"plays a crucial role", "play a crucial role", "played a crucial role", "a crucial role",
	"plays a pivotal role", "play a pivotal role", "a pivotal role", "plays a vital role",
	"a vital role", "a significant role",
	// Inflated nouns and adjectives.
	"tapestry", "multifaceted", "pivotal", "intricate", "noteworthy", "endeavor", "endeavors",
	"endeavour", "endeavours", "steadfast", "unwavering", "emblematic", "ever-evolving",
	"ever-changing", "rapidly evolving", "evolving", "holistic", "nuanced", "transformative",
	"game-changer", "game changer", "seamlessly", "vibrant", "bustling", "nestled",
	"myriad", "a myriad of", "plethora", "a plethora of", "beacon", "a beacon of",
	"invaluable", "commendable", "meticulous", "meticulously", "captivating", "arduous",
	"fraught with", "complex web", "intricate web", "delicate balance", "well-being",
	"unwavering commitment", "steadfast commitment", "shared commitment", "dedication to",
	"collective efforts", "concerted efforts", "ongoing efforts", "comprehensive approach",
	"significant implications", "far-reaching implications", "far-reaching consequences",
	"profound implications", "broader implications", "potential implications",
	"implications for", "the critical need", "critical need", "the urgent need", "urgent need",
	"pressing need", "a sense of", "sense of community", "raising questions", "raises questions",
	// Diplomatic and civic boilerplate.
	"closely monitoring", "closely monitor", "closely monitored", "monitoring the situation",
	"remain vigilant", "remained vigilant", "vigilant", "path to lasting", "path towards lasting",
	"path toward lasting", "path to peace", "path towards", "path toward", "lasting stability",
	"durable peace", "sustainable and just", "just and lasting", "sustainable resolution",
	"peaceful resolution", "swift resolution", "conducive to", "meaningful dialogue",
	"constructive dialogue", "open dialogue", "mutual understanding", "peace and stability",
	"stability and security", "stability in the region", "address the root causes",
	"root causes", "underlying issues", "deeply concerned", "growing concern",
	"mounting pressure", "escalating tensions", "heightened tensions", "tensions remain high",
	"amid growing",
}

// commonStockPhrases are stock phrases that human reporters also write
// ("significant", "overall", "crucial"): a match weighs half.
var commonStockPhrases = []string{
	"overall", "ultimately", "moreover", "furthermore", "notably", "importantly",
	"it is important to", "it's important to", "it remains", "looking ahead", "moving forward",
	"going forward", "in light of", "in the midst of", "the importance of", "importance of",
	"foster", "bolster", "bolsters", "leverage", "harness", "embark", "strive", "empower",
	"spearhead", "unveil", "unveiled", "unveiling", "showcased", "reaffirm", "reaffirmed",
	"reaffirming", "reaffirms", "sparked", "sparking", "pave the way", "paved the way",
	"poised to", "landscape", "crucial", "vital", "paramount", "robust", "heightened",
	"seamless", "groundbreaking", "profound", "profoundly", "enduring", "resilience",
	"aspirations", "stakeholders", "dynamics", "the dynamics", "comprehensive",
	"a comprehensive", "significant", "significantly", "a significant", "a complex",
	"complex and", "commitment to", "a commitment to", "its commitment to", "the underlying",
	"the broader", "broader", "a broader", "key role", "a key role in", "a major role in",
	"key issues", "pressing issue", "the international community", "lasting peace",
	"dialogue and",
}

// closingOpeners open a sentence that sums up instead of reporting.
var closingOpeners = []string{
	"in conclusion", "in summary", "to summarize", "to summarise", "to sum up", "all in all",
	"in essence", "only time will tell", "it remains to be seen", "as the situation unfolds",
	"as the situation continues to evolve", "as the situation evolves", "as the situation develops",
	"as the world watches", "as the world continues", "as we move forward", "as we look ahead",
	"the road ahead", "the path ahead", "while challenges remain", "while challenges persist",
	"as the story unfolds", "as events unfold", "as the dust settles",
}

// mildClosingOpeners open a summing-up sentence too, but reporters also
// use them for a concluding fact ("Overall, sales rose 4%").
var mildClosingOpeners = []string{
	"overall", "ultimately", "looking ahead", "looking forward", "moving forward",
	"going forward", "in the end", "at the end of the day", "in the coming days",
	"in the coming weeks", "in the coming months", "in short", "despite the challenges",
	"as negotiations continue", "as talks continue", "as the investigation continues",
}

// plainReportingVerbs attribute a statement the way news copy does.
var plainReportingVerbs = []string{"said", "says", "say", "told", "tells", "according to", "added", "adds"}

// elaborateReportingVerbs attribute a statement with an inflated verb where
// news copy says "said".
var elaborateReportingVerbs = []string{
	"emphasized", "emphasised", "emphasizing", "emphasising", "underscored", "underscoring",
	"highlighted", "highlighting", "expressed", "expressing", "stressed", "stressing",
	"asserted", "asserting", "remarked", "remarking", "conveyed", "articulated", "lamented",
	"reiterated", "reiterating", "acknowledged", "acknowledging", "affirmed", "affirming",
	"voiced", "noted", "noting", "stated", "stating", "commented", "commenting",
	"pointed out", "revealed", "disclosed", "indicated", "indicating", "opined", "shared",
	"elaborated", "articulating", "underlined", "underlining",
}

// neutralUniformity is the sentence_uniformity value of a text too short to
// measure: about halfway between human news (0.64) and machine prose (0.73).
const neutralUniformity = 0.68

// minUniformitySentences is the number of complete sentences needed to
// measure how much their lengths vary.
const minUniformitySentences = 5

// aiStats are the measurements behind the AI-filler signals.
type aiStats struct {
	words      int
	phrases    []Match
	weighted   float64 // phrases, the common ones counted half
	uniformity float64
	sentences  int
	numbers    int
	names      int
	quotes     int
	said       int
	fancy      []Match // elaborate reporting verbs
	closing    float64
	closingEv  []Evidence
}

// phraseRate is the weighted stock phrases per 100 words.
func (st aiStats) phraseRate() float64 {
	if st.words == 0 {
		return 0
	}
	return st.weighted * 100 / float64(st.words)
}

// specifics counts numbers, names and quotes, a quote counting twice.
func (st aiStats) specifics() int { return st.numbers + st.names + 2*st.quotes }

// saidAvoidance is the smoothed share of elaborate reporting verbs.
func (st aiStats) saidAvoidance() float64 {
	fancy := float64(len(st.fancy))
	return (fancy + 0.5) / (float64(st.said) + fancy + 1)
}

func (c *aiFiller) measure(d *Document) aiStats {
	found := c.words.findIn(d.Words, 0, len(d.Words), 1<<aiStock|1<<aiSaid|1<<aiFancy)
	scan := &stockScan{c: c, d: d, all: found[aiStock]}
	st := aiStats{words: d.WordCount(), phrases: scan.keep(found[aiStock])}
	st.weighted = c.weigh(st.phrases)
	st.uniformity, st.sentences = sentenceUniformity(d)
	st.numbers, st.names = d.specifics()
	st.quotes = len(d.quoteSpans())
	st.said = len(found[aiSaid])
	st.fancy = found[aiFancy]
	st.closing, st.closingEv = c.closingStrength(scan)
	return st
}

// stockScan finds stock phrases in one document, remembering the words the
// document capitalises as names.
type stockScan struct {
	c     *aiFiller
	d     *Document
	all   []Match         // the stock phrases of the whole document, names included
	names map[string]bool // nil until first needed
}

// in finds the stock phrases among words[from:to], leaving out those that
// are part of a proper name: a capitalised match whose word the document
// also capitalises in mid-sentence ("Foster", "Realm Inc", "Pivotal
// Software").
func (s *stockScan) in(from, to int) []Match {
	matches, ok := s.within(from, to)
	if !ok {
		matches = s.c.words.findIn(s.d.Words, from, to, 1<<aiStock)[aiStock]
	}
	return s.keep(matches)
}

// within returns the whole document's stock phrases that lie in
// words[from:to], and whether they are exactly the ones a scan of that
// range finds. They are when no phrase of the whole document straddles
// from or to: the scan of the whole document then passes from, and from
// there on finds at each word the phrase that a scan of the range finds,
// since the phrase fits in the range.
func (s *stockScan) within(from, to int) ([]Match, bool) {
	if from >= to {
		return nil, true
	}
	all := s.all
	a := sort.Search(len(all), func(i int) bool { return all[i].Word+all[i].Len > from })
	b := sort.Search(len(all), func(i int) bool { return all[i].Word >= to })
	if a < len(all) && all[a].Word < from || b > a && all[b-1].Word+all[b-1].Len > to {
		return nil, false
	}
	return all[a:b], true
}

// keep returns, in a new slice, the stock-phrase matches that are not
// part of a proper name.
func (s *stockScan) keep(matches []Match) []Match {
	kept := make([]Match, 0, len(matches))
	for _, m := range matches {
		w := s.d.Words[m.Word]
		if isCapitalised(w.Text) {
			if !opensSentence(s.d, m.Word) {
				continue
			}
			if s.names == nil {
				s.names = midSentenceCapitals(s.d, func(norm string) bool { return s.c.words.mayStart(aiStock, norm) })
			}
			if s.names[w.Norm] {
				continue
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// midSentenceCapitals returns the folded words that the document uses as
// names: capitalised where no sentence starts, or capitalised and followed
// by another capitalised word ("Realm Resources Inc", "Foster Wheeler").
// It looks only at the words for which wanted is true.
func midSentenceCapitals(d *Document, wanted func(norm string) bool) map[string]bool {
	names := make(map[string]bool)
	for i := range d.Words {
		w := &d.Words[i]
		if !isCapitalised(w.Text) || !wanted(w.Norm) {
			continue
		}
		if !opensSentence(d, i) || i+1 < len(d.Words) && isCapitalised(d.Words[i+1].Text) && !opensSentence(d, i+1) {
			names[w.Norm] = true
		}
	}
	return names
}

// opensSentence reports whether word i starts a sentence, a line or a
// quotation, judging by the text just before it.
func opensSentence(d *Document, i int) bool {
	if i == 0 || d.Words[i-1].Line != d.Words[i].Line {
		return true
	}
	prev := d.Words[i-1]
	return strings.ContainsAny(d.Text[prev.Start+len(prev.Text):d.Words[i].Start], ".!?:;\"“‘(—–-")
}

// maxCountedRepeats is how many matches of one stock phrase count: an
// article about foster care repeats "foster" as its topic, not as style.
const maxCountedRepeats = 2

// weigh sums the weights of stock-phrase matches, counting each phrase at
// most maxCountedRepeats times.
func (c *aiFiller) weigh(matches []Match) float64 {
	w := 0.0
	var seen map[string]int
	for _, m := range matches {
		if seen == nil {
			seen = make(map[string]int)
		}
		if seen[m.Phrase]++; seen[m.Phrase] > maxCountedRepeats {
			continue
		}
		if c.common[m.Phrase] {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func (c *aiFiller) Run(d *Document) []Signal {
	st := c.measure(d)
	rate := st.phraseRate()
	specRate := ratePer100Words(st.specifics(), st.words)

	ph := Signal{Name: "ai_phrases"}
	ph.Value = math.Min(rate, 5)
	if len(st.phrases) > 0 {
		ph.Evidence = firstEvidence(c.phraseEvidence(d, st.phrases), 10)
		ph.Message = fmt.Sprintf("%d stock phrases (%.1f per 100 words), e.g. %s", len(st.phrases), rate, ph.Evidence[0])
		ph.Fired = st.weighted >= aiPhrasesFireCount && rate >= aiPhrasesFireRate
	}

	cl := Signal{Name: "ai_closing"}
	cl.Value = st.closing
	cl.Evidence = st.closingEv
	if st.closing > 0 {
		cl.Fired = st.closing >= 1
		cl.Message = fmt.Sprintf("closing paragraph sums up generically: %s", st.closingEv[0])
	}

	su := Signal{Name: "sentence_uniformity"}
	su.Value = st.uniformity
	if st.sentences >= minUniformitySentences {
		su.Message = fmt.Sprintf("%d sentences, uniformity %.2f", st.sentences, st.uniformity)
	}

	sp := Signal{Name: "specifics_density"}
	sp.Value = math.Min(specRate, 20)
	sp.Message = fmt.Sprintf("%d numbers, %d names, %d quotes in %d words", st.numbers, st.names, st.quotes, st.words)

	sa := Signal{Name: "said_avoidance"}
	sa.Value = st.saidAvoidance()
	if st.said+len(st.fancy) > 0 {
		sa.Message = fmt.Sprintf("%d elaborate reporting verbs, %d plain (said, told)", len(st.fancy), st.said)
		sa.Evidence = firstEvidence(CountPhrases(d, st.fancy), 5)
	}

	af := Signal{Name: "ai_filler"}
	af.Value, af.Fired = fillerStrength(st)
	if af.Fired {
		af.Message = fmt.Sprintf("generic filler prose: %.1f stock phrases and %.1f specifics per 100 words", rate, specRate)
		af.Evidence = firstEvidence(ph.Evidence, 9)
		if st.closing >= 1 {
			af.Message += ", generic closing"
			af.Evidence = append(af.Evidence[:len(af.Evidence):len(af.Evidence)], st.closingEv...)
		}
	}
	return []Signal{ph, cl, su, sp, sa, af}
}

// Thresholds of the ai_phrases rule: a weighted count and a rate per 100
// words that human news reaches in well under 1% of articles.
const (
	aiPhrasesFireCount = 6
	aiPhrasesFireRate  = 2.0
)

// fillerStrength combines the cues into 0..1 with a logistic function, and
// says whether the cues agree enough to call the text filler. The weights
// are a logistic regression fitted on the XSum human originals against
// their machine rewrites (half the story groups, held-out AUROC 0.96),
// rounded; ai_closing, too rare in that cut-off text to be fitted, weighs
// a hand-set 0.5. Fired needs a strength of at least 0.9, stock phrases
// weighing 2 or more at 0.75 per 100 words, and either few specifics (under
// 12 per 100 words) or a generic closing: human news meets it in about 1
// in 1000 articles (see TestAIFillerOnCorpus).
func fillerStrength(st aiStats) (float64, bool) {
	if st.words == 0 {
		return 0, false
	}
	rate := math.Min(st.phraseRate(), 5)
	spec := math.Min(ratePer100Words(st.specifics(), st.words), 20)
	z := -3.6 + 3*rate - 0.2*spec + 8*st.saidAvoidance() + 2.9*st.uniformity + 0.5*st.closing
	v := 1 / (1 + math.Exp(-z))
	fired := v >= 0.9 && st.weighted >= 2 && rate >= 0.75 && (spec < 12 || st.closing >= 1)
	return v, fired
}

// phraseEvidence groups stock phrases that follow each other within a
// sentence ("foster an environment conducive to meaningful dialogue") into
// one piece of evidence, most phrases first, then most frequent.
func (c *aiFiller) phraseEvidence(d *Document, matches []Match) []Evidence {
	type cluster struct {
		from, to int
		weight   float64
	}
	var clusters []cluster
	for _, m := range matches {
		w := 1.0
		if c.common[m.Phrase] {
			w = 0.5
		}
		if n := len(clusters); n > 0 && m.Word+m.Len-clusters[n-1].from <= maxClusterWords && joinsPhrase(d, clusters[n-1].to, m.Word) {
			clusters[n-1].to = m.Word + m.Len
			clusters[n-1].weight += w
			continue
		}
		clusters = append(clusters, cluster{m.Word, m.Word + m.Len, w})
	}
	// A text's weight is that of the last cluster with that text.
	var tally evidenceTally
	var weights []float64 // of tally.items
	for _, cl := range clusters {
		k := tally.add(d.Span(cl.from, cl.to), d.Lines[d.Words[cl.from].Line].Number)
		if k == len(weights) {
			weights = append(weights, 0)
		}
		weights[k] = cl.weight
	}
	type weighed struct {
		ev     Evidence
		weight float64
	}
	list := make([]weighed, len(tally.items))
	for k, ev := range tally.items {
		list[k] = weighed{ev, weights[k]}
	}
	slices.SortStableFunc(list, func(a, b weighed) int {
		if a.weight != b.weight {
			return cmp.Compare(b.weight, a.weight)
		}
		return cmp.Compare(b.ev.Count, a.ev.Count)
	})
	ev := tally.items
	for k := range list {
		ev[k] = list[k].ev
	}
	return ev
}

// maxClusterWords bounds a group of joined phrases, so that evidence stays
// a phrase even in a text made of nothing else.
const maxClusterWords = 12

// maxPhraseGap is how many words may separate two stock phrases that read
// as one ("the path to peace may be arduous").
const maxPhraseGap = 2

// joinsPhrase reports whether a phrase starting at word next continues the
// phrase ending before word end: on the same line, at most maxPhraseGap
// words later, with no sentence break between.
func joinsPhrase(d *Document, end, next int) bool {
	if end == 0 || next-end > maxPhraseGap || next < end {
		return false
	}
	a, b := d.Words[end-1], d.Words[next]
	if a.Line != b.Line {
		return false
	}
	return !strings.ContainsAny(d.Text[a.Start+len(a.Text):b.Start], ".!?;:\n")
}

// sentenceUniformity returns 1 minus the coefficient of variation of the
// lengths of the complete sentences (ending in terminal punctuation, at
// least three words), and how many there were.
func sentenceUniformity(d *Document) (float64, int) {
	var n, sum, sumSq float64
	for _, s := range d.Sentences {
		w := s.WordCount()
		if w < 3 || !endsSentence(s.Text) {
			continue
		}
		n++
		sum += float64(w)
		sumSq += float64(w) * float64(w)
	}
	if n < minUniformitySentences {
		return neutralUniformity, int(n)
	}
	mean := sum / n
	variance := math.Max(0, sumSq/n-mean*mean)
	cv := math.Sqrt(variance) / mean
	return math.Max(0, math.Min(1, 1-cv)), int(n)
}

// closingStrength rates the closing zone: the last prose paragraphs and
// the headings between them, within the last closingTailPercent of words. A sentence there that opens with a
// summing-up phrase scores 1; a mild opener ("Ultimately", "As talks
// continue") scores 0.6, or 1 when its paragraph (at most
// closingParagraphWords words around it) also holds two stock phrases. Otherwise the last prose paragraph scores by its density of
// stock phrases, up to 0.9, halved when it holds numbers or quotes.
func (c *aiFiller) closingStrength(scan *stockScan) (float64, []Evidence) {
	d := scan.d
	from, last := closingZone(d)
	if last < 0 {
		return 0, nil
	}
	best, bestEv := 0.0, []Evidence(nil)
	// The stock-phrase weight of the last paragraph weighed, so that a
	// paragraph of many sentences is scanned once.
	weighedPara, paraWeight := -1, 0.0
	start := max(d.Paragraphs[from].FirstWord, len(d.Words)*(100-closingTailPercent)/100, len(d.Words)-closingMaxWords)
	for si := firstSentenceFrom(d, start); si < len(d.Sentences); si++ {
		s := d.Sentences[si]
		if s.EndWord <= s.FirstWord {
			continue
		}
		line := d.Lines[d.Words[s.FirstWord].Line].Number
		if m, ok := c.closers.matchAt(d.Words[:s.EndWord], s.FirstWord); ok {
			return 1, []Evidence{{Text: d.Span(m.Word, m.Word+m.Len), Count: 1, Line: line}}
		}
		if best >= 1 {
			continue
		}
		span := ""
		if m, ok := c.mild.matchAt(d.Words[:s.EndWord], s.FirstWord); ok {
			span = d.Span(m.Word, m.Word+m.Len)
		} else if sp, ok := asStoryGoesOn(d, s); ok {
			span = sp
		}
		if span == "" {
			continue
		}
		v := 0.6
		if pi := paragraphOf(d, s.FirstWord); pi != weighedPara || d.Paragraphs[pi].EndWord-d.Paragraphs[pi].FirstWord > closingParagraphWords {
			// The paragraph around the sentence, or as much of it as a
			// paragraph holds: an article run into one paragraph is not
			// all one closing.
			p := d.Paragraphs[pi]
			from := max(p.FirstWord, s.FirstWord-closingParagraphWords/3)
			to := min(p.EndWord, from+closingParagraphWords)
			weighedPara, paraWeight = pi, c.weigh(scan.in(from, to))
		}
		if paraWeight >= 2 {
			v = 1
		}
		if v > best {
			best, bestEv = v, []Evidence{{Text: span, Count: 1, Line: line}}
		}
	}
	if best > 0 {
		return best, bestEv
	}
	p := d.Paragraphs[last]
	matches := scan.in(p.FirstWord, p.EndWord)
	w := c.weigh(matches)
	if w < 2 {
		return 0, nil
	}
	v := math.Min(1, w*100/float64(p.EndWord-p.FirstWord)/10)
	if strings.ContainsAny(p.Text, "0123456789\"“”") {
		v /= 2
	}
	return math.Min(v, 0.9), firstEvidence(c.phraseEvidence(d, matches), 5)
}

// firstSentenceFrom returns the index of the first sentence that starts at
// or after word w.
func firstSentenceFrom(d *Document, w int) int {
	return sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].FirstWord >= w })
}

// closingTailPercent bounds the closing zone to the last part of the text,
// so that a single long paragraph is not all "closing".
const closingTailPercent = 40

// closingMaxWords bounds the closing zone to the last words of the text,
// about four paragraphs of news, however the text is laid out.
const closingMaxWords = 300

// closingParagraphWords is the most words weighed as the paragraph of a
// closing sentence.
const closingParagraphWords = 120

// closingProseWords is the length from which a paragraph counts as prose
// rather than a heading, caption or widget.
const closingProseWords = 20

// closingZone returns the first paragraph of the closing zone — the last
// four prose paragraphs and any heading just before them — and the last
// prose paragraph (-1 when there is none).
func closingZone(d *Document) (from, last int) {
	last = -1
	seen := 0
	from = len(d.Paragraphs)
	for pi := len(d.Paragraphs) - 1; pi >= 0 && seen < 4; pi-- {
		p := d.Paragraphs[pi]
		if p.EndWord-p.FirstWord < closingProseWords {
			continue
		}
		if last < 0 {
			last = pi
		}
		seen++
		from = pi
	}
	if from > 0 && from < len(d.Paragraphs) {
		from--
	}
	return from, last
}

// asStoryGoesOn matches a sentence that opens "As <a few words>
// continue(s)/unfold(s)/evolve(s)..." and then breaks off — at a comma,
// at the end of a heading line, or with "and" or "to": "As the discussions
// continued", "As negotiations continue and tensions remain high". A
// sentence that goes on with specifics ("As Blinken continued his
// efforts") does not match.
func asStoryGoesOn(d *Document, s Sentence) (string, bool) {
	first := s.FirstWord
	if s.EndWord-first < 3 || d.Words[first].Norm != "as" {
		return "", false
	}
	for k := first + 1; k < s.EndWord && k <= first+6; k++ {
		prev := d.Words[k-1]
		if strings.ContainsAny(d.Text[prev.Start+len(prev.Text):d.Words[k].Start], ",.;:!?") {
			return "", false
		}
		if k == first+1 || !hasAnyPrefix(d.Words[k].Norm, evolvingStems) {
			continue
		}
		if k+1 == len(d.Words) || k+1 == s.EndWord {
			return d.Span(first, k+1), true
		}
		w, next := d.Words[k], d.Words[k+1]
		gap := d.Text[w.Start+len(w.Text) : next.Start]
		if w.Line != next.Line || strings.ContainsAny(gap, ",;:") || next.Norm == "and" || next.Norm == "to" {
			return d.Span(first, k+1), true
		}
		return "", false
	}
	return "", false
}

// evolvingStems are verbs of a story still going on.
var evolvingStems = []string{"continu", "unfold", "evolv", "develop", "progress", "intensif", "linger", "persist", "drag"}

// hasAnyPrefix reports whether w starts with one of the prefixes.
func hasAnyPrefix(w string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
