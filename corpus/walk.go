package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Walk reads every input named in paths and calls fn once for each item, in
// a fixed order: paths in the order given, folders recursively with their
// entries sorted by name. "-" stands for standard input (Options.Stdin).
//
// Every input yields exactly one item: one per file, one per JSONL line,
// one for each file or folder that is skipped (with the reason) or cannot
// be read (with an *Error naming it). Problems with the inputs are never
// returned by Walk itself, so one bad file never stops a run; Walk returns
// only the first error fn returns, after which it stops.
//
// Formats go by extension (see FormatOf); a file named in paths with an
// unknown extension is read as plain text, and standard input is sniffed
// (JSONL when it starts with "{", HTML when it starts with a tag, text
// otherwise) unless Options.Format says. Inside folders, files with other
// extensions, hidden entries (names starting with "."), named pipes, devices
// and sockets are skipped with a reason. A symbolic link inside a folder
// is followed when it leads inside the paths given (or always, with
// Options.FollowSymlinks), and skipped with a reason naming its target
// otherwise; a link back into a folder being read is an ErrSymlinkCycle
// item, and a folder reached a second time is skipped as already read.
//
// Plain text (.txt, .md) keeps every line, the first one too; Title stays
// empty, since a text file has no marked headline. HTML yields the article
// that readability finds, with the page title (and the byline kept as the
// first line), once the page's furniture is out: parts whose class or id
// names them as comments, related stories, share tools, advertisements or
// hidden copies before readability runs; lists of links, photo captions,
// a trailing comment section and lines that are only rules from the
// article it finds. When readability finds nothing, or with
// Options.WholePage, it yields the visible text of the page, script,
// style and noscript left out, one block per line. JSONL records take
// "text" (else "html", or "html" first with Options.PreferHTML), "id",
// "title", "url", "label", "kind", "source" (else "site") and "group"; the
// ID defaults to "FILE:LINE", and "label" is kept as given (WalkLabelled
// checks it). WARC files (.warc, .warc.gz) yield one item per record: an
// article for each HTML page a response record holds, a skip with the
// reason for every other record (see ErrWARC for broken files), once the
// WARC reader is linked (import _ "github.com/newsqual/newsqual/corpus/warc");
// without it, each WARC input is one error item saying so. Every text
// is valid UTF-8 with "\n" line ends: invalid bytes become U+FFFD (and in
// HTML, UTF-8 once decoded as windows-1252 is put right), and nothing
// longer than Options.MaxBytes is kept.
//
// Only one article is in memory at a time, so Walk suits inputs of any
// size.
func Walk(paths []string, opts Options, fn func(Item) error) error {
	w := &walker{
		opts:    opts.withDefaults(),
		fn:      fn,
		visited: make(map[string]string),
		active:  make(map[string]bool),
		html:    newHTMLReader(),
	}
	for _, p := range paths {
		if p == stdinPath {
			continue
		}
		if real, err := resolvePath(p); err == nil {
			w.roots = append(w.roots, real)
		}
	}
	for _, p := range paths {
		if err := w.walkPath(p); err != nil {
			return err
		}
	}
	return nil
}

// Items returns the items of Walk as an iterator. Breaking out of the loop
// stops the reading.
func Items(paths []string, opts Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		_ = Walk(paths, opts, func(it Item) error {
			if !yield(it) {
				return errStop
			}
			return nil
		})
	}
}

var errStop = errors.New("stop")

// walker holds the state of one Walk call.
type walker struct {
	opts Options
	fn   func(Item) error
	// visited maps the real path of each folder read to the path it was
	// read as; active holds the real paths of the folders being read now.
	visited map[string]string
	active  map[string]bool
	// roots are the real paths of the paths given, inside which links are
	// followed without Options.FollowSymlinks.
	roots []string
	html  *htmlReader
}

// resolvePath returns the absolute path of path with every link resolved.
func resolvePath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// inside reports whether the real path p is one of the roots or lies
// within one.
func (w *walker) inside(p string) bool {
	for _, r := range w.roots {
		if p == r || strings.HasPrefix(p, strings.TrimSuffix(r, string(filepath.Separator))+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (w *walker) emit(it Item) error { return w.fn(it) }

// walkPath reads one path named by the caller.
func (w *walker) walkPath(path string) error {
	if path == stdinPath {
		return w.readStream(w.opts.Stdin, stdinPath, w.opts.Format)
	}
	info, err := os.Stat(path)
	if err != nil {
		return w.emit(errorItem(path, 0, nil, err))
	}
	switch {
	case info.IsDir():
		return w.walkDir(path)
	case info.Mode().IsRegular():
		format := w.opts.Format
		if format == FormatAuto {
			format = FormatOf(path)
		}
		if format == FormatAuto {
			format = FormatText
		}
		return w.readFile(path, path, format, true)
	default:
		// A named pipe, device or /dev/fd entry that the caller asked for
		// by name is read as a stream, like standard input.
		format := w.opts.Format
		if format == FormatAuto {
			format = FormatOf(path)
		}
		f, err := os.Open(path)
		if err != nil {
			return w.emit(errorItem(path, 0, nil, err))
		}
		defer f.Close()
		return w.readStream(f, path, format)
	}
}

// walkDir reads a folder's entries in name order.
func (w *walker) walkDir(dir string) error {
	realPath, err := resolvePath(dir)
	if err != nil {
		return w.emit(errorItem(dir, 0, nil, err))
	}
	if w.active[realPath] {
		return w.emit(errorItem(dir, 0, ErrSymlinkCycle,
			fmt.Errorf("leads back to %s, which is being read", realPath)))
	}
	if first, ok := w.visited[realPath]; ok {
		return w.emit(skipItem(dir, 0, "same folder as "+first+", already read"))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return w.emit(errorItem(dir, 0, nil, err))
	}
	w.visited[realPath] = dir
	w.active[realPath] = true
	defer delete(w.active, realPath)
	for _, e := range entries {
		if err := w.walkEntry(filepath.Join(dir, e.Name()), e); err != nil {
			return err
		}
	}
	return nil
}

// walkEntry reads one entry found inside a folder.
func (w *walker) walkEntry(path string, e fs.DirEntry) error {
	if strings.HasPrefix(e.Name(), ".") {
		return w.emit(skipItem(path, 0, "hidden"))
	}
	mode := e.Type()
	open := path // what is opened: a link's target, resolved once
	if mode&fs.ModeSymlink != 0 {
		target, err := resolvePath(path)
		if err == nil && !w.opts.FollowSymlinks && !w.inside(target) {
			return w.emit(skipItem(path, 0, "symbolic link to "+target+", outside the paths given (not followed without Options.FollowSymlinks)"))
		}
		var info fs.FileInfo
		if err == nil {
			info, err = os.Stat(target)
		}
		if err != nil {
			return w.emit(errorItem(path, 0, nil, fmt.Errorf("symbolic link: %w", err)))
		}
		mode = info.Mode().Type()
		open = target
	}
	switch {
	case mode.IsDir():
		return w.walkDir(path)
	case mode.IsRegular():
		format := FormatOf(path)
		if format == FormatAuto {
			ext := filepath.Ext(path)
			if strings.EqualFold(ext, ".gz") {
				ext = filepath.Ext(strings.TrimSuffix(path, ext)) + ext
			}
			if ext == "" {
				return w.emit(skipItem(path, 0, "no file extension"))
			}
			return w.emit(skipItem(path, 0, fmt.Sprintf("unsupported extension %q", ext)))
		}
		return w.readFile(path, open, format, false)
	default:
		return w.emit(skipItem(path, 0, "not a regular file ("+fileKind(mode)+")"))
	}
}

// fileKind names a non-regular file type.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeCharDevice != 0:
		return "character device"
	case mode&fs.ModeDevice != 0:
		return "device"
	case mode&fs.ModeIrregular != 0:
		return "irregular file"
	}
	return mode.String()
}

// readFile reads one regular file, named path and opened at open (the
// target of a link, resolved, or path itself). Files found in folders are
// opened without blocking and checked again after opening, so a file
// swapped for a named pipe meanwhile cannot hang the walk.
func (w *walker) readFile(path, open string, format Format, named bool) error {
	flag := os.O_RDONLY
	if !named {
		flag |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(open, flag, 0)
	if err != nil {
		return w.emit(errorItem(path, 0, nil, err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return w.emit(errorItem(path, 0, nil, err))
	}
	if !info.Mode().IsRegular() {
		return w.emit(skipItem(path, 0, "not a regular file ("+fileKind(info.Mode().Type())+")"))
	}
	var r io.Reader = f
	if w.opts.ReadBytes != nil {
		r = &readCounter{r: f, count: w.opts.ReadBytes}
	}
	// The WARC reader finds gzip by its magic bytes and reads the members
	// itself, whatever the file's name.
	if format != FormatWARC && strings.EqualFold(filepath.Ext(path), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return w.emit(errorItem(path, 0, nil, fmt.Errorf("gzip: %w", err)))
		}
		defer zr.Close()
		r = zr
	}
	return w.readFormat(r, path, format)
}

// readCounter reports the bytes of each read to count
// (Options.ReadBytes).
type readCounter struct {
	r     io.Reader
	count func(int)
}

func (c *readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.count(n)
	}
	return n, err
}

// readStream reads standard input or another stream, sniffing its format
// when it is not known.
func (w *walker) readStream(r io.Reader, path string, format Format) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if format == FormatAuto {
		sample, _ := br.Peek(sniffBytes)
		format = sniffFormat(sample)
	}
	return w.readFormat(br, path, format)
}

// sniffFormat guesses the format of a stream from its first bytes.
func sniffFormat(sample []byte) Format {
	s := strings.TrimLeft(strings.TrimPrefix(string(sample), "\ufeff"), " \t\r\n")
	switch {
	case strings.HasPrefix(s, "{"):
		return FormatJSONL
	case strings.HasPrefix(s, "WARC/"):
		return FormatWARC
	case len(s) > 1 && s[0] == '<' && (s[1] == '!' || isASCIILetter(s[1])):
		return FormatHTML
	}
	return FormatText
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// readFormat reads one input in the given format.
func (w *walker) readFormat(r io.Reader, path string, format Format) error {
	switch format {
	case FormatJSONL:
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReaderSize(r, 64<<10)
		}
		return w.readJSONL(br, path)
	case FormatHTML:
		return w.emit(w.htmlItem(r, path))
	case FormatWARC:
		return w.readRegistered(r, path, format)
	default:
		return w.emit(w.textItem(r, path))
	}
}

// readCapped reads at most limit bytes of r and reports whether more
// remained.
func readCapped(r io.Reader, limit int) ([]byte, bool, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, false, err
	}
	if len(b) > limit {
		return TrimPartialRune(b[:limit]), true, nil
	}
	return b, false, nil
}

// textItem reads a plain-text input as one article.
func (w *walker) textItem(r io.Reader, path string) Item {
	raw, over, err := readCapped(r, w.opts.MaxBytes)
	if err != nil {
		return errorItem(path, 0, nil, err)
	}
	if reason := binaryReason(raw); reason != "" {
		return errorItem(path, 0, ErrBinary, errors.New(reason))
	}
	text := normalizeBytes(raw)
	if isBlank(text) {
		return errorItem(path, 0, ErrEmpty, nil)
	}
	it := Item{Path: path, Article: Article{ID: displayName(path), Text: text}}
	w.capArticle(&it, over)
	return it
}

// htmlItem reads an HTML input as one article.
func (w *walker) htmlItem(r io.Reader, path string) Item {
	raw, over, err := readCapped(r, w.opts.MaxHTMLBytes)
	if err != nil {
		return errorItem(path, 0, nil, err)
	}
	return w.pageItem(raw, over, path, 0, "")
}

// pageItem turns the markup of one HTML page into an article item. over
// says whether the markup was cut at Options.MaxHTMLBytes; line is the
// item's place in its file (0 for a whole file); pageURL, when known,
// resolves the page's links.
func (w *walker) pageItem(raw []byte, over bool, path string, line int, pageURL string) Item {
	if len(bytes.TrimSpace(raw)) == 0 {
		return errorItem(path, line, ErrEmpty, nil)
	}
	if reason := binaryReason(raw); reason != "" {
		return errorItem(path, line, ErrBinary, errors.New(reason))
	}
	p := w.html.readPage(raw, pageURL, w.opts.WholePage, w.opts.MaxHTMLDepth)
	if p.err != nil {
		return errorItem(path, line, nil, fmt.Errorf("reading stopped: %w", p.err))
	}
	text := normalizeString(p.text)
	if isBlank(text) {
		return errorItem(path, line, ErrNoText, errors.New(noTextReason("page", p)))
	}
	it := Item{Path: path, Line: line, Warning: p.note, Article: Article{
		ID:        displayName(path),
		Title:     normalizeString(p.title),
		Text:      text,
		Hidden:    normalizeString(p.hidden),
		Truncated: p.cut,
	}}
	if over {
		it.Article.Truncated = true
		it.AddWarning(fmt.Sprintf("page cut at %d bytes of HTML (Options.MaxHTMLBytes)", w.opts.MaxHTMLBytes))
	}
	w.capArticle(&it, false)
	return it
}

// capArticle cuts the article text at Options.MaxBytes. cut says whether
// the input was already cut while reading.
func (w *walker) capArticle(it *Item, cut bool) {
	text, capped := capText(it.Article.Text, w.opts.MaxBytes)
	if !cut && !capped {
		return
	}
	it.Article.Text = text
	it.Article.Truncated = true
	it.AddWarning(fmt.Sprintf("text cut at %d bytes (Options.MaxBytes)", w.opts.MaxBytes))
}

// AddWarning adds a note to the item's Warning, after any already there.
func (it *Item) AddWarning(msg string) {
	if it.Warning != "" {
		it.Warning += "; "
	}
	it.Warning += msg
}
