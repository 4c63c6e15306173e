package corpus

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secretLine stands for a credentials file's line outside the scanned
// folder.
const secretLine = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

// linkTree makes a folder "scan" holding an article, a link to a file
// outside it holding secretLine, a link to a file inside it, and, when
// withRoot, a link to /.
func linkTree(t *testing.T, withRoot bool) (scan, outside string) {
	t.Helper()
	dir := t.TempDir()
	outside = write(t, dir, "home/.aws/credentials.txt", secretLine+"\n")
	scan = filepath.Join(dir, "scan")
	write(t, scan, "story.txt", "A story about the harbour repairs, read as it should be.")
	symlink(t, outside, filepath.Join(scan, "leak.txt"))
	symlink(t, "story.txt", filepath.Join(scan, "again.txt"))
	if withRoot {
		symlink(t, "/", filepath.Join(scan, "root"))
	}
	return scan, outside
}

// walkWithin walks paths, failing the test when it takes so long that it
// must be reading far outside them.
func walkWithin(t *testing.T, paths []string, opts Options) []Item {
	t.Helper()
	done := make(chan []Item, 1)
	go func() { done <- collect(t, paths, opts) }()
	select {
	case items := <-done:
		return items
	case <-time.After(20 * time.Second):
		t.Fatal("walk did not finish: a link led it out of the folder")
	}
	return nil
}

// TestLinksOutsideTheRootsAreSkipped checks that by default a link to a file
// outside the folders given, or to /, is skipped with a reason naming its
// target, and nothing outside is read, while a link inside is followed.
func TestLinksOutsideTheRootsAreSkipped(t *testing.T) {
	scan, outside := linkTree(t, true)
	real, err := filepath.EvalSymlinks(outside)
	if err != nil {
		t.Fatal(err)
	}
	items := walkWithin(t, []string{scan}, Options{})
	for _, it := range items {
		if strings.Contains(it.Article.Text, "aws_secret") {
			t.Fatalf("%s: the secret outside the folder was read", it.Path)
		}
	}
	if len(items) != 4 {
		t.Errorf("got %d items, want 4 (again, leak, root, story): %+v", len(items), items)
	}
	for name, target := range map[string]string{"leak.txt": real, "root": "/"} {
		it := itemAt(t, items, filepath.Join(scan, name))
		if !strings.Contains(it.Skipped, "symbolic link to "+target+",") || !strings.Contains(it.Skipped, "outside the paths given") {
			t.Errorf("%s: %+v, want skipped as a link outside", name, it)
		}
	}
	if it := itemAt(t, items, filepath.Join(scan, "again.txt")); !it.OK() || !strings.Contains(it.Article.Text, "harbour") {
		t.Errorf("link inside the folder: %+v, want it read", it)
	}

	// A link into another path given is inside the roots.
	items = walkWithin(t, []string{scan, filepath.Dir(outside)}, Options{})
	if it := itemAt(t, items, filepath.Join(scan, "leak.txt")); it.Skipped != "" {
		t.Errorf("link into another path given: %+v, want it read", it)
	}
}

// TestFollowSymlinks checks that Options.FollowSymlinks follows a link out
// of the folder, still without looping.
func TestFollowSymlinks(t *testing.T) {
	scan, _ := linkTree(t, false)
	symlink(t, "..", filepath.Join(scan, "up"))
	items := walkWithin(t, []string{scan}, Options{FollowSymlinks: true})
	leak := itemAt(t, items, filepath.Join(scan, "leak.txt"))
	if !leak.OK() || !strings.Contains(leak.Article.Text, "aws_secret") {
		t.Errorf("followed link: %+v, want the target read", leak)
	}
	if leak.Article.ID != filepath.Join(scan, "leak.txt") {
		t.Errorf("followed link named %q, want the link's own path", leak.Article.ID)
	}
	// up leads to the folder above scan, which holds scan itself: read
	// through, scan is a cycle.
	found := false
	for _, it := range items {
		if it.Path == filepath.Join(scan, "up", "scan") {
			found = true
			if !errors.Is(it.Err, ErrSymlinkCycle) {
				t.Errorf("cycle through a followed link: %+v", it)
			}
		}
	}
	if !found {
		t.Errorf("the folder above was not read through the followed link: %+v", items)
	}
}
