package newsqual

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// evasionArticles returns up to n clean news articles of distinct sites,
// long enough to carry an injection, in a fixed order.
func evasionArticles(tb testing.TB, n int) []string {
	tb.Helper()
	seen := map[string]bool{}
	var texts []string
	for _, r := range shareddata.Records(tb, "news-outlets.jsonl", 0, nil) {
		if r.Label != "clean" || seen[r.Site] || len(strings.Fields(r.Text)) < 200 {
			continue
		}
		seen[r.Site] = true
		texts = append(texts, r.Text)
	}
	slices.SortFunc(texts, func(a, b string) int { return int(hash32(a)) - int(hash32(b)) })
	return texts[:min(n, len(texts))]
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32() >> 1
}

// evasionAd invents a promotional line: a brand, a domain and an offer
// that appear nowhere in the corpus or the training pools.
func evasionAd(rng *rand.Rand) string {
	syllables := []string{"zor", "qui", "vex", "lum", "tra", "pex", "dor", "kai", "mib", "sul"}
	brand := ""
	for range 2 + rng.IntN(2) {
		brand += syllables[rng.IntN(len(syllables))]
	}
	tld := []string{".biz", ".shop", ".online", ".win"}[rng.IntN(4)]
	offers := []string{
		"Double your savings every week, sign up free at %s%s",
		"Cheap loans approved in minutes at %s%s, apply today",
		"Work from home and earn fast with %s%s",
		"Win a free phone now, register at %s%s",
	}
	return fmt.Sprintf(offers[rng.IntN(len(offers))], brand, tld)
}

// insertParagraph puts line in as a paragraph of its own, after a random
// paragraph of text.
func insertParagraph(rng *rand.Rand, text, line string) string {
	paras := strings.Split(text, "\n\n")
	at := 1 + rng.IntN(len(paras))
	return strings.Join(slices.Insert(paras, min(at, len(paras)), line), "\n\n")
}

// insertInSentence puts line inside a sentence, after one of its words.
func insertInSentence(rng *rand.Rand, text, line string) string {
	paras := strings.Split(text, "\n\n")
	p := rng.IntN(len(paras))
	words := strings.Fields(paras[p])
	at := min(len(words), 1+rng.IntN(max(1, len(words)-1)))
	paras[p] = strings.Join(slices.Insert(words, at, line), " ")
	return strings.Join(paras, "\n\n")
}

// mapLetters writes the ASCII letters and digits of s in another
// alphabet: upper case from upper, lower case from lower, digits from
// digit (0 leaves them).
func mapLetters(s string, upper, lower, digit rune) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			r = upper + r - 'A'
		case 'a' <= r && r <= 'z':
			r = lower + r - 'a'
		case '0' <= r && r <= '9' && digit != 0:
			r = digit + r - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fullWidth(s string) string {
	s = mapLetters(s, 'Ａ', 'ａ', '０')
	return strings.NewReplacer(".", "．", ",", "，", " ", "\u3000").Replace(s)
}

func mathBold(s string) string { return mapLetters(s, '𝐀', '𝐚', '𝟎') }

// rightToLeftOverride stores s backwards behind a right-to-left override,
// so that a browser shows it the right way round.
func rightToLeftOverride(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return "\u202e" + string(r) + "\u202c"
}

// stuffPhrase puts n copies of a phrase into the text at random places
// between its words, mid-sentence as a stuffer's script does, cycling
// through the phrase's forms. The places are gaps between the article's
// own words, each used once, so that no copy splits another.
func stuffPhrase(rng *rand.Rand, text string, forms []string, n int) string {
	paras := strings.Split(text, "\n\n")
	type gap struct{ para, at int }
	var gaps []gap
	words := make([][]string, len(paras))
	for p, para := range paras {
		words[p] = strings.Fields(para)
		for at := 1; at < len(words[p]); at++ {
			gaps = append(gaps, gap{p, at})
		}
	}
	rng.Shuffle(len(gaps), func(i, j int) { gaps[i], gaps[j] = gaps[j], gaps[i] })
	chosen := gaps[:min(n, len(gaps))]
	form := make(map[gap]string, len(chosen))
	for k, g := range chosen {
		form[g] = forms[k%len(forms)]
	}
	for p := range paras {
		if len(words[p]) < 2 {
			continue
		}
		var b strings.Builder
		for at, w := range words[p] {
			if f, ok := form[gap{p, at}]; ok {
				b.WriteString(f)
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if at+1 < len(words[p]) {
				b.WriteByte(' ')
			}
		}
		paras[p] = b.String()
	}
	return strings.Join(paras, "\n\n")
}

// stuffedForms are invented keyword phrases, each with the inflected forms
// a stuffer rotates it through.
var stuffedForms = [][]string{
	{"cheap flight ticket", "cheap flights tickets", "cheaper flight tickets", "cheap flight ticketing"},
	{"best solar panel deal", "best solar panels deals", "best solar paneling deal", "best solar panel dealing"},
	{"gold coin investor", "gold coins investors", "gold coin investing", "gold coins investor"},
}

// spunPhrases are invented keyword phrases in a spinner's syntax: a list
// of synonyms per slot, one picked for each copy.
var spunPhrases = [][][]string{
	{{"cheap", "budget", "discount"}, {"hotel", "resort", "motel"}, {"rooms", "booking", "stays"}},
	{{"crypto", "bitcoin", "token"}, {"trading", "investment", "mining"}, {"signals", "bots", "platform"}},
	{{"car", "auto", "vehicle"}, {"insurance", "cover", "policy"}, {"quotes", "rates", "deals"}},
}

// spunForms writes n copies of a spun phrase, each slot picked afresh.
func spunForms(rng *rand.Rand, lists [][]string, n int) []string {
	forms := make([]string, n)
	for k := range forms {
		words := make([]string, len(lists))
		for j, l := range lists {
			words[j] = l[rng.IntN(len(l))]
		}
		forms[k] = strings.Join(words, " ")
	}
	return forms
}

// evasion is one way of putting spam into a clean article.
type evasion struct {
	name   string
	inject func(rng *rand.Rand, text string, k int) string
}

// evasionFloor is the share of articles (percent) in which every evasion
// must be caught.
const evasionFloor = 95

// lowerFloors are the evasions caught less often than evasionFloor, with
// the share they must keep. A spun copy pasted next to a word of the
// text's own topic, or a synonym the text also uses elsewhere, breaks the
// family of wordings that gives the rotation away.
var lowerFloors = map[string]int{"phrase rotated through synonyms": 60}

// evasions are the injections of TestEvasionsAreCaught: an invented ad
// and an invented stuffed phrase, plainly and as a spammer hides them.
var evasions = []evasion{
	{"ad line", func(rng *rand.Rand, text string, _ int) string { return insertParagraph(rng, text, evasionAd(rng)) }},
	{"ad inside a sentence", func(rng *rand.Rand, text string, _ int) string { return insertInSentence(rng, text, evasionAd(rng)) }},
	{"ad line, full-width letters", func(rng *rand.Rand, text string, _ int) string {
		return insertParagraph(rng, text, fullWidth(evasionAd(rng)))
	}},
	{"ad line, mathematical bold", func(rng *rand.Rand, text string, _ int) string {
		return insertParagraph(rng, text, mathBold(evasionAd(rng)))
	}},
	{"ad line, right-to-left override", func(rng *rand.Rand, text string, _ int) string {
		return insertParagraph(rng, text, rightToLeftOverride(evasionAd(rng)))
	}},
	{"phrase stuffed 12 times", func(rng *rand.Rand, text string, k int) string {
		return stuffPhrase(rng, text, stuffedForms[k%len(stuffedForms)][:1], 12)
	}},
	{"phrase stuffed through inflections", func(rng *rand.Rand, text string, k int) string {
		return stuffPhrase(rng, text, stuffedForms[k%len(stuffedForms)], 12)
	}},
	{"phrase rotated through synonyms", func(rng *rand.Rand, text string, k int) string {
		return stuffPhrase(rng, text, spunForms(rng, spunPhrases[k%len(spunPhrases)], 12), 12)
	}},
}

// TestEvasionsAreCaught puts an invented ad or stuffed phrase into 200
// clean articles of distinct sites, plainly and with a spammer's first
// evasions (inside a sentence, letters from other alphabets, text stored
// backwards behind a right-to-left override, a phrase rotated through its
// inflections or through synonyms), and checks that each is called spam
// in at least 95% of the articles (see lowerFloors for the exceptions),
// while the same articles unedited stay clean.
func TestEvasionsAreCaught(t *testing.T) {
	texts := evasionArticles(t, 200)
	if len(texts) < 100 {
		t.Skipf("only %d long clean articles of distinct sites", len(texts))
	}
	s := Default()
	spam := func(text string) bool { return s.Score(Article{ID: "e", Text: text}).Verdict == VerdictSpam }
	flagged := 0
	for _, text := range texts {
		if spam(text) {
			flagged++
		}
	}
	t.Logf("%-36s %3d of %d called spam", "unedited", flagged, len(texts))
	if flagged > len(texts)/100 {
		t.Errorf("%d of %d clean articles called spam unedited", flagged, len(texts))
	}
	for _, e := range evasions {
		rng := rand.New(rand.NewPCG(1, 2))
		caught := 0
		var missed string
		for k, text := range texts {
			edited := e.inject(rng, text, k)
			if !utf8.ValidString(edited) {
				t.Fatalf("%s: invalid UTF-8", e.name)
			}
			if spam(edited) {
				caught++
			} else if missed == "" {
				missed = edited
			}
		}
		t.Logf("%-36s %3d of %d caught", e.name, caught, len(texts))
		floor := evasionFloor
		if f, ok := lowerFloors[e.name]; ok {
			floor = f
		}
		if 100*caught < floor*len(texts) {
			t.Errorf("%s: %d of %d caught, want %d%%; the first missed:\n%.400s", e.name, caught, len(texts), floor, missed)
		}
	}
}
