package training

import (
	"github.com/newsqual/newsqual/features"
	"slices"
	"strings"
	"testing"
)

const cleanSample = `Council approves new bus lanes

The city council voted 7-2 on Tuesday to add bus lanes on three main roads, a plan officials said would cut journey times by a fifth.

"This is about getting people to work on time," said transport chief Maria Lopez.

Opponents argued the lanes would push traffic onto residential streets. Work is due to start in March.`

func TestAugmentIsDeterministic(t *testing.T) {
	ex := []Example{{Spam: false}}
	ex[0].Article.ID, ex[0].Article.Title, ex[0].Article.Text = "a", "Council approves new bus lanes", cleanSample
	var all []Example
	for i := range 50 {
		e := ex[0]
		e.Article.ID = strings.Repeat("x", i+1)
		all = append(all, e)
	}
	a := Augment(all, DefaultPools(), 3)
	b := Augment(all, DefaultPools(), 3)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("got %d and %d synthetic examples", len(a), len(b))
	}
	for i := range a {
		if a[i].Article.Text != b[i].Article.Text {
			t.Fatalf("example %d differs between runs", i)
		}
	}
	// Every synthetic example falls in its original's fold group, even
	// where the group is the original's own ID.
	keys := GroupKeys(append(append([]Example(nil), all...), a...), DefaultGroupBy)
	for i, e := range a {
		orig := strings.TrimSuffix(e.Article.ID, "#"+e.Augmented)
		if want := "id:" + orig; keys[len(all)+i] != want {
			t.Fatalf("synthetic example %s is in group %q, want %q", e.Article.ID, keys[len(all)+i], want)
		}
	}
	c := Augment(all, DefaultPools(), 4)
	same := 0
	for i := range min(len(a), len(c)) {
		if a[i].Article.Text == c[i].Article.Text {
			same++
		}
	}
	if same == len(a) {
		t.Fatal("another seed gave the same examples")
	}
}

func TestStuffKeywordsRepeatsOnePhrase(t *testing.T) {
	aug := NewAugmenter(DefaultPools(), 1, nil)
	for range 20 {
		text := aug.StuffKeywords("Council approves new bus lanes", cleanSample)
		extra := len(strings.Fields(text)) - len(strings.Fields(cleanSample))
		if extra < 8*2 {
			t.Fatalf("stuffing added %d words:\n%s", extra, text)
		}
	}
}

func TestInjectAdsAddsStandaloneLines(t *testing.T) {
	aug := NewAugmenter(DefaultPools(), 2, nil)
	text := aug.InjectAds(cleanSample)
	before := strings.Split(cleanSample, "\n\n")
	after := strings.Split(text, "\n\n")
	if len(after) <= len(before) {
		t.Fatalf("no line added:\n%s", text)
	}
	for _, p := range before {
		if !slices.ContainsFunc(after, func(q string) bool { return holdsAround(q, p) }) {
			t.Fatalf("paragraph lost: %q", p)
		}
	}
}

// holdsAround reports whether q is p, or p with text put in at one of its
// spaces.
func holdsAround(q, p string) bool {
	if q == p {
		return true
	}
	for i := range len(p) {
		if p[i] == ' ' && strings.HasPrefix(q, p[:i+1]) && strings.HasSuffix(q, " "+p[i+1:]) && len(q) > len(p)+1 {
			return true
		}
	}
	return false
}

func TestPoolsSplitIsDisjoint(t *testing.T) {
	a, b := DefaultPools().Split()
	seen := map[string]bool{}
	for _, s := range a.Ads {
		seen[s] = true
	}
	for _, s := range b.Ads {
		if seen[s] {
			t.Fatalf("ad template %q in both halves", s)
		}
	}
	if len(a.FarmBlocks) == 0 || len(b.FarmBlocks) == 0 {
		t.Fatal("a half has no farm blocks")
	}
}

func TestAddPageFurnitureKeepsTheArticle(t *testing.T) {
	aug := NewAugmenter(DefaultPools(), 5, []string{"Rail fares to rise in March"})
	kinds := map[string]int{}
	for range 200 {
		out := aug.AddPageFurniture("Council approves new bus lanes", cleanSample)
		// The article's words are all still there, in order.
		have := strings.Fields(out)
		k := 0
		for _, w := range strings.Fields(cleanSample) {
			for k < len(have) && !strings.HasSuffix(have[k], w) {
				k++
			}
			if k == len(have) {
				t.Fatalf("%q is gone from:\n%s", w, out)
			}
			k++
		}
		for kind, mark := range map[string]string{"title": "Council approves new bus lanes\n", "credit": "Photo: ", "tags": "Tags: ", "related": "Related: ", "market": "Index ", "statement": "in a statement"} {
			if strings.Contains(out, mark) {
				kinds[kind]++
			}
		}
	}
	for _, kind := range []string{"title", "credit", "tags", "related", "market", "statement"} {
		if kinds[kind] == 0 {
			t.Errorf("no %s furniture in 200 articles", kind)
		}
	}
}

func TestBenignLinesLeaveOutAdsAndForms(t *testing.T) {
	for line, benign := range map[string]bool{
		"Advertisement":                               true,
		"Share this article":                          true,
		"Image caption The bridge closed in 2019":     true,
		"Join our Free $1,000,000 Parlay Challenge":   false,
		"Earn $500 a day from home — fastcashnow.biz": false,
	} {
		if got := benignLine(line); got != benign {
			t.Errorf("benignLine(%q) = %v, want %v", line, got, benign)
		}
	}
}

func TestOpeningCutsAtASentence(t *testing.T) {
	long := strings.Repeat("The council met on Tuesday and agreed the budget for the year. ", 30)
	aug := NewAugmenter(DefaultPools(), 2, nil)
	for range 20 {
		got, ok := aug.Opening(long, 50, 130)
		n := len(strings.Fields(got))
		if !ok || n < 50 || n > 130+12 || !strings.HasSuffix(got, ".") || !strings.HasPrefix(long, got) {
			t.Fatalf("opening of %d words, ok %v: %q", n, ok, got)
		}
	}
	if _, ok := aug.Opening(strings.Repeat("Too short. ", 40), 50, 130); ok {
		t.Fatal("an opening of a text barely longer than it")
	}
}

func TestKeywordRuns(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string
	}{
		{"Blinken returns to Israel as Hamas rejects US ‘diktats’", "Blinken returns | Israel | Hamas rejects US | diktats"},
		{"Best EV deals 2024: what to buy now", "Best EV deals 2024 | buy"},
		{"Contact Jesse Jackson at jjackson@rainbowpush.org Follow us", "Contact Jesse Jackson | Follow"},
		{"RECENT U.S. OIL DEMAND UP 2.3 PCT FROM YEAR AGO\nU.S. oil demand rose", "recent | oil demand | year | oil demand rose"},
		{"SHOE <SHS> STAKE SOLD", "shoe | stake sold"},
		{"Itâ€™s a new day — the council's vote", "new day | council's vote"},
	} {
		var got []string
		for _, run := range keywordRuns(tc.text) {
			got = append(got, strings.Join(run, " "))
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("keywordRuns(%q) = %q, want %q", tc.text, g, tc.want)
		}
	}
}

func TestStuffedPhrasesAreKeywords(t *testing.T) {
	title := "Jackson urges voters at jjackson@rainbowpush.org rally — why it's time to act"
	text := "Contact Jesse Jackson at jjackson@rainbowpush.org Follow us on https://t.co/Mf4SIQtk9G for more. He said it's up to them."
	aug := NewAugmenter(DefaultPools(), 3, []string{"Council approves new bus lanes"})
	for range 300 {
		p := aug.stuffedPhrase(title, text)
		words := strings.Fields(p)
		if len(words) < 2 || len(words) > 4 {
			t.Fatalf("phrase %q has %d words", p, len(words))
		}
		if strings.ContainsAny(p, "@/:<>$%—") {
			t.Fatalf("phrase %q holds an address or a symbol", p)
		}
		for _, w := range []string{words[0], words[len(words)-1]} {
			if !contentWord(w) {
				t.Fatalf("phrase %q opens or closes with %q", p, w)
			}
		}
	}
}

func TestAugmentKeepsWireLayout(t *testing.T) {
	wire := "COUNCIL APPROVES BUS LANES\nThe city council voted 7-2 on Tuesday to add bus\nlanes on three main roads, officials said.\n    Work is due to start in March, and the lanes\nwill run from seven in the morning.\n    Opponents argued the lanes would push traffic\nonto residential streets.\n REUTER"
	blocks, sep := paragraphs(wire)
	if sep != "\n" || len(blocks) != 5 || strings.Join(blocks, sep) != wire {
		t.Fatalf("paragraphs = %q, %q", blocks, sep)
	}
	aug := NewAugmenter(DefaultPools(), 4, nil)
	for range 50 {
		out := aug.StuffKeywords("COUNCIL APPROVES BUS LANES", wire)
		if strings.Contains(out, "\n\n") {
			t.Fatalf("blank lines in wire copy:\n%s", out)
		}
		// Every original line is still there, in order, with copies of
		// the phrase only between or inside them.
		for _, l := range strings.Split(wire, "\n") {
			for _, w := range strings.Fields(l) {
				if !strings.Contains(out, w) {
					t.Fatalf("%q lost:\n%s", w, out)
				}
			}
		}
	}
}

// TestHiddenSpamFiresTheHiddenTextSignal checks that what HiddenSpam hides
// beside an article is found by the hidden_text signal.
func TestHiddenSpamFiresTheHiddenTextSignal(t *testing.T) {
	names := features.Names()
	for seed := range int64(30) {
		hidden := NewAugmenter(DefaultPools(), seed, nil).HiddenSpam("Harbour town weighs new ferry timetable", cleanSample)
		sig := features.ExtractDocument(features.NewPage("", cleanSample, hidden))
		for i, s := range sig {
			if names[i] == "hidden_text" && !s.Fired {
				t.Errorf("seed %d: hidden_text did not fire on %q", seed, hidden)
			}
		}
	}
}
