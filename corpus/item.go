package corpus

import (
	"errors"
	"strconv"
)

// Item is what the reader yields for one input: one file, or one line of a
// JSONL file. Exactly one of three things holds: Err is set (the input could
// not be read as an article), Skipped is set (the input was passed over on
// purpose, with the reason), or neither is set and Article holds the article.
type Item struct {
	// Article is the article read; meaningful only when OK reports true.
	Article Article
	// Path is the input the item came from: a file or folder path as
	// walked (folder paths joined with the names found inside), or "-" for
	// standard input.
	Path string
	// Line is the 1-based line number of a JSONL record or the 1-based
	// record number in a WARC file, 0 for an item that stands for a whole
	// file or folder.
	Line int
	// Err says why the input could not be read. It is an *Error.
	Err error
	// Skipped says why the input was passed over on purpose (e.g.
	// `unsupported extension ".pdf"`); empty otherwise.
	Skipped string
	// Lines is how many consecutive lines a skipped item stands for: a run
	// of blank JSONL lines is one item, Line its first line, so that a file
	// of a billion blank lines is not a billion items. 0 means one, as for
	// every other item; Count reads it.
	Lines int
	// Warning notes something the reader did to an article it read, such
	// as cutting it at Options.MaxBytes; empty otherwise.
	Warning string
	// ID is the record's own "id" when the record could be decoded far
	// enough to read it, even when Err is set (a JSONL record with an id
	// but no text, or with a label that is refused); empty otherwise. For
	// an article item it equals Article.ID when the record had an id.
	ID string
	// Record is the JSONL line an article was read from, without its line
	// end (and a file's byte order mark), when Options.KeepRecord is set;
	// nil otherwise and for every other kind of input.
	Record []byte
}

// OK reports whether the item holds an article: it has neither an error nor
// a reason for being skipped.
func (it Item) OK() bool { return it.Err == nil && it.Skipped == "" }

// Count returns how many inputs the item stands for: Lines for a run of
// blank lines, else 1. Counts of skipped inputs add it up.
func (it Item) Count() int { return max(it.Lines, 1) }

// Where names the input for messages: the path ("stdin" for "-") and, for a
// JSONL record, its line, as in "data.jsonl:7"; for a WARC record, its
// record number, as in "crawl.warc.gz:3". The same PATH:N form is the
// default ID of a JSONL record without an "id".
func (it Item) Where() string { return Position(it.Path, it.Line) }

// Position names the place of an input as Item.Where does: the path
// ("stdin" for "-"), then ":" and the 1-based line (or WARC record) when
// line is above 0.
func Position(path string, line int) string {
	name := displayName(path)
	if line > 0 {
		return name + ":" + strconv.Itoa(line)
	}
	return name
}

// displayName is the name of an input in messages and default IDs.
func displayName(path string) string {
	if path == stdinPath {
		return "stdin"
	}
	return path
}

// stdinPath is the path that stands for standard input.
const stdinPath = "-"

// The kinds of problem the reader reports. An *Error matches its kind with
// errors.Is, e.g. errors.Is(item.Err, corpus.ErrBinary).
var (
	// ErrEmpty means the file holds no bytes, or only white space.
	ErrEmpty = errors.New("empty file")
	// ErrNoText means a JSONL record or an HTML page holds no text.
	ErrNoText = errors.New("no text")
	// ErrBinary means the input does not look like text (NUL or many control
	// bytes in its first 8 KiB).
	ErrBinary = errors.New("binary file")
	// ErrInvalidJSON means a JSONL line is not one JSON object of the
	// expected shape.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrLineTooLong means a JSONL line is longer than Options.MaxLineBytes.
	ErrLineTooLong = errors.New("line too long")
	// ErrSymlinkCycle means a folder is reached again through a symbolic link
	// while it is still being read.
	ErrSymlinkCycle = errors.New("symlink cycle")
	// ErrNoLabel means that, in labelled mode, a record has no label and no
	// enclosing clean/ or spam/ folder gives one.
	ErrNoLabel = errors.New("no label")
	// ErrUnknownLabel means that, in labelled mode, a record's label is neither
	// "clean" nor "spam" (nor "page", which is skipped).
	ErrUnknownLabel = errors.New("unknown label")
	// ErrLabelConflict means that, in labelled mode, a record's label
	// disagrees with the clean/ or spam/ folder it sits in.
	ErrLabelConflict = errors.New("label conflict")
)

// The kinds of problem met in web archives, reported by the WARC reader
// (github.com/newsqual/newsqual/corpus/warc). An *Error matches its kind
// with errors.Is.
var (
	// ErrWARC means a WARC file's framing cannot be read: it is cut short
	// (a download that stopped), corrupt, or not a WARC file at all. The
	// item names the record where reading failed; the records after it in
	// that file are not read, since nothing marks where they begin.
	ErrWARC = errors.New("broken WARC file")
	// ErrHTTPResponse means a WARC response record holds an HTTP message
	// that cannot be parsed or whose body cannot be decoded. Only that
	// record is lost; reading goes on with the next one.
	ErrHTTPResponse = errors.New("bad HTTP response")
)

// Error is a problem with one input, naming the file and, for JSONL, the
// line: "corpus: data.jsonl:7: invalid JSON: unexpected end of JSON
// input".
type Error struct {
	// Path is the input as walked, "-" for standard input.
	Path string
	// Line is the 1-based JSONL line or WARC record, 0 when the problem is
	// the whole input.
	Line int
	// Kind is one of the Err values of this package, or nil for a plain
	// input/output error (missing file, permission denied).
	Kind error
	// Err is the underlying cause or detail; may be nil when Kind says all.
	Err error
}

// Error formats the problem with its place.
func (e *Error) Error() string {
	msg := "corpus: " + Position(e.Path, e.Line)
	if e.Kind != nil {
		msg += ": " + e.Kind.Error()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the kind and the cause, so that errors.Is matches either
// (e.g. corpus.ErrInvalidJSON, or fs.ErrPermission for an unreadable file).
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// errorItem is the item for a problem with an input.
func errorItem(path string, line int, kind, cause error) Item {
	return Item{Path: path, Line: line, Err: &Error{Path: path, Line: line, Kind: kind, Err: cause}}
}

// skipItem is the item for an input passed over on purpose.
func skipItem(path string, line int, reason string) Item {
	return Item{Path: path, Line: line, Skipped: reason}
}
