package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/model"
)

func TestTrainingOverlapComparesFileNames(t *testing.T) {
	trained := []model.DataFile{{Path: "../shared/corpus/bbc-news.jsonl"}, {Path: "../shared/corpus/templates.jsonl"}, {Path: `C:\data\reuters.jsonl`}}
	files := []string{"/tmp/x/bbc-news.jsonl", "/tmp/x/bbc-news.jsonl", "fresh.jsonl", "reuters.jsonl", "fresh.jsonl", "other/templates.jsonl.bak"}
	o := trainingOverlap(trained, files)
	if o == nil {
		t.Fatal("no overlap found")
	}
	if !slices.Equal(o.Files, []string{"bbc-news.jsonl", "reuters.jsonl"}) || o.EvaluatedFiles != 4 || o.Articles != 3 || o.TotalArticles != 6 || o.ComparedBy != "file name" {
		t.Errorf("overlap %+v", o)
	}
	if o := trainingOverlap(trained, []string{"fresh.jsonl", "bbc-news.jsonl.gz"}); o != nil {
		t.Errorf("overlap of unseen files: %+v", o)
	}
	if o := trainingOverlap(nil, files); o != nil {
		t.Errorf("overlap with a model that lists no data: %+v", o)
	}
}

// render writes a report's page, markdown and metrics.json.
func render(t *testing.T, r *Report) (page, md string, metrics map[string]any) {
	t.Helper()
	var h, m, j bytes.Buffer
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&m, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteMetrics(&j, r); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(j.Bytes(), &metrics); err != nil {
		t.Fatal(err)
	}
	return h.String(), m.String(), metrics
}

func TestOverlapBannerWhenAndOnlyWhenFilesOverlap(t *testing.T) {
	r := renderReport()
	page, md, metrics := render(t, r)
	if strings.Contains(page, "training-overlap") || strings.Contains(md, "in-sample") || metrics["training_overlap"] != nil {
		t.Errorf("banner or field without overlap: %v", metrics["training_overlap"])
	}
	if _, ok := metrics["training_overlap"]; !ok {
		t.Error("metrics.json lacks training_overlap (null)")
	}

	r.TrainingOverlap = trainingOverlap([]model.DataFile{{Path: "train/a.jsonl"}, {Path: "train/b.jsonl"}, {Path: "train/c.jsonl"}},
		[]string{"a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl", "e.jsonl", "a.jsonl"})
	page, md, metrics = render(t, r)
	want := "3 of the 5 evaluated files were used to train this model (a.jsonl, b.jsonl, c.jsonl; 4 of 6 articles)"
	if !strings.Contains(page, `id="training-overlap"`) || !strings.Contains(page, want) {
		t.Errorf("page lacks the banner %q", want)
	}
	if !strings.Contains(page, "Compared by file name") {
		t.Error("banner does not say how files were compared")
	}
	if !strings.Contains(md, "**Warning: in-sample data.**") || !strings.Contains(md, markdownCell(want)) {
		t.Errorf("markdown lacks the banner:\n%s", md)
	}
	o, ok := metrics["training_overlap"].(map[string]any)
	if !ok || o["evaluated_files"] != 5.0 || o["articles"] != 4.0 || len(o["files"].([]any)) != 3 {
		t.Errorf("metrics.json training_overlap %v", metrics["training_overlap"])
	}
}

func TestEvaluateModelRecordsProvenanceAndOverlap(t *testing.T) {
	articles := []corpus.Article{
		{ID: "c1", Label: "clean", Text: "The council said on Tuesday it would close the Mill Lane bridge for repairs costing £2m, officials told reporters. \"It is overdue,\" said engineer Ann Lee, who led the survey. The bridge carries about 9,000 vehicles a day."},
		{ID: "s1", Label: "spam", Text: "Buy Now\nProduct 1 Title\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nAdd to cart\n$35.00\nBuy Now\nFree shipping on orders over $50\nRelated products"},
	}
	m := newsqual.Default().Model()
	if len(m.Training.Data) == 0 {
		t.Fatal("the default model lists no training data")
	}
	trained := m.Training.Data[0].Path
	r, err := EvaluateModel(context.Background(), newsqual.Default(), "built-in model", articles, []string{"x"}, Options{Files: []string{"elsewhere/" + baseName(trained), "fresh.jsonl"}})
	if err != nil {
		t.Fatal(err)
	}
	want, err := newsqual.ProvenanceOf(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Provenance != want || len(r.Provenance.ModelSHA256) != 64 {
		t.Errorf("provenance %+v, want %+v", r.Provenance, want)
	}
	if o := r.TrainingOverlap; o == nil || o.Articles != 1 || o.EvaluatedFiles != 2 {
		t.Errorf("overlap %+v", o)
	}
	page, md, metrics := render(t, r)
	for _, s := range []string{want.ModelSHA256, want.ModelRevision, want.Go} {
		if !strings.Contains(page, s) || !strings.Contains(md, s) {
			t.Errorf("page or markdown lacks the provenance %q", s)
		}
	}
	if p := metrics["provenance"].(map[string]any); p["model_sha256"] != want.ModelSHA256 || p["go"] != want.Go || p["model_date"] != want.ModelDate {
		t.Errorf("metrics.json provenance %v", p)
	}
	r, err = EvaluateModel(context.Background(), newsqual.Default(), "built-in model", articles, []string{"x"}, Options{Files: []string{"a.jsonl", "b.jsonl"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.TrainingOverlap != nil {
		t.Errorf("overlap of unseen files %+v", r.TrainingOverlap)
	}
}

func TestOneClassGroupsHaveNoPrecisionNorF1(t *testing.T) {
	th := model.Thresholds{Suspect: 0.5, Spam: 0.8}
	ex := withVerdicts([]Example{
		{ID: "a", Kind: "opinion", Probability: 0.9}, // a false positive among clean articles only
		{ID: "b", Kind: "opinion", Probability: 0.1},
		{ID: "c", Kind: "farm", Spam: true, Probability: 0.95}, // caught, among spam only
		{ID: "d", Kind: "farm", Spam: true, Probability: 0.2},
		{ID: "e", Kind: "wire", Probability: 0.3},
		{ID: "f", Kind: "wire", Spam: true, Probability: 0.85},
	}, th)
	r := &Report{Overall: Measure(ex, &th), ByKind: groupBy(ex, &th, func(e Example) string { return e.Kind }), Examples: ex}
	page, md, metrics := render(t, r)
	for _, g := range metrics["by_kind"].([]any) {
		g := g.(map[string]any)
		spam := g["metrics"].(map[string]any)["thresholds"].([]any)[1].(map[string]any)
		oneClass := g["name"] != "wire"
		if (spam["precision"] == nil) != oneClass || (spam["f1"] == nil) != oneClass {
			t.Errorf("%s: precision %v, F1 %v in metrics.json", g["name"], spam["precision"], spam["f1"])
		}
	}
	// kind, articles, clean, spam, AUROC, precision, recall, F1, share flagged.
	for _, row := range []string{
		`<tr><td>opinion</td><td class="n">2</td><td class="n">2</td><td class="n">0</td><td class="n">—</td><td class="n">—</td><td class="n">—</td><td class="n">—</td><td class="n">0.5000</td></tr>`,
		`<tr><td>farm</td><td class="n">2</td><td class="n">0</td><td class="n">2</td><td class="n">—</td><td class="n">—</td><td class="n">0.5000</td><td class="n">—</td><td class="n">0.5000</td></tr>`,
		`<tr><td>wire</td><td class="n">2</td><td class="n">1</td><td class="n">1</td><td class="n">1.0000</td><td class="n">1.0000</td><td class="n">1.0000</td><td class="n">1.0000</td>`,
	} {
		if !strings.Contains(page, row) {
			t.Errorf("page lacks the row %s", row)
		}
	}
	for _, row := range []string{"| opinion | 2 | 2 | 0 | — | — | — | — | 0.5000 |", "| farm | 2 | 0 | 2 | — | — | 0.5000 | — | 0.5000 |"} {
		if !strings.Contains(md, row) {
			t.Errorf("markdown lacks the row %s\n%s", row, md)
		}
	}
	if strings.Contains(page, `<td class="n">0.0000</td><td class="n">—</td><td class="n">0.0000</td>`) {
		t.Error("page shows 0.0000 for an undefined precision or F1")
	}
}
