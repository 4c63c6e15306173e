package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"

	"github.com/newsqual/newsqual/corpus"
	// WARC files (.warc, .warc.gz) are read by their own package.
	_ "github.com/newsqual/newsqual/corpus/warc"
)

// input is one article read, or one input that could not be read, on its
// way to the scorer.
type input struct {
	// Path is the file the input came from, as matched or walked.
	Path string
	// Root is what the file was found under (see fileToRead).
	Root string
	// Line is the 1-based JSONL line, 0 for a whole file.
	Line int
	// Where names the input in messages ("crawl.jsonl:7").
	Where string
	// ID is the record's own id when it could be read, even when Err is
	// set (corpus.Item.ID); empty otherwise.
	ID string
	// Err says why the input could not be read; empty for an article.
	Err string
	// Article is the article read when Err is empty.
	Article corpus.Article
}

// readFn reads one matched file (or local folder) into inputs, with the
// reader of `newsqual score`: one input per file, one per JSONL line.
// Skipped inputs (blank lines, files of unknown type inside folders) are
// logged and counted, not emitted, as the command line lists them on
// stderr only.
type readFn struct {
	MaxBytes     int  `json:"max_bytes"`
	MaxLineBytes int  `json:"max_line_bytes"`
	MaxHTMLBytes int  `json:"max_html_bytes"`
	MaxHTMLDepth int  `json:"max_html_depth"`
	WholePage    bool `json:"whole_page"`
}

func newReadFn(o Options) *readFn {
	return &readFn{
		MaxBytes:     o.MaxBytes,
		MaxLineBytes: o.MaxLineBytes,
		MaxHTMLBytes: o.MaxHTMLBytes,
		MaxHTMLDepth: o.MaxHTMLDepth,
		WholePage:    o.WholePage,
	}
}

// ProcessElement reads one file, or a local folder recursively.
func (f *readFn) ProcessElement(ctx context.Context, file fileToRead, emit func(input)) error {
	opts := corpus.Options{
		MaxBytes:     f.MaxBytes,
		MaxLineBytes: f.MaxLineBytes,
		MaxHTMLBytes: f.MaxHTMLBytes,
		MaxHTMLDepth: f.MaxHTMLDepth,
		WholePage:    f.WholePage,
	}
	return walkFile(ctx, file.Path, opts, func(it corpus.Item) {
		if it.Warning != "" {
			warnedInputs.Inc(ctx, 1)
			log.Warnf(ctx, "warning: %s: %s", it.Where(), it.Warning)
		}
		if it.Skipped != "" {
			skippedInputs.Inc(ctx, int64(it.Count()))
			log.Infof(ctx, "skipped %s: %s", it.Where(), it.Skipped)
			return
		}
		in := inputOf(it)
		in.Root = file.Root
		emit(in)
	})
}

// inputOf turns a reader item that is not skipped into an input.
func inputOf(it corpus.Item) input {
	in := input{Path: it.Path, Line: it.Line, Where: it.Where(), ID: it.ID}
	if it.Err != nil {
		in.Err = it.Err.Error()
		return in
	}
	in.Article = it.Article
	return in
}

// walkFile reads the file at name with the corpus reader. A local file is
// read in place; a file on another filesystem (gs://, s3://) is first
// copied to the worker's temporary folder, since the reader (WARC and gzip
// included) reads local files, and the copy's name is replaced by the
// original one in every path, ID and message.
func walkFile(ctx context.Context, name string, opts corpus.Options, fn func(corpus.Item)) error {
	if isLocal(name) {
		return corpus.Walk([]string{name}, opts, func(it corpus.Item) error {
			fn(it)
			return nil
		})
	}
	dir, err := os.MkdirTemp("", "newsqual-beam-")
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer os.RemoveAll(dir)
	local := filepath.Join(dir, path.Base(name))
	if err := copyToLocal(ctx, name, local); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return corpus.Walk([]string{local}, opts, func(it corpus.Item) error {
		fn(renameItem(it, local, name))
		return nil
	})
}

// isLocal reports whether a path names a file of the local filesystem:
// as for Beam, a path without a "scheme://" prefix.
func isLocal(name string) bool { return strings.Index(name, "://") <= 0 }

// copyToLocal copies the file at name, on any Beam filesystem, to local.
func copyToLocal(ctx context.Context, name, local string) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, name)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.Create(local)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// renameItem replaces the name of a local copy by the original name in
// an item's path, default ID and error.
func renameItem(it corpus.Item, local, name string) corpus.Item {
	rename := func(s string) string {
		if rest, ok := strings.CutPrefix(s, local); ok {
			return name + rest
		}
		return s
	}
	it.Path = rename(it.Path)
	it.Article.ID = rename(it.Article.ID)
	var cerr *corpus.Error
	if errors.As(it.Err, &cerr) {
		renamed := *cerr
		renamed.Path = rename(renamed.Path)
		it.Err = &renamed
	}
	return it
}
