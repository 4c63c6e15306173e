package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// fileToRead is one file (or local folder) that an input pattern matched.
type fileToRead struct {
	// Path is the file as the filesystem listed it.
	Path string
	// Root is what the file was found under, for the folder rule of
	// sources.Key: the pattern itself when it has no wildcard, as a path
	// named on the command line, else the folder before its first
	// wildcard ("crawl/*/*.jsonl" gives "crawl", as `newsqual sources
	// crawl` would).
	Root string
}

// matchFn lists the files that a pattern matches. A pattern that matches
// nothing fails the pipeline, as a missing path fails `newsqual score`.
type matchFn struct{}

// ProcessElement lists one pattern.
func (matchFn) ProcessElement(ctx context.Context, pattern string, emit func(fileToRead)) error {
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return fmt.Errorf("input %s: %w", pattern, err)
	}
	defer fs.Close()
	files, err := fs.List(ctx, pattern)
	if err != nil {
		return fmt.Errorf("input %s: %w", pattern, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("input %s: no file matches", pattern)
	}
	slices.Sort(files)
	root := patternRoot(pattern)
	for _, f := range files {
		emit(fileToRead{Path: f, Root: root})
	}
	return nil
}

// patternRoot returns what the files of a pattern are found under: the
// pattern without a wildcard, else the folder before its first wildcard
// ("" for a pattern that starts with one).
func patternRoot(pattern string) string {
	i := strings.IndexAny(pattern, "*?[")
	if i < 0 {
		return pattern
	}
	j := strings.LastIndex(pattern[:i], "/")
	if j < 0 {
		return ""
	}
	if j == 0 || strings.HasSuffix(pattern[:j+1], "://") {
		return pattern[:j+1]
	}
	return pattern[:j]
}
