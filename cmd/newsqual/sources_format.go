package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsqual/newsqual/sources"
)

// sourcesWriters render the listed reports in each --format.
var sourcesWriters = map[string]func(w io.Writer, reports []sources.Report, explain bool) error{
	"table": writeSourcesTable,
	"json":  writeSourcesJSON,
	"jsonl": writeSourcesJSONL,
	"csv":   writeSourcesCSV,
}

// writeSourcesTable writes one aligned row per source and, with explain,
// its counts and signals with examples below it.
func writeSourcesTable(w io.Writer, reports []sources.Report, explain bool) error {
	row := func(cells ...any) string {
		return strings.TrimRight(fmt.Sprintf("%6s  %-12s  %-9s  %8s  %5s  %7s  %6s  %-32s  %s", cells...), " ") + "\n"
	}
	if _, err := io.WriteString(w, row("RATING", "90% INTERVAL", "VERDICT", "ARTICLES", "SPAM", "SUSPECT", "MEDIAN", "SOURCE", "TOP SIGNAL")); err != nil {
		return err
	}
	for _, r := range reports {
		top := ""
		if len(r.Signals) > 0 {
			s := r.Signals[0]
			top = fmt.Sprintf("%s (%d of %d flagged)", s.Signal, s.Articles, r.Spam+r.Suspect)
		}
		_, err := io.WriteString(w, row(
			strconv.FormatFloat(r.Rating, 'f', 1, 64),
			fmt.Sprintf("%.1f-%.1f", r.RatingLow, r.RatingHigh),
			r.Verdict,
			strconv.Itoa(r.Articles),
			percent(r.SpamShare, r.Judged),
			percent(r.SuspectShare, r.Judged),
			median(r),
			cut(r.Source, 32),
			top))
		if err != nil {
			return err
		}
		if explain {
			if err := explainSource(w, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// explainSource writes a source's counts and signals under its row.
func explainSource(w io.Writer, r sources.Report) error {
	indent := "        "
	counts := fmt.Sprintf("%s%d %s: %d spam, %d suspect, %d clean, %d unsupported, %d empty, %d too short",
		indent, r.Articles, plural(r.Articles, "article", "articles"), r.Spam, r.Suspect, r.Clean, r.Unsupported, r.Empty, r.TooShort)
	if r.Judged > 0 {
		counts += fmt.Sprintf("; quality mean %.1f, median %v", r.MeanQuality, r.MedianQuality)
	}
	if _, err := io.WriteString(w, counts+"\n"); err != nil {
		return err
	}
	for _, s := range r.Signals {
		if _, err := fmt.Fprintf(w, "%s%-22s in %d of %d flagged\n", indent, s.Signal, s.Articles, r.Spam+r.Suspect); err != nil {
			return err
		}
		for _, ex := range s.Examples {
			if _, err := fmt.Fprintf(w, "%s    %q  (%s)\n", indent, cut(ex.Evidence, 70), cut(ex.Article, 60)); err != nil {
				return err
			}
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// percent formats a share of n judged articles, "-" when there are none.
func percent(share float64, n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*share, 'f', 0, 64) + "%"
}

// median formats a source's median quality, "-" without judged articles.
func median(r sources.Report) string {
	if r.Judged == 0 {
		return "-"
	}
	return strconv.FormatFloat(r.MedianQuality, 'f', -1, 64)
}

func writeSourcesJSON(w io.Writer, reports []sources.Report, _ bool) error {
	if reports == nil {
		reports = []sources.Report{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(reports)
}

func writeSourcesJSONL(w io.Writer, reports []sources.Report, _ bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range reports {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// writeSourcesCSV writes a header and one row per source; top_signals
// holds "signal:articles" pairs, most frequent first.
func writeSourcesCSV(w io.Writer, reports []sources.Report, _ bool) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"source", "articles", "judged", "clean", "suspect", "spam", "unsupported", "empty", "too_short",
		"mean_quality", "median_quality", "spam_share", "suspect_share", "rating", "rating_low", "rating_high", "verdict", "top_signals"})
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, r := range reports {
		var top []string
		for _, s := range r.Signals {
			top = append(top, s.Signal+":"+strconv.Itoa(s.Articles))
		}
		_ = cw.Write([]string{csvCell(r.Source), strconv.Itoa(r.Articles), strconv.Itoa(r.Judged), strconv.Itoa(r.Clean),
			strconv.Itoa(r.Suspect), strconv.Itoa(r.Spam), strconv.Itoa(r.Unsupported), strconv.Itoa(r.Empty),
			strconv.Itoa(r.TooShort), num(r.MeanQuality), num(r.MedianQuality), num(r.SpamShare), num(r.SuspectShare),
			num(r.Rating), num(r.RatingLow), num(r.RatingHigh), r.Verdict, strings.Join(top, ";")})
	}
	cw.Flush()
	return cw.Error()
}
