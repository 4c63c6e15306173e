package corpus

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestLabelledFolders(t *testing.T) {
	const root = "../testdata/labelled"
	articles, problems := Labelled([]string{root}, Options{})
	if len(problems) != 0 {
		t.Errorf("problems in the labelled fixtures: %+v", problems)
	}
	want := map[string]string{
		filepath.Join(root, "clean", "ferry-timetable.txt"):     LabelClean,
		filepath.Join(root, "clean", "wire", "grain-prices.md"): LabelClean,
		"gen-1": LabelSpam, // no label field: from the spam/ folder
		"gen-2": LabelSpam,
		filepath.Join(root, "spam", "shop-widget.html"):  LabelSpam,
		filepath.Join(root, "spam", "stuffed-deals.txt"): LabelSpam,
	}
	if len(articles) != len(want) {
		t.Fatalf("got %d articles, want %d", len(articles), len(want))
	}
	for _, a := range articles {
		if label, ok := want[a.ID]; !ok || a.Label != label {
			t.Errorf("%s: label %q, want %q", a.ID, a.Label, label)
		}
	}
}

func TestLabelledRecords(t *testing.T) {
	const path = "../testdata/jsonl/labelled-mixed.jsonl"
	var items []Item
	if err := WalkLabelled([]string{path}, Options{}, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		label   string
		skipped string
		kind    error
		id      string // the record's own id, kept on a failed item
	}{
		{label: LabelClean},
		{label: LabelSpam}, // " SPAM " is trimmed and lowered
		{skipped: `label "page"`},
		{kind: ErrUnknownLabel, id: "l-junk"},
		{label: LabelClean}, // " Ham " is read as clean
		{kind: ErrNoLabel, id: "l-none"},
		{kind: ErrInvalidJSON}, // no id can be read
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		it := items[i]
		switch {
		case w.kind != nil:
			if !errors.Is(it.Err, w.kind) || !strings.Contains(it.Err.Error(), it.Where()) || it.Line != i+1 {
				t.Errorf("line %d: %v, want %v naming file and line", i+1, it.Err, w.kind)
			}
			if it.ID != w.id {
				t.Errorf("line %d: failed item's ID %q, want %q", i+1, it.ID, w.id)
			}
		case w.skipped != "":
			if !strings.Contains(it.Skipped, w.skipped) {
				t.Errorf("line %d: skipped %q, want %q", i+1, it.Skipped, w.skipped)
			}
		default:
			if !it.OK() || it.Article.Label != w.label {
				t.Errorf("line %d: %+v, want label %q", i+1, it, w.label)
			}
		}
	}
	if msg := items[3].Err.Error(); !strings.Contains(msg, `"junk"`) || !strings.Contains(msg, path+":4:") {
		t.Errorf("unknown-label message %q does not quote the label at %s:4", msg, path)
	}
	if got := items[4].Article; got.ID != "l-ham" || got.Label != LabelClean {
		t.Errorf("ham record: id %q label %q, want l-ham labelled %q", got.ID, got.Label, LabelClean)
	}
}

func TestLabelConflict(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "clean/mixed.jsonl", `{"id":"ok","label":"clean","text":"Fine."}`+"\n"+`{"id":"bad","label":"spam","text":"Says spam."}`+"\n")
	write(t, dir, "unsorted/loose.txt", "A file in no labelled folder.")
	articles, problems := Labelled([]string{dir}, Options{})
	if len(articles) != 1 || articles[0].ID != "ok" {
		t.Errorf("articles %+v", articles)
	}
	if len(problems) != 2 || !errors.Is(problems[0].Err, ErrLabelConflict) || !errors.Is(problems[1].Err, ErrNoLabel) {
		t.Errorf("problems %+v, want a label conflict then a missing label", problems)
	}
}

func TestFolderLabel(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"data/clean/a.txt", LabelClean},
		{"data/Spam/2024/b.jsonl", LabelSpam},
		{"spam/clean/c.txt", LabelClean}, // the nearest folder wins
		{"clean/spam/d.txt", LabelSpam},
		{"data/clean.txt", ""}, // a file name is not a folder
		{"data/cleaner/e.txt", ""},
		{"/abs/clean/f.md", LabelClean},
		{"g.txt", ""},
		{"-", ""},
	} {
		if got := FolderLabel(tc.path); got != tc.want {
			t.Errorf("FolderLabel(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
