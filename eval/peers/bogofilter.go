package peers

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// bogofilterProgram is the command run; install-bogofilter.sh installs it.
const bogofilterProgram = "bogofilter"

// messageHeader makes each article the body of a minimal plain-text mail.
// bogofilter reads a file as a mail message, so text without a header
// would be tokenised as header lines (tagged "head:") instead of body.
const messageHeader = "MIME-Version: 1.0\n" +
	"Content-Type: text/plain; charset=utf-8\n" +
	"Content-Transfer-Encoding: 8bit\n" +
	"\n"

// Bogofilter cross-validates bogofilter on the documents: for each fold f
// it trains a fresh word list on the documents whose fold is not f and
// scores those whose fold is f. Result.Scores[i] is the spamicity of
// docs[i]. The throughput is that of the scoring runs alone.
//
// bogofilter runs with its built-in defaults (no configuration file). It
// returns an error wrapping ErrNotInstalled when bogofilter is not on PATH.
func Bogofilter(ctx context.Context, docs []Document, fold []int, k int) (Result, error) {
	if err := checkFolds(docs, fold, k); err != nil {
		return Result{}, fmt.Errorf("bogofilter: %w", err)
	}
	b, err := openBogofilter(ctx)
	if err != nil {
		return Result{}, err
	}
	defer b.close()

	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	names, err := b.writeMessages(texts)
	if err != nil {
		return Result{}, err
	}

	scores := make([]float64, len(docs))
	var took time.Duration
	var bytes int
	for f := 0; f < k; f++ {
		var spam, ham, test []string
		var testIndex []int
		for i, d := range docs {
			switch {
			case fold[i] == f:
				test = append(test, names[i])
				testIndex = append(testIndex, i)
				bytes += len(d.Text)
			case d.Spam:
				spam = append(spam, names[i])
			default:
				ham = append(ham, names[i])
			}
		}
		if len(test) == 0 {
			continue
		}
		got, t, err := b.trainAndScore(ctx, fmt.Sprintf("fold%d", f), spam, ham, test)
		if err != nil {
			return Result{}, fmt.Errorf("bogofilter: fold %d: %w", f, err)
		}
		took += t
		for j, i := range testIndex {
			scores[i] = got[j]
		}
	}
	return b.result(scores, len(docs), bytes, took, fmt.Sprintf("%d-fold cross-validation", k)), nil
}

// BogofilterScore trains bogofilter on train and scores the texts of test;
// Result.Scores[i] is the spamicity of test[i]. It returns an error
// wrapping ErrNotInstalled when bogofilter is not on PATH.
func BogofilterScore(ctx context.Context, train []Document, test []string) (Result, error) {
	var nSpam int
	for _, d := range train {
		if d.Spam {
			nSpam++
		}
	}
	if err := checkClasses(nSpam, len(train)-nSpam); err != nil {
		return Result{}, fmt.Errorf("bogofilter: training: %w", err)
	}
	b, err := openBogofilter(ctx)
	if err != nil {
		return Result{}, err
	}
	defer b.close()

	texts := make([]string, 0, len(train)+len(test))
	for _, d := range train {
		texts = append(texts, d.Text)
	}
	texts = append(texts, test...)
	names, err := b.writeMessages(texts)
	if err != nil {
		return Result{}, err
	}
	var spam, ham []string
	for i, d := range train {
		if d.Spam {
			spam = append(spam, names[i])
		} else {
			ham = append(ham, names[i])
		}
	}
	scores, took, err := b.trainAndScore(ctx, "words", spam, ham, names[len(train):])
	if err != nil {
		return Result{}, fmt.Errorf("bogofilter: %w", err)
	}
	var bytes int
	for _, t := range test {
		bytes += len(t)
	}
	return b.result(scores, len(test), bytes, took, "trained on one set, scored on another"), nil
}

// bogofilter runs the bogofilter program on messages written to a
// temporary folder.
type bogofilter struct {
	path    string
	version string
	// dir holds the messages (in dir/messages, so that their names are
	// short and path-independent) and one word list per training.
	dir string
}

// openBogofilter finds the program, reads its version and makes the
// temporary folder.
func openBogofilter(ctx context.Context) (*bogofilter, error) {
	path, err := exec.LookPath(bogofilterProgram)
	if err != nil {
		return nil, fmt.Errorf("bogofilter: %w (%v)", ErrNotInstalled, err)
	}
	version, err := bogofilterVersion(ctx, path)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "newsqual-bogofilter-")
	if err != nil {
		return nil, fmt.Errorf("bogofilter: %w", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "messages"), 0o700); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("bogofilter: %w", err)
	}
	return &bogofilter{path: path, version: version, dir: dir}, nil
}

// bogofilterVersion returns the version number from the first line of
// "bogofilter -V" ("bogofilter version 1.2.5").
func bogofilterVersion(ctx context.Context, path string) (string, error) {
	out, err := exec.CommandContext(ctx, path, "-V").Output()
	if err != nil {
		return "", fmt.Errorf("bogofilter -V: %w", err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	fields := strings.Fields(first)
	if len(fields) != 3 || fields[1] != "version" {
		return "", fmt.Errorf("bogofilter -V: unexpected first line %q", first)
	}
	return fields[2], nil
}

// close removes the temporary folder.
func (b *bogofilter) close() { os.RemoveAll(b.dir) }

// writeMessages writes each text as a mail message and returns the
// messages' names relative to dir/messages.
func (b *bogofilter) writeMessages(texts []string) ([]string, error) {
	names := make([]string, len(texts))
	for i, text := range texts {
		names[i] = strconv.Itoa(i)
		if err := writeMessage(filepath.Join(b.dir, "messages", names[i]), text); err != nil {
			return nil, fmt.Errorf("bogofilter: write document %d: %w", i, err)
		}
	}
	return names, nil
}

// writeMessage writes text to path as the body of a minimal message.
func writeMessage(path, text string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(messageHeader)
	w.WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// trainAndScore registers the spam and ham messages in a fresh word list
// named name, scores the test messages with it, and removes it. It returns
// the scores in the order of test and the time the scoring run took.
func (b *bogofilter) trainAndScore(ctx context.Context, name string, spam, ham, test []string) ([]float64, time.Duration, error) {
	db := filepath.Join(b.dir, name)
	if err := os.Mkdir(db, 0o700); err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(db)
	// -y 0 leaves the tokens without a date stamp, so that the word list
	// does not depend on the day it was made.
	if _, err := b.run(ctx, spam, "-d", db, "-y", "0", "-s", "-b"); err != nil {
		return nil, 0, fmt.Errorf("register spam: %w", err)
	}
	if _, err := b.run(ctx, ham, "-d", db, "-y", "0", "-n", "-b"); err != nil {
		return nil, 0, fmt.Errorf("register ham: %w", err)
	}
	start := time.Now()
	out, err := b.run(ctx, test, "-d", db, "-TT", "-b")
	took := time.Since(start)
	if err != nil {
		return nil, 0, fmt.Errorf("score: %w", err)
	}
	scores, err := parseScores(out, test)
	if err != nil {
		return nil, 0, fmt.Errorf("score: %w", err)
	}
	return scores, took, nil
}

// run runs bogofilter without configuration files (-C) in the messages
// folder, with the message names on standard input (one a line, for the
// bulk option -b), and returns its standard output. Exit codes 0, 1 and 2
// (spam, ham, unsure: the last message's class in bulk mode) are success;
// 3 is bogofilter's error code.
func (b *bogofilter) run(ctx context.Context, names []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, b.path, append([]string{"-C"}, args...)...)
	cmd.Dir = filepath.Join(b.dir, "messages")
	var stdin strings.Builder
	for _, n := range names {
		stdin.WriteString(n)
		stdin.WriteByte('\n')
	}
	cmd.Stdin = strings.NewReader(stdin.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() >= 0 && exit.ExitCode() <= 2 && ctx.Err() == nil {
		err = nil
	}
	if err != nil {
		if msg := firstLines(stderr.String(), 3); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		return nil, fmt.Errorf("bogofilter %s: %w", strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}

// parseScores reads the "name score" lines of bogofilter -TT -b and returns
// the score of each name in names, in order. Every name must have exactly
// one score in [0, 1].
func parseScores(out []byte, names []string) ([]float64, error) {
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	scores := make([]float64, len(names))
	seen := make([]bool, len(names))
	for line := range strings.Lines(string(out)) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			continue
		}
		cut := strings.LastIndexByte(line, ' ')
		if cut < 0 {
			return nil, fmt.Errorf("unexpected output line %q", line)
		}
		i, ok := index[line[:cut]]
		if !ok {
			return nil, fmt.Errorf("output line %q names no scored message", line)
		}
		if seen[i] {
			return nil, fmt.Errorf("message %s scored twice", names[i])
		}
		s, err := strconv.ParseFloat(line[cut+1:], 64)
		if err != nil || math.IsNaN(s) || s < 0 || s > 1 {
			return nil, fmt.Errorf("output line %q: score is not a number in [0, 1]", line)
		}
		scores[i], seen[i] = s, true
	}
	for i, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("no score for message %s", names[i])
		}
	}
	return scores, nil
}

// result assembles the result of a bogofilter run.
func (b *bogofilter) result(scores []float64, articles, bytes int, took time.Duration, how string) Result {
	r := Result{
		Name:    "bogofilter",
		Version: b.version,
		Scores:  scores,
		Note: fmt.Sprintf("bogofilter %s with its built-in defaults, %s: a fresh word list "+
			"trained with -s/-n, each article the body of a minimal text/plain message, "+
			"score = its spamicity (-TT); %d of %d scores are exactly 0 or 1 (ties); "+
			"throughput counts one bogofilter process per scoring run, start-up included",
			b.version, how, saturated(scores), len(scores)),
	}
	setThroughput(&r, articles, bytes, took)
	return r
}

// firstLines returns up to n lines of s, for error messages.
func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "; ")
}
