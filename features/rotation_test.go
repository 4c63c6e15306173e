package features

import (
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// spunFlights are twelve wordings of one keyword phrase, each slot filled
// from a list of synonyms as an article spinner fills it.
var spunFlights = []string{
	"cheap flight tickets", "budget plane fares", "cheap plane deals", "low cost flight fares",
	"budget flight tickets", "discount plane tickets", "cheap flight deals", "budget plane tickets",
	"discount flight fares", "low cost plane deals", "cheap plane fares", "discount flight deals",
}

// insertForms inserts forms[k] before the k-th of every step-th word of
// the text, from the fourth word of its second paragraph (after the title) on.
func insertForms(text string, forms []string, step int) string {
	d := NewDocument("", text)
	var b strings.Builder
	last, done := 0, 0
	for i := d.Paragraphs[1].FirstWord + 3; i < len(d.Words) && done < len(forms); i += step {
		at := d.Words[i].Start
		b.WriteString(d.Text[last:at])
		b.WriteString(forms[done])
		b.WriteByte(' ')
		last = at
		done++
	}
	b.WriteString(d.Text[last:])
	return b.String()
}

func TestRotatedStuffingInventedArticle(t *testing.T) {
	text := insertForms(inventedArticle, spunFlights, 11)
	s := spamSignal(t, newStuffing(), NewDocument("", text), "keyword_stuffing")
	if !s.Fired || !strings.Contains(s.Message, "reworded") {
		t.Fatalf("keyword_stuffing did not fire on the rotated phrase: %+v", s)
	}
	total := 0
	for _, e := range s.Evidence {
		total += e.Count
		found := false
		for _, f := range spunFlights {
			found = found || strings.EqualFold(e.Text, f)
		}
		if !found {
			t.Errorf("evidence %q is no wording that was put in", e.Text)
		}
	}
	if len(s.Evidence) != rotatedMaxEvidence || total > len(spunFlights) {
		t.Errorf("evidence = %v, want %d wordings of the %d copies", s.Evidence, rotatedMaxEvidence, len(spunFlights))
	}
	t.Log(s.Message)

	// One wording per slot list fixed: a phrase repeated word for word is
	// not a rotation, and the plain phrase check reports it.
	same := make([]string, len(spunFlights))
	for k := range same {
		same[k] = "cheap flight tickets"
	}
	if s := spamSignal(t, newStuffing(), NewDocument("", insertForms(inventedArticle, same, 11)), "keyword_stuffing"); strings.Contains(s.Message, "reworded") {
		t.Errorf("one wording reported as a rotation: %s", s.Message)
	}
	// Too few copies do not fire.
	if s := spamSignal(t, newStuffing(), NewDocument("", insertForms(inventedArticle, spunFlights[:5], 11)), "keyword_stuffing"); s.Fired {
		t.Errorf("5 copies fired: %s", s.Message)
	}
}

// spinLists are invented keyword phrases in spinner syntax: one list of
// synonyms per slot.
var spinLists = [][][]string{
	{{"cheap", "low cost", "budget", "discount"}, {"flight", "plane", "airline"}, {"tickets", "fares", "deals"}},
	{{"best", "top", "trusted"}, {"solar", "rooftop"}, {"panel", "power", "energy"}, {"installers", "providers", "companies"}},
	{{"online", "live", "mobile"}, {"casino", "slots", "poker"}, {"bonus", "games", "jackpots"}},
	{{"fast", "quick", "instant"}, {"payday", "personal", "cash"}, {"loans", "lenders", "advances"}},
	{{"luxury", "designer", "replica"}, {"watches", "handbags", "sunglasses"}, {"sale", "outlet", "store"}},
	{{"weight loss", "diet", "slimming"}, {"pills", "supplements", "tea"}, {"reviews", "results", "offers"}},
}

// spin writes one wording of a spun phrase.
func spin(rng *rand.Rand, lists [][]string) string {
	words := make([]string, len(lists))
	for k, l := range lists {
		words[k] = l[rng.Intn(len(l))]
	}
	return strings.Join(words, " ")
}

// TestRotatedStuffingGeneralises plants twelve spun copies of an invented
// phrase at random word positions of clean corpus articles and measures
// how often keyword_stuffing fires, and how often the rotation rule fires
// on the articles as they are.
func TestRotatedStuffingGeneralises(t *testing.T) {
	recs := cleanNewsSample(t)
	rng := rand.New(rand.NewSource(11))
	c := newStuffing()
	tried, found, falseRotations := 0, 0, 0
	for _, r := range recs {
		d0 := NewDocument(r.Title, r.Text)
		if s := spamSignal(t, c, d0, "keyword_stuffing"); strings.Contains(s.Message, "reworded") {
			falseRotations++
			t.Logf("clean %s: %s", r.ID, s.Message)
		}
		if len(d0.Words) < 200 || len(d0.Words) > 1500 {
			continue
		}
		lists := spinLists[tried%len(spinLists)]
		pos := rng.Perm(len(d0.Words) - 1)[:12]
		sort.Ints(pos)
		var b strings.Builder
		last := 0
		for _, p := range pos {
			at := d0.Words[p+1].Start
			b.WriteString(d0.Text[last:at])
			b.WriteString(spin(rng, lists) + " ")
			last = at
		}
		b.WriteString(d0.Text[last:])
		tried++
		if s := spamSignal(t, c, NewDocument(r.Title, b.String()), "keyword_stuffing"); s.Fired {
			found++
		}
	}
	recall := float64(found) / float64(tried)
	t.Logf("12 spun copies at random positions: found in %d of %d articles (%.0f%%); rotation fired on %d of %d clean articles",
		found, tried, 100*recall, falseRotations, len(recs))
	if recall < 0.65 {
		t.Errorf("rotated stuffing found in %.0f%% of articles, want at least 65%%", 100*recall)
	}
	if 1000*falseRotations > len(recs) {
		t.Errorf("rotation fired on %d of %d clean articles, want at most 0.1%%", falseRotations, len(recs))
	}
}
