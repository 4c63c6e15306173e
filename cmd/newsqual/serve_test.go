package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer that the service's log and a test can
// share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitUntil polls cond until it holds, failing the test after a minute (a
// hang, not a slow machine).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

var listeningAddr = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startServe runs `newsqual serve` in-process on a free loopback port and
// returns its base URL, its stderr and the channel its exit code arrives
// on.
func startServe(t *testing.T, args ...string) (base string, stderr *lockedBuffer, exit <-chan int) {
	t.Helper()
	stderr = &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, stderr)
	}()
	waitUntil(t, "the service to listen", func() bool { return listeningAddr.MatchString(stderr.String()) })
	return "http://" + listeningAddr.FindStringSubmatch(stderr.String())[1], stderr, code
}

// exampleJSONL returns the example articles as JSON Lines with ids, URLs
// and sources, plus extra lines.
func exampleJSONL(t *testing.T, extra ...string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(examples, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		line, _ := json.Marshal(map[string]string{"id": name, "text": string(text), "url": "https://news.example/" + name, "site": "news.example"})
		b.Write(line)
		b.WriteByte('\n')
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	return b.String()
}

func post(t *testing.T, url, ctype, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestServeAnswersAsScore runs `newsqual serve` and checks that it answers
// byte for byte what `newsqual score --format json` prints for the same
// articles, that it answers the requests in flight when it gets SIGTERM,
// and that it then exits 0.
func TestServeAnswersAsScore(t *testing.T) {
	base, stderr, exit := startServe(t, "--log-requests")
	score := base + "/v1/score"

	// The examples, and two articles without a score.
	var unscoredLines []string
	for _, name := range []string{"police-brief.txt", "french-schools.txt"} {
		text, err := os.ReadFile(filepath.Join(unscored, name))
		if err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(map[string]string{"id": name, "text": string(text)})
		unscoredLines = append(unscoredLines, string(line))
	}
	body := exampleJSONL(t, unscoredLines...)
	clean, cliErr, code := runCLI(t, body, "score", "--format", "json", "-")
	if code != 0 {
		t.Fatalf("score: exit %d: %s", code, cliErr)
	}
	if n := strings.Count(clean, `"quality": null,`+"\n"+`    "spam_probability": null,`); n != 2 {
		t.Fatalf("score gives %d articles null quality and spam probability, want 2:\n%s", n, clean)
	}
	for _, ctype := range []string{"application/x-ndjson", "application/json"} {
		if status, got := post(t, score, ctype, body); status != http.StatusOK || got != clean {
			t.Fatalf("%s: status %d; the service's answer differs from `score --format json`:\n--- serve ---\n%.3000s\n--- score ---\n%.3000s", ctype, status, got, clean)
		}
	}
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if status, got := post(t, score, "application/json", "["+strings.Join(lines, ",")+"]"); status != http.StatusOK || got != clean {
		t.Fatalf("array: status %d; the answer differs from `score --format json`:\n%.3000s", status, got)
	}

	// Articles that cannot be read are answered in their place, as the
	// command line does; only the input's name differs.
	withFailures := exampleJSONL(t, `{"id":"cut","text":"The council said`, `{"id":"headline-only","title":"A headline"}`, `{"title":"no id","text":"The port reopened on Monday, the harbour master said."}`)
	cli, _, code := runCLI(t, withFailures, "score", "--format", "json", "-")
	if code != 2 {
		t.Fatalf("score with failures: exit %d, want 2", code)
	}
	want := strings.ReplaceAll(cli, "stdin:", "request:")
	if status, got := post(t, score, "application/x-ndjson", withFailures); status != http.StatusOK || got != want {
		t.Fatalf("with failures: status %d; answer:\n%s\nwant:\n%s", status, got, want)
	}
	// An unreadable record is named by its line, a readable one that
	// failed by its own id, with its line in the error.
	for _, named := range []string{`"id": "request:7"`, `"id": "headline-only",` + "\n" + `    "error": "corpus: request:8: no text`, `"id": "request:9"`} {
		if !strings.Contains(want, named) {
			t.Fatalf("answer lacks %s:\n%s", named, want)
		}
	}

	// A request in flight when SIGTERM comes is answered in full.
	pr, pw := io.Pipe()
	answered := make(chan string, 1)
	go func() {
		resp, err := http.Post(score, "application/x-ndjson", pr)
		if err != nil {
			answered <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answered <- string(b)
	}()
	half := len(lines) / 2
	_, _ = io.WriteString(pw, strings.Join(lines[:half], "\n")+"\n")
	waitUntil(t, "the request to be in flight", func() bool {
		// The four requests before are counted once wholly done, so the
		// one in flight is this one.
		_, metrics := get(t, base+"/metrics")
		return strings.Contains(metrics, "\nnewsqual_http_request_bodies_reading 1\n") &&
			strings.Contains(metrics, "\nnewsqual_http_requests_total{code=\"200\",route=\"/v1/score\"} 4\n")
	})
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the shutdown to start", func() bool { return strings.Contains(stderr.String(), "shutting down") })
	_, _ = io.WriteString(pw, strings.Join(lines[half:], "\n")+"\n")
	pw.Close()
	if got := <-answered; got != clean {
		t.Fatalf("request in flight at SIGTERM: %.2000s\nlog:\n%s", got, stderr.String())
	}
	if code := <-exit; code != 0 {
		t.Fatalf("serve: exit %d after SIGTERM:\n%s", code, stderr.String())
	}
	log := stderr.String()
	for _, want := range []string{"in_flight=1", "stopped: every request in flight finished", "msg=request method=POST path=/v1/score status=200 articles=8"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeRefusesBadFlags checks that flags out of range, a missing model
// and an address in use exit 2 with a message naming the problem.
func TestServeRefusesBadFlags(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--max-batch", "0"}, "--max-batch must be above zero"},
		{[]string{"--timeout", "-1s"}, "--timeout must be above zero"},
		{[]string{"--max-body-bytes", "0"}, "--max-body-bytes must be above zero"},
		{[]string{"--workers", "-1"}, "--workers -1"},
		{[]string{"--log-format", "xml"}, `unknown --log-format "xml"`},
		{[]string{"--model", "/nonexistent/model.json"}, "load model"},
		{[]string{"--addr", "127.0.0.1:99999"}, "listen on 127.0.0.1:99999"},
		{[]string{"extra"}, `unknown command "extra"`},
	}
	for _, c := range cases {
		_, stderr, code := runCLI(t, "", append([]string{"serve"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("serve %v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// TestServeHelpExplainsItself checks the help lists the routes, the limits
// and an example.
func TestServeHelpExplainsItself(t *testing.T) {
	stdout, _, code := runCLI(t, "", "serve", "--help")
	for _, want := range []string{"POST /v1/score", "GET  /v1/model", "--max-concurrent", "--max-body-bytes", "--timeout", "--drain-timeout", "Examples:", "429", "Exit status"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("serve --help (exit %d) lacks %q", code, want)
		}
	}
}
