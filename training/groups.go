package training

import (
	"fmt"
	"strings"

	"github.com/newsqual/newsqual/corpus"
)

// The article fields a cross-validation grouping can use (see GroupBy).
const (
	// BySite keeps each outlet (Article.Site) in one fold: leave-site-out.
	BySite = "site"
	// BySource keeps each data set or named source in one fold.
	BySource = "source"
	// ByModel keeps each generator family (Article.Generator, see
	// GeneratorFamily) in one fold: leave-generator-out. Human articles
	// have no generator.
	ByModel = "model"
	// ByGroup keeps records that share Article.Group (an original and its
	// rewrites) in one fold.
	ByGroup = "group"
	// ByID gives every article a group of its own: a plain random split
	// of whatever the fields before it leave ungrouped.
	ByID = "id"
)

// GroupBy says which examples must share a cross-validation fold: the
// first of its fields that an article has decides its group, and an
// article with none of them falls back to its source, then to its own ID.
// GroupBy{BySite} holds out whole outlets; GroupBy{BySite, ByGroup} does
// too, and keeps each human original with its machine rewrites where there
// is no site.
type GroupBy []string

// DefaultGroupBy is the grouping training uses: whole sites, else whole
// rewrite groups, else whole sources, so that thresholds chosen on
// out-of-fold predictions are chosen on outlets the model had not seen.
var DefaultGroupBy = GroupBy{BySite, ByGroup}

// ParseGroupBy reads a grouping written as a comma-separated list of
// fields, e.g. "site" or "site,group".
func ParseGroupBy(s string) (GroupBy, error) {
	var g GroupBy
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case BySite, BySource, ByModel, ByGroup, ByID:
			g = append(g, f)
		case "":
		default:
			return nil, fmt.Errorf("group by %q: want site, source, model, group or id, or a comma-separated list of them", f)
		}
	}
	if len(g) == 0 {
		return nil, fmt.Errorf("group by %q: name at least one of site, source, model, group, id", s)
	}
	return g, nil
}

// String writes the grouping as ParseGroupBy reads it.
func (g GroupBy) String() string { return strings.Join(g, ",") }

// Key returns the group of an article with the given label: a field name
// and its value, such as "site:example.com" or "model:gpt-4".
func (g GroupBy) Key(a corpus.Article, spam bool) string {
	for _, field := range g {
		var v string
		switch field {
		case BySite:
			v = a.Site
		case BySource:
			v = a.Source
		case ByModel:
			if spam {
				v = GeneratorFamily(a.Generator)
			}
		case ByGroup:
			v = a.Group
		case ByID:
			v = a.ID
		}
		if v != "" {
			return field + ":" + v
		}
	}
	if a.Source != "" {
		return BySource + ":" + a.Source
	}
	return "id:" + a.ID
}

// hubNamespaces are the model-hub organisations whose names prefix
// generator names ("mistralai-mistral-7b-instruct", "meta-llama/Llama-2-7b").
var hubNamespaces = []string{
	"01-ai", "anthropic", "bigscience", "chavinlo", "deepseek-ai", "eleutherai",
	"facebook", "google", "huggingfaceh4", "lmsys", "meta-llama", "microsoft",
	"mistralai", "nousresearch", "openai", "qwen", "stabilityai", "tiiuae", "vicgalle",
}

// GeneratorFamily folds a generator's name to its family, so that holding
// out a generator holds out its versions and sizes in every data set:
// lower case, the model hub's organisation dropped, the name cut at its
// size ("7b", "8x7b") and at most its first two parts kept.
// "gpt-3.5-turbo" and "gpt-3.5-turbo-0125" are both "gpt-3.5";
// "meta-llama-llama-2-70b-chat-hf" and "Llama-2-7B" both "llama-2";
// "mistralai-mistral-7b-instruct-v0.2" and "Mistral-7B" both "mistral";
// "alpaca-7b" and "chavinlo-alpaca-13b" both "alpaca".
func GeneratorFamily(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	for _, ns := range hubNamespaces {
		if rest, ok := strings.CutPrefix(name, ns+"-"); ok && rest != "" {
			name = rest
			break
		}
	}
	var kept []string
	for i, part := range strings.Split(name, "-") {
		if len(kept) == 2 || (i > 0 && isModelSize(part)) {
			break
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, "-")
}

// isModelSize reports whether part of a model name gives its size in
// parameters: "7b", "70b", "7b1", "8x7b", "1.5b", "350m".
func isModelSize(part string) bool {
	digits := func(s string) int {
		n := 0
		for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '.' && n > 0) {
			n++
		}
		return n
	}
	n := digits(part)
	if n == 0 {
		return false
	}
	rest := part[n:]
	if r, ok := strings.CutPrefix(rest, "x"); ok {
		m := digits(r)
		if m == 0 {
			return false
		}
		rest = r[m:]
	}
	if rest == "" || (rest[0] != 'b' && rest[0] != 'm') {
		return false
	}
	return digits(rest[1:]) == len(rest)-1
}
