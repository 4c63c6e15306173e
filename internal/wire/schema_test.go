package wire

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/schematest"
)

const schemaPath = "../../schema/result.schema.json"

// TestSchemaAcceptsEveryForm checks that the records this package makes
// (scored, not scored, the verdict error, and a failure) are valid
// against schema/result.schema.json, and that it refuses the records it
// exists to rule out.
func TestSchemaAcceptsEveryForm(t *testing.T) {
	s := schematest.Compile(t, schemaPath)
	const sha = "0123456789abcdef"
	reason := []newsqual.Reason{{Signal: "ad_injection", Message: "2 ad lines", Weight: 7.5,
		Evidence: []newsqual.Evidence{{Text: "Buy now", Count: 2, Line: 4}}}}
	valid := map[string]any{
		"scored": FromResult(corpus.Article{URL: "https://news.example/a", Source: "News"},
			newsqual.Result{ID: "a", Quality: new(3), SpamProbability: new(0.97), Verdict: newsqual.VerdictSpam, Language: "eng", Reasons: reason}, sha),
		"unsupported": FromResult(corpus.Article{}, newsqual.Result{ID: "b", Verdict: newsqual.VerdictUnsupported, Language: "fra", Reasons: []newsqual.Reason{}}, sha),
		"error":       FromResult(corpus.Article{}, newsqual.Result{ID: "c", Verdict: newsqual.VerdictError, Language: "eng", Reasons: []newsqual.Reason{}, Error: "no finite score"}, sha),
		"failure":     NewFailure("empty", "corpus: a.jsonl:8: no text"),
	}
	for name, v := range valid {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := schematest.Validate(s, b); err != nil {
			t.Errorf("%s: %s is refused: %v", name, b, err)
		}
	}
	good := `{"schema_version":"1","id":"a","quality":98,"spam_probability":0.02,"verdict":"clean","language":"eng","truncated":false,"model_sha256":"0123456789ab","reasons":[]}`
	if err := schematest.Validate(s, []byte(good)); err != nil {
		t.Fatalf("the base record is refused: %v", err)
	}
	for name, bad := range map[string]string{
		"unscored with quality 0":  strings.NewReplacer(`"quality":98`, `"quality":0`, `"verdict":"clean"`, `"verdict":"unsupported"`).Replace(good),
		"scored without a quality": strings.Replace(good, `"quality":98`, `"quality":null`, 1),
		"quality above 100":        strings.Replace(good, `"quality":98`, `"quality":101`, 1),
		"no schema_version":        strings.Replace(good, `"schema_version":"1",`, ``, 1),
		"another schema_version":   strings.Replace(good, `"schema_version":"1"`, `"schema_version":"2"`, 1),
		"no language":              strings.Replace(good, `"language":"eng",`, ``, 1),
		"a long model hash":        strings.Replace(good, `"0123456789ab"`, `"0123456789abcdef"`, 1),
		"an unknown verdict":       strings.Replace(good, `"clean"`, `"maybe"`, 1),
		"an unknown field":         strings.Replace(good, `"id":"a"`, `"id":"a","extra":1`, 1),
		"an error on a scored one": strings.Replace(good, `"reasons":[]`, `"reasons":[],"error":"x"`, 1),
		"a failure without error":  `{"schema_version":"1","id":"x"}`,
		"a failure with a verdict": `{"schema_version":"1","id":"x","error":"e","verdict":"clean"}`,
	} {
		if err := schematest.Validate(s, []byte(bad)); err == nil {
			t.Errorf("%s: accepted: %s", name, bad)
		}
	}
}
