package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/internal/schematest"
)

const resultSchema = "../../schema/result.schema.json"

// TestOutputMatchesSchema checks every score record that the golden files
// hold, and the live output of score in json and jsonl (with and without
// --explain, scored, unscored and failed inputs), against
// schema/result.schema.json: each jsonl line, each element of a json array.
func TestOutputMatchesSchema(t *testing.T) {
	s := schematest.Compile(t, resultSchema)
	check := func(name string, data []byte, json bool) {
		t.Helper()
		var n int
		var err error
		if json {
			n, err = schematest.ValidateArray(s, data)
		} else {
			n, err = schematest.ValidateLines(s, data)
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if n == 0 {
			t.Errorf("%s: no records checked", name)
		}
	}
	goldens := 0
	for _, prefix := range []string{"examples", "examples-explain", "unscored", "failures"} {
		for _, ext := range []string{"json", "jsonl"} {
			path := filepath.Join("testdata", prefix+"."+ext)
			data, err := os.ReadFile(path)
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			goldens++
			check(path, data, ext == "json")
		}
	}
	if goldens < 6 {
		t.Errorf("%d golden files checked, want every json and jsonl one of score", goldens)
	}
	for _, args := range [][]string{
		{"--format", "jsonl", examples, unscored},
		{"--format", "jsonl", "--explain", examples},
		{"--format", "json", "--explain", examples, unscored},
		{"--format", "jsonl", "../../testdata/jsonl/articles.jsonl"},
		{"--format", "json", "../../testdata/jsonl/articles.jsonl"},
	} {
		stdout, stderr, code := runCLI(t, "", append([]string{"score"}, args...)...)
		if code != 0 && code != 2 {
			t.Fatalf("score %v: exit %d: %s", args, code, stderr)
		}
		check(strings.Join(args, " "), []byte(stdout), args[1] == "json")
	}
}

// TestRecordsNameTheModelFile checks that model_sha256 is the hash of the
// model file in use: the built-in one by default, the file's own with
// --model, even when that file differs from the built-in one only in its
// bytes.
func TestRecordsNameTheModelFile(t *testing.T) {
	def := newsqual.Default().ModelSHA256()
	path := filepath.Join(t.TempDir(), "model.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := newsqual.Default().Model().Write(f); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n"); err != nil { // same model, other bytes
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	own := hex.EncodeToString(sum[:])
	article := filepath.Join(examples, "clean-port-strike.txt")
	for _, c := range []struct {
		args []string
		sha  string
	}{
		{[]string{"score", "--format", "jsonl", article}, def},
		{[]string{"score", "--format", "jsonl", "--model", path, article}, own},
	} {
		stdout, stderr, code := runCLI(t, "", c.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		if want := `"model_sha256":"` + c.sha[:12] + `"`; !strings.Contains(stdout, want) {
			t.Errorf("%v: %s, want %s", c.args, stdout, want)
		}
	}
	if own == def {
		t.Fatal("the edited model file has the built-in one's hash")
	}
}
