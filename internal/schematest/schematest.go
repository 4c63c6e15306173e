// Package schematest checks JSON output against the project's published
// JSON Schemas (schema/ at the module's root) in tests. Only test code
// imports it, so the validator is never linked into a binary.
package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile reads and compiles the JSON Schema at path (draft 2020-12 unless
// the file says otherwise), failing the test when it cannot.
func Compile(tb testing.TB, path string) *jsonschema.Schema {
	tb.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	s, err := c.Compile(abs)
	if err != nil {
		tb.Fatalf("compile %s: %v", path, err)
	}
	return s
}

// Validate checks one JSON document against s.
func Validate(s *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}

// ValidateLines checks every non-blank line of JSON Lines against s and
// returns how many it checked.
func ValidateLines(s *jsonschema.Schema, data []byte) (int, error) {
	n := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		n++
		if err := Validate(s, line); err != nil {
			return n, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	return n, nil
}

// ValidateArray checks every element of a JSON array against s and
// returns how many it checked.
func ValidateArray(s *jsonschema.Schema, data []byte) (int, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		return 0, fmt.Errorf("not a JSON array: %w", err)
	}
	for i, e := range elems {
		if err := Validate(s, e); err != nil {
			return i + 1, fmt.Errorf("element %d: %w", i+1, err)
		}
	}
	return len(elems), nil
}
