package features

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// sourcing measures how an article backs its claims: direct quotes,
// people and bodies it attributes statements to, source lines, and whether
// it retells another outlet's report.
//
// Signals:
//   - direct_quotes: log1p of the number of quoted spans of three or more
//     words (straight, curly and angle quotes).
//   - attribution: attributions per 100 words, capped at 5. "said",
//     "told", "according to", "in a statement", "spokeswoman" weigh 1;
//     verbs that attribute less surely ("stated", "confirmed", "reported")
//     weigh half.
//   - no_sourcing: 0..1, how strongly the article lacks sourcing: 1 for a
//     long article with no quote and no attribution, falling with each
//     quote and attribution and for short texts. Fired for an article of at
//     least 150 words with no direct quote, almost no attribution and few
//     figures (a results brief full of numbers is sourced by its data).
//   - unlinked_source: 1 for a line that credits a source without naming
//     one ("Source:Read More", "Source: Read More"), Fired; 0.5 for a bare
//     "Source:" line with nothing after it.
//   - outlet_summary: log1p of the number of phrases that retell a named
//     outlet's report ("The New York Times reports that", "as reported by
//     CNN"). Fired when the article leads with a present-tense retelling
//     ("<Outlet> reports that") or retells three or more times.
type sourcing struct {
	// words holds the lexicons matched against every word: attribution
	// phrases, verbs that follow an outlet's name ("<Outlet> reports
	// that") and phrases that precede it ("as reported by <Outlet>")
	// (srcAttribution, srcReportVerbs, srcReportLeads).
	words *lexiconSet
	weak  map[string]bool // attribution entries that weigh half
}

// The lexicons of sourcing.words.
const (
	srcAttribution = iota
	srcReportVerbs
	srcReportLeads
)

func newSourcing() Check {
	weak := make(map[string]bool, len(weakAttributionPhrases))
	for _, p := range weakAttributionPhrases {
		weak[p] = true
	}
	return &sourcing{
		words: newLexiconSet(
			append(append([]string(nil), attributionPhrases...), weakAttributionPhrases...),
			outletReportVerbs,
			outletReportLeads,
		),
		weak: weak,
	}
}

// Signals declares the sourcing signals.
func (*sourcing) Signals() []Spec {
	return []Spec{
		{"direct_quotes", "direct quotes"},
		{"attribution", "attribution to sources"},
		{"no_sourcing", "missing sourcing"},
		{"unlinked_source", "unlinked \"Source: Read More\" line"},
		{"outlet_summary", "retelling of another outlet's report"},
	}
}

// attributionPhrases credit a statement to a person or body the way news
// copy does. weakAttributionPhrases credit it too, but are as often plain
// verbs ("confirmed by leaked details", "added to the list"); they weigh
// half. "say" alone is left out because it is as often a plain verb.
var attributionPhrases = []string{
	"said", "says", "told", "tells", "according to", "according to a", "quoted", "quoting",
	"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople",
	"in a statement", "in a written statement", "said in a statement", "press release",
	"news release", "press conference", "news conference", "press briefing", "news briefing",
	"told reporters", "told journalists", "in an interview", "court documents", "court papers",
	"court heard", "the court heard", "officials say", "experts say", "analysts say",
	"police say", "sources say", "sources close to", "a source close to", "testified",
}

var weakAttributionPhrases = []string{
	"stated", "announced", "confirmed", "added", "explained", "insisted", "warned",
	"claimed", "argued", "wrote", "reported", "reports", "interviewed", "a filing",
	"estimated", "estimates", "forecast", "predicted", "data showed", "figures showed",
	"figures show", "data show", "survey", "study", "research by",
}

// outletReportVerbs, after an outlet's name, make "<Outlet> reports
// that". presentTenseReports marks the ones that retell rather than cite.
var outletReportVerbs = []string{
	"reports that", "reported that", "reports", "reported", "has reported", "had reported",
	"reveals that", "revealed that", "is reporting", "was reporting", "first reported",
	"broke the news", "wrote that", "writes that", "says in a report", "said in a report",
	"notes that", "explains that",
}

var presentTenseReports = map[string]bool{
	"reports that": true, "reports": true, "reveals that": true, "is reporting": true,
	"writes that": true, "says in a report": true, "notes that": true, "explains that": true,
}

// outletReportLeads, before an outlet's name, make "as reported by
// <Outlet>" or "according to a report by <Outlet>".
var outletReportLeads = []string{
	"as reported by", "as first reported by", "reported by", "first reported by",
	"according to a report by", "according to a report in", "according to a report from",
	"according to reports by", "according to reports in", "according to reporting by",
	"according to the report by", "a report by", "a report from", "a report in",
	"citing a report by", "citing a report in", "citing reports in",
}

// outletWords end the name of a news outlet ("the Daily Mail", "Fox
// News", "the Wall Street Journal").
var outletWords = map[string]bool{
	"times": true, "post": true, "news": true, "journal": true, "herald": true,
	"guardian": true, "telegraph": true, "mail": true, "mirror": true, "express": true,
	"tribune": true, "chronicle": true, "gazette": true, "observer": true, "independent": true,
	"press": true, "agency": true, "magazine": true,
	"standard": true, "sun": true, "star": true, "today": true, "axios": true, "politico": true,
	"network": true, "radio": true, "tv": true, "television": true, "channel": true,
	"newspaper": true, "daily": true, "weekly": true, "insider": true, "monitor": true,
	"economist": true, "atlantic": true, "wire": true, "bulletin": true, "examiner": true,
	"inquirer": true, "dispatch": true, "courier": true, "globe": true, "online": true,
}

// outletBrands are outlets known by one word: broadcasters and agencies
// by their initials, wire services by their names. A name that starts or
// ends with one reads as an outlet ("CBS DFW", "the BBC", "Reuters").
var outletBrands = map[string]bool{
	"reuters": true, "bloomberg": true, "axios": true, "politico": true, "haaretz": true,
	"spiegel": true, "ynet": true, "xinhua": true, "tass": true, "kyodo": true, "yonhap": true,
	"ansa": true, "efe": true, "interfax": true, "semafor": true,
	"afp": true, "ap": true, "cnn": true, "bbc": true, "nbc": true, "cbs": true, "abc": true,
	"npr": true, "msnbc": true, "cnbc": true, "pbs": true, "itv": true, "rte": true, "dpa": true,
	"pti": true, "ani": true, "wsj": true, "nyt": true, "ft": true, "irna": true, "wam": true,
	"kcna": true, "mena": true, "sana": true, "upi": true, "skynews": true, "fox": true,
}

// maxQuoteEvidence is the longest quote kept as evidence, in bytes.
const maxQuoteEvidence = 200

// quotePrefix returns a quote, or its beginning up to a word boundary when
// it is longer than maxQuoteEvidence.
func quotePrefix(q string) string {
	if len(q) <= maxQuoteEvidence {
		return q
	}
	cut := strings.LastIndexByte(q[:maxQuoteEvidence], ' ')
	if cut <= 0 {
		cut = maxQuoteEvidence
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
	}
	return q[:cut]
}

// sourceMarkers start a line that credits a source; readMoreMarkers are
// the link text that should follow them. Longer markers come first so that
// "sources" is not read as "source".
var (
	sourceMarkers   = []string{"source link", "sources", "source", "via"}
	readMoreMarkers = []string{"read the full story", "read the original", "original article", "read full story", "full story", "read more", "click here", "here"}
)

// sourceLineKind classifies a line that credits a source without naming
// one: 2 for a source marker followed only by link text ("Source:Read
// More", "Source: Read More"), 1 for a bare marker ("Source:"), 0 for any
// other line. A line with a URL or a name after the marker ("Source:
// Reuters") is a real credit and counts 0.
func sourceLineKind(line string) int {
	if line == "" || len(line) > 60 {
		return 0
	}
	// Every marker starts with "s" or "v" once leading punctuation is cut,
	// which no other letter becomes in lower case: most lines need no
	// lower-casing.
	if t := strings.TrimLeft(line, markerPunct); t == "" || t[0]|0x20 != 's' && t[0]|0x20 != 'v' {
		return 0
	}
	low := strings.ToLower(line)
	if strings.Contains(low, "http") || strings.Contains(low, "www.") || strings.Contains(low, ".com") {
		return 0
	}
	rest, ok := cutMarker(low, sourceMarkers)
	if !ok {
		return 0
	}
	if rest == "" {
		return 1
	}
	if rest, ok = cutMarker(rest, readMoreMarkers); ok && rest == "" {
		return 2
	}
	return 0
}

// cutMarker removes a leading marker from s, with the punctuation around
// it, and reports whether there was one.
func cutMarker(s string, markers []string) (string, bool) {
	s = strings.Trim(s, markerPunct)
	for _, m := range markers {
		if strings.HasPrefix(s, m) && (len(s) == len(m) || !isWordByte(s[len(m)])) {
			return strings.Trim(s[len(m):], markerPunct), true
		}
	}
	return s, false
}

// markerPunct is the punctuation around a source or link marker.
const markerPunct = " :-–—|»>›→.…[]()"

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// outletMention is one phrase that retells another outlet's report.
type outletMention struct {
	from, to int  // word range of the phrase in Document.Words
	present  bool // "reports that" rather than "reported"
}

// maxOutletNameWords is the longest outlet name looked for ("The South
// China Morning Post").
const maxOutletNameWords = 5

// findOutletReports finds "<Outlet> reports (that)" and "as reported by
// <Outlet>", skipping headlines in capitals, given the matches of the
// report verbs and of the report leads.
func findOutletReports(d *Document, verbs, leads []Match) []outletMention {
	var out []outletMention
	words := d.Words
	for _, m := range verbs {
		line := words[m.Word].Line
		if isShouting(d.Lines[line].Text) {
			continue
		}
		// Walk back over the capitalised name before the verb.
		from := m.Word
		for from > 0 && m.Word-from < maxOutletNameWords && words[from-1].Line == line && isCapitalised(words[from-1].Text) {
			from--
		}
		if from == m.Word || !isOutletName(words[from:m.Word]) {
			continue
		}
		// "The New York Times reports": include a leading "The".
		if from > 0 && words[from-1].Norm == "the" {
			from--
		}
		out = append(out, outletMention{from: from, to: m.Word + m.Len, present: presentTenseReports[m.Phrase]})
	}
	for _, m := range leads {
		if isShouting(d.Lines[words[m.Word].Line].Text) {
			continue
		}
		to := m.Word + m.Len
		if to < len(words) && words[to].Norm == "the" {
			to++
		}
		end := to
		for end < len(words) && end-to < maxOutletNameWords && isCapitalised(words[end].Text) {
			end++
		}
		if end == to || !isOutletName(words[to:end]) {
			continue
		}
		out = append(out, outletMention{from: m.Word, to: end})
	}
	return out
}

// isOutletName reports whether a capitalised name reads as a news outlet:
// one that starts or ends with an outlet's brand ("CNN", "CBS DFW",
// "Reuters"), or two or more words ending in "Times", "Post", "News" and
// the like. A lone word such as "Press" opening a sentence is not one.
func isOutletName(name []Word) bool {
	first, last := name[0], name[len(name)-1]
	if outletBrands[first.Norm] || outletBrands[last.Norm] {
		return true
	}
	return len(name) >= 2 && outletWords[last.Norm]
}

// outletEvidence returns the text of a mention, starting after a full stop
// that the tokenizer glued to the outlet's first word ("Qatar.The New York
// Times reports").
func outletEvidence(d *Document, m outletMention) string {
	text := d.Span(m.from, m.to)
	first := d.Words[m.from].Text
	if k := strings.LastIndexByte(first, '.'); k >= 0 && k+1 < len(first) && isCapitalised(first[k+1:]) {
		text = text[k+1:]
	}
	return text
}

// sourcingStats are the counts behind the sourcing signals.
type sourcingStats struct {
	words       int
	quotes      []quoteSpan
	attribution []Match
	verbs       []Match // report verbs after an outlet's name
	leads       []Match // report leads before an outlet's name
	weighted    float64 // attributions, the weak ones counted half
	numbers     int
}

// attributionRate is the weighted attributions per 100 words.
func (st sourcingStats) attributionRate() float64 {
	if st.words == 0 {
		return 0
	}
	return st.weighted * 100 / float64(st.words)
}

// Thresholds of the no_sourcing rule: the length from which an article is
// expected to quote or attribute (shorter texts are briefs), the
// attribution rate below which it counts as unsourced, and the rate of
// figures above which its data source it.
const (
	noSourcingMinWords   = 150
	noSourcingMaxAttrib  = 0.35
	noSourcingMaxNumbers = 2.0
)

func (c *sourcing) measure(d *Document) sourcingStats {
	found := c.words.findIn(d.Words, 0, len(d.Words), 1<<srcAttribution|1<<srcReportVerbs|1<<srcReportLeads)
	st := sourcingStats{
		words:       d.WordCount(),
		quotes:      d.quoteSpans(),
		attribution: found[srcAttribution],
		verbs:       found[srcReportVerbs],
		leads:       found[srcReportLeads],
	}
	for _, m := range st.attribution {
		if c.weak[m.Phrase] {
			st.weighted += 0.5
		} else {
			st.weighted++
		}
	}
	st.numbers, _ = d.specifics()
	return st
}

func (c *sourcing) Run(d *Document) []Signal {
	st := c.measure(d)
	rate := st.attributionRate()

	q := Signal{Name: "direct_quotes"}
	q.Value = math.Log1p(float64(len(st.quotes)))
	if len(st.quotes) > 0 {
		q.Message = fmt.Sprintf("%d direct quotes", len(st.quotes))
		for _, s := range st.quotes[:min(len(st.quotes), 5)] {
			q.Evidence = append(q.Evidence, Evidence{Text: quotePrefix(s.text), Count: 1, Line: d.Lines[d.Paragraphs[s.paragraph].FirstLine].Number})
		}
	}

	a := Signal{Name: "attribution"}
	a.Value = math.Min(rate, 5)
	if len(st.attribution) > 0 {
		a.Evidence = firstEvidence(CountPhrases(d, st.attribution), 10)
		a.Message = fmt.Sprintf("%d attributions (%.1f per 100 words)", len(st.attribution), rate)
	}

	ns := Signal{Name: "no_sourcing"}
	ns.Value = noSourcingStrength(st)
	if st.words >= noSourcingMinWords && len(st.quotes) == 0 && rate < noSourcingMaxAttrib &&
		ratePer100Words(st.numbers, st.words) < noSourcingMaxNumbers {
		ns.Fired = true
		ns.Message = fmt.Sprintf("%d words with no direct quote and %d attributions", st.words, len(st.attribution))
		ns.Evidence = firstEvidence(CountPhrases(d, st.attribution), 10)
	}

	us := Signal{Name: "unlinked_source"}
	var lines evidenceTally
	kind := 0
	lastProse := lastProseLine(d)
	for i, ln := range d.Lines {
		k := sourceLineKind(ln.Text)
		if k == 1 && followedByReadMore(d, i) {
			k = 2
		}
		// A bare "Source:" heading followed by more article text is a
		// heading over the sources, not an empty credit.
		if k == 0 || k == 1 && i < lastProse {
			continue
		}
		kind = max(kind, k)
		lines.add(ln.Text, ln.Number)
	}
	if us.Evidence = firstEvidence(lines.items, 10); kind > 0 {
		us.Value = float64(kind) / 2
		us.Fired = kind == 2
		us.Message = fmt.Sprintf("source line names no source: %q", us.Evidence[0].Text)
	}

	outlet := Signal{Name: "outlet_summary"}
	mentions := findOutletReports(d, st.verbs, st.leads)
	outlet.Value = math.Log1p(float64(len(mentions)))
	if len(mentions) > 0 {
		lead := false
		var phrases evidenceTally
		end := leadEnd(d)
		for _, m := range mentions {
			phrases.add(outletEvidence(d, m), d.Lines[d.Words[m.from].Line].Number)
			if m.present && m.from < end {
				lead = true
			}
		}
		outlet.Evidence = firstEvidence(phrases.items, 10)
		outlet.Fired = lead || len(mentions) >= 3
		outlet.Message = fmt.Sprintf("retells another outlet's report: %s", outlet.Evidence[0])
	}
	return []Signal{q, a, ns, us, outlet}
}

// followedByReadMore reports whether the next line that holds text is
// link text such as "Read More".
func followedByReadMore(d *Document, i int) bool {
	for j := i + 1; j < len(d.Lines); j++ {
		if t := d.Lines[j].Text; t != "" {
			rest, ok := cutMarker(strings.ToLower(t), readMoreMarkers)
			return ok && rest == ""
		}
	}
	return false
}

// lastProseLine returns the index of the last line of ten or more words,
// -1 when there is none: what follows it is widgets and comment forms.
func lastProseLine(d *Document) int {
	for i := len(d.Lines) - 1; i >= 0; i-- {
		if d.Lines[i].WordCount() >= 10 {
			return i
		}
	}
	return -1
}

// leadEnd returns the word index where the story's lead ends: 60 words
// into the first paragraph of prose.
func leadEnd(d *Document) int {
	for _, p := range d.Paragraphs {
		if p.EndWord-p.FirstWord >= 20 {
			return p.FirstWord + 60
		}
	}
	return 60
}

// noSourcingStrength is 1 for a long article with neither quotes nor
// attribution, falling with each quote and attribution and for short texts.
func noSourcingStrength(st sourcingStats) float64 {
	if st.words == 0 {
		return 0
	}
	length := math.Min(1, float64(st.words)/noSourcingMinWords)
	quotes := 1 / (1 + float64(len(st.quotes)))
	attr := math.Max(0, 1-st.attributionRate()/(4*noSourcingMaxAttrib))
	return length * quotes * attr
}
