package features

import (
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// adInjection finds advertising pasted into an article: a short line of its
// own, off the article's topic, that carries a web address, phone number or
// e-mail, or money, gambling, offer and call-to-action words. A line with
// both an address and money or offer words counts on any topic. The topic
// is the article's own text: the standalone promotional lines themselves
// do not count (two ads of one shape share their words with each other),
// nor do a line's promotional words ("call", "join", "money"), which news
// uses too. What news pages and press releases carry themselves is no ad:
// a credit, share or contact line (a person's e-mail, "Contact Jane Roe at
// …", a name or a label with a phone number, a quoted social-media post),
// a pointer to the site of something the article names ("visit
// vandapharma.com" in a story about Vanda), a sentence or a question of
// the article that gives an address without selling, an item of a
// numbered list, a headline without spam vocabulary or prices, and
// figures in millions (or crores). Words of a web address's path do not
// count as the line's words.
//
// Signals:
//   - ad_injection: log1p of the weighted count of ad lines: 1 for every
//     occurrence of a clear ad line (a repeated stray line counts every
//     time), 0.25 for an off-topic standalone line with a weaker promotional
//     cue. Fires when there is at least one clear ad line.
//   - promo_terms: promotional terms per 100 words of the whole text
//     (addresses, phone numbers, e-mails, calls to action, gambling, crypto,
//     easy-money and pharmacy vocabulary), capped at 5. Never fires on its
//     own; a model weighs it.
type adInjection struct {
	promo   *Lexicon
	credits *Lexicon
}

// newAdInjection builds the ad check and its lexicons.
func newAdInjection() Check {
	return adInjection{promo: NewLexicon(promoPhrases()...), credits: NewLexicon(creditPhrases...)}
}

// creditPhrases mark the lines that name a source, a credit, a share button,
// a related story or the publication's own contact details rather than
// advertise.
var creditPhrases = []string{
	"powered by", "via", "copyright", "all rights reserved", "reprinted", "courtesy", "credit", "credits",
	"photo", "photos", "image", "images", "picture", "source", "sources", "reporting by", "editing by", "written by",
	"share", "shares", "shared", "follow", "tweet", "like us", "pin", "email this", "print",
	"phone", "tel", "telephone", "fax", "e-mail", "email", "mail", "switchboard", "toll free", "newsroom", "desk",
	"reporter", "editor", "correspondent", "press office", "media contact", "comments", "reply", "write to",
	"facebook", "twitter", "instagram", "youtube", "linkedin", "pinterest", "tiktok", "google plus", "reddit",
	"newsletter", "newsletters", "subscribe", "e-edition", "app", "apps", "podcast", "rss", "contact us", "trending",
	"related", "read more", "more at", "more on", "more from", "see also", "full story", "continue reading",
}

// isCredit reports whether a paragraph is a credit, share or contact line.
func (c adInjection) isCredit(d *Document, p Paragraph) bool {
	if strings.ContainsRune(p.Text, '©') || embeddedPost(p.Text) || personalContact(d, p) || dialIn(p.Text) {
		return true
	}
	for _, m := range c.credits.FindIn(d.Words, p.FirstWord, p.EndWord) {
		// "Phone" names a contact line only with a number to call:
		// "Win a free phone" is an offer.
		if !contactWords[m.Phrase] || hasPhone(p.Text) {
			return true
		}
	}
	return false
}

// contactWords are the credit phrases that name a means of contact, a
// credit only beside a number.
var contactWords = map[string]bool{"phone": true, "tel": true, "telephone": true, "fax": true}

// embeddedPost reports whether a paragraph is a social-media post quoted
// in the article, with its picture link or its author's handle ("… pic.
// twitter.com/x1 — Name (@name) May 5, 2019").
func embeddedPost(text string) bool {
	return strings.Contains(text, "pic.twitter.com/") || strings.Contains(text, "(@")
}

// namedPhone reports whether a line gives a person's phone number: the
// number follows a first and last name, and either a label ends with a
// colon before them ("Media enquiries: Jane Roe +1 202 …") or a place in
// brackets follows the number ("Jane Roe +1 215 … (Philadelphia)"), as in
// the media contacts at the foot of a press release.
func namedPhone(text string) bool {
	phone, ok := findPhone(text)
	if !ok {
		return false
	}
	at := strings.Index(text, phone)
	before := strings.Fields(text[:at])
	if len(before) < 2 {
		return false
	}
	for _, w := range before[len(before)-2:] {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 3 || allCapitals(w) || !isLetters(w) {
			return false
		}
	}
	labelled := strings.IndexByte(strings.Join(before[:len(before)-2], " "), ':') >= 0
	after := strings.TrimSpace(text[at+len(phone):])
	place := strings.Fields(strings.Trim(after, "()"))
	placed := strings.HasPrefix(after, "(") && strings.HasSuffix(after, ")") && len(place) > 0 && isLetters(place[0])
	return labelled || placed
}

// isLetters reports whether s is made of letters, with hyphens and
// apostrophes between them, and a trailing comma.
func isLetters(s string) bool {
	s = strings.TrimSuffix(s, ",")
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// dialIn reports whether a line gives two phone numbers or more, as the
// dial-in of a company's conference call or a newsroom's national
// numbers do ("… access the call at: +1-866-… (US) or +44-… (UK)"); an
// ad gives one number to call.
func dialIn(text string) bool {
	phone, ok := findPhone(text)
	if !ok {
		return false
	}
	rest := text[strings.Index(text, phone)+len(phone):]
	return hasPhone(rest)
}

// personalContact reports whether a paragraph gives a person's contact: an
// e-mail address whose name part holds a name written on the same line
// ("Contact Jane Roe: jroe@example.com"), or "contact" followed by a
// capitalised first and last name ("please contact Jane Roe at …").
func personalContact(d *Document, p Paragraph) bool {
	words := d.Words[p.FirstWord:p.EndWord]
	capital := func(w Word) bool {
		r, _ := utf8.DecodeRuneInString(w.Text)
		return unicode.IsUpper(r) && utf8.RuneCountInString(w.Norm) >= 3 && !d.inAddress(w)
	}
	for k, w := range words {
		if w.Norm == "contact" && k+2 < len(words) && capital(words[k+1]) && capital(words[k+2]) {
			return true
		}
	}
	if namedPhone(p.Text) {
		return true
	}
	at, ok := findEmail(p.Text)
	if !ok {
		return false
	}
	local := strings.ToLower(at[:strings.IndexByte(at, '@')])
	for _, w := range words {
		if capital(w) && strings.Contains(local, w.Norm) {
			return true
		}
	}
	return false
}

// listItem reports whether a paragraph opens with the number of an item
// of a list ("5. Enact …", "2) …").
func listItem(text string) bool {
	i := 0
	for i < len(text) && i < 3 && isDigitByte(text[i]) {
		i++
	}
	return i > 0 && i+1 < len(text) && (text[i] == '.' || text[i] == ')') && text[i+1] == ' '
}

// ownNamesMaxWords caps the words whose names ownNames collects: the names
// an article is about come early.
const ownNamesMaxWords = 20_000

// ownNames holds the capitalised names of a document, to tell the site of
// something the article writes about from an advertiser's: every run of one
// to three capitalised words within a paragraph, folded and run together
// ("Free Press" gives "freepress"), and every prefix of three or more
// letters of such runs, each with the paragraph it was found in (-1 when
// found in more than one).
type ownNames struct {
	runs, prefixes map[string]int32
}

// ownNamesMaxRun caps the letters kept of a run of names.
const ownNamesMaxRun = 24

// newOwnNames collects the names of the first ownNamesMaxWords words of d.
func newOwnNames(d *Document) *ownNames {
	o := &ownNames{runs: make(map[string]int32), prefixes: make(map[string]int32)}
	note := func(m map[string]int32, key []byte, para int32) {
		if k, ok := m[string(key)]; !ok {
			m[string(key)] = para
		} else if k != para {
			m[string(key)] = -1
		}
	}
	capital := func(w Word) bool {
		r, _ := utf8.DecodeRuneInString(w.Text)
		return unicode.IsUpper(r) && !d.inAddress(w)
	}
	var run []byte
	for k, p := range d.Paragraphs {
		if p.FirstWord >= ownNamesMaxWords {
			break
		}
		end := min(p.EndWord, ownNamesMaxWords)
		for i := p.FirstWord; i < end; i++ {
			if !capital(d.Words[i]) {
				continue
			}
			run = run[:0]
			for j := i; j < min(i+3, end) && capital(d.Words[j]); j++ {
				for _, c := range []byte(d.Words[j].Norm) {
					if c != '-' && c != '.' && c != '\'' && len(run) < ownNamesMaxRun {
						run = append(run, c)
					}
				}
				note(o.runs, run, int32(k))
				for n := 3; n <= len(run); n++ {
					note(o.prefixes, run[:n], int32(k))
				}
			}
		}
	}
	return o
}

// elsewhere reports whether key was found in m outside paragraph para.
func elsewhere(m map[string]int32, key string, para int) bool {
	k, ok := m[key]
	return ok && int(k) != para
}

// ownSite reports whether domain word w, on paragraph para, names the site
// of something the article writes about elsewhere: the name part of the
// domain starts with a run of capitalised words of another paragraph
// (four letters or more, nearly half the name: "vandapharma.com" and
// "Vanda"), or is the start of one ("freep.com" and "Free Press"). A
// company's, a study's or a publication's own address is a reference, not
// an ad.
func (o *ownNames) ownSite(w Word, para int) bool {
	tld, _ := domainTLD(w.Norm)
	name := strings.TrimSuffix(w.Norm, "."+tld)
	name = name[strings.LastIndexByte(name, '.')+1:]
	if len(name) < 3 {
		return false
	}
	if elsewhere(o.prefixes, name, para) {
		return true
	}
	for n := max(4, (len(name)-1)/2); n <= len(name); n++ {
		if elsewhere(o.runs, name[:n], para) {
			return true
		}
	}
	return false
}

// Signals declares the ad signals.
func (adInjection) Signals() []Spec {
	return []Spec{
		{"ad_injection", "injected ad lines"},
		{"promo_terms", "promotional vocabulary"},
	}
}

// Limits of an ad line.
const (
	// adMaxWords is the longest standalone line taken as an ad when its only
	// cues are words.
	adMaxWords = 12
	// adMaxWordsAddress is the longest when it carries an address or phone
	// number.
	adMaxWordsAddress = 16
	// adMaxBareAddress is the longest line that is taken as an ad for its
	// address alone ("loanbet.pk", "Call 0800 123 4567").
	adMaxBareAddress = 3
	// adMaxOnTopic is the largest share of a line's topic words that may
	// occur elsewhere in the article for the line to count as off-topic.
	adMaxOnTopic = 0.25
	// adMaxOnTopicSpam is the same for a line with spam vocabulary.
	adMaxOnTopicSpam = 0.5
	// adPartialWeight is the weight of an off-topic line with a weak cue.
	adPartialWeight = 0.25
	// promoCap caps promo_terms.
	promoCap = 5.0
)

// promoCues returns the promotional cues among words[from:to], given the
// matches from the first one that starts there on: their classes, how
// many there are, and the words they cover (bit k for words[from+k]).
// Words of a web address's path are not the text's own and give no cue.
func promoCues(d *Document, matches []Match, from, to int) (classes promoClass, terms int, promo uint32) {
	for _, m := range matches {
		if m.Word+m.Len > to {
			break // the matches are in order and do not overlap
		}
		if d.inAddress(d.Words[m.Word]) {
			continue
		}
		classes |= promoClassOf[m.Phrase]
		terms++
		for w := m.Word; w < m.Word+m.Len; w++ {
			promo |= 1 << (w - from)
		}
	}
	return classes, terms, promo
}

// promoEntry is one phrase of the promotional lexicon and its classes.
type promoEntry struct {
	phrase string
	class  promoClass
}

// promoTable is the promotional vocabulary. Words ending in "*" match any
// word with that prefix. Entries marked promoSpam also count towards
// promo_terms everywhere in the text; the others only matter on a short
// off-topic line.
var promoTable = []promoEntry{
	// Easy money, gambling, crypto, pharmacy: spam vocabulary.
	{"earn money", promoMoney | promoSpam}, {"make money", promoMoney | promoSpam}, {"earn cash", promoMoney | promoSpam},
	{"fast cash", promoMoney | promoSpam}, {"easy money", promoMoney | promoSpam}, {"quick cash", promoMoney | promoSpam},
	{"get rich", promoMoney | promoSpam}, {"passive income", promoMoney | promoSpam}, {"work from home", promoMoney | promoSpam},
	{"online earning", promoMoney | promoSpam}, {"earn from home", promoMoney | promoSpam}, {"per day", promoMoney},
	{"daily income", promoMoney | promoSpam}, {"money making", promoMoney | promoSpam}, {"side hustle", promoMoney | promoSpam},
	{"casino*", promoMoney | promoSpam}, {"jackpot*", promoMoney | promoSpam}, {"poker", promoMoney | promoSpam},
	{"slots", promoMoney | promoSpam}, {"betting", promoMoney | promoSpam}, {"sportsbook", promoMoney | promoSpam},
	{"roulette", promoMoney | promoSpam}, {"blackjack", promoMoney | promoSpam}, {"baccarat", promoMoney | promoSpam},
	{"satta", promoMoney | promoSpam}, {"matka", promoMoney | promoSpam}, {"lottery", promoMoney}, {"free spins", promoMoney | promoSpam},
	{"crypto*", promoMoney | promoSpam}, {"bitcoin*", promoMoney | promoSpam}, {"btc", promoMoney | promoSpam},
	{"forex", promoMoney | promoSpam}, {"binary options", promoMoney | promoSpam}, {"trading signals", promoMoney | promoSpam},
	{"airdrop", promoMoney | promoSpam}, {"nft*", promoMoney | promoSpam},
	{"viagra", promoMoney | promoSpam}, {"cialis", promoMoney | promoSpam}, {"pills", promoMoney}, {"weight loss", promoMoney | promoSpam},
	{"keto", promoMoney | promoSpam}, {"diet pills", promoMoney | promoSpam}, {"escort*", promoMoney | promoSpam},
	{"hookup*", promoMoney | promoSpam}, {"dating site*", promoMoney | promoSpam}, {"payday", promoMoney | promoSpam},
	{"bad credit", promoMoney | promoSpam}, {"debt relief", promoMoney | promoSpam},
	{"double your", promoMoney | promoSpam}, {"guaranteed returns", promoMoney | promoSpam},
	{"no deposit", promoMoney | promoSpam}, {"referral code", promoOffer | promoSpam}, {"promo code", promoOffer | promoSpam},
	{"use code", promoOffer | promoSpam}, {"risk free", promoEase}, {"risk-free", promoEase}, {"doubler", promoMoney | promoSpam},
	// Money words that news also uses.
	{"earn", promoMoney}, {"earning", promoMoney}, {"earns", promoMoney}, {"money", promoMoney}, {"cash", promoMoney},
	{"income", promoMoney}, {"rich", promoMoney}, {"loan", promoMoney}, {"loans", promoMoney}, {"lender*", promoMoney},
	{"mortgage*", promoMoney}, {"insurance", promoMoney}, {"investment*", promoMoney}, {"invest", promoMoney},
	{"profit*", promoMoney}, {"payout*", promoMoney}, {"bet", promoMoney}, {"bets", promoMoney}, {"prize*", promoOffer},
	// Offers.
	{"discount*", promoOffer}, {"offer", promoOffer}, {"offers", promoOffer}, {"deal", promoOffer}, {"deals", promoOffer},
	{"coupon*", promoOffer}, {"promo*", promoOffer}, {"voucher*", promoOffer}, {"sale", promoOffer}, {"cheap*", promoOffer},
	{"free", promoOffer}, {"bonus*", promoOffer}, {"win", promoOffer}, {"winner*", promoOffer}, {"giveaway*", promoOffer},
	{"best price*", promoOffer}, {"lowest price*", promoOffer}, {"save", promoOffer},
	{"limited time", promoOffer | promoSpam}, {"limited offer", promoOffer | promoSpam}, {"exclusive offer", promoOffer | promoSpam},
	{"special offer", promoOffer}, {"best deal*", promoOffer}, {"free shipping", promoOffer}, {"free trial", promoOffer},
	// Calls to action and contact.
	{"click here", promoAction | promoSpam}, {"click now", promoAction | promoSpam}, {"click the link", promoAction | promoSpam},
	{"call now", promoAction | promoSpam}, {"call us", promoAction | promoSpam}, {"order now", promoAction | promoSpam},
	{"buy now", promoAction | promoSpam}, {"shop now", promoAction | promoSpam}, {"book now", promoAction | promoSpam},
	{"apply now", promoAction | promoSpam}, {"join now", promoAction | promoSpam}, {"sign up now", promoAction | promoSpam},
	{"register now", promoAction | promoSpam}, {"download now", promoAction | promoSpam}, {"act now", promoAction | promoSpam},
	{"visit our", promoAction | promoSpam}, {"dm us", promoAction | promoSpam}, {"dm me", promoAction | promoSpam},
	{"whatsapp*", promoAction}, {"telegram", promoAction}, {"contact us", promoAction}, {"contact", promoAction},
	{"hotline", promoAction}, {"helpline", promoAction}, {"call", promoAction}, {"click", promoAction}, {"visit", promoAction},
	{"join", promoAction}, {"subscribe", promoAction}, {"sign up", promoAction}, {"register", promoAction},
	{"download", promoAction}, {"order", promoAction}, {"buy", promoAction}, {"apply", promoAction}, {"hurry", promoAction},
	{"don't miss", promoAction}, {"sponsored", promoAction}, {"advertisement", promoAction}, {"promoted", promoAction},
	// Ease and urgency.
	{"fast", promoEase}, {"easy", promoEase}, {"quick", promoEase}, {"instant*", promoEase}, {"guarantee*", promoEase},
	{"today", promoEase}, {"now", promoEase}, {"online", promoEase}, {"daily", promoEase},
}

// promoPhrases lists the phrases of promoTable for NewLexicon.
func promoPhrases() []string {
	out := make([]string, len(promoTable))
	for i, e := range promoTable {
		out[i] = e.phrase
	}
	return out
}

// promoClassOf maps a promoTable phrase to its classes.
var promoClassOf = func() map[string]promoClass {
	m := make(map[string]promoClass, len(promoTable))
	for _, e := range promoTable {
		m[e.phrase] = e.class
	}
	return m
}()

// adLine is a standalone line with its promotional cues.
type adLine struct {
	text     string
	line     int // 1-based number of the first occurrence
	count    int
	words    int
	address  bool // web address, e-mail or phone number
	classes  promoClass
	terms    int   // promotional terms on the line
	title    bool  // the first line of the text
	credit   bool  // a credit, share or contact line ("Powered by", "Phone:")
	price    bool  // an amount of money or a percentage off
	cheapTLD bool  // an address on a domain ending that spam favours
	sentence bool  // reads as a sentence: five words or more ending in a full stop or a question mark
	ownSite  bool  // its addresses are all the site of a name the article uses (see ownSite)
	phone    bool  // a phone number
	plain    bool  // three words or more of letters, none capitalised but the first (acronyms apart), no colon, no e-mail
	para     int   // index of the first occurrence in Document.Paragraphs
	paras    []int // indices of every occurrence in Document.Paragraphs
	// promo marks the line's words that belong to promotional terms (bit
	// k for the k-th word): the frame of an ad, not its topic.
	promo uint32
}

// clear reports whether the cues alone make the line an ad: an address
// with a promotional term (its own name counts: "earning.com"); a phone
// number with what it sells in plain words ("Top rated roofing in your
// area – 0800 …"); or at least two promotional terms of different kinds,
// one of them money or spam vocabulary ("casino bonus", "earn money fast",
// "call now for cheap loans"); or two terms, one of them spam money or
// offer vocabulary ("bitcoin doubler", "use code … vouchers"). A single
// word (a menu item or share button) is never clear, nor is a credit,
// share or contact line without money words, nor a title without an
// address, spam vocabulary or a price, nor a sentence without spam
// vocabulary.
func (a adLine) clear() bool {
	switch {
	case a.address && a.words <= adMaxBareAddress && !a.title && !a.credit &&
		(a.count > 1 || a.classes&promoMoney != 0 || a.cheapTLD):
		// A bare address on a line of its own, off the article's topic, is
		// an ad when it repeats, names money ("loanbet.pk") or sits on a
		// cheap domain ending; a publication's own name ("theguardian.com")
		// usually does none of these.
		return true
	case a.words < 2:
		return false
	case a.credit && a.classes&promoMoney == 0 && !a.price:
		return false
	case a.title && !a.address && a.classes&promoSpam == 0 && !a.price:
		return false
	case a.address:
		if a.words > adMaxWordsAddress {
			return false
		}
		if a.terms == 0 {
			// A phone number on a line of its own that names what it
			// sells in plain words ("Top rated roofing in your area –
			// 0800 …"), off the article's topic, is an ad; a number with
			// a name or a label ("Media: Jane Roe 301-…") is a contact.
			return a.phone && a.plain && !a.sentence
		}
		// A pointer to the site of a name the article uses ("For more
		// on the study, visit lipididiet.eu"), or a sentence of the
		// article naming an address or a phone number, is a reference,
		// not an ad, unless it sells.
		if a.ownSite && a.classes&(promoMoney|promoOffer) == 0 {
			return false
		}
		return !a.sentence || a.classes&(promoMoney|promoSpam) != 0
	case a.words > adMaxWords || a.terms < 2:
		return false
	case a.sentence && a.classes&promoSpam == 0:
		return false
	}
	kinds := a.classes.kinds()
	spam := a.classes&promoSpam != 0
	return (kinds >= 2 && (spam || a.price || a.classes&promoMoney != 0)) || (spam && a.classes&(promoMoney|promoOffer) != 0)
}

// partial reports whether an off-topic line that is not a clear ad still
// counts a little: a short fragment, not a sentence of the article, with an
// address, spam vocabulary, or money words with another kind of cue.
func (a adLine) partial() bool {
	if a.title || a.credit || a.sentence || a.words > adMaxWords {
		return false
	}
	other := a.classes & (promoOffer | promoAction | promoEase)
	return a.address || a.classes&promoSpam != 0 || (a.classes&promoMoney != 0 && other != 0)
}

// Run measures the document.
func (c adInjection) Run(d *Document) []Signal {
	matches := c.promo.Find(d)
	domains := domainWords(d)
	lines := c.standaloneLines(d, matches, domains)
	lines = append(lines, c.inlineAds(d, matches, domains)...)
	return []Signal{
		named("ad_injection", adSignal(d, lines)),
		named("promo_terms", promoSignal(d, matches, domains)),
	}
}

// inlineWindow is how many words before a web address, and after it, an
// ad put inside a sentence is looked for in.
const (
	inlineBefore = 10
	inlineAfter  = 4
)

// inlineAds returns the ads pasted inside the sentences of long
// paragraphs, where no standalone line holds them: a web address on a
// domain that is no site of the article's names, in a run of words that
// sells, as a clear ad line does: spam vocabulary with money or offer
// words ("double your savings … at zorvex.biz"), or a domain ending that
// spam favours with cues of two kinds, money or offer among them ("sign
// up free at quilum.online"). A promotional domain name alone does not
// make one: clinics and shops named in the news have them
// ("freebed.com"). A sentence of the article that names
// an address ("the survey is at pewresearch.org") or a company's offer
// without spam vocabulary on an ordinary domain is no ad. Each is an ad
// line of its own, its text the run of words around the address.
func (c adInjection) inlineAds(d *Document, matches []Match, domains []int) []adLine {
	var out []adLine
	var names *ownNames
	var index map[string]int
	s := 0
	for _, i := range domains {
		for s < len(d.Sentences) && d.Sentences[s].EndWord <= i {
			s++
		}
		if s == len(d.Sentences) {
			break
		}
		sent := d.Sentences[s]
		para := paragraphOf(d, i)
		if d.Paragraphs[para].EndWord-d.Paragraphs[para].FirstWord <= adMaxWordsAddress || sent.FirstWord > i {
			continue // a short paragraph is a standalone line, judged as one
		}
		w := d.Words[i]
		if names == nil {
			names = newOwnNames(d)
		}
		if names.ownSite(w, para) {
			continue
		}
		from, to := max(sent.FirstWord, i-inlineBefore), min(sent.EndWord, i+1+inlineAfter)
		// The matches are in text order: those in the window start at
		// the first one from the window's start.
		at := sort.Search(len(matches), func(k int) bool { return matches[k].Word >= from })
		classes, terms, promo := promoCues(d, matches[at:], from, to)
		tld, _ := domainTLD(w.Norm)
		cheap := cheapTLDs[tld]
		if promoDomain(w) {
			classes |= promoMoney
			terms++
		}
		sells := classes&promoSpam != 0 && classes&(promoMoney|promoOffer) != 0 ||
			cheap && classes.kinds() >= 2 && classes&(promoMoney|promoOffer) != 0
		if !sells {
			continue
		}
		first, last := d.Words[from], d.Words[to-1]
		text := d.Text[first.Start : last.Start+len(last.Text)]
		key := strings.ToLower(text)
		if k, ok := index[key]; ok {
			out[k].count++
			out[k].paras = append(out[k].paras, para)
			continue
		}
		if index == nil {
			index = make(map[string]int)
		}
		index[key] = len(out)
		out = append(out, adLine{
			text: text, line: d.Lines[w.Line].Number, count: 1, words: to - from,
			address: true, classes: classes, terms: terms, para: para, paras: []int{para},
			cheapTLD: cheap, promo: promo,
		})
	}
	return out
}

// domainsIn returns the part of domains (word indices, in order) that falls
// in words[from:to].
func domainsIn(domains []int, from, to int) []int {
	a := sort.SearchInts(domains, from)
	b := a
	for b < len(domains) && domains[b] < to {
		b++
	}
	return domains[a:b]
}

// standaloneLines returns the short paragraphs that carry a promotional cue,
// grouped by their folded text.
func (c adInjection) standaloneLines(d *Document, matches []Match, domains []int) []adLine {
	title := firstTextLine(d)
	var out []adLine
	var index map[string]int
	var names *ownNames // made when a line first needs them
	m := 0
	var key []byte
	for k, p := range d.Paragraphs {
		n := p.EndWord - p.FirstWord
		for m < len(matches) && matches[m].Word < p.FirstWord {
			m++
		}
		if n == 0 || n > adMaxWordsAddress {
			continue
		}
		if listItem(p.Text) {
			continue // an item of the article's own numbered list
		}
		classes, terms, promo := promoCues(d, matches[m:], p.FirstWord, p.EndWord)
		here := domainsIn(domains, p.FirstWord, p.EndWord)
		price := hasPrice(p.Text) || percentOff(p.Text)
		phone := hasPhone(p.Text)
		address := len(here) > 0 || hasWebAddress(p.Text) || hasEmail(p.Text) || phone
		if !address && classes == 0 && !price {
			continue
		}
		if price {
			classes |= promoOffer
			terms++
		}
		cheap := false
		own := len(here) > 0 && !phone
		for _, i := range here {
			w := d.Words[i]
			if names == nil {
				names = newOwnNames(d)
			}
			if names.ownSite(w, k) {
				continue
			}
			own = false
			if promoDomain(w) {
				classes |= promoMoney
				terms++
			}
			if tld, _ := domainTLD(w.Norm); cheapTLDs[tld] {
				cheap = true
			}
		}
		key = key[:0]
		for _, w := range d.Words[p.FirstWord:p.EndWord] {
			key = append(key, w.Norm...)
			key = append(key, ' ')
		}
		if i, ok := index[string(key)]; ok {
			out[i].count++
			out[i].paras = append(out[i].paras, k)
			continue
		}
		if index == nil {
			index = make(map[string]int)
		}
		index[string(key)] = len(out)
		out = append(out, adLine{
			text: p.Text, line: d.Lines[p.FirstLine].Number, count: 1, words: n,
			address: address, classes: classes, terms: terms, title: p.FirstLine == title, para: k, paras: []int{k},
			credit: c.isCredit(d, p), price: price, cheapTLD: cheap, ownSite: own, phone: phone, plain: plainWords(d, p),
			sentence: n >= 5 && sentenceEnd(p.Text), promo: promo,
		})
	}
	return out
}

// sentenceEnd reports whether a line ends as a sentence of the article
// does, with a full stop or a question mark before any closing quotes or
// brackets. Ads end in a name, an address or a call.
func sentenceEnd(text string) bool {
	text = strings.TrimRight(text, "\"'”’)")
	return strings.HasSuffix(text, ".") || strings.HasSuffix(text, "?")
}

// plainWords reports whether paragraph p reads as a phrase in plain
// words, not as a name, a label or a contact: three words of letters or
// more, none capitalised but the first (acronyms apart), no colon and no
// e-mail address.
func plainWords(d *Document, p Paragraph) bool {
	if strings.IndexByte(p.Text, ':') >= 0 || hasEmail(p.Text) {
		return false
	}
	letters := 0
	for i, w := range d.Words[p.FirstWord:p.EndWord] {
		r, _ := utf8.DecodeRuneInString(w.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if i > 0 && unicode.IsUpper(r) && !allCapitals(w.Text) {
			return false
		}
	}
	return letters >= 3
}

// adSignal keeps the off-topic lines and weighs them.
func adSignal(d *Document, lines []adLine) Signal {
	if len(lines) == 0 {
		return Signal{}
	}
	freq := topicFrequencies(d, lines)
	var ads, partial []Evidence
	weight := 0.0
	for _, l := range lines {
		// An address with money or offer words is an ad on any topic;
		// other lines must be off the article's topic.
		promoted := l.promoted()
		limit := adMaxOnTopic
		if l.classes&promoSpam != 0 {
			limit = adMaxOnTopicSpam
		}
		if !promoted && !offTopic(d, freq, d.Paragraphs[l.para], limit, l.promo) {
			continue
		}
		ev := Evidence{Text: l.text, Count: l.count, Line: l.line}
		switch {
		case l.clear():
			ads = append(ads, ev)
			weight += float64(l.count)
		case l.partial():
			partial = append(partial, ev)
			weight += adPartialWeight * float64(l.count)
		}
	}
	s := Signal{Value: math.Log1p(weight), Fired: len(ads) > 0}
	byCount := func(ev []Evidence) {
		sort.SliceStable(ev, func(i, j int) bool { return ev[i].Count > ev[j].Count })
	}
	byCount(ads)
	byCount(partial)
	s.Evidence = append(ads, partial...)
	if len(s.Evidence) > 10 {
		s.Evidence = s.Evidence[:10]
	}
	switch {
	case len(ads) > 0:
		n := 0
		for _, e := range ads {
			n += e.Count
		}
		s.Message = fmt.Sprintf("%d injected ad line(s), e.g. %s", n, ads[0])
	case len(partial) > 0:
		s.Message = fmt.Sprintf("off-topic promotional line %s", partial[0])
	}
	return s
}

// promoted reports whether the line is an address with money, spam or
// offer words, an ad on any topic.
func (a adLine) promoted() bool {
	return a.address && a.classes&(promoMoney|promoSpam|promoOffer) != 0 && !a.credit
}

// topicFrequencies counts the topic stems that offTopic asks about for the
// lines that are not promoted, over the article's own text: every
// paragraph but the standalone promotional lines and their copies. Ads
// injected into one article share their words with each other ("Earn up
// to $500 weekly" and "Earn up to £200 weekly"), not with the article.
func topicFrequencies(d *Document, lines []adLine) *stemCounts {
	c := &stemCounts{}
	asked := 0
	for _, l := range lines {
		if !l.promoted() {
			p := d.Paragraphs[l.para]
			asked += p.EndWord - p.FirstWord
		}
	}
	if asked == 0 {
		return c
	}
	t := &c.table
	t.reset(asked)
	var first [4]uint64 // the first bytes of the stems asked for
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
			if stem == "" {
				continue // no word of more than two characters
			}
			first[stem[0]>>6] |= 1 << (stem[0] & 63)
			k := stemKey(stem)
			if s := t.lookup(k); t.vals[s] == 0 {
				t.keys[s] = k
				t.vals[s] = 1 // a count of 0
			}
		}
	}
	cue := make([]bool, len(d.Paragraphs))
	for _, l := range lines {
		for _, k := range l.paras {
			cue[k] = true
		}
	}
	for k, p := range d.Paragraphs {
		if cue[k] {
			continue
		}
		for i := p.FirstWord; i < p.EndWord; i++ {
			w := &d.Words[i]
			// A stem starts like its word.
			if w.Norm == "" || first[w.Norm[0]>>6]&(1<<(w.Norm[0]&63)) == 0 {
				continue
			}
			s := t.lookup(stemKey(topicStem(w.Norm)))
			if t.vals[s] != 0 && isTopicWord(*w) {
				t.vals[s]++
			}
		}
	}
	return c
}

// offTopic reports whether at most the limit share of the paragraph's topic
// words occur in the article's own text (see topicFrequencies). The
// words of promotional terms (bits of promo) are the ad's frame ("call",
// "join", "money"), which news uses too, and do not count unless the line
// has no other topic word. A paragraph without topic words is not
// off-topic.
func offTopic(d *Document, freq *stemCounts, p Paragraph, limit float64, promo uint32) bool {
	words := d.Words[p.FirstWord:p.EndWord]
	// The stem of every topic word of the paragraph ("" for other words).
	var stemBuf [adMaxWordsAddress]string
	stems := stemBuf[:0]
	framed := false // some topic word is no promotional term
	for k, w := range words {
		if isTopicWord(w) && promo&(1<<k) == 0 && utf8.RuneCountInString(w.Norm) >= 3 {
			framed = true
		}
	}
	for k, w := range words {
		s := ""
		if isTopicWord(w) && (!framed || promo&(1<<k) == 0) {
			s = topicStem(w.Norm)
		}
		stems = append(stems, s)
	}
	topic, shared := 0, 0
	for k, w := range words {
		stem := stems[k]
		if stem == "" || utf8.RuneCountInString(w.Norm) < 3 {
			continue
		}
		topic++
		if freq.count(stem) > 0 {
			shared++
		}
	}
	return topic > 0 && float64(shared) <= limit*float64(topic)
}

// topicStem folds a word for the off-topic test: the name part of a domain
// ("earning" of "earning.com"), without a possessive or plural s, cut to
// five letters so that "India" and "Indian" meet.
func topicStem(norm string) string {
	if i := strings.IndexByte(norm, '.'); i > 0 {
		if _, ok := domainTLD(norm); ok {
			norm = norm[:i]
		}
	}
	norm = strings.TrimSuffix(norm, "'s")
	if len(norm) > 3 {
		norm = strings.TrimSuffix(norm, "s")
	}
	if len(norm) > 5 {
		cut := 5
		for cut < len(norm) && !utf8.RuneStart(norm[cut]) {
			cut++
		}
		norm = norm[:cut]
	}
	return norm
}

// promoSignal counts spam vocabulary and addresses per 100 words.
func promoSignal(d *Document, matches []Match, domains []int) Signal {
	if len(d.Words) == 0 {
		return Signal{}
	}
	var spam []Match
	for _, m := range matches {
		if promoClassOf[m.Phrase]&promoSpam != 0 {
			spam = append(spam, m)
		}
	}
	ev := CountPhrases(d, spam)
	n := len(spam)
	// Only the first ten pieces of evidence are quoted.
	quote := func(text string, line int) {
		if len(ev) < 10 {
			ev = append(ev, Evidence{Text: text, Count: 1, Line: line})
		}
	}
	for _, i := range domains {
		w := &d.Words[i]
		n++
		quote(w.Text, d.Lines[w.Line].Number)
	}
	for _, l := range d.Lines {
		if countDigits(l.Text) >= phoneMinDigits {
			if at, ok := findPhone(l.Text); ok {
				n++
				quote(at, l.Number)
			}
		}
		if at, ok := findEmail(l.Text); ok {
			n++
			quote(at, l.Number)
		}
	}
	if n == 0 {
		return Signal{}
	}
	if len(ev) > 10 {
		ev = ev[:10]
	}
	v := math.Min(promoCap, 100*float64(n)/float64(len(d.Words)))
	return Signal{Value: v, Evidence: ev, Message: fmt.Sprintf("%d promotional terms, %.1f per 100 words", n, v)}
}

// hasWebAddress reports whether s holds "http://", "https://" or "www." in
// any case.
func hasWebAddress(s string) bool {
	for i := strings.Index(s, "://"); i >= 0; {
		if hasSuffixFold(s[:i], "http") || hasSuffixFold(s[:i], "https") {
			return true
		}
		j := strings.Index(s[i+1:], "://")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := strings.IndexByte(s, '.'); i >= 0; {
		if hasSuffixFold(s[:i], "www") {
			return true
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hasSuffixFold reports whether s ends with suffix, a word in lower-case
// ASCII letters, in any case.
func hasSuffixFold(s, suffix string) bool {
	if len(s) < len(suffix) {
		return false
	}
	s = s[len(s)-len(suffix):]
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != suffix[i] {
			return false
		}
	}
	return true
}

// hasEmail reports whether s holds something shaped like an e-mail address.
func hasEmail(s string) bool {
	_, ok := findEmail(s)
	return ok
}

// findEmail returns the first e-mail address in s.
func findEmail(s string) (string, bool) {
	notAddress := func(r rune) bool { return !isWordRune(r) && r != '.' && r != '-' && r != '_' && r != '+' }
	for i := strings.IndexByte(s, '@'); i >= 0; {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && isWordRune(r) {
			rest := s[i+1:]
			end := strings.IndexFunc(rest, func(r rune) bool { return !isWordRune(r) && r != '.' && r != '-' })
			if end < 0 {
				end = len(rest)
			}
			host := strings.TrimRight(rest[:end], ".")
			if _, ok := domainTLD(strings.ToLower(host)); ok {
				start := strings.LastIndexFunc(s[:i], notAddress) + 1
				return s[start : i+1+len(host)], true
			}
		}
		j := strings.IndexByte(s[i+1:], '@')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return "", false
}

// hasPhone reports whether s holds a phone number: an international
// number ("+44 20 7946 0958"), a number with a trunk prefix ("0800 123
// 4567"), or a North American one ("(555) 123-4567", "1-800-555-0199").
func hasPhone(s string) bool {
	_, ok := findPhone(s)
	return ok
}

// findPhone returns the first phone number in s.
func findPhone(s string) (string, bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c != '+' && c != '(' && !isDigitByte(c) {
			i++
			continue
		}
		end, digits, groups := scanNumber(s, i)
		if isPhoneRun(s[i:end], digits, groups) {
			return s[i:end], true
		}
		i = end + 1
	}
	return "", false
}

// phoneMinDigits is the fewest digits of a phone number.
const phoneMinDigits = 9

// countDigits counts the ASCII digits in s, eight bytes at a time.
func countDigits(s string) int {
	const lows, highs = 0x0101010101010101, 0x8080808080808080
	n := 0
	for len(s) >= 8 {
		x := first8(s)
		y := x &^ highs
		// Per byte of y (below 0x80): the top bit of y+0x50 is set from
		// '0' up, that of y+0x46 from ':' up; bytes of x from 0x80 up are
		// no digits.
		n += bits.OnesCount64((y + 0x50*lows) &^ (y + 0x46*lows) &^ x & highs)
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			n++
		}
	}
	return n
}

// isPhoneSeparator reports whether c may sit between the digit groups of a
// phone number.
func isPhoneSeparator(c byte) bool {
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'
}

// phoneGroups holds the digit-group lengths of a number.
type phoneGroups struct {
	n    int
	size [8]int
}

// add records a group of size digits.
func (g *phoneGroups) add(size int) {
	if size > 0 && g.n < len(g.size) {
		g.size[g.n] = size
		g.n++
	}
}

// scanNumber reads a run of digits separated by at most three separator
// characters from s[i:], and returns where it ends, its digit count and its
// groups.
func scanNumber(s string, i int) (end, digits int, groups phoneGroups) {
	cur := 0
	j := i
	for j < len(s) {
		c := s[j]
		if isDigitByte(c) {
			digits++
			cur++
			j++
			continue
		}
		if !isPhoneSeparator(c) {
			break
		}
		k := j
		for k < len(s) && k-j < 3 && isPhoneSeparator(s[k]) {
			k++
		}
		if k == len(s) || !isDigitByte(s[k]) {
			break
		}
		groups.add(cur)
		cur = 0
		j = k
	}
	groups.add(cur)
	return j, digits, groups
}

// isPhoneRun decides whether a run of digit groups is a phone number.
func isPhoneRun(run string, digits int, groups phoneGroups) bool {
	if digits < phoneMinDigits || digits > 15 || groups.n == 0 {
		return false
	}
	g := groups.size[:groups.n]
	if run[0] == '+' || (run[0] == '0' && len(g) >= 2 && g[0] >= 3 && g[0] <= 5) {
		return true
	}
	// North American: 3-3-4 or 1-3-3-4 groups with a dash, dot or brackets.
	if !strings.ContainsAny(run, "-.()") {
		return false
	}
	if len(g) == 4 && g[0] == 1 {
		g = g[1:]
	}
	return len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4
}

// hasPrice reports whether s holds an amount of money written with a
// currency sign or code ("$20", "£45.99", "₹499", "Rs 499"), not counted
// in millions.
func hasPrice(s string) bool {
	for i := 0; i < len(s); i++ {
		n := 0 // the length of a currency sign at i
		switch s[i] {
		case '$':
			n = 1
		case 0xc2: // £ ¥
			if i+1 < len(s) && (s[i+1] == 0xa3 || s[i+1] == 0xa5) {
				n = 2
			}
		case 0xe2: // € ₹ ₦ ₱
			if i+2 < len(s) && s[i+1] == 0x82 {
				switch s[i+2] {
				case 0xac, 0xb9, 0xa6, 0xb1:
					n = 3
				}
			}
		}
		if n > 0 && i+n < len(s) && isDigitByte(s[i+n]) && !largeAmount(s[i+n:]) {
			return true
		}
		if n = currencyCode(s, i); n > 0 && !largeAmount(s[i+n:]) {
			return true
		}
	}
	return false
}

// currencyCode returns the length of a currency code of currencyCodes at
// s[i:] that starts a word and is followed by a space and a digit ("Rs
// 499", "INR 2,000", "Rs. 15"), or 0.
func currencyCode(s string, i int) int {
	letter := func(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
	if !letter(s[i]) || i > 0 && (letter(s[i-1]) || isDigitByte(s[i-1])) {
		return 0
	}
	j := i
	for j < len(s) && j-i < 4 && letter(s[j]) {
		j++
	}
	if !currencyCodes[strings.ToLower(s[i:j])] {
		return 0
	}
	if j < len(s) && s[j] == '.' {
		j++
	}
	if j+1 < len(s) && s[j] == ' ' && isDigitByte(s[j+1]) {
		return j + 1 - i
	}
	return 0
}

// largeAmount reports whether the number at the start of s is counted in
// millions or more ("25 billion", "3.5m", "2bn"): a figure of a news
// story, not a price.
func largeAmount(s string) bool {
	i := 0
	for i < len(s) && (isDigitByte(s[i]) || s[i] == '.' || s[i] == ',') {
		i++
	}
	rest := strings.TrimLeft(s[i:], " ")
	for _, unit := range []string{"million", "billion", "trillion", "mln", "bln", "bn", "m", "b", "tn", "crore", "crores", "cr", "lakh", "lakhs"} {
		if len(rest) >= len(unit) && strings.EqualFold(rest[:len(unit)], unit) {
			if len(rest) == len(unit) {
				return true
			}
			r, _ := utf8.DecodeRuneInString(rest[len(unit):])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

// percentOff reports whether s offers a percentage off ("39% off",
// "up to 50 % off").
func percentOff(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0; {
		if i > 0 && unicode.IsDigit(rune(s[max(0, i-1)])) || i > 1 && s[i-1] == ' ' && unicode.IsDigit(rune(s[i-2])) {
			rest := strings.TrimLeft(s[i+1:], " ")
			if len(rest) >= 3 && strings.EqualFold(rest[:3], "off") && (len(rest) == 3 || !unicode.IsLetter(rune(rest[3]))) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
