// Package corpus reads news articles from files, folders, standard input and
// JSON Lines, and loads labelled articles for training and evaluation.
package corpus

// Article is one piece of text to score, with whatever metadata its source
// gave. Only Text is required.
type Article struct {
	// ID names the article: the JSONL "id" field, else the file path.
	ID string `json:"id"`
	// Title is the headline, when the source has one.
	Title string `json:"title,omitempty"`
	// Text is the visible text of the article, lines separated by "\n".
	Text string `json:"text"`
	// URL is where the article was found, when known.
	URL string `json:"url,omitempty"`
	// Label is "clean" or "spam" for labelled data, empty otherwise.
	Label string `json:"label,omitempty"`
	// Kind says what sort of example a labelled article is (e.g. "human-news").
	Kind string `json:"kind,omitempty"`
	// Source names the data set or site the article came from.
	Source string `json:"source,omitempty"`
	// Site is the registrable domain of the outlet that published the
	// article (the JSONL "site" field), when known.
	Site string `json:"site,omitempty"`
	// Generator names the language model that wrote a labelled machine
	// article (the JSONL "model" field), e.g. "gpt-4o".
	Generator string `json:"model,omitempty"`
	// Task says how a labelled machine article was made from its human
	// original (the JSONL "task" field), e.g. "rewrite" or "polish".
	Task string `json:"task,omitempty"`
	// Group ties related articles together so that cross-validation keeps
	// them in the same fold (e.g. an original and its rewrites).
	Group string `json:"group,omitempty"`
	// Hidden is the text of the page's elements that readers never see
	// (display:none, visibility:hidden, the hidden attribute,
	// aria-hidden, noscript), kept apart from Text: none of it is the
	// article, but hidden keyword stuffing and link lists are spam. The
	// HTML readers set it; the JSONL "hidden" field gives it.
	Hidden string `json:"hidden,omitempty"`
	// Truncated is true when the reader cut the article at its size limit.
	Truncated bool `json:"truncated,omitempty"`
}
