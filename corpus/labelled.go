package corpus

import (
	"fmt"
	"path/filepath"
	"strings"
)

// The labels of training and evaluation data.
const (
	// LabelClean marks professional, human-written news.
	LabelClean = "clean"
	// LabelSpam marks low-quality pages: generated filler, templates,
	// stuffed or injected text.
	LabelSpam = "spam"
	// LabelPage marks a whole web page kept for line-level work; it is
	// neither clean nor spam and is skipped in labelled mode.
	LabelPage = "page"
	// LabelHam is read as LabelClean: the word bogofilter and
	// SpamAssassin users label their good examples with.
	LabelHam = "ham"
)

// WalkLabelled is Walk for training and evaluation data: every article
// item it passes to fn has Article.Label set to LabelClean or LabelSpam.
//
// The label is the JSONL "label" field (trimmed, any case; "ham" is read
// as "clean"), else the name
// of the nearest folder named clean or spam in the item's path as given
// (so data/clean/a.txt and data/clean/2024/b.jsonl are clean). A record
// labelled "page" is skipped with the reason. A record with no label and
// no such folder is an ErrNoLabel item, any other label an ErrUnknownLabel
// item, and a record whose label disagrees with its folder an
// ErrLabelConflict item; each names the file and line.
func WalkLabelled(paths []string, opts Options, fn func(Item) error) error {
	return Walk(paths, opts, func(it Item) error {
		if it.OK() {
			it = applyLabel(it)
		}
		return fn(it)
	})
}

// Labelled reads labelled articles into memory (see WalkLabelled). It
// returns the articles in reading order, and every item that was skipped
// or could not be read, so that the caller can report them or stop.
func Labelled(paths []string, opts Options) (articles []Article, problems []Item) {
	_ = WalkLabelled(paths, opts, func(it Item) error {
		if it.OK() {
			articles = append(articles, it.Article)
		} else {
			problems = append(problems, it)
		}
		return nil
	})
	return articles, problems
}

// applyLabel settles the label of an article item, or turns the item into
// a skip or an error.
func applyLabel(it Item) Item {
	given := strings.ToLower(strings.TrimSpace(it.Article.Label))
	if given == LabelHam {
		given = LabelClean
	}
	folder := FolderLabel(it.Path)
	fail := func(kind, cause error) Item {
		failed := errorItem(it.Path, it.Line, kind, cause)
		failed.ID = it.ID
		return failed
	}
	switch given {
	case "":
		if folder == "" {
			return fail(ErrNoLabel, fmt.Errorf("no %q field and no enclosing clean/ or spam/ folder", "label"))
		}
		it.Article.Label = folder
	case LabelClean, LabelSpam:
		if folder != "" && folder != given {
			return fail(ErrLabelConflict, fmt.Errorf("record says %q but sits in a %s/ folder", it.Article.Label, folder))
		}
		it.Article.Label = given
	case LabelPage:
		skipped := skipItem(it.Path, it.Line, `label "page": a whole web page, not a clean or spam example`)
		skipped.ID = it.ID
		return skipped
	default:
		return fail(ErrUnknownLabel, fmt.Errorf("%q (want %q, %q or %q)", it.Article.Label, LabelClean, LabelHam, LabelSpam))
	}
	return it
}

// FolderLabel returns LabelClean or LabelSpam when a folder of that name
// (any case) encloses path, the nearest one winning, and "" otherwise. Only
// the path as written counts, not the folders above a relative path.
func FolderLabel(path string) string {
	dir := filepath.Dir(filepath.Clean(path))
	for {
		switch strings.ToLower(filepath.Base(dir)) {
		case LabelClean:
			return LabelClean
		case LabelSpam:
			return LabelSpam
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
