package sources

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

// Scored is one line of the JSON Lines that `newsqual score --format
// jsonl` writes: the result of one article, read back without scoring it
// again.
type Scored struct {
	// Line is the 1-based line number.
	Line int
	// Article holds the record's "id", "url" and "source" (else "site");
	// there is no text.
	Article corpus.Article
	// Result holds the record's ID, quality, spam probability, verdict,
	// language, truncated flag and reasons. Quality is set for
	// the verdicts clean, suspect and spam, and SpamProbability when the
	// record has one; both are nil for the verdicts without a score (empty,
	// too_short, unsupported), even in the output of earlier versions,
	// which wrote numbers there.
	Result newsqual.Result
	// Err says why the line gives no result: it is not a score record, or
	// it records an input that failed when it was scored.
	Err error
}

// scoreRecord is one line of score output: the record package wire
// writes, and "site", which a record of another tool may hold instead of
// "source".
type scoreRecord struct {
	wire.Result
	Site string `json:"site"`
}

// knownVerdicts are the article verdicts score output can carry, each
// mapped to whether it comes with a quality.
var knownVerdicts = map[newsqual.Verdict]bool{
	newsqual.VerdictClean: true, newsqual.VerdictSuspect: true, newsqual.VerdictSpam: true,
	newsqual.VerdictUnsupported: false, newsqual.VerdictEmpty: false, newsqual.VerdictTooShort: false,
}

// ReadScores reads score output from r and calls fn for each line that is
// not blank, in order. A line longer than maxLineBytes
// (corpus.DefaultMaxLineBytes when 0 or less) is an error Scored and is
// never held in memory whole; reading goes on at the next line. ReadScores
// returns the error that stopped reading r, or the first error fn returns.
func ReadScores(r io.Reader, maxLineBytes int, fn func(Scored) error) error {
	if maxLineBytes <= 0 {
		maxLineBytes = corpus.DefaultMaxLineBytes
	}
	lines := corpus.NewLineReader(r, maxLineBytes)
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := lines.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", lineNo, err)
		}
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		sc := Scored{Line: lineNo}
		if tooLong {
			sc.Err = fmt.Errorf("line longer than %d bytes", maxLineBytes)
		} else {
			sc = decodeScored(line, lineNo)
		}
		if err := fn(sc); err != nil {
			return err
		}
	}
}

// decodeScored turns one line of score output into a Scored.
func decodeScored(line []byte, lineNo int) Scored {
	sc := Scored{Line: lineNo}
	var rec scoreRecord
	if err := json.Unmarshal(bytes.TrimPrefix(line, utf8BOM), &rec); err != nil {
		sc.Err = fmt.Errorf("not a score record: invalid JSON: %v", err)
		return sc
	}
	sc.Article = corpus.Article{ID: rec.ID, URL: rec.URL, Source: rec.Source}
	if sc.Article.Source == "" {
		sc.Article.Source = rec.Site
	}
	judged, known := knownVerdicts[rec.Verdict]
	switch {
	case rec.Error != "":
		sc.Err = fmt.Errorf("%s failed when scored: %s", rec.ID, rec.Error)
	case rec.Verdict == "":
		sc.Err = errors.New(`not a score record: no "verdict" field`)
	case !known:
		sc.Err = fmt.Errorf("unknown verdict %q", rec.Verdict)
	case judged && rec.Quality == nil:
		sc.Err = fmt.Errorf("verdict %s without a quality", rec.Verdict)
	case judged && (*rec.Quality < 0 || *rec.Quality > 100):
		sc.Err = fmt.Errorf("quality %d: want 0-100", *rec.Quality)
	default:
		sc.Result = newsqual.Result{ID: rec.ID, Verdict: rec.Verdict, Language: rec.Language, Truncated: rec.Truncated, Reasons: rec.Reasons}
		if judged {
			sc.Result.Quality, sc.Result.SpamProbability = rec.Quality, rec.SpamProbability
		}
	}
	return sc
}

var utf8BOM = []byte("\ufeff")

// LooksLikeScores reports whether sample, the start of a stream, is score
// output: its first line is a JSON object with a "verdict" or "error"
// field and no "text" or "html" field. Only the fields before the end of
// sample are looked at, so a line longer than sample is judged by its
// start; score output writes "verdict" before the long "reasons".
func LooksLikeScores(sample []byte) bool {
	sample = bytes.TrimLeft(bytes.TrimPrefix(sample, utf8BOM), " \t\r\n")
	if i := bytes.IndexByte(sample, '\n'); i >= 0 {
		sample = sample[:i]
	}
	dec := json.NewDecoder(bytes.NewReader(sample))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	scored := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case "text", "html":
			return false
		case "verdict", "error":
			scored = true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
	}
	return scored
}
