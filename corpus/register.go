package corpus

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

// A FormatReader reads one input of a format whose reader lives in another
// package, such as WARC (github.com/newsqual/newsqual/corpus/warc), and
// yields its items through in.Emit. It returns only the error Emit
// returns; problems with the input are items, as Walk describes.
type FormatReader func(in *Input) error

// Input is one input that Walk hands to a registered FormatReader, with
// the means to turn what the reader finds into items.
type Input struct {
	// Path is the input as walked, "-" for standard input.
	Path string
	// R reads the input's bytes as stored: a gzipped file is not
	// decompressed for a registered reader.
	R io.Reader
	w *walker
}

// Options returns the options of the Walk call, defaults filled in.
func (in *Input) Options() Options { return in.w.opts }

// Emit passes an item to the Walk call's function and returns its error.
func (in *Input) Emit(it Item) error { return in.w.emit(it) }

// Page reads the markup of one HTML page as Walk reads an HTML file and
// returns its item: an article, or an error saying why the page holds
// none. over says whether the markup was already cut at
// Options.MaxHTMLBytes; line is the item's place in the input (0 for the
// whole input); pageURL, when known, resolves the page's links.
func (in *Input) Page(raw []byte, over bool, line int, pageURL string) Item {
	return in.w.pageItem(raw, over, in.Path, line, pageURL)
}

// Error returns the item for a problem with the input at line (0 for the
// whole input): its Err is an *Error of the given kind (one of the Err
// values of this package, or nil) and cause.
func (in *Input) Error(line int, kind, cause error) Item {
	return errorItem(in.Path, line, kind, cause)
}

// Skip returns the item for a part of the input at line passed over on
// purpose, with the reason.
func (in *Input) Skip(line int, reason string) Item { return skipItem(in.Path, line, reason) }

// readers holds the registered FormatReaders.
var readers struct {
	sync.RWMutex
	m map[Format]FormatReader
}

// linkedBy names the package that registers the reader of each format
// read by another package, for the error given when it is not linked.
var linkedBy = map[Format]string{
	FormatWARC: "github.com/newsqual/newsqual/corpus/warc",
}

// RegisterReader makes read the reader of format, as image.RegisterFormat
// does for image decoders. It is meant to be called from the init function
// of the package that holds the reader; a program links that package with
// a blank import, e.g.
//
//	import _ "github.com/newsqual/newsqual/corpus/warc"
//
// Without it, Walk gives each input of the format an error item naming the
// package to import. RegisterReader panics when read is nil, when format
// has a reader of its own in this package (text, HTML, JSONL), or when a
// reader of format is already registered.
func RegisterReader(format Format, read FormatReader) {
	if read == nil {
		panic("corpus: RegisterReader with a nil reader")
	}
	if _, ok := linkedBy[format]; !ok {
		panic(fmt.Sprintf("corpus: RegisterReader: format %v is read by this package", format))
	}
	readers.Lock()
	defer readers.Unlock()
	if readers.m == nil {
		readers.m = make(map[Format]FormatReader)
	}
	if _, dup := readers.m[format]; dup {
		panic(fmt.Sprintf("corpus: RegisterReader called twice for format %v", format))
	}
	readers.m[format] = read
}

// readRegistered reads one input with the registered reader of format,
// or gives the input an error item naming the package to import.
func (w *walker) readRegistered(r io.Reader, path string, format Format) error {
	readers.RLock()
	read := readers.m[format]
	readers.RUnlock()
	if read == nil {
		name := format.String()
		if format == FormatWARC {
			name = "WARC"
		}
		return w.emit(errorItem(path, 0, nil, errors.New(name+" support not linked: import "+linkedBy[format])))
	}
	return read(&Input{Path: path, R: r, w: w})
}
