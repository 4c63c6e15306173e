// Package newsqual scores scraped news articles for quality: how
// trustworthy each one looks as a piece of journalism, as a score from 0 to
// 100 with the reasons behind it.
//
// A Scorer finds the spam signals of an article (ad injections, shop
// templates, keyword stuffing, AI-filler prose, missing sourcing, page
// boilerplate), weighs them with its words in a trained model, and returns a
// Result: a calibrated spam probability, a quality score, a verdict, and the
// reasons ranked by how much each moved the score, each with its evidence.
//
//	scorer := newsqual.Default()
//	res := scorer.Score(newsqual.Article{ID: "a1", Text: text})
//	if res.Verdict == newsqual.VerdictSpam { drop(res) }
package newsqual

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"sync"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// Article is one article to score; only Text is required.
type Article = corpus.Article

// Evidence is a line or phrase behind a reason, with its count and line.
type Evidence = features.Evidence

// Verdict is the judgement of a Result in one word: one of the Verdict
// constants. It encodes to JSON as that word, a plain string.
type Verdict string

// Verdicts a Result can carry.
const (
	// VerdictClean: the article looks like professional journalism.
	VerdictClean Verdict = model.Clean
	// VerdictSuspect: some signals of low quality; review or down-rank.
	VerdictSuspect Verdict = model.Suspect
	// VerdictSpam: a content-farm page; drop it.
	VerdictSpam Verdict = model.Spam
	// VerdictUnsupported: the article is not in a language the model
	// covers, so the scorer gives it no score.
	VerdictUnsupported Verdict = "unsupported"
	// VerdictEmpty: the article has no words to judge.
	VerdictEmpty Verdict = "empty"
	// VerdictTooShort: the article has words, but fewer than MinWords:
	// too few to tell a brief from a scrap of spam, so the scorer gives it
	// no score.
	VerdictTooShort Verdict = "too_short"
	// VerdictError: the model gave a number that is not finite (NaN or an
	// infinity), so the scorer gives no score and Result.Error says why.
	// A model that passed model.Validate never does on finite signals; the
	// verdict exists so that no NaN can reach an output as a score.
	VerdictError Verdict = "error"
)

// Judged reports whether v is a verdict of a scored article: clean,
// suspect or spam.
func (v Verdict) Judged() bool {
	return v == VerdictClean || v == VerdictSuspect || v == VerdictSpam
}

// MinWords is the fewest words an article needs for a score; with 1 to
// MinWords-1 words it gets VerdictTooShort, with none VerdictEmpty. Words
// are counted in the article's text as the signals count them (the
// word_count reason shows the same number); the title does not count, so
// a headline over a one-line teaser is not enough. Length is checked
// before language: a short text is too short whatever its language, as
// the language detector is least reliable on short texts and neither
// verdict gives a score. Result.Language still names the language
// detected.
const MinWords = 50

// Result is the judgement of one article.
//
// Quality and SpamProbability are set only when the scorer judged the
// article, that is when Verdict is VerdictClean, VerdictSuspect or
// VerdictSpam (Judged reports it). For VerdictEmpty, VerdictTooShort and
// VerdictUnsupported both are nil, and encode to JSON null: there is no
// score, not a score of 0. Check Judged (or the pointer) before reading
// them.
type Result struct {
	// ID is the article's ID.
	ID string `json:"id"`
	// Quality is 0 (spam) to 100 (clean): 100 × (1 − SpamProbability),
	// rounded; nil when the article was not judged.
	Quality *int `json:"quality"`
	// SpamProbability is the calibrated probability that the article is
	// low-quality spam; nil when the article was not judged.
	SpamProbability *float64 `json:"spam_probability"`
	// Verdict is one of the Verdict constants.
	Verdict Verdict `json:"verdict"`
	// Language is the ISO 639-3 code of the detected language, or "und"
	// when the text is too short or the detector unsure.
	Language string `json:"language"`
	// Reasons are the signals that moved the score, strongest first: those
	// pushing toward spam (positive Weight), then those pulling toward clean
	// (negative Weight). An article that was not judged has one reason
	// saying why (signal "empty", "too_short" or "language"), with Weight
	// 0, and the "truncated" reason when its text was cut.
	Reasons []Reason `json:"reasons"`
	// Truncated is true when the article was cut, at the reader's size
	// limit (Article.Truncated) or at the scorer's word cap (WithMaxWords):
	// the result then has the "truncated" reason.
	Truncated bool `json:"truncated,omitempty"`
	// Error is set, with Verdict VerdictError, when the article could not
	// be scored: the model's numbers gave no finite score.
	Error string `json:"error,omitempty"`
}

// Judged reports whether the scorer judged the article: Quality and
// SpamProbability are set, and Verdict is clean, suspect or spam. It is
// false for the verdicts empty, too_short and unsupported.
func (r Result) Judged() bool { return r.Quality != nil && r.SpamProbability != nil }

// Reason is one signal's part in a score.
type Reason struct {
	// Signal is the feature name, e.g. "keyword_stuffing".
	Signal string `json:"signal"`
	// Message says in one line what was found.
	Message string `json:"message"`
	// Evidence quotes the lines or phrases behind the signal.
	Evidence []Evidence `json:"evidence"`
	// Weight is the reason's contribution to the log-odds of spam,
	// relative to an average training article: positive pushes toward spam,
	// negative toward clean.
	Weight float64 `json:"weight"`
}

// TowardClean reports whether the reason pulled the score toward clean.
func (r Reason) TowardClean() bool { return r.Weight < 0 }

// Scorer scores articles with one model. Its settings are fixed when it is
// made (by New, Load or Read, or derived from another by With) and never
// change after, so a Scorer is safe for concurrent use and can be shared:
// Default gives every caller the same one.
type Scorer struct {
	model *model.Model
	// modelSHA is the hex SHA-256 of the model file read by Load or Read;
	// empty for a Scorer made by New, whose model is hashed when asked.
	modelSHA string
	settings
}

// DefaultMaxReasons is how many reasons a Result carries at most unless
// WithMaxReasons says otherwise: the strongest of both directions.
const DefaultMaxReasons = 10

// ModelSHA256 returns the hex SHA-256 of the model the scorer scores
// with: of the file's bytes as read for a Scorer from Load, Read or
// Default (so a hand-edited model file is named by its own hash), and
// for one from New of the model as model.Write encodes it (see the
// function ModelSHA256). It returns "" only when such a model cannot be
// encoded.
func (s *Scorer) ModelSHA256() string {
	if s.modelSHA != "" {
		return s.modelSHA
	}
	sha, err := ModelSHA256(s.model)
	if err != nil {
		return ""
	}
	return sha
}

// documents keeps prepared Documents for reuse across Score calls; no
// Result refers to a Document's slices, only to strings.
var documents = sync.Pool{New: func() any { return new(features.Document) }}

//go:embed models/default.json
var defaultModel []byte

var (
	defaultOnce   sync.Once
	defaultScorer *Scorer
	defaultErr    error
)

// Default returns the Scorer with the model embedded in the binary,
// trained on the project's labelled corpus, and the default settings. The
// same Scorer is returned to every caller; as no Scorer changes once made,
// none can change it for the others. For other settings derive a Scorer
// of your own, which shares the model:
//
//	s, err := newsqual.Default().With(newsqual.WithMaxWords(5000))
//
// Default panics if the embedded model is unusable, which the project's
// tests rule out.
func Default() *Scorer {
	defaultOnce.Do(func() {
		defaultScorer, defaultErr = Read(bytes.NewReader(defaultModel))
	})
	if defaultErr != nil {
		panic(fmt.Sprintf("newsqual: embedded model: %v", defaultErr))
	}
	return defaultScorer
}

// Load returns a Scorer with the model file at path and the settings of
// opts; its ModelSHA256 is the hash of the file. It returns an error when
// the file cannot be read or is no valid model, or when an option is
// invalid.
func Load(path string, opts ...Option) (*Scorer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	s, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	return s.With(opts...)
}

// Read returns a Scorer with the model read from r and the settings of
// opts; its ModelSHA256 is the hash of the bytes read. It returns an
// error when r holds no valid model or when an option is invalid.
func Read(r io.Reader, opts ...Option) (*Scorer, error) {
	s, err := read(r)
	if err != nil {
		return nil, err
	}
	return s.With(opts...)
}

// read returns a Scorer with the model read from r, its hash, and the
// default settings.
func read(r io.Reader) (*Scorer, error) {
	h := sha256.New()
	m, err := model.Read(io.TeeReader(r, h))
	if err != nil {
		return nil, err
	}
	s := newScorer(m)
	s.modelSHA = hex.EncodeToString(h.Sum(nil))
	return s, nil
}

// New returns a Scorer for a validated model (see model.Validate) with
// the settings of opts, applied in order over the defaults: the model's
// thresholds, DefaultMaxReasons reasons and features.DefaultMaxWords
// words. It returns an error only when an option is invalid, such as
// WithThresholds of thresholds out of order; with no options it never
// does. The Scorer keeps m: the caller must not modify it after.
func New(m *model.Model, opts ...Option) (*Scorer, error) {
	return newScorer(m).With(opts...)
}

// newScorer returns a Scorer for m with the default settings.
func newScorer(m *model.Model) *Scorer {
	return &Scorer{model: m, settings: settings{
		thresholds: m.Thresholds,
		maxReasons: DefaultMaxReasons,
		maxWords:   features.DefaultMaxWords,
	}}
}

// Model returns the scorer's model; the caller must not modify it. Its
// Thresholds are the model file's; Thresholds gives those the scorer's
// verdicts use.
func (s *Scorer) Model() *model.Model { return s.model }

// Score judges one article. The first rule that applies decides:
//
//  1. no words in the text: VerdictEmpty;
//  2. fewer than MinWords words: VerdictTooShort (an article that had more
//     words than the scorer's word cap lets through is never too short);
//  3. a text the language detector is sure is not English:
//     VerdictUnsupported;
//  4. otherwise the model scores it: clean, suspect or spam, with Quality
//     and SpamProbability.
//
// In the first three cases Quality and SpamProbability are nil and one
// reason says why. A text that was cut (Article.Truncated, or more words
// than the word cap, see WithMaxWords) has a "truncated" reason as well,
// whatever its verdict.
func (s *Scorer) Score(a Article) Result {
	d := documents.Get().(*features.Document)
	defer documents.Put(d)
	d.MaxWords = s.maxWords
	d.ResetPage(a.Title, a.Text, a.Hidden)
	res := Result{ID: a.ID, Truncated: a.Truncated, Reasons: []Reason{}}
	words := d.WordCount()
	switch {
	case words == 0:
		res.Verdict = VerdictEmpty
		res.Language = "und"
		res.Reasons = append(res.Reasons, Reason{Signal: "empty", Message: "the article has no words", Evidence: []Evidence{}})
		return noteTruncated(res, a, d)
	case words < MinWords && !d.WordsCut:
		res.Verdict = VerdictTooShort
		res.Language, _, _ = d.Language()
		res.Reasons = append(res.Reasons, Reason{
			Signal:   "too_short",
			Message:  fmt.Sprintf("the article has %d %s, fewer than the %d needed for a score", words, plural(words, "word", "words"), MinWords),
			Evidence: []Evidence{},
		})
		return noteTruncated(res, a, d)
	}
	lang, english, sure := d.Language()
	res.Language = lang
	if sure && !english {
		res.Verdict = VerdictUnsupported
		res.Reasons = append(res.Reasons, Reason{
			Signal:   "language",
			Message:  "the text is in " + features.LanguageName(lang) + "; the model covers English news only, so it gives no score",
			Evidence: []Evidence{},
		})
		return noteTruncated(res, a, d)
	}
	sig := features.ExtractDocument(d)
	pred := s.model.Predict(d, sig)
	if !pred.Finite() {
		return notFinite(res)
	}
	p := roundProbability(pred.Probability)
	res.SpamProbability = &p
	res.Quality = new(int(math.Round(100 * (1 - p))))
	res.Verdict = Verdict(s.thresholds.Verdict(p))
	res.Reasons = s.reasons(sig, pred)
	placeEvidence(res.Reasons, d, a.Text)
	return noteTruncated(res, a, d)
}

// notFinite is the result for an article whose prediction holds a NaN or
// an infinity: no score, no weighed reasons, VerdictError and the error.
// Its probability can never become a quality (converting NaN to an int
// gives a nonsense number) nor a verdict (NaN is below every threshold,
// which would read as clean).
func notFinite(res Result) Result {
	res.Verdict = VerdictError
	res.Reasons = []Reason{}
	res.Error = "the model gave no finite score: the model's numbers are unusable (model.Validate refuses such a model)"
	return res
}

// noteTruncated adds the "truncated" reason to res when the article was
// cut, by the reader or at the scorer's word cap.
func noteTruncated(res Result, a Article, d *features.Document) Result {
	if !a.Truncated && !d.WordsCut {
		return res
	}
	res.Truncated = true
	msg := "the article was cut at the reader's size limit; the score covers its first part"
	if !res.Judged() {
		msg = "the article was cut at the reader's size limit; only its first part was read"
	}
	res.Reasons = append(res.Reasons, Reason{Signal: "truncated", Message: msg, Evidence: []Evidence{}})
	return res
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// roundProbability keeps six decimals, so output is stable and short, and
// stays strictly between 0 and 1: no model is certain.
func roundProbability(p float64) float64 {
	return math.Min(math.Max(math.Round(p*1e6)/1e6, 1e-6), 1-1e-6)
}
