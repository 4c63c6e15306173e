package peers

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// needBogofilter skips the test when bogofilter is not installed.
func needBogofilter(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(bogofilterProgram); err != nil {
		t.Skipf("bogofilter not installed (run eval/peers/install-bogofilter.sh): %v", err)
	}
}

func TestBogofilterSeparatesToyData(t *testing.T) {
	needBogofilter(t)
	ctx := context.Background()
	docs, fold := toyDocuments(20, 5)
	r, err := Bogofilter(ctx, docs, fold, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, r, docs)
	if r.Name != "bogofilter" || !strings.Contains(r.Note, r.Version) {
		t.Errorf("name %q, note %q should name bogofilter and its version %q", r.Name, r.Note, r.Version)
	}

	// The same documents in another order get the same scores, each
	// staying with its document.
	pd, pf, from := permuted(docs, fold)
	again, err := Bogofilter(ctx, pd, pf, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkAligned(t, r.Scores, again.Scores, from)
}

func TestBogofilterTokenisesTheBody(t *testing.T) {
	needBogofilter(t)
	// Read as bare files, the lines of a text up to its first blank line
	// would be header fields: "zorbex" would be a header word in training
	// and a body word in the first test text, unknown to the word list.
	train := []Document{
		{Text: "Prize draw\nFrom now on you win.\nzorbex zorbex", Spam: true},
		{Text: "Council news\nThe council met on Monday to discuss the budget.", Spam: false},
	}
	r, err := BogofilterScore(context.Background(), train, []string{"Hello\n\nzorbex", "The council met to discuss the budget."})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Scores) != 2 || !(r.Scores[0] > 0.9) || !(r.Scores[1] < 0.1) {
		t.Errorf("scores %v: want the spam body word above 0.9 and the clean sentence below 0.1", r.Scores)
	}
}

func TestBogofilterScoreUnseenTexts(t *testing.T) {
	needBogofilter(t)
	docs, _ := toyDocuments(20, 5)
	test := []string{
		"Click here! Huge discount on pills, buy now and add to cart.",
		"Officials at the court said on Friday that the appeal would be delayed.",
		"",
	}
	r, err := BogofilterScore(context.Background(), docs, test)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Scores) != len(test) {
		t.Fatalf("%d scores for %d texts", len(r.Scores), len(test))
	}
	if !(r.Scores[0] > r.Scores[1]) {
		t.Errorf("spammy text scored %v, news text %v: want spam higher", r.Scores[0], r.Scores[1])
	}
}

func TestBogofilterNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	docs, fold := toyDocuments(4, 2)
	_, err := Bogofilter(context.Background(), docs, fold, 2)
	if !errors.Is(err, ErrNotInstalled) {
		t.Errorf("error %v, want one wrapping ErrNotInstalled", err)
	}
	_, err = BogofilterScore(context.Background(), docs, []string{"text"})
	if !errors.Is(err, ErrNotInstalled) {
		t.Errorf("BogofilterScore error %v, want one wrapping ErrNotInstalled", err)
	}
}

func TestBogofilterCancelled(t *testing.T) {
	needBogofilter(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, fold := toyDocuments(4, 2)
	if _, err := Bogofilter(ctx, docs, fold, 2); err == nil {
		t.Error("no error with a cancelled context")
	}
}

func TestParseScores(t *testing.T) {
	names := []string{"0", "1", "10"}
	tests := []struct {
		name, out string
		want      []float64
		err       string
	}{
		{"in any order", "10 0.5\n0 0.0000000001000000\n1 1.0000000000000000\n", []float64{1e-10, 1, 0.5}, ""},
		{"missing", "0 0.1\n1 0.2\n", nil, "no score for message 10"},
		{"twice", "0 0.1\n1 0.2\n10 0.3\n0 0.4\n", nil, "scored twice"},
		{"unknown name", "0 0.1\n1 0.2\n10 0.3\n2 0.4\n", nil, "names no scored message"},
		{"not a number", "0 0.1\n1 S\n10 0.3\n", nil, "not a number"},
		{"above 1", "0 0.1\n1 1.5\n10 0.3\n", nil, "not a number in [0, 1]"},
		{"no score", "0\n", nil, "unexpected output line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseScores([]byte(tt.out), names)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Errorf("scores %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
}
