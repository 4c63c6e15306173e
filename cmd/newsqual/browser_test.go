package main

import (
	"bytes"
	"context"
	"html/template"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/internal/htmlcheck"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/server"
)

// The browser tests load the annotated page and the review screen in
// headless Chromium (Debian's chromium package, which .ci/run installs)
// and read back the page the browser built. NEWSQUAL_CHROMIUM names
// another browser binary; NEWSQUAL_SCREENSHOTS, a folder to keep the
// screenshots in (else they go to a temporary folder, and are checked
// there).

// seed003 are the two pieces of evidence of seed 003 the pages must
// highlight, by signal.
var seed003 = map[string]string{
	"ad_injection":     "Indian fast earning.com",
	"keyword_stuffing": "Hamas rejects US",
}

// chromium returns the headless browser to run, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the browser tests start Chromium")
	}
	if bin := os.Getenv("NEWSQUAL_CHROMIUM"); bin != "" {
		return bin
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if bin, err := exec.LookPath(name); err == nil {
			return bin
		}
	}
	t.Skip("no headless Chromium (Debian's chromium package; .ci/run installs it, or set NEWSQUAL_CHROMIUM)")
	return ""
}

// browse loads url in headless Chromium, lets its virtual clock run ten
// seconds (time for a form to post and its answer to load), and returns
// what the browser printed: with --dump-dom the page as the browser built
// it.
func browse(t *testing.T, bin, url string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=10000"}, args...)
	cmd := exec.CommandContext(ctx, bin, append(args, url)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	return stdout.Bytes()
}

// checkMarks parses the DOM the browser dumped and checks that it holds a
// highlight of each seed 003 evidence with its signal, focusable and with
// its reason as its tip.
func checkMarks(t *testing.T, what string, dom []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for n := range doc.Descendants() {
		if n.DataAtom != atom.Mark {
			continue
		}
		signal := htmlcheck.Attr(n, "data-signal")
		if want, ok := seed003[signal]; ok && htmlcheck.TextOf(n) == want {
			found[signal]++
			if htmlcheck.Attr(n, "tabindex") != "0" || !strings.HasPrefix(htmlcheck.Attr(n, "data-tip"), signal+" +") {
				t.Errorf("%s: the mark of %q is not focusable or has no tip: %v", what, want, n.Attr)
			}
		}
		if n.DataAtom == atom.Script {
			t.Errorf("%s: the page has a script", what)
		}
	}
	// Seed 003 has the ad line twice and the stuffed phrase 11 times.
	if found["ad_injection"] != 2 || found["keyword_stuffing"] < 5 {
		t.Errorf("%s: highlights of seed 003's evidence %v, want the ad line twice and the phrase 5 times or more", what, found)
	}
}

// screenshot saves a screenshot of url as name and checks that it shows
// the highlights: pixels of at least two of the signal colours.
func screenshot(t *testing.T, bin, url, name string, args ...string) {
	t.Helper()
	dir := os.Getenv("NEWSQUAL_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path, err := filepath.Abs(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	browse(t, bin, url, append(args, "--hide-scrollbars", "--window-size=1200,1600", "--screenshot="+path)...)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 1600 {
		t.Errorf("%s is %v, want 1200×1600", path, b)
	}
	// The fills of the marks (package annotate's style sheet).
	palette := []uint32{0xffd6d6, 0xffe9b3, 0xd9f2c2, 0xcde7ff, 0xead6ff, 0xffd1ec, 0xc9f0ec, 0xe6e1c8, 0xffc9a8, 0xb8e0ff, 0xe0f0a0, 0xdcdcdc}
	if seen := colours(img, palette); len(seen) < 4 {
		t.Errorf("%s shows the highlight colours %06x, want four signals' or more", path, seen)
	}
	t.Logf("screenshot: %s", path)
}

// colours returns which of want (0xRRGGBB) appear in img.
func colours(img image.Image, want []uint32) []uint32 {
	var seen []uint32
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := (r>>8)<<16 | (g>>8)<<8 | bl>>8
			if slices.Contains(want, c) && !slices.Contains(seen, c) {
				seen = append(seen, c)
			}
		}
	}
	return seen
}

// TestBrowserAnnotatedPage renders seed 003 with score --format html and
// loads the page in Chromium.
func TestBrowserAnnotatedPage(t *testing.T) {
	bin := chromium(t)
	seed, err := filepath.Glob(shareddata.Path(t, "seeds", "003_*.txt"))
	if err != nil || len(seed) != 1 {
		t.Fatalf("seed 003: %v %v", seed, err)
	}
	out, stderr, code := runCLI(t, "", "score", "--format", "html", seed[0], examples)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page := filepath.Join(t.TempDir(), "scores.html")
	if err := os.WriteFile(page, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	checkMarks(t, "the annotated page", browse(t, bin, "file://"+page, "--dump-dom"))
	screenshot(t, bin, "file://"+page, "annotated-page.png")
}

// TestBrowserReviewScreen posts seed 003 to serve's review screen from a
// page that submits the form as it loads, and checks the review the
// browser shows. The review screen itself runs no script.
func TestBrowserReviewScreen(t *testing.T) {
	bin := chromium(t)
	text := shareddata.Seed(t, "003")
	srv, err := server.New(newsqual.Default(), server.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	service := httptest.NewServer(srv)
	defer service.Close()

	dom := browse(t, bin, service.URL+"/", "--dump-dom")
	if !bytes.Contains(dom, []byte(`<form class="review" method="post"`)) {
		t.Fatalf("the review screen has no form:\n%.2000s", dom)
	}

	poster := template.Must(template.New("post").Parse(`<!DOCTYPE html><html><body>
<form method="post" action="{{.Action}}" enctype="multipart/form-data"><textarea name="text">{{.Text}}</textarea></form>
<script>document.forms[0].submit()</script></body></html>`))
	var page bytes.Buffer
	if err := poster.Execute(&page, map[string]string{"Action": service.URL + "/", "Text": text}); err != nil {
		t.Fatal(err)
	}
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	}))
	defer origin.Close()
	dom = browse(t, bin, origin.URL, "--dump-dom")
	if !bytes.Contains(dom, []byte("newsqual review")) {
		t.Fatalf("the form did not reach the review screen:\n%.2000s", dom)
	}
	checkMarks(t, "the review screen", dom)
	if !bytes.Contains(dom, []byte(`<span class="verdict-spam">spam</span>`)) {
		t.Error("the review screen does not say seed 003 is spam")
	}
	// The review page is served with a policy of default-src 'none': no
	// script could run on it, what it shows it shows without one.
	screenshot(t, bin, origin.URL, "review-screen.png")
}
