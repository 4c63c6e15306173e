package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/newsqual/newsqual/corpus"
)

// stopSignals end a run gracefully: the record in hand is finished, the
// output flushed and the summary printed (score, sources, eval), or the
// requests in flight drained (serve). SIGHUP, sent when the terminal
// goes away, is one of them, so that closing it does not leave half a
// line and no summary.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// The largest values the numeric flags accept: far above any real use,
// and low enough that nothing they size (goroutines, buffers, read
// limits) can overflow or exhaust the machine by a slip of the keyboard.
const (
	maxWorkers       = 1024
	maxReadBytes     = 1 << 30 // --max-bytes, --max-line-bytes, --max-html-bytes, --max-body-bytes
	maxWordsLimit    = 100_000_000
	maxBatchLimit    = 1_000_000
	maxConcurrentCap = 100_000
	maxDuration      = 24 * time.Hour
)

// limit is a numeric flag's value and the range it must lie in.
type limit struct {
	name     string
	value    int64
	min, max int64
	// zero, when set, is what 0 means (as "one per CPU" for --workers),
	// and 0 is accepted besides the range.
	zero string
	// duration says the value is a time.Duration, shown as one.
	duration bool
}

// show formats a value of the limit's flag.
func (l limit) show(v int64) string {
	if l.duration {
		return time.Duration(v).String()
	}
	return strconv.FormatInt(v, 10)
}

// check returns an error naming the flag when its value is out of range.
func (l limit) check() error {
	v := l.value
	if l.zero != "" && v == 0 || l.min <= v && v <= l.max {
		return nil
	}
	if l.min == 1 && l.zero == "" && v < 1 {
		return fmt.Errorf("%s must be above zero, got %s", l.name, l.show(v))
	}
	want := l.show(l.min) + " to " + l.show(l.max)
	if l.zero != "" {
		want = "0 (" + l.zero + ") or " + want
	}
	return fmt.Errorf("%s %s: want %s", l.name, l.show(v), want)
}

// checkLimits returns the error of the first limit out of range.
func checkLimits(limits ...limit) error {
	for _, l := range limits {
		if err := l.check(); err != nil {
			return err
		}
	}
	return nil
}

// workersLimit is the limit of a --workers flag.
func workersLimit(n int) limit {
	return limit{name: "--workers", value: int64(n), min: 1, max: maxWorkers, zero: "one per CPU"}
}

// limits are the reader flags' limits; files is as for register.
func (r readerFlags) limits(files bool) []limit {
	l := []limit{
		{name: "--max-bytes", value: int64(r.maxBytes), min: 1, max: maxReadBytes},
		{name: "--max-words", value: int64(r.maxWords), min: 1, max: maxWordsLimit},
		{name: "--max-html-depth", value: int64(r.maxHTMLDepth), min: 1, max: corpus.DefaultMaxHTMLDepth},
	}
	if files {
		l = append(l,
			limit{name: "--max-line-bytes", value: int64(r.maxLineBytes), min: 1, max: maxReadBytes},
			limit{name: "--max-html-bytes", value: int64(r.maxHTMLBytes), min: 1, max: maxReadBytes})
	}
	return l
}

// skipLimit is the limit of --skip.
func skipLimit(n int) limit {
	return limit{name: "--skip", value: int64(n), min: 0, max: math.MaxInt64}
}
