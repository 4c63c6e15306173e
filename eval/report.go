// Package eval measures how well a model separates clean news from spam on
// labelled data, and writes the report a person reads to decide whether to
// trust the scorer and where to set its thresholds: metrics.json,
// report.html (with charts) and report.md.
package eval

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// Number is a float64 that encodes NaN (a metric undefined on the data,
// such as AUROC with one class) as JSON null.
type Number float64

// MarshalJSON writes the number rounded to six decimals, or null for NaN
// and infinities.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(f*1e6)/1e6, 'f', -1, 64), nil
}

// UnmarshalJSON reads a number or null (as NaN).
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*n = Number(f)
	return nil
}

// Defined reports whether the number is not NaN.
func (n Number) Defined() bool { return !math.IsNaN(float64(n)) }

// Example is one scored, labelled article.
type Example struct {
	// ID names the article; Kind, Source, Generator and Task come from its
	// record.
	ID        string `json:"id"`
	Kind      string `json:"kind,omitempty"`
	Source    string `json:"source,omitempty"`
	Generator string `json:"generator,omitempty"`
	Task      string `json:"task,omitempty"`
	// Group is the cross-validation group that held the article out (see
	// training.GroupBy), in cross-validation.
	Group string `json:"group,omitempty"`
	// Spam is the label.
	Spam bool `json:"spam"`
	// Probability is the model's spam probability, NaN when the scorer
	// gives none (too short, empty, not English); Verdict its verdict.
	Probability float64 `json:"probability"`
	Verdict     string  `json:"verdict"`
}

// judged reports whether the scorer gave the example a score and a clean,
// suspect or spam verdict.
func (e Example) judged() bool { return !math.IsNaN(e.Probability) }

// Confusion counts predictions at one threshold.
type Confusion struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	TN int `json:"tn"`
	FN int `json:"fn"`
}

// AtThreshold is the performance at one verdict threshold: an article is
// flagged when its probability is at or above it.
type AtThreshold struct {
	// Name is the verdict the threshold starts ("suspect", "spam").
	Name      string    `json:"name"`
	Threshold Number    `json:"threshold"`
	Confusion Confusion `json:"confusion"`
	Accuracy  Number    `json:"accuracy"`
	Precision Number    `json:"precision"`
	Recall    Number    `json:"recall"`
	F1        Number    `json:"f1"`
	// FalsePositiveRate is the share of clean articles flagged.
	FalsePositiveRate Number `json:"false_positive_rate"`
}

// OperatingPoint is the threshold that flags at most a given share of clean
// articles, and the recall there.
type OperatingPoint struct {
	MaxFalsePositiveRate Number `json:"max_false_positive_rate"`
	Threshold            Number `json:"threshold"`
	Recall               Number `json:"recall"`
	// RecallInterval is the bootstrap interval of Recall (see Bootstrap),
	// measured on the report's overall metrics only.
	RecallInterval *Interval `json:"recall_interval,omitempty"`
}

// Bin is one row of a reliability table: metrics.Bin (the model file's
// model.ReliabilityBin) as the report writes it, an empty bin's means as
// null rather than NaN.
type Bin struct {
	Low       Number `json:"low"`
	High      Number `json:"high"`
	Count     int    `json:"count"`
	Predicted Number `json:"predicted"`
	Observed  Number `json:"observed"`
}

// Metrics measure one set of predictions.
type Metrics struct {
	// Articles, Clean and Spam count the articles the scorer judged.
	Articles int `json:"articles"`
	Clean    int `json:"clean"`
	Spam     int `json:"spam"`
	// Unjudged counts, by verdict, the articles given no score (too_short,
	// unsupported, empty); they are in no other measure.
	Unjudged map[string]int `json:"unjudged,omitempty"`
	// Thresholds holds the measures at each verdict threshold.
	Thresholds []AtThreshold `json:"thresholds"`
	// AUROC is the area under the ROC curve; AveragePrecision the area
	// under the precision-recall curve.
	AUROC Number `json:"auroc"`
	// AUROCInterval is the bootstrap interval of AUROC (see Bootstrap),
	// measured on the report's overall metrics only.
	AUROCInterval    *Interval `json:"auroc_interval,omitempty"`
	AveragePrecision Number    `json:"average_precision"`
	Brier            Number    `json:"brier"`
	LogLoss          Number    `json:"log_loss"`
	// ECE is the expected calibration error over ten bins.
	ECE Number `json:"expected_calibration_error"`
	// OperatingPoints are the thresholds for 1% and 5% false positives.
	OperatingPoints []OperatingPoint `json:"operating_points,omitempty"`
	Reliability     []Bin            `json:"reliability,omitempty"`
}

// GroupRow is how one group of articles fared: a held-out site, generator
// or story, or a task.
type GroupRow struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
	Clean    int    `json:"clean"`
	Spam     int    `json:"spam"`
	// Unjudged counts the articles given no score.
	Unjudged int `json:"unjudged,omitempty"`
	// CleanSpam and CleanSuspect are the shares of the judged clean
	// articles called spam, and called suspect or spam.
	CleanSpam    Number `json:"clean_called_spam"`
	CleanSuspect Number `json:"clean_called_suspect_or_spam"`
	// Recall is the share of the judged spam articles called spam.
	Recall Number `json:"recall"`
}

// Group is the metrics of the examples sharing a kind or a source.
type Group struct {
	Name    string  `json:"name"`
	Metrics Metrics `json:"metrics"`
}

// Baseline is the headline performance of one scorer on the same examples:
// the full model, its parts alone, and peers.
type Baseline struct {
	// Name says what scored, e.g. "newsqual (full model)".
	Name string `json:"name"`
	// Version names the peer's version, when it is a peer.
	Version string  `json:"version,omitempty"`
	Metrics Metrics `json:"metrics"`
	// ArticlesPerSecond and MBPerSecond are the scoring throughput measured
	// in this run, on one core, when measured (0 otherwise). Timings vary
	// from run to run, so they are written to throughput.json, never to
	// metrics.json.
	ArticlesPerSecond Number `json:"-"`
	MBPerSecond       Number `json:"-"`
	// Note explains how the baseline was made or why it is missing.
	Note string `json:"note,omitempty"`
	// Examples are the examples with this scorer's probabilities, for the
	// curves overlaid on the charts; nil when it was not measured.
	Examples []Example `json:"-"`
}

// SignalRow says how often one signal fires in each class and how the
// model weighs it.
type SignalRow struct {
	Name string `json:"name"`
	// FiredClean and FiredSpam are the shares of clean and spam articles
	// whose rule fired.
	FiredClean Number `json:"fired_clean"`
	FiredSpam  Number `json:"fired_spam"`
	// Weight is the model's coefficient of the standardised value, and
	// FiredWeight that of the fired flag.
	Weight      Number `json:"weight"`
	FiredWeight Number `json:"fired_weight"`
}

// ErrorCase is one of the worst errors: a clean article scored as spam, or
// a spam article scored as clean.
type ErrorCase struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind,omitempty"`
	Source      string   `json:"source,omitempty"`
	Group       string   `json:"group,omitempty"`
	Spam        bool     `json:"spam"`
	Probability Number   `json:"probability"`
	Quality     int      `json:"quality"`
	Verdict     string   `json:"verdict"`
	Reasons     []string `json:"reasons"`
	// Lines are the lines of the article that the reasons quote, their
	// evidence marked.
	Lines []EvidenceLine `json:"lines"`
	// LinesFiredOtherWay is true when no reason pushing the article the
	// wrong way quotes a line, and Lines are those of the other reasons.
	LinesFiredOtherWay bool `json:"lines_fired_other_way,omitempty"`
	// Excerpt is the first lines of the article, when no reason quotes a
	// line of it.
	Excerpt string `json:"excerpt,omitempty"`
}

// Curve is a plotted curve: points (X[i], Y[i]).
type Curve struct {
	X []float64 `json:"-"`
	Y []float64 `json:"-"`
}

// Report is everything an evaluation measured. It is written as
// metrics.json (without the curves and scores, which only feed the charts).
type Report struct {
	// Mode is "model" (a given model scored the data) or
	// "cross-validation" (models trained out of fold).
	Mode string `json:"mode"`
	// Model describes the model evaluated (its file, or the training
	// options in cross-validation).
	Model string `json:"model"`
	// Provenance names the build that evaluated and the model it scored
	// with, as newsqual version prints them; in cross-validation the model
	// is the one fitted on all the data.
	Provenance newsqual.Provenance `json:"provenance"`
	// Data lists the data files.
	Data []string `json:"data"`
	// TrainingOverlap says which evaluated files the model was trained on,
	// null when none were (and in cross-validation, whose models never
	// see the articles they judge).
	TrainingOverlap *Overlap `json:"training_overlap"`
	// Folds, Seed and GroupBy are set in cross-validation: GroupBy names
	// the fields that decided which articles were held out together.
	Folds   int    `json:"folds,omitempty"`
	Seed    int64  `json:"seed,omitempty"`
	GroupBy string `json:"group_by,omitempty"`
	// Thresholds are the verdict thresholds the articles were judged at:
	// the model's, or in cross-validation each fold's, chosen on the other
	// folds only.
	Thresholds []model.Thresholds `json:"thresholds"`
	// Overall is the full model on all examples.
	Overall Metrics `json:"overall"`
	// Bootstrap says how the intervals of Overall were made; nil when
	// they were not (one class only).
	Bootstrap *Bootstrap `json:"bootstrap,omitempty"`
	// ByKind and BySource break Overall down, when the data has kinds and
	// sources.
	ByKind   []Group `json:"by_kind,omitempty"`
	BySource []Group `json:"by_source,omitempty"`
	// ByGroup, ByGenerator and ByTask give the shares called spam per
	// cross-validation group, per generator of machine text and per task
	// that made it, when the data has them.
	ByGroup     []GroupRow `json:"by_group,omitempty"`
	ByGenerator []GroupRow `json:"by_generator,omitempty"`
	ByTask      []GroupRow `json:"by_task,omitempty"`
	// Baselines compares the full model with its parts and with peers on
	// the same examples.
	Baselines []Baseline `json:"baselines"`
	// Signals is the signal table.
	Signals []SignalRow `json:"signals"`
	// FalsePositives and FalseNegatives are the worst errors, worst first.
	FalsePositives []ErrorCase `json:"false_positives"`
	FalseNegatives []ErrorCase `json:"false_negatives"`

	// Examples are the scored examples, for the charts.
	Examples []Example `json:"-"`
}

// Overlap says how much of the evaluated data the model was trained on.
type Overlap struct {
	// ComparedBy says how files were matched: "file name" (the model
	// lists its training files by path, not its articles).
	ComparedBy string `json:"compared_by"`
	// Files are the names of the evaluated files that the model's training
	// data lists, sorted; EvaluatedFiles counts the distinct files
	// evaluated.
	Files          []string `json:"files"`
	EvaluatedFiles int      `json:"evaluated_files"`
	// Articles counts the evaluated articles read from those files, of
	// TotalArticles.
	Articles      int `json:"articles"`
	TotalArticles int `json:"total_articles"`
}

func nan() Number { return Number(math.NaN()) }
