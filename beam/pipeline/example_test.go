package pipeline_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/direct"

	"github.com/newsqual/newsqual/beam/pipeline"
)

// Build the pipeline, run it (here with the in-process direct runner;
// beamx.Run picks the runner from --runner), and read the results.
func ExampleBuild() {
	dir, err := os.MkdirTemp("", "newsqual-beam-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	articles := `{"id": "shop-1", "url": "https://www.shop.example.com/sale", "text": "Buy Now\nProduct 1 Title\nSample text. Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\nProduct 2 Title\nSample text. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\nQuantity\n$35.00\n$29.00\nAdd to cart\nFree shipping on all orders over $50\n"}
{"id": "cut-off", "text": "The council said on Tuesday
`
	if err := os.WriteFile(filepath.Join(dir, "articles.jsonl"), []byte(articles), 0o644); err != nil {
		panic(err)
	}

	p, s := beam.NewPipelineWithRoot()
	err = pipeline.Build(s, pipeline.Options{
		Inputs:        []string{filepath.Join(dir, "*.jsonl")},
		Output:        filepath.Join(dir, "scores.jsonl"),
		SourcesOutput: filepath.Join(dir, "sources.jsonl"),
	})
	if err != nil {
		panic(err)
	}
	res, err := direct.Execute(context.Background(), p)
	if err != nil {
		panic(err)
	}
	c := pipeline.CountsOf(res)
	fmt.Printf("scored %d, failed %d\n", c.Scored, c.Failed)

	each(filepath.Join(dir, "scores.jsonl"), func(r struct{ ID, Verdict, Error string }) {
		if r.Error != "" {
			fmt.Println("an input could not be read")
			return
		}
		fmt.Println(r.ID, r.Verdict)
	})
	each(filepath.Join(dir, "sources.jsonl"), func(r struct {
		Source, Verdict string
		Rating          float64
	}) {
		fmt.Println(r.Source, r.Rating, r.Verdict)
	})
	// Output:
	// scored 1, failed 1
	// shop-1 spam
	// an input could not be read
	// example.com 33.3 uncertain
}

// each decodes every line of a JSONL file into a T and passes it to fn.
func each[T any](path string, fn func(T)) {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			panic(err)
		}
		fn(v)
	}
}
