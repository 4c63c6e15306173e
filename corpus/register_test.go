package corpus

import (
	"errors"
	"strings"
	"testing"
)

// warcNotLinked is the error a WARC input gets when the WARC reader's
// package is not linked, as in this package's own tests.
const warcNotLinked = "WARC support not linked: import github.com/newsqual/newsqual/corpus/warc"

// TestWARCNotLinked checks that without the WARC reader a WARC file, found
// by its name or by sniffing standard input, is one error item naming the
// package to import, not a silent skip or a read as text.
func TestWARCNotLinked(t *testing.T) {
	dir := t.TempDir()
	plain := write(t, dir, "crawl.warc", "WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
	gzipped := write(t, dir, "crawl.warc.gz", "\x1f\x8b not read")
	for _, tc := range []struct {
		name  string
		paths []string
		opts  Options
		path  string
	}{
		{"file", []string{plain}, Options{}, plain},
		{"gzipped file", []string{gzipped}, Options{}, gzipped},
		{"stdin", []string{"-"}, Options{Stdin: strings.NewReader("WARC/1.1\r\n")}, "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := collect(t, tc.paths, tc.opts)
			if len(items) != 1 {
				t.Fatalf("%d items, want 1: %+v", len(items), items)
			}
			it := items[0]
			if it.Path != tc.path || it.Line != 0 || it.Skipped != "" || it.Err == nil {
				t.Fatalf("item %+v, want an error for %s", it, tc.path)
			}
			if want := "corpus: " + Position(tc.path, 0) + ": " + warcNotLinked; it.Err.Error() != want {
				t.Errorf("error %q, want %q", it.Err, want)
			}
		})
	}
	// Inside a folder a .warc file is read like any other, so it gets the
	// error too.
	items := collect(t, []string{dir}, Options{})
	if len(items) != 2 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), warcNotLinked) {
		t.Errorf("folder: %+v, want the not-linked error for both files", items)
	}
}

// TestRegisterReader checks that a registered reader gets the WARC inputs,
// undecompressed, and turns what it reads into items through Input.
func TestRegisterReader(t *testing.T) {
	defer func() {
		readers.Lock()
		delete(readers.m, FormatWARC)
		readers.Unlock()
	}()
	RegisterReader(FormatWARC, func(in *Input) error {
		if err := in.Emit(in.Skip(1, "first record")); err != nil {
			return err
		}
		it := in.Page([]byte("<html><body><article><p>"+strings.Repeat("The council met on Monday. ", 10)+"</p></article></body></html>"), false, 2, "https://news.example/a")
		it.AddWarning("note one")
		it.AddWarning("note two")
		if err := in.Emit(it); err != nil {
			return err
		}
		return in.Emit(in.Error(3, ErrWARC, errors.New("cut short")))
	})
	dir := t.TempDir()
	path := write(t, dir, "crawl.warc.gz", "stored bytes")
	items := collect(t, []string{path}, Options{})
	if len(items) != 3 {
		t.Fatalf("%d items, want 3: %+v", len(items), items)
	}
	if it := items[0]; it.Path != path || it.Line != 1 || it.Skipped != "first record" {
		t.Errorf("skip: %+v", it)
	}
	if it := items[1]; !it.OK() || it.Line != 2 || !strings.Contains(it.Article.Text, "The council met") || it.Warning != "note one; note two" {
		t.Errorf("page: %+v", it)
	}
	if it := items[2]; !errors.Is(it.Err, ErrWARC) || it.Err.Error() != "corpus: "+path+":3: broken WARC file: cut short" {
		t.Errorf("error: %+v", it)
	}

	for _, tc := range []struct {
		name   string
		format Format
		read   FormatReader
	}{
		{"nil reader", FormatWARC, nil},
		{"built-in format", FormatHTML, func(*Input) error { return nil }},
		{"twice", FormatWARC, func(*Input) error { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("RegisterReader did not panic")
				}
			}()
			RegisterReader(tc.format, tc.read)
		})
	}
}
