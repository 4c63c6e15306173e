package newsqual

import (
	"context"

	"github.com/newsqual/newsqual/internal/ordered"
)

// ScoreAll scores articles from in on several goroutines (one per CPU when
// workers <= 0) and sends the results to the returned channel in input
// order. At most a few articles per worker are in flight, so memory stays
// bounded however long the stream. The output closes after in closes and
// every result is sent, or soon after ctx is cancelled.
func (s *Scorer) ScoreAll(ctx context.Context, in <-chan Article, workers int) <-chan Result {
	return ordered.Map(ctx, in, workers, s.Score)
}
