package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsqual/newsqual/corpus"
)

// progress is the progress bar of score and sources on stderr. When the
// size of every input is known before reading (files and folders, not
// stdin or pipes) it shows the bytes read against their total, with a
// percentage and the time left; otherwise a spinner counting articles.
// Either way it counts the articles done, and it clears its line when the
// run ends. A nil *progress is no bar: every method does nothing.
type progress struct {
	bar *progressbar.ProgressBar
	// total is the bytes of the inputs, 0 for the spinner; sizes the bytes
	// of each path given, for pathDone.
	total int64
	sizes []int64

	mu       sync.Mutex // read and done paths are updated by the reading goroutine too
	read     int64      // bytes read so far, held below total until finish
	donePath int64      // bytes of the paths that pathDone marked read
	articles int
}

// progressThrottle is the shortest time between two redraws of the bar.
const progressThrottle = 200 * time.Millisecond

// startProgress returns the bar that --progress mode asks for on stderr
// for reading paths, or nil for none: never, or auto when stderr is not a
// terminal.
func startProgress(stderr io.Writer, mode string, paths []string) *progress {
	if !wantProgress(stderr, mode) {
		return nil
	}
	p := &progress{}
	p.total, p.sizes = inputBytes(paths)
	if p.total <= 0 {
		p.bar = countingBar(stderr, "scoring")
		return p
	}
	p.bar = progressbar.NewOptions64(p.total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("scoring"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(20),
		progressbar.OptionThrottle(progressThrottle),
		progressbar.OptionClearOnFinish(),
	)
	return p
}

// hook makes the reader report to the bar the bytes it reads.
func (p *progress) hook(opts *corpus.Options) {
	if p == nil || p.total <= 0 {
		return
	}
	opts.ReadBytes = p.addRead
}

// addRead counts n bytes read. The bar stays short of full until finish,
// since reading runs ahead of scoring, and a full bar would clear itself.
func (p *progress) addRead(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setRead(p.read + int64(n))
}

// setRead moves the bar to n bytes read, never back and never to full;
// p.mu is held.
func (p *progress) setRead(n int64) {
	n = min(n, p.total-1)
	if n <= p.read {
		return
	}
	p.read = n
	_ = p.bar.Set64(n)
}

// pathDone marks the i-th path given as read whole, for a reader that
// does not report its bytes (sources reading score output).
func (p *progress) pathDone(i int) {
	if p == nil || p.total <= 0 || i < 0 || i >= len(p.sizes) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.donePath += p.sizes[i]
	p.setRead(p.donePath)
}

// tick counts one article done (scored, failed or read from scores).
func (p *progress) tick() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.articles++
	if p.total <= 0 {
		_ = p.bar.Add(1)
		return
	}
	p.bar.Describe("scoring, " + strconv.Itoa(p.articles) + " articles")
}

// finish fills the bar, which clears its line, so that what follows on
// stderr starts on a clean line.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
}

// inputBytes returns the bytes the reader will read from paths and those
// of each path, or 0 when any path's size cannot be known before reading:
// stdin, a pipe or device, a path that cannot be read. In folders it counts
// the files the reader reads (by extension, hidden ones left out); the
// links it follows are counted by their targets when those are files.
func inputBytes(paths []string) (total int64, sizes []int64) {
	sizes = make([]int64, len(paths))
	for i, path := range paths {
		if path == "-" {
			return 0, nil
		}
		info, err := os.Stat(path)
		if err != nil {
			return 0, nil
		}
		switch {
		case info.Mode().IsRegular():
			sizes[i] = info.Size()
		case info.IsDir():
			sizes[i] = folderBytes(path)
		default:
			return 0, nil
		}
		total += sizes[i]
	}
	return total, sizes
}

// folderBytes adds up the sizes of the files under dir that the reader
// reads.
func folderBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if path != dir && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || corpus.FormatOf(path) == corpus.FormatAuto {
			return nil
		}
		// os.Stat follows a link to its target.
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}
