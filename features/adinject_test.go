package features

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsqual/newsqual/internal/shareddata"
)

func TestAdInjectionFindsSeedAdLine(t *testing.T) {
	d := NewDocument("", shareddata.Seed(t, "003"))
	s := spamSignal(t, newAdInjection(), d, "ad_injection")
	if !s.Fired || len(s.Evidence) == 0 {
		t.Fatalf("ad_injection did not fire on seed 003: %+v", s)
	}
	if ev := s.Evidence[0]; ev.Text != "Indian fast earning.com" || ev.Count != 2 {
		t.Errorf("evidence = %v, want \"Indian fast earning.com\" ×2", ev)
	}
	if s.Value <= 0 {
		t.Errorf("value = %v", s.Value)
	}
}

func TestAdInjectionQuietOnOtherSeeds(t *testing.T) {
	c := newAdInjection()
	for _, seed := range []string{"000", "001", "002", "004"} {
		d := NewDocument("", shareddata.Seed(t, seed))
		for i, s := range c.Run(d) {
			if s.Value > 0 {
				t.Logf("seed %s: %s = %.3f fired=%v %s %v", seed, checkNames(c)[i], s.Value, s.Fired, s.Message, s.Evidence)
			}
		}
		if s := spamSignal(t, c, d, "ad_injection"); s.Fired {
			t.Errorf("seed %s: ad_injection fired: %s", seed, s.Message)
		}
	}
}

// plantLine puts line on a paragraph of its own after the second and the
// fourth paragraph of text.
func plantLine(text, line string) string {
	paras := strings.Split(text, "\n\n")
	var out []string
	for i, p := range paras {
		out = append(out, p)
		if i == 1 || i == 3 {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n\n")
}

func TestAdInjectionInventedAds(t *testing.T) {
	ads := []string{
		"Get rich quick at moneyflow.biz",
		"Call 0800 123 4567 for cheap loans",
		"Best online casino bonus, join now!",
		"WhatsApp +91 98765 43210 for daily earning tips",
		"Earn money fast from home",
		"Visit www.cheap-meds-online.net today",
		"crypto signals group: profit@signalhub.io",
		"Instant payday loans, apply now",
		"Best roofing repairs in your area – 0800 123 4567",
		"Join Kwikpay Plus for Rs 499 a month",
	}
	var articles []string
	articles = append(articles, inventedArticle)
	for _, r := range shareddata.Records(t, "bbc-news.jsonl", 3, nil) {
		articles = append(articles, r.Text)
	}
	c := newAdInjection()
	for _, ad := range ads {
		for k, article := range articles {
			d := NewDocument("", plantLine(article, ad))
			s := spamSignal(t, c, d, "ad_injection")
			if !s.Fired || len(s.Evidence) == 0 || s.Evidence[0].Text != ad || s.Evidence[0].Count != 2 {
				t.Errorf("article %d with %q: %+v", k, ad, s)
			}
		}
	}
}

// TestAdInjectionIgnoresNewsDebris plants the ordinary furniture of a news
// page where an ad would go: none of it is an ad.
func TestAdInjectionIgnoresNewsDebris(t *testing.T) {
	lines := []string{
		"Photo: Reuters/Jane Smith",
		"By Jane Smith, BBC News",
		"LONDON, March 3 (Reuters) -",
		"Related: Ferry operator cuts winter sailings",
		"Read more at bbc.co.uk/news",
		"1.2K shares",
		"Share this article",
		"Price: $499",
		"Shares rose 4% to $20.15",
		"Advertisement",
		"WhatsApp",
		"Follow us on Twitter @localnews",
		"Contact the newsroom: newsdesk@wexmoorherald.co.uk",
		"jane.doe@wexmoorherald.co.uk",
		"Weather at a glance: wexmoorweather.com",
		"Tel: 01632 960 123",
		"The company is earning about $1.8m an hour.",
		"Casino shares fell sharply",
		"WEXMOOR FERRY OPERATOR OFFERS DISCOUNT FARES",
		"Media contact: Jane Roe, 01632 960 456",
		"Jane Roe (UK) +44 1632 960 456",
		"Does the discount apply to season tickets?",
		"Fares rose by Rs 2,000 crore in a year",
		"Interested parties may join the briefing at: +1-877-555-0142 (US) or +44-20-7946-0321 (UK). Meeting ID: 5519034",
	}
	c := newAdInjection()
	for _, line := range lines {
		d := NewDocument("", plantLine(inventedArticle, line))
		if s := spamSignal(t, c, d, "ad_injection"); s.Fired {
			t.Errorf("%q: fired %s", line, s.Message)
		}
	}
	// A press release's media contacts are no promotional lines at all,
	// however many of them there are.
	contacts := "UK press office: Tom Okafor +44 20 7946 0321 (London)\n\nPriya Natarajan +1 215 555 0199 (Philadelphia)\n\nOwen Brady +1 919 555 0142 (North Carolina)"
	if s := spamSignal(t, c, NewDocument("", inventedArticle+"\n\n"+contacts), "ad_injection"); s.Value != 0 {
		t.Errorf("media contacts: ad_injection %.2f, %s %v", s.Value, s.Message, s.Evidence)
	}
	// A first line is a title, even when it mentions money.
	d := NewDocument("", "Councillors earn cash bonus in ferry deal, call it fair\n\n"+inventedArticle)
	if s := spamSignal(t, c, d, "ad_injection"); s.Fired {
		t.Errorf("title: fired %s", s.Message)
	}
}

// TestAdInjectionFrames checks ads whose cues share words with other ads
// or with news vocabulary: the article's own text decides the topic.
func TestAdInjectionFrames(t *testing.T) {
	c := newAdInjection()
	for _, tc := range []struct {
		name  string
		text  string
		fired bool
	}{
		// Two ads of one shape share their words with each other, not
		// with the article.
		{"ads of one shape", plantLine(plantLine(inventedArticle, "Earn up to $700 weekly, no experience needed"),
			"Earn up to £450 weekly, no experience needed"), true},
		// "Call", "now" and "services" are words news uses too; the
		// line's topic is what it sells.
		{"call words in the article", plantLine(inventedArticle+"\n\nResidents can call the council now about bus services.",
			"Call 0800 765 4321 now for roof repair services"), true},
		// An ad with spam vocabulary above the headline.
		{"above the headline", "Make money online with Zenearn – join free\n\n" + inventedArticle, true},
		// A line of the article about its own topic stays on topic.
		{"on topic", plantLine(inventedArticle, "Call 0800 765 4321 for ferry timetable updates"), false},
		// "Phone" makes a contact line only beside a number.
		{"a phone as a prize", plantLine(inventedArticle, "Win a free phone now, register at zorvex.win"), true},
		{"a phone line", plantLine(inventedArticle, "Phone: 0800 765 4321 (Wexmoor ferry office)"), false},
		// An ad put inside a sentence, where no line holds it alone.
		{"inside a sentence", strings.Replace(inventedArticle, "left the early sailing",
			"left the early Get cheap loans approved fast at loanquix.online sailing", 1), true},
		{"inside a sentence, spam words", strings.Replace(inventedArticle, "the past year.",
			"the past year, double your money with crypto signals at zentrade.com.", 1), true},
		// Sentences of the article that name an address without spam
		// vocabulary or a spam domain ending are references.
		{"address in a sentence", strings.Replace(inventedArticle, "a consultation would run",
			"a free consultation, open to all at wexmoorferries.co.uk, would run", 1), false},
		{"shop named in a sentence", strings.Replace(inventedArticle, "the results of the consultation.",
			"the results of the consultation. Tickets are on sale now at freeferries.com for a discount.", 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := spamSignal(t, c, NewDocument("", tc.text), "ad_injection")
			if s.Fired != tc.fired {
				t.Errorf("fired = %v, want %v: %s %v", s.Fired, tc.fired, s.Message, s.Evidence)
			}
		})
	}
}

func TestAdInjectionRarelyFiresOnCleanNews(t *testing.T) {
	assertRarelyFires(t, newAdInjection(), "ad_injection")
}

func TestStrongSignalsOnNewsPages(t *testing.T) {
	// Whole news pages with their menus and footers: not asserted (page
	// debris is the boilerplate check's business), logged to tune.
	pages := shareddata.Records(t, "pages-with-boilerplate.jsonl", 0, nil)
	for _, sig := range []struct {
		check Check
		name  string
	}{
		{newAdInjection(), "ad_injection"},
		{newShopTemplate(), "shop_template"},
		{newStuffing(), "keyword_stuffing"},
	} {
		fired := 0
		for _, r := range pages {
			s := spamSignal(t, sig.check, NewDocument(r.Title, r.Text), sig.name)
			if s.Fired {
				fired++
				if fired <= 3 {
					t.Logf("  %s: %s", r.ID, s.Message)
				}
			}
		}
		t.Logf("%s fires on %d of %d news pages with boilerplate", sig.name, fired, len(pages))
	}
}

func TestPromoTerms(t *testing.T) {
	c := newAdInjection()
	clean := spamSignal(t, c, NewDocument("", inventedArticle), "promo_terms")
	if clean.Value != 0 {
		t.Errorf("clean article: promo_terms = %+v", clean)
	}
	spam := inventedArticle + "\n\nClick here to earn money at the best online casino, call now on +44 7700 900123 or write to win@jackpotcity.biz."
	s := spamSignal(t, c, NewDocument("", spam), "promo_terms")
	if s.Value <= 1 || len(s.Evidence) < 3 {
		t.Errorf("spam paragraph: promo_terms = %+v", s)
	}
	if s.Value > promoCap {
		t.Errorf("promo_terms = %v exceeds its cap", s.Value)
	}
	got := evidenceTexts(s.Evidence)
	for _, want := range []string{"+44 7700 900123", "win@jackpotcity.biz", "casino"} {
		if got[want] == 0 {
			t.Errorf("promo_terms evidence lacks %q: %v", want, s.Evidence)
		}
	}
}

func TestAddressDetectors(t *testing.T) {
	phones := []struct {
		text string
		want bool
	}{
		{"Call 0800 123 4567 now", true},
		{"+44 20 7946 0958", true},
		{"(555) 123-4567", true},
		{"1-800-555-0199", true},
		{"ring 555.123.4567", true},
		{"Avg shrs 12,345,678 vs 11,234,567", false},
		{"1986/87 1985/86 1984/85", false},
		{"1986-87 1985-86", false},
		{"the 2004 2005 season", false},
		{"Shr 1.23 dlrs vs 1.10 dlrs", false},
	}
	for _, tc := range phones {
		if got := hasPhone(tc.text); got != tc.want {
			t.Errorf("hasPhone(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	domains := []struct {
		text string
		want bool
	}{
		{"earning.com", true},
		{"news.example.co.uk", true},
		{"moneyflow.biz", true},
		{"EARNING.COM", true},
		{"said.It", false},
		{"Qatar.The", false},
		{"U.S.", false},
		{"No.1", false},
		{"3.5", false},
		{"report.pdf", false},
	}
	for _, tc := range domains {
		d := NewDocument("", tc.text)
		got := false
		for _, w := range d.Words {
			if _, ok := domainTLD(w.Norm); ok && isDomainText(w.Text) {
				got = true
			}
		}
		if got != tc.want {
			t.Errorf("domain in %q = %v, want %v", tc.text, got, tc.want)
		}
	}
	prices := []struct {
		text string
		want bool
	}{
		{"Subscribe for Rs 499 a month", true},
		{"Rs. 1,250 only", true},
		{"from INR 2,000", true},
		{"a Rs 5,000 crore package", false},
		{"USD 3 billion in loans", false},
		{"Mrs 5 votes", false},
		{"£45.99", true},
	}
	for _, tc := range prices {
		if got := hasPrice(tc.text); got != tc.want {
			t.Errorf("hasPrice(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	emails := []struct {
		text string
		want bool
	}{
		{"write to win@jackpotcity.biz.", true},
		{"mail sales@shop.example.com", true},
		{"follow @localnews", false},
		{"meet @ 5pm", false},
	}
	for _, tc := range emails {
		if got := hasEmail(tc.text); got != tc.want {
			t.Errorf("hasEmail(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// plantInProse puts line on a paragraph of its own at two sentence ends of
// text, about a third and two thirds of the way through, so that
// single-paragraph texts get it too.
func plantInProse(text, line string) (string, bool) {
	var cuts []int
	for _, frac := range []float64{1.0 / 3, 2.0 / 3} {
		at := int(frac * float64(len(text)))
		i := strings.Index(text[at:], ". ")
		if i < 0 {
			return "", false
		}
		cuts = append(cuts, at+i+1)
	}
	if cuts[0] == cuts[1] {
		return "", false
	}
	ins := "\n\n" + line + "\n\n"
	return text[:cuts[0]] + ins + text[cuts[0]:cuts[1]] + ins + text[cuts[1]:], true
}

// TestAdInjectionGeneralises plants invented ads into clean corpus
// articles of every source and measures how many are found.
func TestAdInjectionGeneralises(t *testing.T) {
	ads := []string{
		"Top forex signals on t.me/fxkingdom",
		"Win free spins at luckyreels.xyz",
		"Cheap designer sunglasses 80% off, shop now",
		"Need a loan? Text 07700 900461",
		"Bitcoin doubler: double your BTC in 24 hours",
		"Make money online with our proven system, join today",
		"Hot singles in your area: datingnow.club",
		"Buy followers cheap, instant delivery, DM us",
		"Use code SAVE50 for discount vouchers",
		"Lottery winners club - claim your cash prize now",
		"Satta matka fast result 24x7",
		"For best casino deals call +1 (555) 010-7788",
	}
	recs := cleanNewsSample(t)
	c := newAdInjection()
	tried, found := 0, 0
	missed := map[string]int{}
	for i, r := range recs {
		if i%5 != 0 {
			continue
		}
		ad := ads[(i/5)%len(ads)]
		text, ok := plantInProse(r.Text, ad)
		if !ok {
			continue
		}
		tried++
		s := spamSignal(t, c, NewDocument(r.Title, text), "ad_injection")
		if s.Fired && s.Evidence[0].Text == ad && s.Evidence[0].Count == 2 {
			found++
		} else {
			missed[ad]++
		}
	}
	rate := float64(found) / float64(tried)
	t.Logf("planted ads found in %d of %d articles (%.1f%%); missed: %v", found, tried, 100*rate, missed)
	if rate < 0.95 {
		t.Errorf("ad recall %.3f, want at least 0.95", rate)
	}
}

func BenchmarkAdInjectionCorpus(b *testing.B) { benchmarkCheckCorpus(b, newAdInjection()) }

// TestTextScannersMatchPlainDefinitions checks the byte-level scanners
// against their plain definitions on texts built from fragments that
// matter to them.
func TestTextScannersMatchPlainDefinitions(t *testing.T) {
	webAddress := func(s string) bool {
		lo := strings.ToLower(s)
		return strings.Contains(lo, "http://") || strings.Contains(lo, "https://") || strings.Contains(lo, "www.")
	}
	price := func(s string) bool {
		for i, r := range s {
			if strings.ContainsRune("$£€¥₹₦₱", r) {
				if rest := s[i+utf8.RuneLen(r):]; rest != "" && rest[0] >= '0' && rest[0] <= '9' {
					return true
				}
			}
		}
		return false
	}
	digits := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				n++
			}
		}
		return n
	}
	fragments := strings.Fields(`http HTTPS hTtP :// :/ / www WWW wWw . .. $ £ € ¥ ₹ ₦ ₱ ¢ ₂ 0 1 5 9 00 a z é ü ß
		K İ ® 日本 ٣ ：`)
	fragments = append(fragments, " ", "\t")
	rng := rand.New(rand.NewSource(7))
	for range 50_000 {
		var b strings.Builder
		for k := rng.Intn(24); k > 0; k-- {
			b.WriteString(fragments[rng.Intn(len(fragments))])
		}
		s := b.String()
		if got := hasWebAddress(s); got != webAddress(s) {
			t.Fatalf("hasWebAddress(%q) = %v", s, got)
		}
		if got := hasPrice(s); got != price(s) {
			t.Fatalf("hasPrice(%q) = %v", s, got)
		}
		if got := countDigits(s); got != digits(s) {
			t.Fatalf("countDigits(%q) = %d, want %d", s, got, digits(s))
		}
	}
}

// TestDomainWordsMatchWordScan checks that looking only around the full
// stops finds the same domain names as testing every word.
func TestDomainWordsMatchWordScan(t *testing.T) {
	texts := []string{
		"Visit earning.com today. Or news.example.co.uk, U.S. No.1 3.5 report.pdf said.It",
		"EARNING.COM\nwww.moneyflow.biz.\n... . .com x. .y a.b.c.d.com",
		strings.Repeat("cheap loans at moneyflow.biz and x.y ", 5),
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		texts = append(texts, shareddata.Seed(t, seed))
	}
	for _, r := range cleanNewsSample(t)[:300] {
		texts = append(texts, r.Text)
	}
	found := 0
	for _, text := range texts {
		d := NewDocument("", text)
		var want []int
		for i, w := range d.Words {
			if _, ok := domainTLD(w.Norm); ok && isDomainText(w.Text) {
				want = append(want, i)
			}
		}
		got := domainWords(d)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("domainWords = %v, want %v in %.80q", got, want, text)
		}
		found += len(got)
	}
	t.Logf("%d domain names", found)
	if found < 10 {
		t.Errorf("only %d domain names found", found)
	}
}

// TestTopicFrequencies checks the counts of the stems that offTopic asks
// about against counting every topic word of the document outside the
// standalone promotional lines.
func TestTopicFrequencies(t *testing.T) {
	c := newAdInjection().(adInjection)
	asked := 0
	for _, r := range cleanNewsSample(t)[:300] {
		text, ok := plantInProse(r.Text, "Earn money fast with crypto signals today")
		if !ok {
			continue
		}
		d := NewDocument("", text)
		lines := c.standaloneLines(d, c.promo.Find(d), domainWords(d))
		freq := topicFrequencies(d, lines)
		cue := map[int]bool{}
		for _, l := range lines {
			for _, k := range l.paras {
				cue[k] = true
			}
		}
		want := map[string]int{}
		for k, p := range d.Paragraphs {
			for _, w := range d.Words[p.FirstWord:p.EndWord] {
				if isTopicWord(w) && !cue[k] {
					want[topicStem(w.Norm)]++
				}
			}
		}
		for _, l := range lines {
			if l.promoted() {
				continue
			}
			p := d.Paragraphs[l.para]
			for _, w := range d.Words[p.FirstWord:p.EndWord] {
				if !isTopicWord(w) {
					continue
				}
				stem := topicStem(w.Norm)
				asked++
				if got := freq.count(stem); got != want[stem] {
					t.Errorf("count of %q = %d, want %d", stem, got, want[stem])
				}
			}
		}
	}
	t.Logf("%d stems asked about", asked)
	if asked < 100 {
		t.Errorf("only %d stems asked about", asked)
	}
}
