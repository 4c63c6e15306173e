package training

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/model"
)

// smallCorpus reads a few hundred labelled corpus articles.
func smallCorpus(t *testing.T) []Example {
	t.Helper()
	dir := shareddata.Path(t, "corpus")
	var out []Example
	for _, f := range []string{"bbc-news.jsonl", "xsum-human-vs-llm.jsonl"} {
		n := 0
		err := corpus.WalkLabelled([]string{dir + "/" + f}, corpus.Options{}, func(it corpus.Item) error {
			// The clean ones from BBC, the spam ones from XSum.
			if it.OK() && n < 150 && (it.Article.Label == corpus.LabelSpam) == (f != "bbc-news.jsonl") {
				n++
				out = append(out, Example{Article: it.Article, Spam: it.Article.Label == corpus.LabelSpam, File: f})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestTrainIsDeterministic(t *testing.T) {
	ex := smallCorpus(t)
	opts := DefaultOptions()
	opts.Folds = 3
	opts.Lambdas = []float64{1e-2}
	// One source holds all the clean examples here: split them at random.
	opts.GroupBy = GroupBy{ByGroup, ByID}
	var files [2][]byte
	for i := range files {
		opts.Workers = i + 1 // the number of workers must not matter
		res, err := Train(ex, opts)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := res.Model.Write(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two trainings on the same data and seed wrote different model files")
	}
	// Length alone must not make an article spam: the logistic model
	// gives word_count no weight.
	m, err := model.Read(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	k, _ := features.Index("word_count")
	if f := model.FiredInput(k); m.Weights[k] != 0 || m.Weights[f] != 0 {
		t.Fatalf("word_count weighs %v and its fired flag %v", m.Weights[k], m.Weights[f])
	}
	opts.Seed = 2
	res, err := Train(ex, opts)
	if err != nil {
		t.Fatal(err)
	}
	var other bytes.Buffer
	_ = res.Model.Write(&other)
	if bytes.Equal(files[0], other.Bytes()) {
		t.Fatal("another seed wrote the same model file")
	}
}

func TestTrainRefusesTooLittleData(t *testing.T) {
	ex := []Example{{Spam: true}, {Spam: false}}
	if _, err := Train(ex, DefaultOptions()); err == nil {
		t.Fatal("trained on two examples")
	}
	opts := DefaultOptions()
	opts.Folds = 1
	if _, err := Train(smallCorpus(t), opts); err == nil {
		t.Fatal("trained with one fold")
	}
}

// TestTrainingPassesOverWhatTheScorerDoesNotJudge checks that training
// drops the articles the scorer calls too short, by the scorer's own
// count: a model is fitted and its thresholds chosen on what it will judge.
func TestTrainingPassesOverWhatTheScorerDoesNotJudge(t *testing.T) {
	if got := DefaultOptions().MinWords; got != newsqual.MinWords {
		t.Fatalf("training passes over articles under %d words, the scorer under %d", got, newsqual.MinWords)
	}
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	ex := []Example{{Article: corpus.Article{ID: "49", Text: words(newsqual.MinWords - 1)}}, {Article: corpus.Article{ID: "50", Text: words(newsqual.MinWords)}}}
	kept, short := splitTooShort(ex, DefaultOptions().MinWords)
	if len(kept) != 1 || kept[0].Article.ID != "50" || len(short) != 1 || short[0].Article.ID != "49" {
		t.Fatalf("kept %v, passed over %v", kept, short)
	}
	for _, e := range ex {
		res := newsqual.Default().Score(e.Article)
		if tooShort := res.Verdict == newsqual.VerdictTooShort; tooShort != (e.Article.ID == "49") {
			t.Errorf("article of %s words: scorer says %s", e.Article.ID, res.Verdict)
		}
	}
}
