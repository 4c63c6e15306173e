package newsqual

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/race"
)

// hostileShapes are inputs on which a careless signal would do quadratic
// work: one huge line, one repeated character, a huge number of tiny lines,
// one word repeated, a phrase stuffed over and over, and a paragraph of
// promotional words around web addresses.
var hostileShapes = map[string]func(n int) string{
	"single-line":     func(n int) string { return strings.Repeat("word and other words, ", n/22) },
	"repeated-char":   func(n int) string { return strings.Repeat("a", n) },
	"tiny-lines":      func(n int) string { return strings.Repeat("x\n", n/2) },
	"repeated-word":   func(n int) string { return strings.Repeat("buy ", n/4) },
	"stuffed-phrase":  func(n int) string { return strings.Repeat("Hamas rejects US in a sentence. ", n/32) },
	"nested-quotes":   func(n int) string { return strings.Repeat("\u201c", n/3) },
	"separator-chain": func(n int) string { return strings.Repeat("Home » ", n/8) },
	"promo-addresses": func(n int) string { return strings.Repeat("win free cash fast at zorvex.biz now and ", n/41) },
}

// allocatedBy returns the fewest bytes allocated while scoring text, over
// five runs in a row: the first ones fill the pools of reusable buffers.
func allocatedBy(s *Scorer, text string) uint64 {
	// No collection while measuring: a collection empties the pools, and
	// whether one falls inside a run would change what the run allocates.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	least := ^uint64(0)
	for range 5 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s.Score(Article{ID: "h", Text: text})
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}

// TestHostileInputsCostLinearWork checks, shape by shape, that scoring
// four times the input allocates at most about four times as much: work
// that grew with the square of the input would show here. (Allocation is
// counted, not time, so the test does not depend on the machine.)
func TestHostileInputsCostLinearWork(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector makes sync.Pool drop buffers at random, so allocation is not comparable; make test runs this test without it")
	}
	s := mustNew(t, Default().Model())
	const n = 256 << 10
	for name, shape := range hostileShapes {
		small, large := allocatedBy(s, shape(n)), allocatedBy(s, shape(4*n))
		perByteSmall, perByteLarge := float64(small)/float64(n), float64(large)/float64(4*n)
		t.Logf("%-16s %6.1f → %6.1f bytes allocated per input byte", name, perByteSmall, perByteLarge)
		if perByteLarge > 1.5*perByteSmall+1 {
			t.Errorf("%s: allocation per input byte grew from %.1f to %.1f when the input grew 4×", name, perByteSmall, perByteLarge)
		}
	}
}

// TestWordCapBoundsTheWork checks that a page of millions of one-letter
// words is cut at the word cap and says so.
func TestWordCapBoundsTheWork(t *testing.T) {
	text := strings.Repeat("a ", 1<<20)
	d := features.NewDocument("", text)
	if len(d.Words) != features.DefaultMaxWords || !d.WordsCut {
		t.Fatalf("%d words considered, cut %v", len(d.Words), d.WordsCut)
	}
	s := mustNew(t, Default().Model(), WithMaxWords(1000))
	res := s.Score(Article{ID: "w", Text: text})
	found := false
	for _, r := range res.Reasons {
		found = found || r.Signal == "truncated"
	}
	if !found {
		t.Fatalf("no truncated reason: %+v", res.Reasons)
	}
}

// BenchmarkHostile reports the cost per byte of each hostile shape at
// growing sizes: flat figures mean linear work.
func BenchmarkHostile(b *testing.B) {
	s := mustNew(b, Default().Model())
	for name, shape := range hostileShapes {
		for _, n := range []int{64 << 10, 256 << 10, 1 << 20} {
			text := shape(n)
			b.Run(fmt.Sprintf("%s/%dKiB", name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					s.Score(Article{ID: "h", Text: text})
				}
			})
		}
	}
}
