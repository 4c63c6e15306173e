package features

// descriptions say in a few words what each signal measures, for reasons
// that have no message of their own (typically a signal that found nothing,
// which pulls a score toward clean).
var descriptions = map[string]string{
	"ad_injection":         "injected ad lines",
	"promo_terms":          "promotional vocabulary",
	"shop_template":        "shop or filler template lines",
	"lorem_ipsum":          "lorem-ipsum filler",
	"price_lines":          "standalone price lines",
	"placeholder_text":     "placeholder text",
	"keyword_stuffing":     "keyword stuffing",
	"top_2gram_share":      "text in the most repeated word pair",
	"top_3gram_share":      "text in the most repeated three-word phrase",
	"top_4gram_share":      "text in the most repeated four-word phrase",
	"dup_5gram_share":      "text in repeated five-word phrases",
	"dup_10gram_share":     "text in repeated ten-word passages",
	"dup_line_share":       "duplicated lines",
	"dup_paragraph_share":  "duplicated paragraphs",
	"ai_phrases":           "stock AI-filler phrases",
	"ai_closing":           "generic closing summary",
	"sentence_uniformity":  "uniform sentence lengths",
	"specifics_density":    "specifics (numbers, names, quotes)",
	"said_avoidance":       "elaborate reporting verbs instead of \"said\"",
	"ai_filler":            "AI-filler prose",
	"direct_quotes":        "direct quotes",
	"attribution":          "attribution to sources",
	"no_sourcing":          "missing sourcing",
	"unlinked_source":      "unlinked \"Source: Read More\" line",
	"outlet_summary":       "retelling of another outlet's report",
	"boilerplate":          "content-farm page debris",
	"boilerplate_share":    "share of page debris",
	"comment_form":         "comment-form debris",
	"spam_debris":          "donation appeals and theme leftovers",
	"repeated_title":       "repeated title",
	"word_count":           "length in words",
	"mean_word_length":     "mean word length",
	"stopword_ratio":       "share of stop words",
	"terminal_punct_share": "share of paragraphs ending a sentence",
	"short_line_share":     "share of short lines",
	"symbol_ratio":         "symbols per word",
	"bullet_share":         "share of bulleted lines",
	"fake_headings":        "sentences broken into fake headings",
	"repeated_trigrams":    "three-word sequences that recur",
	"lexical_diversity":    "distinct words in every 50",
	"hidden_text":          "stuffing or links in text hidden from readers",
}

// Description says in a few words what the named signal measures, or
// returns the name when it has no description.
func Description(name string) string {
	if d, ok := descriptions[name]; ok {
		return d
	}
	return name
}
