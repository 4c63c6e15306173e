package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Files written by Write.
const (
	MetricsFile    = "metrics.json"
	ThroughputFile = "throughput.json"
	HTMLFile       = "report.html"
	MarkdownFile   = "report.md"
	// PredictionsFile has one line per article: its labels, group, spam
	// probability and verdict, for analyses the report does not make.
	PredictionsFile = "predictions.jsonl"
)

// prediction is one line of predictions.jsonl.
type prediction struct {
	ID          string `json:"id"`
	Kind        string `json:"kind,omitempty"`
	Source      string `json:"source,omitempty"`
	Generator   string `json:"generator,omitempty"`
	Task        string `json:"task,omitempty"`
	Group       string `json:"group,omitempty"`
	Spam        bool   `json:"spam"`
	Probability Number `json:"probability"`
	Verdict     string `json:"verdict"`
}

// WritePredictions writes predictions.jsonl: one JSON object per article
// evaluated, in the report's order; the probability is null for an
// article the scorer gave no score.
func WritePredictions(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range r.Examples {
		p := prediction{ID: e.ID, Kind: e.Kind, Source: e.Source, Generator: e.Generator, Task: e.Task,
			Group: e.Group, Spam: e.Spam, Probability: Number(e.Probability), Verdict: e.Verdict}
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}

// WriteMetrics writes the report as indented JSON: everything measured
// except timings, so the same data, model and seed give the same bytes.
func WriteMetrics(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// throughput is one line of throughput.json.
type throughput struct {
	Name              string `json:"name"`
	Version           string `json:"version,omitempty"`
	ArticlesPerSecond Number `json:"articles_per_second"`
	MBPerSecond       Number `json:"mb_per_second"`
}

// Write writes metrics.json, throughput.json, report.html, report.md and
// predictions.jsonl into dir, creating it if needed.
func Write(dir string, r *Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	var tp []throughput
	for _, b := range r.Baselines {
		if b.ArticlesPerSecond > 0 {
			tp = append(tp, throughput{b.Name, b.Version, b.ArticlesPerSecond, b.MBPerSecond})
		}
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{MetricsFile, func(w io.Writer) error { return WriteMetrics(w, r) }},
		{ThroughputFile, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(tp)
		}},
		{HTMLFile, func(w io.Writer) error { return WriteHTML(w, r) }},
		{MarkdownFile, func(w io.Writer) error { return WriteMarkdown(w, r) }},
		{PredictionsFile, func(w io.Writer) error { return WritePredictions(w, r) }},
	}
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.write(&buf); err != nil {
			return fmt.Errorf("report %s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// Summary writes the headline numbers for a terminal.
func Summary(w io.Writer, r *Report) {
	o := r.Overall
	fmt.Fprintf(w, "%d articles (%d clean, %d spam), %s\n", o.Articles, o.Clean, o.Spam, r.Mode)
	if line := overlapLine(r.TrainingOverlap); line != "" {
		fmt.Fprintln(w, "warning: "+line)
	}
	for _, line := range []string{heldOutLine(r), unjudgedLine(o)} {
		if line != "" {
			fmt.Fprintln(w, line)
		}
	}
	auroc := format(o.AUROC)
	if o.AUROCInterval != nil {
		auroc += " (95% interval " + formatInterval(o.AUROCInterval) + ")"
	}
	fmt.Fprintf(w, "AUROC %s  average precision %s  Brier %s  log loss %s  ECE %s\n",
		auroc, format(o.AveragePrecision), format(o.Brier), format(o.LogLoss), format(o.ECE))
	for _, t := range o.Thresholds {
		fmt.Fprintf(w, "at %s threshold %s: precision %s  recall %s  F1 %s  clean flagged %s\n",
			t.Name, format(t.Threshold), format(t.Precision), format(t.Recall), format(t.F1), format(t.FalsePositiveRate))
	}
	for _, op := range o.OperatingPoints {
		fmt.Fprintf(w, "for %s false positives: threshold %s, recall %s", format(op.MaxFalsePositiveRate), format(op.Threshold), format(op.Recall))
		if op.RecallInterval != nil {
			fmt.Fprintf(w, " (95%% interval %s)", formatInterval(op.RecallInterval))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-42s %8s %8s %8s %10s\n", "baseline", "AUROC", "AP", "F1", "MB/s")
	for _, b := range r.Baselines {
		f1 := nan()
		if len(b.Metrics.Thresholds) > 0 {
			f1 = b.Metrics.Thresholds[len(b.Metrics.Thresholds)-1].F1
		}
		speed := "-"
		if b.MBPerSecond > 0 {
			speed = fmt.Sprintf("%.2f", float64(b.MBPerSecond))
		}
		fmt.Fprintf(w, "%-42s %8s %8s %8s %10s\n", b.Name, format(b.Metrics.AUROC), format(b.Metrics.AveragePrecision), format(f1), speed)
	}
}

// format writes a number with four decimals, or "—" when undefined.
func format(n Number) string {
	if !n.Defined() {
		return "—"
	}
	return fmt.Sprintf("%.4f", float64(n))
}
