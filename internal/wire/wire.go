// Package wire defines the JSON form of scored articles that the command
// line writes and the service answers with, so that both speak the same
// shape and tools reading one can read the other. The shape is published
// as the JSON Schema schema/result.schema.json; SchemaVersion names it.
// The encodings (Line, Object, Element, ArrayWriter) are here too: the
// command line, `newsqual serve` and the Beam pipeline write records only
// through them, so the bytes agree as well as the fields.
package wire

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// SchemaVersion is the version of the record's shape, the schema_version
// of every record. It changes when a field is renamed, removed or changes
// meaning; a field added keeps it.
const SchemaVersion = "1"

// ShortSHALen is how many hex digits of the model's SHA-256 a record
// carries: enough to tell models apart, short enough for every line.
const ShortSHALen = 12

// Result is the JSON form of a scored article: exactly these fields. URL
// and Source are the article's own metadata, kept so that results can be
// grouped by site later without scoring again; they are left out when the
// input had none. Quality and SpamProbability are null when the article
// was not judged (the verdicts empty, too_short and unsupported), never 0.
type Result struct {
	// SchemaVersion is SchemaVersion.
	SchemaVersion string `json:"schema_version"`
	// ID is the article's own id, else its place (FILE:LINE, or the path).
	ID     string `json:"id"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	// Quality is 0 to 100, null when the article was not judged.
	Quality *int `json:"quality"`
	// SpamProbability is 0 to 1, null when the article was not judged.
	SpamProbability *float64 `json:"spam_probability"`
	// Verdict is one of the newsqual.Verdict constants.
	Verdict newsqual.Verdict `json:"verdict"`
	// Language is the ISO 639-3 code of the detected language ("eng",
	// "fra"), "und" when undetermined.
	Language string `json:"language"`
	// Truncated is true when the article was cut at the reader's size
	// limit or the scorer's word cap.
	Truncated bool `json:"truncated"`
	// Model is the first ShortSHALen hex digits of the SHA-256 of the
	// model file that scored the article.
	Model   string            `json:"model_sha256"`
	Reasons []newsqual.Reason `json:"reasons"`
	// Error is set, with the verdict "error", when the scorer could not
	// score the article (newsqual.VerdictError); left out otherwise.
	Error string `json:"error,omitempty"`
	// Text is the article's text as scored, which the evidence spans
	// point into: for HTML input the text extracted from the page. Only
	// on request (newsqual score --with-text); left out otherwise.
	Text string `json:"text,omitempty"`
}

// Failure is the JSON form of an input that could not be scored.
type Failure struct {
	// SchemaVersion is SchemaVersion.
	SchemaVersion string `json:"schema_version"`
	// ID is the record's own id when it could be read, else its place
	// (FILE:LINE, or the path).
	ID string `json:"id"`
	// Error says what went wrong, naming the input's place.
	Error string `json:"error"`
}

// NewFailure returns the JSON form of the input id that failed with msg.
func NewFailure(id, msg string) Failure {
	return Failure{SchemaVersion: SchemaVersion, ID: id, Error: msg}
}

// FromResult returns the JSON form of r, scored from article a by the
// model whose hex SHA-256 is modelSHA (see newsqual.Scorer.ModelSHA256;
// it is cut to ShortSHALen digits).
func FromResult(a corpus.Article, r newsqual.Result, modelSHA string) Result {
	return Result{
		SchemaVersion:   SchemaVersion,
		ID:              r.ID,
		URL:             a.URL,
		Source:          a.Source,
		Quality:         r.Quality,
		SpamProbability: r.SpamProbability,
		Verdict:         r.Verdict,
		Language:        r.Language,
		Truncated:       r.Truncated,
		Model:           ShortSHA(modelSHA),
		Reasons:         r.Reasons,
		Error:           r.Error,
	}
}

// ShortSHA returns the first ShortSHALen characters of a hex digest, or
// all of a shorter one.
func ShortSHA(sha string) string {
	if len(sha) > ShortSHALen {
		return sha[:ShortSHALen]
	}
	return sha
}
