package pipeline_test

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/newsqual/newsqual/internal/shareddata"
)

// newEncoder returns a JSON encoder set up as `newsqual score` sets its
// own: no HTML escaping.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// sharedCorpus returns the shared labelled corpus folder, or skips the
// test when the shared data is not there.
func sharedCorpus(t *testing.T) string {
	t.Helper()
	return shareddata.Path(t, "corpus")
}
