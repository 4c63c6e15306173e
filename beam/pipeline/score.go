package pipeline

import (
	"bytes"
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/internal/wire"
	"github.com/newsqual/newsqual/sources"
)

// resultLine is one line of the results: the JSON that `newsqual score
// --format jsonl` prints for an input, with the input's place, by which
// the lines of a shard are sorted.
type resultLine struct {
	Path string
	Line int
	JSON string
}

// scoreFn scores inputs. Setup loads the model once per worker process
// (see sharedScorer); ProcessElement emits each input's result line keyed
// by its shard, and its part of the per-source report keyed by source.
type scoreFn struct {
	Model    string `json:"model"`
	MaxWords int    `json:"max_words"`
	Shards   int    `json:"shards"`

	scorer   *newsqual.Scorer
	modelSHA string
}

// Setup loads the model.
func (f *scoreFn) Setup(ctx context.Context) error {
	s, err := sharedScorer(ctx, f.Model, f.MaxWords)
	if err != nil {
		return err
	}
	f.scorer = s
	f.modelSHA = s.ModelSHA256()
	return nil
}

// ProcessElement scores one input, or reports why it could not be read.
func (f *scoreFn) ProcessElement(ctx context.Context, in input, emitLine func(int, resultLine), emitSource func(string, sources.Accumulator)) error {
	var (
		doc     any
		article = in.Article
		result  newsqual.Result
	)
	if in.Err != "" {
		failedInputs.Inc(ctx, 1)
		log.Warnf(ctx, "error: %s", in.Err)
		id := in.ID
		if id == "" {
			id = in.Where
		}
		doc = wire.NewFailure(id, in.Err)
	} else {
		scoredInputs.Inc(ctx, 1)
		if article.ID == "" {
			article.ID = in.Where
		}
		result = f.scorer.Score(article)
		article.Text = ""
		doc = wire.FromResult(article, result, f.modelSHA)
	}
	line, err := encodeLine(doc)
	if err != nil {
		return fmt.Errorf("%s: encode result: %w", in.Where, err)
	}
	emitLine(shardOf(in.Path, in.Line, f.Shards), resultLine{Path: in.Path, Line: in.Line, JSON: line})
	if in.Err == "" {
		var acc sources.Accumulator
		acc.Add(article, result)
		emitSource(sources.Key(article, in.Root, in.Path), acc)
	}
	return nil
}

// encodeLine encodes v as `newsqual score --format jsonl` does (see
// wire.Line), without the final newline.
func encodeLine(v any) (string, error) {
	b, err := wire.Line(v)
	if err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(b, []byte("\n"))), nil
}
