package pipeline

import (
	"context"
	"fmt"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/newsqual/newsqual"
)

// scorerKey names one loaded scorer: its model file ("" for the built-in
// model) and its word cap.
type scorerKey struct {
	model    string
	maxWords int
}

// scorers holds the scorers loaded in this worker process, so that a
// model is read once per worker however many DoFn instances the runner
// makes (one per bundle thread). A Scorer is safe for concurrent use.
var scorers struct {
	sync.Mutex
	byKey map[scorerKey]*newsqual.Scorer
}

// sharedScorer returns this process's scorer for a model file and word
// cap, loading the model on first use.
func sharedScorer(ctx context.Context, model string, maxWords int) (*newsqual.Scorer, error) {
	scorers.Lock()
	defer scorers.Unlock()
	key := scorerKey{model: model, maxWords: maxWords}
	if s, ok := scorers.byKey[key]; ok {
		return s, nil
	}
	base, err := loadScorer(ctx, model)
	if err != nil {
		return nil, err
	}
	// A scorer of its own with the word cap, sharing the model (and the
	// hash of its file); base, which may be newsqual.Default, is left as
	// it is.
	s, err := base.With(newsqual.WithMaxWords(maxWords))
	if err != nil {
		return nil, err
	}
	if scorers.byKey == nil {
		scorers.byKey = make(map[scorerKey]*newsqual.Scorer)
	}
	scorers.byKey[key] = s
	return s, nil
}

// loadScorer reads the model file at path from any Beam filesystem, or
// returns the built-in scorer for "".
func loadScorer(ctx context.Context, path string) (*newsqual.Scorer, error) {
	if path == "" {
		return newsqual.Default(), nil
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	defer r.Close()
	s, err := newsqual.Read(r)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	return s, nil
}
