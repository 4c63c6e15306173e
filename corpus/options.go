package corpus

import (
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Default limits used when an Options field is zero.
const (
	// DefaultMaxBytes is the default cap on the text of one article.
	DefaultMaxBytes = 4 << 20
	// DefaultMaxLineBytes is the default cap on one JSONL line: four times
	// the text cap leaves room for escaping and HTML, and keeps the memory
	// of one line bounded.
	DefaultMaxLineBytes = 16 << 20
	// DefaultMaxHTMLBytes is the default cap on the markup of one HTML file.
	DefaultMaxHTMLBytes = 32 << 20
	// DefaultMaxHTMLDepth is the default cap on element nesting, the
	// deepest tree the HTML parser builds; deeper pages are read tag by tag.
	DefaultMaxHTMLDepth = 512
)

// Format is how an input is read.
type Format int

// The formats the reader knows.
const (
	// FormatAuto picks the format from the file name's extension (see
	// FormatOf), and sniffs standard input and extension-less streams.
	FormatAuto Format = iota
	// FormatText reads the input as plain text (.txt, .md).
	FormatText
	// FormatHTML reads the visible text of an HTML page (.html, .htm).
	FormatHTML
	// FormatJSONL reads one JSON object per line (.jsonl, .ndjson).
	FormatJSONL
	// FormatWARC reads the HTML pages of a web archive (.warc, .warc.gz),
	// one item per WARC record, as Walk describes. Its reader is in
	// package github.com/newsqual/newsqual/corpus/warc, which a program
	// links with a blank import (see RegisterReader).
	FormatWARC
)

// String returns the format's name as used by ParseFormat.
func (f Format) String() string {
	switch f {
	case FormatText:
		return "text"
	case FormatHTML:
		return "html"
	case FormatJSONL:
		return "jsonl"
	case FormatWARC:
		return "warc"
	}
	return "auto"
}

// ParseFormat returns the format named "auto", "text", "html", "jsonl" or
// "warc" (also "txt", "md", "htm", "ndjson"), and false for any other name.
func ParseFormat(name string) (Format, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "auto":
		return FormatAuto, true
	case "text", "txt", "md", "markdown":
		return FormatText, true
	case "html", "htm":
		return FormatHTML, true
	case "jsonl", "ndjson":
		return FormatJSONL, true
	case "warc":
		return FormatWARC, true
	}
	return FormatAuto, false
}

// FormatOf returns the format that a file's extension (case-insensitive)
// calls for: .txt, .text, .md and .markdown are text; .html, .htm and .xhtml
// are HTML; .jsonl and .ndjson are JSONL; .warc is WARC. A trailing .gz is
// looked through (a.jsonl.gz is JSONL, a.warc.gz is WARC). It returns
// FormatAuto for any other name.
func FormatOf(path string) Format {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".txt", ".text", ".md", ".markdown":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".warc":
		return FormatWARC
	}
	return FormatAuto
}

// Options controls the reader. The zero value is ready to use.
type Options struct {
	// MaxBytes caps the text of one article (default DefaultMaxBytes).
	// Longer text is cut at a UTF-8 boundary, Article.Truncated is set and
	// Item.Warning says so. A file is never read much past this limit.
	MaxBytes int
	// MaxLineBytes caps one JSONL line (default DefaultMaxLineBytes). A
	// longer line is an ErrLineTooLong item and reading goes on at the next
	// line; the long line is never held in memory.
	MaxLineBytes int
	// MaxHTMLBytes caps the markup read from one HTML file or WARC response
	// (default DefaultMaxHTMLBytes); past it the page is cut and the article
	// is marked Truncated.
	MaxHTMLBytes int
	// Format, when not FormatAuto, is used for standard input and for every
	// path named in the call instead of its extension. Files found inside
	// folders always go by their extension.
	Format Format
	// FollowSymlinks follows every symbolic link met inside a folder. By
	// default a link is followed only when it leads to a file or folder
	// inside the paths given to Walk (their real paths, links resolved);
	// any other link is skipped with a reason, so a folder holding a link
	// to a credentials file or to / reads nothing outside itself. Paths
	// named in the call are always followed. Either way a link back into a
	// folder being read is an ErrSymlinkCycle item, never a loop.
	FollowSymlinks bool
	// WholePage reads the visible text of the whole HTML page (menus,
	// comments and all) instead of the article that readability finds.
	WholePage bool
	// PreferHTML reads a JSONL record that has both "text" and "html" from
	// its "html", through the same HTML reader as .html files, instead of
	// its "text"; the record's "title", when present, is still its title.
	// A record whose "html" has no visible text is then an ErrNoText item,
	// even when its "text" has some, so that a page the reader cannot read
	// is never scored on text it did not extract.
	PreferHTML bool
	// MaxHTMLDepth caps the nesting of elements (default
	// DefaultMaxHTMLDepth): a page nested deeper is not built as a tree but
	// read tag by tag, and its Item.Warning says so.
	MaxHTMLDepth int
	// Stdin is read for the path "-" (default os.Stdin).
	Stdin io.Reader
	// ReadBytes, when set, is called with the count of bytes of each read
	// from a regular file, as they are on disk (before gunzipping), from
	// the goroutine that calls Walk, so that a caller can show progress
	// against the files' sizes. Standard input and other streams are not
	// counted.
	ReadBytes func(n int)
	// KeepRecord keeps a copy of each JSONL line read as an article in
	// Item.Record, for callers that write the record back out (newsqual
	// filter). It costs a copy of every line.
	KeepRecord bool
}

// withDefaults returns the options with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	if o.MaxHTMLBytes <= 0 {
		o.MaxHTMLBytes = DefaultMaxHTMLBytes
	}
	if o.MaxHTMLDepth <= 0 || o.MaxHTMLDepth > DefaultMaxHTMLDepth {
		o.MaxHTMLDepth = DefaultMaxHTMLDepth
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o
}
