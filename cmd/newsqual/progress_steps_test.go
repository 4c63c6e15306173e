package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallLabelledSet writes four clean and four spam articles of enough
// words to be judged, as clean/ and spam/ folders.
func smallLabelledSet(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	clean := "The council said on Tuesday it would close the %s bridge for repairs costing £2m, officials told reporters. \"It is overdue,\" said engineer Ann Lee, who led the survey.\n\nThe bridge carries about 9,000 vehicles a day. Buses will be diverted through Hale Street from 4 March, the council said, and the work should take 14 weeks."
	spam := "Buy Now\nProduct %s Title\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\nAdd to cart\nUt enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n$35.00\nBuy Now\nFree shipping on orders over $50\nRelated products"
	for i, name := range []string{"Mill Lane", "Hale Road", "Kings Ferry", "Old Quay"} {
		for label, text := range map[string]string{"clean": clean, "spam": spam} {
			if err := os.MkdirAll(filepath.Join(dir, label), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, label, fmt.Sprintf("%d.txt", i)), []byte(fmt.Sprintf(text, name)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestEvalAndTrainShowProgress(t *testing.T) {
	data := smallLabelledSet(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		bars []string
	}{
		{[]string{"eval", "--report", filepath.Join(dir, "report"), data}, []string{"reading", "scoring"}},
		{[]string{"train", "--folds", "2", "--augment=false", "--out", filepath.Join(dir, "model.json"), data}, []string{"reading", "extracting"}},
	} {
		if tc.args[0] == "eval" && !evalLinked {
			continue // built without -tags eval
		}
		_, stderr, code := runCLI(t, "", append(tc.args, "--progress", "always")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		for _, bar := range tc.bars {
			if !strings.Contains(stderr, "\r"+bar) && !strings.Contains(stderr, "\r| "+bar) {
				t.Errorf("%s --progress always: no %q bar on stderr:\n%q", tc.args[0], bar, stderr)
			}
		}
		// A bar stands for articles, with the total once it is known.
		if tc.args[0] == "eval" && !strings.Contains(stderr, "/8") {
			t.Errorf("eval: the scoring bar shows no total of 8:\n%q", stderr)
		}
		_, stderr, code = runCLI(t, "", append(tc.args, "--progress", "never")...)
		if code != 0 || strings.Contains(stderr, "\r") {
			t.Errorf("%s --progress never: exit %d, stderr %q", tc.args[0], code, stderr)
		}
		// stderr is no terminal here: auto draws no bar.
		if _, stderr, _ = runCLI(t, "", tc.args...); strings.Contains(stderr, "\r") {
			t.Errorf("%s: a bar on a stderr that is not a terminal: %q", tc.args[0], stderr)
		}
		_, stderr, code = runCLI(t, "", append(tc.args, "--progress", "maybe")...)
		if want := `unknown --progress "maybe": want auto, always or never`; code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%s --progress maybe: exit %d, stderr %q", tc.args[0], code, stderr)
		}
	}
}
