package corpus

import (
	"bytes"
	"context"
	"fmt"
)

// DecodeRecord reads one JSON article object, what one line of a JSONL file
// holds, by exactly the rules Walk reads JSONL lines with: the same fields
// ("text", else "html", or "html" first with opts.PreferHTML; "id",
// "title", "url", "label", "kind", "source" (else "site"), "site",
// "group", "model", "task"), the same text clean-up and limits from opts,
// and the same errors. path and line name the record as Walk's path and line
// do: an article without an "id" gets the ID "PATH:LINE", and an error says
// "corpus: PATH:LINE: ..." (its Item.ID holding the record's "id" when that
// could be read).
//
// A record longer than opts.MaxLineBytes is an ErrLineTooLong item and a
// blank one is skipped, as Walk does with such lines. Formats, Stdin and
// the file limits of opts play no part. DecodeRecord is safe for concurrent
// use.
func DecodeRecord(data []byte, path string, line int, opts Options) Item {
	return DecodeRecordContext(context.Background(), data, path, line, opts)
}

// DecodeRecordContext is DecodeRecord that stops reading an "html" field
// once ctx is done: the markup is read in steps, with ctx checked every few
// thousand tokens, and the record is then an error item whose Err wraps
// ctx's error.
func DecodeRecordContext(ctx context.Context, data []byte, path string, line int, opts Options) Item {
	h := newHTMLReader()
	h.ctx = ctx
	w := &walker{opts: opts.withDefaults(), html: h}
	switch {
	case len(data) > w.opts.MaxLineBytes:
		return errorItem(path, line, ErrLineTooLong,
			fmt.Errorf("longer than %d bytes (Options.MaxLineBytes)", w.opts.MaxLineBytes))
	case len(bytes.TrimSpace(data)) == 0:
		return skipItem(path, line, "blank line")
	}
	return w.recordItem(data, path, line)
}

// DecodeHTML reads one HTML page by exactly the rules Walk reads an .html
// file with: the same extraction (readability, or the whole page with
// opts.WholePage), the same text clean-up, limits and errors. The item's
// Article.Text is the text extracted from the page, the text a scorer
// reads and the one its evidence spans point into. path names the page
// as Walk's path does (it is the article's ID, and errors say
// "corpus: PATH: ..."); pageURL, when known, is the article's URL and
// resolves the page's links. Markup past opts.MaxHTMLBytes is cut, and the
// article is then Truncated. DecodeHTML is safe for concurrent use.
func DecodeHTML(raw []byte, path, pageURL string, opts Options) Item {
	w := &walker{opts: opts.withDefaults(), html: newHTMLReader()}
	raw, over, _ := readCapped(bytes.NewReader(raw), w.opts.MaxHTMLBytes) // a bytes.Reader never fails
	it := w.pageItem(raw, over, path, 0, pageURL)
	if it.Err == nil {
		it.Article.URL = pageURL
	}
	return it
}
