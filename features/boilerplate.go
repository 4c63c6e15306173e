package features

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// boilerplate finds page debris: the lines of a scraped page that are not
// the article, such as comment forms, share widgets, breadcrumbs, donation
// appeals, author bios, related-article lists, cookie and newsletter prompts,
// site menus and footers, advertisement markers and a title repeated as a
// line. ClassifyBoilerplate does the line-by-line work; the check sums it
// up.
//
// Signals:
//   - boilerplate: log1p of the number of debris lines. Fired when the text
//     carries the debris of a cheap blog or content farm: a comment form
//     ("Leave a Reply", "Your email address will not be published"), a
//     donation appeal ("This is not a Paywall", "Donate Button") or theme
//     leftovers ("Exit mobile version"). Navigation, share buttons and
//     footers alone do not fire it: clean news pages carry them too.
//   - boilerplate_share: share of the text's non-blank characters that lie
//     in debris lines, 0..1.
//   - comment_form: log1p of the number of comment-section lines, when the
//     page has a comment form ("Leave a Reply", "Required fields are marked
//     *"); comment links alone ("View Comments"), which news sites carry,
//     leave it 0.
//   - spam_debris: log1p of the number of donation-appeal and theme lines,
//     when one of them is content-farm debris (a donation button, a paywall
//     appeal, "Exit mobile version"); 0 otherwise.
//   - repeated_title: log1p of the number of lines that repeat the title (or
//     the first line) after its first occurrence.
type boilerplate struct{}

func newBoilerplate() Check { return boilerplate{} }

// Signals declares the page-debris signals.
func (boilerplate) Signals() []Spec {
	return []Spec{
		{"boilerplate", "content-farm page debris"},
		{"boilerplate_share", "share of page debris"},
		{"comment_form", "comment-form debris"},
		{"spam_debris", "donation appeals and theme leftovers"},
		{"repeated_title", "repeated title"},
	}
}

// Run measures the page debris of d.
func (c boilerplate) Run(d *Document) []Signal {
	kinds, spam := ClassifyBoilerplate(d)
	var (
		lines, spamLines, comment, appeal, title int
		commentForm, farmAppeal                  bool
	)
	for i, k := range kinds {
		if k == NotBoilerplate {
			continue
		}
		lines++
		switch k {
		case CommentForm:
			comment++
		case DonationAppeal, ThemeDebris:
			appeal++
		case RepeatedTitle:
			title++
		}
		if spam[i] {
			spamLines++
			if k == CommentForm {
				commentForm = true
			} else {
				farmAppeal = true
			}
		}
	}
	if lines == 0 {
		return blank(c.Signals())
	}
	debrisChars, allChars := 0, 0
	for i, k := range kinds {
		n := utf8.RuneCountInString(d.Lines[i].Text)
		allChars += n
		if k != NotBoilerplate {
			debrisChars += n
		}
	}
	debris := Signal{
		Value:    math.Log1p(float64(lines)),
		Fired:    spamLines > 0,
		Message:  debrisMessage(kinds, spam, lines),
		Evidence: debrisEvidence(d, kinds, spam, func(int) bool { return true }),
	}
	var debrisShare, form, farm, repeated Signal
	if allChars > 0 {
		share := float64(debrisChars) / float64(allChars)
		debrisShare = Signal{
			Value:   share,
			Message: fmt.Sprintf("%.0f%% of the text is page debris", 100*share),
		}
	}
	if commentForm {
		form = Signal{
			Value:    math.Log1p(float64(comment)),
			Message:  fmt.Sprintf("comment form: %s", bpPlural(comment, "line")),
			Evidence: debrisEvidence(d, kinds, spam, func(i int) bool { return kinds[i] == CommentForm }),
		}
	}
	if farmAppeal {
		farm = Signal{
			Value:    math.Log1p(float64(appeal)),
			Message:  fmt.Sprintf("donation appeal or blog-theme leftovers: %s", bpPlural(appeal, "line")),
			Evidence: debrisEvidence(d, kinds, spam, func(i int) bool { return kinds[i] == DonationAppeal || kinds[i] == ThemeDebris }),
		}
	}
	if title > 0 {
		repeated = Signal{
			Value:    math.Log1p(float64(title)),
			Message:  fmt.Sprintf("title repeated as a line %s", bpPlural(title, "more time")),
			Evidence: debrisEvidence(d, kinds, spam, func(i int) bool { return kinds[i] == RepeatedTitle }),
		}
	}
	return []Signal{
		named("boilerplate", debris),
		named("boilerplate_share", debrisShare),
		named("comment_form", form),
		named("spam_debris", farm),
		named("repeated_title", repeated),
	}
}

// debrisMessage says how many debris lines there are and of which kinds,
// content-farm debris first.
func debrisMessage(kinds []BoilerplateKind, spam []bool, lines int) string {
	var all, farm [len(boilerplateKindNames)]int
	for i, k := range kinds {
		all[k]++
		if spam[i] {
			farm[k]++
		}
	}
	names := func(count []int, limit int) string {
		var out []string
		for k := CommentForm; int(k) < len(count) && len(out) < limit; k++ {
			if count[k] > 0 {
				out = append(out, k.String())
			}
		}
		return strings.Join(out, ", ")
	}
	if f := names(farm[:], 3); f != "" {
		return fmt.Sprintf("content-farm page debris (%s) among %s of page debris", f, bpPlural(lines, "line"))
	}
	return fmt.Sprintf("%s of page debris (%s)", bpPlural(lines, "line"), names(all[:], 4))
}

// debrisMaxEvidence caps the evidence of each signal.
const debrisMaxEvidence = 10

// debrisEvidence lists the distinct debris lines i that keep accepts,
// content-farm debris first, then by kind, then in page order, with their
// counts.
func debrisEvidence(d *Document, kinds []BoilerplateKind, spam []bool, keep func(i int) bool) []Evidence {
	type item struct {
		ev   Evidence
		spam bool
		kind BoilerplateKind
	}
	idx := make(map[string]int)
	var items []item
	for i, k := range kinds {
		if k == NotBoilerplate || !keep(i) {
			continue
		}
		text := d.Lines[i].Text
		if j, ok := idx[text]; ok {
			items[j].ev.Count++
			continue
		}
		idx[text] = len(items)
		items = append(items, item{Evidence{Text: text, Count: 1, Line: d.Lines[i].Number}, spam[i], k})
	}
	sort.SliceStable(items, func(a, b int) bool {
		if items[a].spam != items[b].spam {
			return items[a].spam
		}
		return items[a].kind < items[b].kind
	})
	if len(items) > debrisMaxEvidence {
		items = items[:debrisMaxEvidence]
	}
	out := make([]Evidence, len(items))
	for i, it := range items {
		out[i] = it.ev
	}
	return out
}
