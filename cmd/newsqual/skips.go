package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/newsqual/newsqual/corpus"
)

// skipCounts counts the records passed over inside files, by reason. It is
// safe for use by the reading goroutine and the summary at once.
type skipCounts struct {
	mu       sync.Mutex
	byReason map[string]int
}

// note reports a skipped item: a whole file on stderr at once, a record
// inside a file (a WARC record, a blank JSONL line) by counting it under
// its reason for the summary, since a crawl can hold thousands.
func (c *skipCounts) note(it corpus.Item, stderr io.Writer) {
	if it.Line == 0 {
		fmt.Fprintf(stderr, "skipped %s: %s\n", quotePath(it.Where()), escapeControls(it.Skipped))
		return
	}
	c.add(it.Skipped, it.Count())
}

// add counts n records skipped for reason.
func (c *skipCounts) add(reason string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byReason == nil {
		c.byReason = make(map[string]int)
	}
	c.byReason[reason] += n
}

// maxSkipReasons is how many reasons the summary names; the rest are
// added up.
const maxSkipReasons = 8

// String lists the counts, most frequent first, as in "WARC request
// record: 12, not HTML (image/png): 3", or "" when there are none.
func (c *skipCounts) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byReason) == 0 {
		return ""
	}
	reasons := make([]string, 0, len(c.byReason))
	for r := range c.byReason {
		reasons = append(reasons, r)
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if d := c.byReason[b] - c.byReason[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for i, r := range reasons {
		if i == maxSkipReasons {
			rest := 0
			for _, r := range reasons[i:] {
				rest += c.byReason[r]
			}
			parts = append(parts, fmt.Sprintf("%d other reasons: %d", len(reasons)-i, rest))
			break
		}
		parts = append(parts, fmt.Sprintf("%s: %d", r, c.byReason[r]))
	}
	return escapeControls(strings.Join(parts, ", "))
}
