package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// write creates dir/name with the given content.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	binary := append([]byte("GIF89a"), make([]byte, 64)...)
	for _, tc := range []struct {
		name    string
		content string
		kind    error // want an *Error of this kind; nil wants an article
		text    string
	}{
		{name: "empty.txt", content: "", kind: ErrEmpty},
		{name: "blank.md", content: " \n\t\r\n  \n", kind: ErrEmpty},
		{name: "image.txt", content: string(binary), kind: ErrBinary},
		{name: "controls.txt", content: strings.Repeat("\x01\x02\x03 text ", 50), kind: ErrBinary},
		{name: "utf16.txt", content: "\xff\xfeH\x00i\x00", kind: ErrBinary},
		{name: "empty.html", content: "", kind: ErrEmpty},
		{name: "empty.jsonl", content: "", kind: ErrEmpty},
		{name: "binary.jsonl", content: string(binary), kind: ErrBinary},
		{name: "latin1.txt", content: "Caf\xe9 owner said: \xabfine\xbb", text: "Caf\uFFFD owner said: \uFFFDfine\uFFFD"},
		{name: "crlf.txt", content: "\xef\xbb\xbfLine one\r\nLine two\rLine three\n", text: "Line one\nLine two\nLine three\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, dir, tc.name, tc.content)
			items := collect(t, []string{path}, Options{})
			if len(items) != 1 {
				t.Fatalf("got %d items, want exactly 1: %+v", len(items), items)
			}
			it := items[0]
			if tc.kind != nil {
				var e *Error
				if !errors.Is(it.Err, tc.kind) || !errors.As(it.Err, &e) || e.Path != path {
					t.Fatalf("err %v, want %v naming %s", it.Err, tc.kind, path)
				}
				if !strings.Contains(it.Err.Error(), path) {
					t.Errorf("message %q does not name the file", it.Err)
				}
				return
			}
			if !it.OK() {
				t.Fatalf("not read: %v", it.Err)
			}
			if it.Article.Text != tc.text {
				t.Errorf("text %q, want %q", it.Article.Text, tc.text)
			}
		})
	}
}

func TestHugeFileIsCut(t *testing.T) {
	dir := t.TempDir()
	// Three-byte runes, so a cut at a round number falls inside one.
	line := strings.Repeat("€", 100) + "\n"
	content := strings.Repeat(line, 200) // 60 200 bytes
	const limit = 10_000
	for _, name := range []string{"huge.txt", "huge.html", "huge.jsonl"} {
		t.Run(name, func(t *testing.T) {
			body := content
			switch filepath.Ext(name) {
			case ".html":
				body = "<p>" + strings.ReplaceAll(content, "\n", "</p><p>") + "</p>"
			case ".jsonl":
				body = `{"id":"big","text":"` + strings.ReplaceAll(content, "\n", `\n`) + `"}` + "\n"
			}
			path := write(t, dir, name, body)
			items := collect(t, []string{path}, Options{MaxBytes: limit})
			if len(items) != 1 || !items[0].OK() {
				t.Fatalf("items %+v", items)
			}
			a := items[0].Article
			if !a.Truncated || !strings.Contains(items[0].Warning, "cut at") {
				t.Errorf("truncated=%v warning=%q, want both to say so", a.Truncated, items[0].Warning)
			}
			if len(a.Text) > limit || len(a.Text) < limit-utf8.UTFMax {
				t.Errorf("text is %d bytes, want just under %d", len(a.Text), limit)
			}
			if !utf8.ValidString(a.Text) || strings.ContainsRune(a.Text, utf8.RuneError) {
				t.Error("text was cut inside a rune")
			}
		})
	}
}

// endless is an input that never ends, counting what was read from it.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "word "[i%5]
	}
	e.read += len(p)
	return len(p), nil
}

func TestEndlessStdinIsReadOnlyToTheCap(t *testing.T) {
	src := &endless{}
	const limit = 1 << 20
	items := collect(t, []string{"-"}, Options{MaxBytes: limit, Stdin: src})
	if len(items) != 1 || !items[0].Article.Truncated || len(items[0].Article.Text) != limit {
		t.Fatalf("got %d items, truncated=%v, %d bytes", len(items), items[0].Article.Truncated, len(items[0].Article.Text))
	}
	if src.read > limit+128<<10 {
		t.Errorf("read %d bytes from an endless input capped at %d", src.read, limit)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		// Permissions do not stop root; a file whose read fails does.
		if _, err := os.Stat("/proc/self/mem"); err != nil {
			t.Skip("running as root and /proc/self/mem is absent: no unreadable file to try")
		}
		items := collect(t, []string{"/proc/self/mem"}, Options{Format: FormatText})
		if len(items) != 1 || !errors.Is(items[0].Err, syscall.EIO) || !strings.Contains(items[0].Err.Error(), "/proc/self/mem") {
			t.Fatalf("want one read-error item naming the file, got %+v", items)
		}
		return
	}
	dir := t.TempDir()
	path := write(t, dir, "secret.txt", "You cannot read this.")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	items := collect(t, []string{dir}, Options{})
	if len(items) != 1 || !errors.Is(items[0].Err, fs.ErrPermission) {
		t.Fatalf("want one permission error, got %+v", items)
	}
}

func TestMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere.txt")
	items := collect(t, []string{missing, articlesDir + "/harbour-repairs.txt"}, Options{})
	if len(items) != 2 || !errors.Is(items[0].Err, fs.ErrNotExist) || !items[1].OK() {
		t.Fatalf("want a not-exist error then the article, got %+v", items)
	}
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tree/a/story.txt", "A story in a folder that links back to its parent.")
	// A folder link back up the tree: following it naively never ends.
	symlink(t, "..", filepath.Join(dir, "tree", "a", "up"))
	// Two links that point at each other.
	symlink(t, "loop2.txt", filepath.Join(dir, "tree", "loop1.txt"))
	symlink(t, "loop1.txt", filepath.Join(dir, "tree", "loop2.txt"))
	// A second way into a folder that is read anyway.
	symlink(t, "a", filepath.Join(dir, "tree", "b"))
	// A link to a file is read through.
	symlink(t, filepath.Join("a", "story.txt"), filepath.Join(dir, "tree", "c.txt"))

	done := make(chan []Item)
	go func() { done <- collect(t, []string{filepath.Join(dir, "tree")}, Options{}) }()
	var items []Item
	select {
	case items = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("walk did not finish: symlink cycle followed")
	}
	tree := filepath.Join(dir, "tree")
	story := itemAt(t, items, filepath.Join(tree, "a", "story.txt"))
	if !story.OK() {
		t.Errorf("story not read: %v", story.Err)
	}
	up := itemAt(t, items, filepath.Join(tree, "a", "up"))
	if !errors.Is(up.Err, ErrSymlinkCycle) {
		t.Errorf("link to parent: %+v, want ErrSymlinkCycle", up)
	}
	for _, name := range []string{"loop1.txt", "loop2.txt"} {
		if it := itemAt(t, items, filepath.Join(tree, name)); it.Err == nil {
			t.Errorf("%s: want an error for a symlink loop, got %+v", name, it)
		}
	}
	if b := itemAt(t, items, filepath.Join(tree, "b")); !strings.Contains(b.Skipped, "already read") {
		t.Errorf("second link to a folder: %+v, want skipped as already read", b)
	}
	if c := itemAt(t, items, filepath.Join(tree, "c.txt")); !c.OK() || c.Article.Text != story.Article.Text {
		t.Errorf("link to a file: %+v", c)
	}
	if len(items) != 6 {
		t.Errorf("got %d items, want 6 (story, up, b, c, loop1, loop2)", len(items))
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func TestFIFOInFolderIsSkippedWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	write(t, dir, "real.txt", "A real article next to a pipe.")
	done := make(chan []Item)
	go func() { done <- collect(t, []string{dir}, Options{}) }()
	select {
	case items := <-done:
		if len(items) != 2 {
			t.Fatalf("got %+v", items)
		}
		if !strings.Contains(items[0].Skipped, "named pipe") {
			t.Errorf("pipe: %+v, want skipped as a named pipe", items[0])
		}
		if !items[1].OK() {
			t.Errorf("real file: %+v", items[1])
		}
	case <-time.After(10 * time.Second):
		t.Fatal("walk blocked on a named pipe")
	}
}

func TestHiddenAndUnsupportedAreReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".git/config", "[core]")
	write(t, dir, "notes.pdf", "%PDF-1.4")
	write(t, dir, "README", "no extension")
	write(t, dir, "backup.tar.gz", "not read")
	write(t, dir, "story.txt", "A story.")
	items := collect(t, []string{dir}, Options{})
	want := map[string]string{".git": "hidden", "backup.tar.gz": `".tar.gz"`, "README": "no file extension", "notes.pdf": `".pdf"`, "story.txt": ""}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(items), len(want), items)
	}
	for _, it := range items {
		reason := want[filepath.Base(it.Path)]
		if reason == "" && !it.OK() || reason != "" && !strings.Contains(it.Skipped, reason) {
			t.Errorf("%s: skipped %q err %v, want reason %q", it.Path, it.Skipped, it.Err, reason)
		}
	}
	// Named explicitly, a file with an unknown extension is read as text.
	named := collect(t, []string{filepath.Join(dir, "README")}, Options{})
	if len(named) != 1 || named[0].Article.Text != "no extension" {
		t.Errorf("named file: %+v", named)
	}
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = io.WriteString(zw, `{"id":"z1","text":"First compressed record."}`+"\n"+`{"id":"z2","text":"Second."}`+"\n")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "records.jsonl.gz", buf.String())
	write(t, dir, "broken.txt.gz", "not gzip at all")
	items := collect(t, []string{dir}, Options{})
	if len(items) != 3 {
		t.Fatalf("got %+v", items)
	}
	if items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "gzip") {
		t.Errorf("broken gzip: %+v", items[0])
	}
	if items[1].Article.ID != "z1" || items[2].Article.Text != "Second." {
		t.Errorf("records: %+v %+v", items[1], items[2])
	}
}

func TestNormalizeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb\rc\n", "a\nb\nc\n"},
		{"nul\x00byte", "nulbyte"},
		{"\xef\xbb\xbfbom", "bom"},
		{"bad \xff\xfe end", "bad \uFFFD\uFFFD end"},
		{"cut \xe2\x82", "cut \uFFFD\uFFFD"},
	} {
		if got := normalizeString(tc.in); got != tc.want {
			t.Errorf("normalizeString(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := normalizeBytes([]byte(tc.in)); got != tc.want {
			t.Errorf("normalizeBytes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHTMLDeeperThanTheCapIsReadTagByTag(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 100) + "<p>The council said the bridge would reopen in May.</p>" + strings.Repeat("</div>", 100) + "</body></html>"
	path := filepath.Join(t.TempDir(), "deep.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, depth := range []int{50, 0} {
		var items []Item
		_ = Walk([]string{path}, Options{MaxHTMLDepth: depth}, func(it Item) error { items = append(items, it); return nil })
		if len(items) != 1 || !items[0].OK() || !strings.Contains(items[0].Article.Text, "bridge would reopen") {
			t.Fatalf("depth cap %d: %+v", depth, items)
		}
		tagByTag := strings.Contains(items[0].Warning, "read tag by tag")
		if tagByTag != (depth == 50) {
			t.Errorf("depth cap %d: warning %q", depth, items[0].Warning)
		}
	}
}
