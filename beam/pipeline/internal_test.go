package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

func TestPatternRoot(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"crawl/site-a/day.jsonl", "crawl/site-a/day.jsonl"},
		{"crawl/*/*.jsonl", "crawl"},
		{"crawl/site-?/x.jsonl", "crawl"},
		{"*.jsonl", ""},
		{"/data/[ab].jsonl", "/data"},
		{"/*.jsonl", "/"},
		{"gs://bucket/crawl/*.jsonl.gz", "gs://bucket/crawl"},
		{"gs://bucket/*.jsonl", "gs://bucket"},
	}
	for _, tt := range tests {
		if got := patternRoot(tt.pattern); got != tt.want {
			t.Errorf("patternRoot(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestIsLocal(t *testing.T) {
	for name, want := range map[string]bool{
		"crawl/a.jsonl": true, "/abs/a.jsonl": true, "a://b": false,
		"gs://bucket/a.jsonl": false, "memfs://x": false, "://odd": true,
	} {
		if got := isLocal(name); got != want {
			t.Errorf("isLocal(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestRenameItem checks that a local copy's name is replaced in the path,
// the default ID and the error, and nowhere else.
func TestRenameItem(t *testing.T) {
	const local, remote = "/tmp/newsqual-beam-1/day.jsonl", "gs://b/day.jsonl"
	it := corpus.Item{
		Path: local, Line: 7,
		Article: corpus.Article{ID: local + ":7", Title: local, URL: "https://x.test/" + local},
	}
	got := renameItem(it, local, remote)
	if got.Path != remote || got.Article.ID != remote+":7" {
		t.Errorf("renamed path %q and ID %q, want %q and %q", got.Path, got.Article.ID, remote, remote+":7")
	}
	if got.Article.Title != local || got.Article.URL != it.Article.URL {
		t.Errorf("title or URL changed: %+v", got.Article)
	}

	failed := corpus.Item{Path: local, Line: 9, Err: &corpus.Error{Path: local, Line: 9, Kind: corpus.ErrInvalidJSON, Err: errors.New("unexpected end")}}
	got = renameItem(failed, local, remote)
	if want := "corpus: gs://b/day.jsonl:9: invalid JSON: unexpected end"; got.Err.Error() != want {
		t.Errorf("error %q, want %q", got.Err, want)
	}
	if !errors.Is(got.Err, corpus.ErrInvalidJSON) {
		t.Error("the renamed error lost its kind")
	}
	if failed.Err.Error() != "corpus: "+local+":9: invalid JSON: unexpected end" {
		t.Errorf("the original error was changed: %v", failed.Err)
	}
}

// TestSharedScorerLoadsOncePerProcess checks that DoFn instances of one
// process share a scorer per model and word cap, and that a model file
// scores as the built-in model it was written from.
func TestSharedScorerLoadsOncePerProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "model.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := newsqual.Default().Model().Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	a, err := sharedScorer(ctx, path, 5000)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sharedScorer(ctx, path, 5000)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("two loads of the same model and cap gave two scorers")
	}
	c, err := sharedScorer(ctx, "", 5000)
	if err != nil {
		t.Fatal(err)
	}
	if c == a || c == newsqual.Default() {
		t.Error("the built-in model's scorer is shared with another key or is newsqual.Default itself")
	}
	article := newsqual.Article{ID: "x", Text: "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
		"Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\n" +
		"Product 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut " +
		"aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50\n"}
	ra, rc := a.Score(article), c.Score(article)
	if !ra.Judged() || !rc.Judged() {
		t.Fatalf("verdicts %s and %s: want the article scored", ra.Verdict, rc.Verdict)
	}
	if *ra.SpamProbability != *rc.SpamProbability || ra.Verdict != rc.Verdict {
		t.Errorf("the model file scores %v %s, the built-in model %v %s", *ra.SpamProbability, ra.Verdict, *rc.SpamProbability, rc.Verdict)
	}
}

func TestSharedScorerBadModel(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"not": "a model"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.json"), bad} {
		_, err := sharedScorer(context.Background(), path, 1000)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("model %s: got error %v, want one naming the file", path, err)
		}
	}
}
