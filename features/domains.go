// The shared floor: domain names and promotional cues among a document's
// words.

package features

import (
	"sort"
	"strings"
	"unicode"
)

// promoClass is the kind of a promotional cue.
type promoClass uint8

// kinds returns how many of the four kinds of cue (money, offer, call to
// action, ease) c holds.
func (c promoClass) kinds() int {
	n := 0
	for _, k := range []promoClass{promoMoney, promoOffer, promoAction, promoEase} {
		if c&k != 0 {
			n++
		}
	}
	return n
}

// domainWords returns the indices of the words that are domain names
// ("earning.com"), in order. Only a word holding a full stop can be one, so
// it looks at the words around the full stops of the text.
func domainWords(d *Document) []int {
	var out []int
	words := d.Words
	k := 0
	for off := 0; ; {
		j := strings.IndexByte(d.Text[off:], '.')
		if j < 0 {
			break
		}
		at := off + j
		off = at + 1
		// A word holds no white space, and a full stop that ends a word
		// leaves no domain ending after it: a full stop before white
		// space or the end of the text ends a sentence, not an address.
		if off == len(d.Text) {
			break
		}
		if c := d.Text[off]; c == ' ' || c == '\n' || c == '\t' {
			continue
		}
		// The first word ending after the full stop holds it, if it
		// starts before it.
		k = firstEndingAfter(words, k, at)
		if k == len(words) {
			break
		}
		w := &words[k]
		if w.Start > at {
			continue
		}
		if _, ok := domainTLD(w.Norm); ok && isDomainText(w.Text) {
			out = append(out, k)
		}
		off = w.Start + len(w.Text)
	}
	return out
}

// stemCounts counts how often some topic stems occur in a document.
type stemCounts struct{ table hashTable }

// count returns the count of a stem asked for.
func (c *stemCounts) count(stem string) int {
	return int(c.table.vals[c.table.lookup(stemKey(stem))]) - 1
}

// promoDomain reports whether a word is a domain name whose name speaks of
// money or offers: "earning.com", "moneyflow.biz", "cheap-meds.net".
func promoDomain(w Word) bool {
	tld, ok := domainTLD(w.Norm)
	if !ok || !isDomainText(w.Text) {
		return false
	}
	name := strings.TrimSuffix(w.Norm, "."+tld)
	name = name[strings.LastIndexByte(name, '.')+1:]
	for _, part := range strings.Split(name, "-") {
		for _, stem := range promoDomainStems {
			// A stem at the start needs a word of three letters or more
			// after it, or none: "freep" and "dealer" are other words.
			if strings.HasPrefix(part, stem) && (len(part) == len(stem) || len(part) >= len(stem)+3) ||
				(len(part) > len(stem)+2 && strings.HasSuffix(part, stem)) ||
				(len(stem) >= 5 && strings.Contains(part, stem)) {
				return true
			}
		}
	}
	return false
}

// cheapTLDs are the domain endings that spam and ad pages favour and news
// publications rarely use.
var cheapTLDs = wordSetOf(`xyz top biz info online site club shop store live click win bid loan vip icu
	buzz fun space website today stream download review cam party trade racing date men work`)

// domainTLD returns the top-level domain of a folded word that looks like a
// domain name ("earning.com", "news.example.co.uk"), and whether it does.
func domainTLD(norm string) (string, bool) {
	i := strings.LastIndexByte(norm, '.')
	if i <= 0 || i == len(norm)-1 {
		return "", false
	}
	tld := norm[i+1:]
	if !topLevelDomains[tld] {
		return "", false
	}
	// Every label must be non-empty and the first must hold a letter.
	first := norm[:strings.IndexByte(norm, '.')]
	if strings.IndexFunc(first, unicode.IsLetter) < 0 || strings.Contains(norm, "..") {
		return "", false
	}
	return tld, true
}

// currencyCodes are written before or after an amount instead of a sign.
var currencyCodes = wordSetOf("usd eur gbp inr rs aud cad chf jpy cny")

const (
	promoMoney  promoClass = 1 << iota // earning, gambling, loans, crypto, pills
	promoOffer                         // discount, free, cheap, bonus, a price
	promoAction                        // click, call, visit, join, whatsapp
	promoEase                          // fast, easy, instant, guaranteed
	promoSpam                          // vocabulary almost only spam uses
)

// firstEndingAfter returns the index of the first word from words[k] on
// that ends after byte offset at, or len(words), given that none before k
// does. It gallops from k, so that a scan through the text costs little per
// step however near or far the next word is.
func firstEndingAfter(words []Word, k, at int) int {
	endsAfter := func(i int) bool { return words[i].Start+len(words[i].Text) > at }
	lo, hi := k, k
	for step := 1; hi < len(words) && !endsAfter(hi); step *= 2 {
		lo = hi + 1
		hi += step
	}
	hi = min(hi, len(words))
	// No word before lo ends after at; words[hi], if any, does.
	return lo + sort.Search(hi-lo, func(i int) bool { return endsAfter(lo + i) })
}

// stemKey turns a topic stem into a table key: its bytes (at most eight, see
// topicStem) packed into a number and scrambled.
func stemKey(stem string) uint64 {
	if len(stem) > 8 {
		h, _ := textHashCount(stem)
		return h
	}
	var k uint64
	for i := 0; i < len(stem); i++ {
		k |= uint64(stem[i]) << (8 * i)
	}
	return repeatMix(k)
}

// promoDomainStems are the words that promotional domain names start or
// end with.
var promoDomainStems = strings.Fields(`money cash earn loan casino jackpot crypto bitcoin forex profit rich cheap
	free bonus promo deal sale shop pill meds pharma dating slots poker lotto lottery invest income offer discount
	coupon voucher payday betting`)

// isDomainText rejects a missing space after a full stop ("said.It"): the
// top-level domain of a real address is written in lower case, unless the
// whole address is in capitals.
func isDomainText(text string) bool {
	i := strings.LastIndexByte(text, '.')
	if i < 0 {
		return false
	}
	tld := text[i+1:]
	return strings.ToLower(tld) == tld || allCapitals(text)
}

// topLevelDomains are the endings of domain names that spam and ads use:
// the generic ones, the cheap new ones and the common country codes.
var topLevelDomains = wordSetOf(`
com net org info biz io co me tv cc ws ly gg ai app dev xyz top site online club shop store live life vip win bet casino
loan loans money cash pro tech news blog click link buzz fun space website today world guru icu cyou work
us uk in ru cn de fr it es nl pl br au ca jp kr za ng ke gh pk bd lk np ph vn id my sg ae sa tr ir eg ua kz mx ar cl
tk ml ga cf gq eu asia
`)
