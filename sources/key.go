package sources

import (
	"net"
	"net/url"
	"path/filepath"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/newsqual/newsqual/corpus"
)

// Keys that name no site.
const (
	// Stdin is the key of articles read from standard input that carry no
	// URL or source.
	Stdin = "-"
	// Unknown is the key of articles with no URL, no source and no path.
	Unknown = "(unknown)"
)

// Key returns the source an article belongs to, by the first rule that
// gives one:
//
//  1. the registrable domain of the article's URL (publicsuffix
//     EffectiveTLDPlusOne), lower-cased and in ASCII (punycode), without
//     port, so www.example.co.uk, m.example.co.uk and
//     example.co.uk:8080 are all "example.co.uk"; a host that has no
//     registrable domain (an IP address, localhost, a bare public suffix)
//     is kept as it is; a URL without a host falls through;
//  2. the article's Source (the JSONL "source", else "site"), trimmed;
//  3. the folder the article's file sits in: path is the file the article
//     was read from and root the path it was found under (the argument
//     given on the command line). For a file inside root that is the
//     first folder below root (root/site-a/2024/x.html is "site-a"); for a
//     file directly in root, or given as root itself, or when root is empty
//     or does not hold path, it is the name of the file's own folder. The
//     path "-" (standard input) gives Stdin and an empty path Unknown.
//
// Key looks only at the article and the two paths, so any process that
// keys the same article gets the same key.
func Key(a corpus.Article, root, path string) string {
	if k, ok := URLKey(a.URL); ok {
		return k
	}
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	return folderKey(root, path)
}

// URLKey returns the registrable domain of a URL as Key's first rule
// describes, and false when the URL has no usable host. A URL without a
// scheme ("www.example.com/a") is read as if it began with "http://".
func URLKey(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}
	u, err := url.Parse(raw)
	if (err != nil || u.Host == "" && (u.Scheme == "" || strings.Contains(u.Scheme, "."))) &&
		!strings.Contains(raw, "://") && !strings.HasPrefix(raw, "/") {
		// No scheme: "www.example.com/a", or "example.com:8080/a",
		// whose host reads as a scheme.
		u, err = url.Parse("http://" + raw)
	}
	if err != nil {
		return "", false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" || strings.ContainsAny(host, " \t\r\n/\\") {
		return "", false
	}
	if net.ParseIP(host) != nil {
		return host, true
	}
	if ascii, err := idna.Lookup.ToASCII(host); err == nil && ascii != "" {
		host = ascii
	}
	if domain, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return domain, true
	}
	return host, true
}

// folderKey is Key's third rule.
func folderKey(root, path string) string {
	switch path {
	case "":
		return Unknown
	case "-":
		return Stdin
	}
	path = filepath.Clean(path)
	if root != "" && root != "-" {
		if rel, err := filepath.Rel(filepath.Clean(root), path); err == nil && rel != "." && !escapes(rel) {
			if first, rest, ok := strings.Cut(rel, string(filepath.Separator)); ok && rest != "" {
				return first
			}
		}
	}
	dir := filepath.Dir(path)
	if dir == "." || dir == ".." || strings.HasSuffix(dir, string(filepath.Separator)+"..") {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	name := filepath.Base(dir)
	if name == string(filepath.Separator) || name == "." {
		return Unknown
	}
	return name
}

// escapes reports whether a relative path leads out of its base.
func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
