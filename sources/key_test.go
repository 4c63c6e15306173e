package sources

import (
	"path/filepath"
	"testing"

	"github.com/newsqual/newsqual/corpus"
)

func TestURLKey(t *testing.T) {
	cases := []struct {
		url  string
		want string
		ok   bool
	}{
		{"https://www.bbc.co.uk/news/uk-123", "bbc.co.uk", true},
		{"http://m.example.com:8080/a?b=c", "example.com", true},
		{"HTTPS://WWW.Example.COM./story", "example.com", true},
		{"www.example.org/path/to/story", "example.org", true},
		{"example.org:8080/story", "example.org", true},
		{"  https://news.example.net/a  ", "example.net", true},
		{"https://user:pw@www.example.com/", "example.com", true},
		// Each blog on a private public suffix is its own site.
		{"https://alice.blogspot.com/2024/01/post.html", "alice.blogspot.com", true},
		{"http://bücher.de/neu", "xn--bcher-kva.de", true},
		{"http://xn--bcher-kva.de/neu", "xn--bcher-kva.de", true},
		// Hosts without a registrable domain are kept as they are.
		{"http://192.168.0.1:8080/x", "192.168.0.1", true},
		{"http://[2001:db8::1]:443/x", "2001:db8::1", true},
		{"http://localhost:3000/a", "localhost", true},
		{"https://co.uk/", "co.uk", true},
		// No host: the next rule decides.
		{"", "", false},
		{"not a url", "", false},
		{"/relative/path.html", "", false},
		{"mailto:editor@example.com", "", false},
		{"javascript:void(0)", "", false},
		{"http://", "", false},
		{"http://exa mple.com/", "", false},
	}
	for _, c := range cases {
		got, ok := URLKey(c.url)
		if got != c.want || ok != c.ok {
			t.Errorf("URLKey(%q) = %q, %v; want %q, %v", c.url, got, ok, c.want, c.ok)
		}
	}
}

func TestKeyFallsBackFromURLToSourceToFolder(t *testing.T) {
	crawl := filepath.Join("data", "crawl")
	cases := []struct {
		name       string
		a          corpus.Article
		root, path string
		want       string
	}{
		{"url wins", corpus.Article{URL: "https://www.example.com/a", Source: "Wire"}, crawl, filepath.Join(crawl, "site-a", "x.html"), "example.com"},
		{"source when no url", corpus.Article{Source: " Wire Service "}, crawl, filepath.Join(crawl, "site-a", "x.html"), "Wire Service"},
		{"source when url has no host", corpus.Article{URL: "/a/b.html", Source: "Wire"}, "", "", "Wire"},
		{"top folder below root", corpus.Article{}, crawl, filepath.Join(crawl, "site-a", "2024", "05", "x.html"), "site-a"},
		{"root with trailing slash", corpus.Article{}, crawl + string(filepath.Separator), filepath.Join(crawl, "site-b", "x.txt"), "site-b"},
		{"file directly in root", corpus.Article{}, crawl, filepath.Join(crawl, "x.txt"), "crawl"},
		{"file given directly", corpus.Article{}, filepath.Join(crawl, "x.jsonl"), filepath.Join(crawl, "x.jsonl"), "crawl"},
		{"no root: own folder", corpus.Article{}, "", filepath.Join("a", "b", "c.txt"), "b"},
		{"path outside root: own folder", corpus.Article{}, crawl, filepath.Join("other", "d", "c.txt"), "d"},
		{"stdin", corpus.Article{}, "-", "-", Stdin},
		{"nothing at all", corpus.Article{}, "", "", Unknown},
	}
	for _, c := range cases {
		if got := Key(c.a, c.root, c.path); got != c.want {
			t.Errorf("%s: Key(%+v, %q, %q) = %q, want %q", c.name, c.a, c.root, c.path, got, c.want)
		}
	}
}

func TestKeyOfFileInWorkingFolderIsTheFolderName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if got, want := Key(corpus.Article{}, "x.txt", "x.txt"), filepath.Base(dir); got != want {
		t.Errorf("Key of a file in the working folder = %q, want the folder's name %q", got, want)
	}
}
