package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestJSONLFixture(t *testing.T) {
	const path = "../testdata/jsonl/articles.jsonl"
	items := collect(t, []string{path}, Options{})
	want := []struct {
		id      string // for articles, and for errors whose id was read
		kind    error  // for errors
		skipped string // for skips
		text    string // substring of the article text
	}{
		{id: "a-1", text: "\n\n\"Safety comes first,\" said engineer Ruth Cole."},
		{id: "17", text: "numeric id"},
		{id: path + ":3", text: "without an id"},
		{skipped: "blank line"},
		{kind: ErrInvalidJSON},
		{kind: ErrInvalidJSON},
		{id: "html-1", text: "Fire crews were called to a warehouse on Dock Road at 3am.\n\nNo one was hurt, the fire service said."},
		{kind: ErrNoText, id: "empty"},
		{id: "crlf", text: "Windows line ends\nare turned"},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want one per line (%d)", len(items), len(want))
	}
	for i, w := range want {
		it := items[i]
		if it.Line != i+1 || it.Path != path {
			t.Errorf("item %d is %s, want line %d", i, it.Where(), i+1)
		}
		switch {
		case w.kind != nil:
			msg := fmt.Sprintf("corpus: %s:%d: %v", path, i+1, w.kind)
			if !errors.Is(it.Err, w.kind) || !strings.HasPrefix(it.Err.Error(), msg) {
				t.Errorf("line %d: err %v, want it to start %q", i+1, it.Err, msg)
			}
			if it.ID != w.id {
				t.Errorf("line %d: failed item's ID %q, want %q", i+1, it.ID, w.id)
			}
		case w.skipped != "":
			if it.Skipped != w.skipped {
				t.Errorf("line %d: skipped %q, want %q", i+1, it.Skipped, w.skipped)
			}
		default:
			if !it.OK() || it.Article.ID != w.id || !strings.Contains(it.Article.Text, w.text) {
				t.Errorf("line %d: %+v, want id %q with text %q", i+1, it, w.id, w.text)
			}
		}
	}

	first := items[0].Article
	wantFirst := Article{ID: "a-1", Title: "Bridge closure extended", URL: "https://news.example/bridge",
		Label: "clean", Kind: "human-news", Source: "invented", Group: "g1", Text: first.Text}
	if first != wantFirst {
		t.Errorf("metadata: %+v\nwant %+v", first, wantFirst)
	}
	if a := items[1].Article; a.Source != "example.org" || a.Site != "example.org" || a.Group != "4" {
		t.Errorf("site and numeric group: source %q site %q group %q", a.Source, a.Site, a.Group)
	}
	if a := items[6].Article; a.Title != "Warehouse fire" || strings.Contains(a.Text, "var x") {
		t.Errorf("html record: title %q text %q", a.Title, a.Text)
	}
}

// TestJSONLProvenance checks the fields that say where a labelled article
// came from: its outlet, and for machine text the generator and the task.
func TestJSONLProvenance(t *testing.T) {
	dir := t.TempDir()
	path := write(t, dir, "llm.jsonl",
		`{"id":"m1","label":"spam","source":"bench","site":"","model":"gpt-4o","task":"rewrite","text":"Machine text."}`+"\n"+
			`{"id":"h1","label":"clean","source":"outlets","site":"example.com","text":"Human text."}`+"\n")
	items := collect(t, []string{path}, Options{})
	if len(items) != 2 {
		t.Fatalf("got %d items, want 2", len(items))
	}
	m, h := items[0].Article, items[1].Article
	if m.Generator != "gpt-4o" || m.Task != "rewrite" || m.Site != "" || m.Source != "bench" {
		t.Errorf("machine record: %+v", m)
	}
	if h.Generator != "" || h.Site != "example.com" || h.Source != "outlets" {
		t.Errorf("human record: %+v", h)
	}
}

func TestJSONLOverLongLine(t *testing.T) {
	dir := t.TempDir()
	long := `{"id":"long","text":"` + strings.Repeat("x", 5000) + `"}`
	content := `{"id":"before","text":"Before."}` + "\n" + long + "\n" + `{"id":"after","text":"After."}` + "\n" + long
	path := write(t, dir, "long.jsonl", content)
	items := collect(t, []string{path}, Options{MaxLineBytes: 1000})
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4: %+v", len(items), items)
	}
	if items[0].Article.ID != "before" || items[2].Article.ID != "after" {
		t.Errorf("the lines around a long one were not read: %+v", items)
	}
	for _, i := range []int{1, 3} {
		if !errors.Is(items[i].Err, ErrLineTooLong) || items[i].Line != i+1 {
			t.Errorf("item %d: %v at line %d, want ErrLineTooLong at line %d", i, items[i].Err, items[i].Line, i+1)
		}
	}
	// A line of exactly the limit is still read.
	exact := `{"id":"exact","text":"` + strings.Repeat("y", 1000-len(`{"id":"exact","text":""}`)) + `"}`
	path = write(t, dir, "exact.jsonl", exact+"\r\n")
	items = collect(t, []string{path}, Options{MaxLineBytes: len(exact)})
	if len(items) != 1 || items[0].Article.ID != "exact" {
		t.Errorf("line of exactly MaxLineBytes: %+v", items)
	}
}

func TestLineReaderLongLinesStayBounded(t *testing.T) {
	// Lines far longer than the bufio buffer, mixed with short ones.
	var sb strings.Builder
	for i := range 20 {
		if i%4 == 0 {
			sb.WriteString(strings.Repeat("z", 300_000))
		} else {
			fmt.Fprintf(&sb, "line %d", i)
		}
		sb.WriteByte('\n')
	}
	lr := NewLineReader(bufio.NewReaderSize(strings.NewReader(sb.String()), 4096), 100_000)
	for i := 0; ; i++ {
		line, tooLong, err := lr.Next()
		if errors.Is(err, io.EOF) {
			if i != 20 {
				t.Errorf("read %d lines, want 20", i)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if tooLong != (i%4 == 0) {
			t.Errorf("line %d: tooLong=%v", i, tooLong)
		}
		if !tooLong && string(line) != fmt.Sprintf("line %d", i) {
			t.Errorf("line %d: %q", i, line)
		}
		if cap(lr.buf) > 100_000+4096+2 {
			t.Errorf("line buffer grew to %d bytes for a limit of 100000", cap(lr.buf))
		}
	}
}

func TestStdin(t *testing.T) {
	for _, tc := range []struct {
		name   string
		input  string
		format Format
		ids    []string
		texts  []string
	}{
		{name: "jsonl sniffed", input: "{\"text\":\"One.\"}\n{\"id\":\"x\",\"text\":\"Two.\"}\n", ids: []string{"stdin:1", "x"}, texts: []string{"One.", "Two."}},
		{name: "html sniffed", input: "\n<!doctype html><title>T</title><p>Para one.</p><p>Para two.</p>", ids: []string{"stdin"}, texts: []string{"Para one.\n\nPara two."}},
		{name: "text sniffed", input: "Plain words.\n", ids: []string{"stdin"}, texts: []string{"Plain words.\n"}},
		{name: "text forced", input: "{\"text\":\"not parsed\"}", format: FormatText, ids: []string{"stdin"}, texts: []string{"{\"text\":\"not parsed\"}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(tc.input), Format: tc.format})
			if len(items) != len(tc.ids) {
				t.Fatalf("got %d items, want %d: %+v", len(items), len(tc.ids), items)
			}
			for i, it := range items {
				if !it.OK() || it.Article.ID != tc.ids[i] || it.Article.Text != tc.texts[i] || it.Path != "-" {
					t.Errorf("item %d: %+v, want id %q text %q", i, it, tc.ids[i], tc.texts[i])
				}
			}
		})
	}
	items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader("{oops\n")})
	if len(items) != 1 || !strings.HasPrefix(items[0].Err.Error(), "corpus: stdin:1: invalid JSON") {
		t.Errorf("bad stdin line: %+v", items)
	}
}

func BenchmarkWalkJSONL(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&sb, `{"id":"r%d","label":"clean","text":"Short record number %d.\nSecond line."}`+"\n", i, i)
	}
	path := dir + "/many.jsonl"
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		n := 0
		_ = Walk([]string{path}, Options{}, func(it Item) error {
			if it.OK() {
				n++
			}
			return nil
		})
		if n != 100_000 {
			b.Fatalf("read %d records", n)
		}
	}
}

// TestJSONLPreferHTML reads records that carry both "text" and "html":
// by default from "text", with PreferHTML from "html", the record's own
// title kept over the page's, and a page with nothing to read an error
// rather than a silent fall-back to "text".
func TestJSONLPreferHTML(t *testing.T) {
	page := `<html><head><title>Page title | Example News</title></head><body>` +
		`<nav><a href="/">Home</a></nav><article><h1>Tram line opens</h1>` +
		`<p>The first trams ran on the new line on Monday morning, carrying commuters from the harbour to the station in twelve minutes.</p>` +
		`<p>The city said the line cost less than planned and opened three weeks early after a dry winter.</p></article></body></html>`
	lines := []string{
		fmt.Sprintf(`{"id":"both","title":"Record title","text":"Hand-marked text.","html":%q}`, page),
		fmt.Sprintf(`{"id":"untitled","text":"Hand-marked text.","html":%q}`, page),
		`{"id":"text-only","text":"Only text."}`,
		`{"id":"empty-page","text":"Hand-marked text.","html":"<html><body><script>var x = 1;</script></body></html>"}`,
	}
	path := write(t, t.TempDir(), "both.jsonl", strings.Join(lines, "\n")+"\n")

	for _, prefer := range []bool{false, true} {
		items := collect(t, []string{path}, Options{PreferHTML: prefer})
		if len(items) != len(lines) {
			t.Fatalf("PreferHTML %v: %d items for %d lines", prefer, len(items), len(lines))
		}
		for i, it := range items[:3] {
			if !it.OK() {
				t.Fatalf("PreferHTML %v, line %d: %v", prefer, i+1, it.Err)
			}
		}
		both, untitled, textOnly, emptyPage := items[0].Article, items[1].Article, items[2].Article, items[3]
		if both.Title != "Record title" {
			t.Errorf("PreferHTML %v: title %q, want the record's", prefer, both.Title)
		}
		if textOnly.Text != "Only text." {
			t.Errorf("PreferHTML %v: text-only record read as %q", prefer, textOnly.Text)
		}
		if !prefer {
			if both.Text != "Hand-marked text." || untitled.Title != "" || !emptyPage.OK() {
				t.Errorf("default: text %q, title %q, %v; want the record's text and title", both.Text, untitled.Title, emptyPage.Err)
			}
			continue
		}
		if !strings.Contains(both.Text, "The first trams ran") || strings.Contains(both.Text, "Hand-marked") {
			t.Errorf("PreferHTML: text %q, want the page's article", both.Text)
		}
		if untitled.Title == "" || untitled.Text != both.Text {
			t.Errorf("PreferHTML: record without a title: title %q, text %q", untitled.Title, untitled.Text)
		}
		if !errors.Is(emptyPage.Err, ErrNoText) || !strings.Contains(emptyPage.Err.Error(), `"html" has no visible text`) {
			t.Errorf("PreferHTML: page without text gave %v, want ErrNoText", emptyPage.Err)
		}
	}
}

// TestJSONLKeepRecord checks that Options.KeepRecord gives each article
// its line as read (byte order mark and "\r\n" left out), a copy that
// later lines do not overwrite, and nothing without the option.
func TestJSONLKeepRecord(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		`{"id":"a","text":"First \u00e9 record.","x":[1,2]}`,
		`{"text":"Second record, longer than the first one by a few words."}`,
	}
	path := filepath.Join(dir, "r.jsonl")
	data := "\ufeff" + lines[0] + "\r\n\n" + lines[1] + "\n" + `{"id":"bad"` + "\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []Item
	_ = Walk([]string{path}, Options{KeepRecord: true}, func(it Item) error {
		got = append(got, it)
		return nil
	})
	var records []string
	for _, it := range got {
		if it.OK() {
			records = append(records, string(it.Record))
		} else if it.Record != nil {
			t.Errorf("%s: a failed or skipped item has a record %q", it.Where(), it.Record)
		}
	}
	if !slices.Equal(records, lines) {
		t.Errorf("records:\n got %q\nwant %q", records, lines)
	}
	_ = Walk([]string{path}, Options{}, func(it Item) error {
		if it.Record != nil {
			t.Errorf("%s: a record without KeepRecord", it.Where())
		}
		return nil
	})
}
