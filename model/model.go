// Package model turns an article's signals and words into a spam
// probability and explains it.
//
// A Model combines a text model over the words and style of the text
// (TextModel) with a logistic model over the signals of package features
// plus the text model's score. Its file
// is one versioned JSON document holding the feature names, the scaling, the
// weights, the verdict thresholds and how it was trained. Models are fitted
// by package training; this package only loads, checks and applies them.
package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/metrics"
)

// Format is the version of the model file layout. Files of another format
// are refused.
const Format = "newsqual-model/2"

// TextFeature is the name of the model input that carries the text model's
// score; it follows the signals of package features.
const TextFeature = "text_model"

// MaxFileSize bounds the size of a model file that Read accepts.
const MaxFileSize = 256 << 20

// Verdicts a model gives.
const (
	Clean   = "clean"
	Suspect = "suspect"
	Spam    = "spam"
)

// Thresholds are the spam probabilities at which the verdicts change.
type Thresholds struct {
	// Suspect is the probability from which an article is "suspect".
	Suspect float64 `json:"suspect"`
	// Spam is the probability from which an article is "spam".
	Spam float64 `json:"spam"`
}

// Model is a trained scorer: a logistic model over standardised inputs.
type Model struct {
	// Format is the file layout version, always the constant Format.
	Format string `json:"format"`
	// FeatureVersion is the features.Version the model was trained with.
	FeatureVersion string `json:"feature_version"`
	// Features names the inputs, as InputNames gives them.
	Features []string `json:"features"`
	// Mean and Scale standardise each input: (x − Mean) / Scale.
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
	// Weights are the logistic coefficients of the standardised inputs.
	Weights []float64 `json:"weights"`
	// Intercept is the logistic intercept.
	Intercept float64 `json:"intercept"`
	// Thresholds turn the probability into a verdict.
	Thresholds Thresholds `json:"thresholds"`
	// Text is the text model over words and style.
	Text *TextModel `json:"text"`
	// Training records how the model was made and how well it did.
	Training Training `json:"training"`
}

// Training describes how a model was trained.
type Training struct {
	// Data lists the training files with their label counts.
	Data []DataFile `json:"data"`
	// Augmented is the number of synthetic examples added to the data.
	Augmented int `json:"augmented"`
	// Seed is the random seed of augmentation and fold assignment.
	Seed int64 `json:"seed"`
	// Folds is the number of cross-validation folds.
	Folds int `json:"folds"`
	// Lambda is the L2 penalty chosen by cross-validation.
	Lambda float64 `json:"lambda"`
	// Date and Revision identify the training code (set by the caller).
	Date     string `json:"date,omitempty"`
	Revision string `json:"revision,omitempty"`
	// CrossValidated holds the out-of-fold metrics on all examples.
	CrossValidated Metrics `json:"cross_validated"`
	// CrossValidatedOriginals holds them on the original examples alone,
	// without the synthetic ones.
	CrossValidatedOriginals Metrics `json:"cross_validated_originals"`
	// Reliability is the out-of-fold calibration table.
	Reliability []ReliabilityBin `json:"reliability,omitempty"`
}

// DataFile is one training file and its counts.
type DataFile struct {
	Path  string `json:"path"`
	Clean int    `json:"clean"`
	Spam  int    `json:"spam"`
}

// Metrics are the headline measures of a set of predictions.
type Metrics struct {
	Articles  int     `json:"articles"`
	AUROC     float64 `json:"auroc"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// CleanFlagged is the share of clean articles at or above the spam
	// threshold.
	CleanFlagged float64 `json:"clean_flagged"`
	LogLoss      float64 `json:"log_loss"`
	Brier        float64 `json:"brier"`
}

// ReliabilityBin is one row of a calibration table: among predictions in
// [Low, High), the mean predicted probability and the observed spam share.
// It is the metrics package's Bin, so that training, the model file and
// the evaluation name a calibration table the same way.
type ReliabilityBin = metrics.Bin

// Prediction is a model's judgement of one document.
type Prediction struct {
	// Probability is the calibrated probability that the article is spam.
	Probability float64
	// LogOdds is the logistic log-odds behind Probability.
	LogOdds float64
	// Contributions holds each input's share of LogOdds relative to an
	// average training article, in the order of Model.Features.
	Contributions []float64
	// Text is the text model's reading of the document (set by Predict).
	Text TextScan
}

// Read decodes and validates a model file.
func Read(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("model file larger than %d bytes", MaxFileSize)
	}
	var m Model
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode model: %w (is the file complete?)", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Load reads and validates the model file at path.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	return m, nil
}

// Write encodes the model as indented JSON. The output is deterministic:
// the same model gives the same bytes.
func (m *Model) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// FiredSuffix ends the name of the input that says whether a signal's own
// rule fired (1) or not (0): "ad_injection" + FiredSuffix.
const FiredSuffix = ":fired"

// InputNames returns the model inputs this build computes: the values of
// the signals of package features, then whether each fired, then
// TextFeature. A rule that fires is a clear case a linear model could not
// express through the value alone.
func InputNames() []string {
	names := slices.Clone(features.Names())
	for _, n := range features.Names() {
		names = append(names, n+FiredSuffix)
	}
	return append(names, TextFeature)
}

// SignalOf returns the index in features.Names of the signal behind input
// i, or -1 for the text model.
func SignalOf(i int) int {
	n := len(features.Names())
	if i < 2*n {
		return i % n
	}
	return -1
}

// FiredInput returns the index of the input that says whether signal k
// (an index in features.Names) fired; its value is input k.
func FiredInput(k int) int { return len(features.Names()) + k }

// IsTextInput reports whether input i is the text model's.
func IsTextInput(i int) bool { return SignalOf(i) < 0 }

// FiredFlags reads from a row of model inputs (see Inputs) whether each
// signal fired, by its index in features.Names.
func FiredFlags(row []float64) []bool {
	fired := make([]bool, len(features.Names()))
	for k := range fired {
		fired[k] = row[FiredInput(k)] > 0
	}
	return fired
}

// SignalInputs appends the model inputs of a document's signals to x: the
// values, then the fired flags.
func SignalInputs(x []float64, sig features.Signals) []float64 {
	for _, s := range sig {
		x = append(x, s.Value)
	}
	for _, s := range sig {
		f := 0.0
		if s.Fired {
			f = 1
		}
		x = append(x, f)
	}
	return x
}

// Bounds on the numbers of a model file. A trained model's numbers sit far
// inside them (its largest weight is below 100, its smallest scale above
// 0.001); a file outside them was damaged or forged, and its scores could
// overflow to infinities and NaN, so Validate refuses it.
const (
	// MaxMagnitude bounds the absolute value of every mean, weight, the
	// intercept, the text model's bias and each of its weights.
	MaxMagnitude = 1e6
	// MinScale is the smallest scale of an input. Training gives a scale
	// below it the value 1, so a smaller one (a subnormal number, say)
	// never comes from it.
	MinScale = 1e-9
	// MaxScale is the largest scale of an input.
	MaxScale = 1e9
)

// Validate checks that the model matches this build's feature set and that
// every number is usable: finite, within MaxMagnitude (scales within
// MinScale and MaxScale), and thresholds with 0 < suspect <= spam < 1. The
// error names the field and the input it belongs to. With these bounds no
// finite input can drive a score to an infinity or NaN.
func (m *Model) Validate() error {
	if m.Format != Format {
		return fmt.Errorf("model format %q, this build reads %q", m.Format, Format)
	}
	if m.FeatureVersion != features.Version {
		return fmt.Errorf("model was trained on feature set %q, this build computes %q: retrain it", m.FeatureVersion, features.Version)
	}
	want := InputNames()
	if !slices.Equal(m.Features, want) {
		return fmt.Errorf("model features %v do not match this build's %v: retrain it", m.Features, want)
	}
	n := len(want)
	if len(m.Mean) != n || len(m.Scale) != n || len(m.Weights) != n {
		return fmt.Errorf("model has %d means, %d scales and %d weights for %d features", len(m.Mean), len(m.Scale), len(m.Weights), n)
	}
	for i := range n {
		if err := bounded("mean", m.Mean[i]); err != nil {
			return fmt.Errorf("model feature %s: %w", want[i], err)
		}
		if s := m.Scale[i]; !(MinScale <= s && s <= MaxScale) {
			return fmt.Errorf("model feature %s: scale %v: want %g to %g", want[i], s, MinScale, MaxScale)
		}
		if err := bounded("weight", m.Weights[i]); err != nil {
			return fmt.Errorf("model feature %s: %w", want[i], err)
		}
	}
	if err := bounded("intercept", m.Intercept); err != nil {
		return fmt.Errorf("model %w", err)
	}
	if err := m.Thresholds.Validate(); err != nil {
		return fmt.Errorf("model %w", err)
	}
	if m.Text == nil {
		return errors.New("model has no text model")
	}
	if err := bounded("bias", m.Text.Bias); err != nil {
		return fmt.Errorf("text model %w", err)
	}
	for key, w := range m.Text.Weights.All() {
		if err := bounded("weight", w); err != nil {
			return fmt.Errorf("text model feature %q: %w", key, err)
		}
	}
	return nil
}

// bounded checks that x is a finite number within ±MaxMagnitude, naming
// the field in its error.
func bounded(field string, x float64) error {
	if !(math.Abs(x) <= MaxMagnitude) { // NaN fails too
		return fmt.Errorf("%s %v: want a finite number within ±%g", field, x, MaxMagnitude)
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Finite reports whether the prediction's probability, log-odds and every
// contribution are finite numbers. A validated model gives a finite
// prediction for finite inputs; a scorer checks it all the same before any
// number reaches its output.
func (p Prediction) Finite() bool {
	if !finite(p.Probability) || !finite(p.LogOdds) || !finite(p.Text.Score) {
		return false
	}
	for _, c := range p.Contributions {
		if !finite(c) {
			return false
		}
	}
	return true
}

// Inputs returns the model's input vector for a document and its signals.
func (m *Model) Inputs(d *features.Document, sig features.Signals) []float64 {
	x, _ := m.inputs(d, sig)
	return x
}

func (m *Model) inputs(d *features.Document, sig features.Signals) ([]float64, TextScan) {
	x := SignalInputs(make([]float64, 0, 2*len(sig)+1), sig)
	scan := m.Text.Scan(d)
	return append(x, scan.Score), scan
}

// Predict scores a prepared document whose signals were extracted with the
// same feature set.
func (m *Model) Predict(d *features.Document, sig features.Signals) Prediction {
	x, scan := m.inputs(d, sig)
	p := m.PredictInputs(x)
	p.Text = scan
	return p
}

// PredictInputs scores an input vector in the order of Model.Features.
func (m *Model) PredictInputs(x []float64) Prediction {
	contrib := make([]float64, len(m.Weights))
	z := m.Intercept
	for i, w := range m.Weights {
		c := w * (x[i] - m.Mean[i]) / m.Scale[i]
		contrib[i] = c
		z += c
	}
	return Prediction{Probability: Sigmoid(z), LogOdds: z, Contributions: contrib}
}

// Verdict names the verdict for a spam probability at the model's own
// thresholds.
func (m *Model) Verdict(p float64) string { return m.Thresholds.Verdict(p) }

// Verdict names the verdict for a spam probability: spam from t.Spam on,
// suspect from t.Suspect on, clean below.
func (t Thresholds) Verdict(p float64) string {
	switch {
	case p >= t.Spam:
		return Spam
	case p >= t.Suspect:
		return Suspect
	default:
		return Clean
	}
}

// Validate checks that 0 < t.Suspect <= t.Spam < 1, as every model file's
// thresholds must be: an article is suspect before it is spam, and both
// verdicts are reachable and avoidable.
func (t Thresholds) Validate() error {
	if !(0 < t.Suspect && t.Suspect <= t.Spam && t.Spam < 1) {
		return fmt.Errorf("thresholds suspect=%v spam=%v: want 0 < suspect <= spam < 1", t.Suspect, t.Spam)
	}
	return nil
}

// Sigmoid is the logistic function 1 / (1 + e^−z), computed stably.
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
