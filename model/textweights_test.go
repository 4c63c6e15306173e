package model

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"testing"
)

// readDefaultModel reads the repository's default model file, giving its
// bytes and the model read from them.
func readDefaultModel(t testing.TB) ([]byte, *Model) {
	t.Helper()
	data, err := os.ReadFile("../models/default.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return data, m
}

// TestWriteReproducesTheModelFile checks that reading the default model
// and writing it again gives the file back byte for byte: the weights,
// read without a map, are written as a map of them would be.
func TestWriteReproducesTheModelFile(t *testing.T) {
	data, m := readDefaultModel(t)
	var out bytes.Buffer
	if err := m.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatal("writing the model read from models/default.json changes the file")
	}
	var file struct {
		Text struct{ Weights json.RawMessage }
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if _, ok := parseWeights(file.Text.Weights); !ok {
		t.Fatal("the weights of models/default.json are not read directly")
	}
}

// TestFeatureWeightsReadLikeAMap checks UnmarshalJSON against decoding the
// same JSON into a map[string]float64, on the layout it reads directly and
// on the layouts it hands to encoding/json.
func TestFeatureWeightsReadLikeAMap(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`null`,
		`{"a": 1, "b": -2.5e-3, "c": 0}`,
		` { "a" : 1 ,"b":2 } `,
		`{"\u003ccap\u003e said": 1, "\"": 2, "a\\b": 3, "x\/y": 4, "\t": 5}`,
		`{"é": 1, "日本": 2}`,
		`{"\u00e9": 1}`,             // an escape beyond ASCII
		`{"\ud83d\ude00": 1}`,       // a surrogate pair
		`{"b": 1, "a": 2}`,          // out of order
		`{"a": 1, "a": 2}`,          // repeated: the last counts
		`{"a": 1, "\u0061": 2}`,     // repeated through an escape
		`{"a": 1e400}`,              // out of range
		`{"a": "1"}`, `{"a": true}`, // not numbers
		`{"a": 01}`, `{"a": 1.}`, // not JSON numbers
		`{"a": 1,}`, `{"a" 1}`, `{"a": 1`, `[1]`, `{"a\x01": 1}`,
		"{\"\xff\": 1}", // invalid UTF-8
	} {
		var want map[string]float64
		wantErr := json.Unmarshal([]byte(in), &want)
		var got FeatureWeights
		gotErr := json.Unmarshal([]byte(in), &got)
		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, a map gives %v", in, gotErr, wantErr)
			continue
		}
		if gotErr != nil {
			continue
		}
		if m := maps.Collect(got.All()); !maps.Equal(m, want) || got.Len() != len(want) {
			t.Errorf("%s: read %v, a map reads %v", in, m, want)
		}
		for k, w := range want {
			if g, ok := got.Get(k); !ok || g != w {
				t.Errorf("%s: Get(%q) = %v, %v; want %v", in, k, g, ok, w)
			}
		}
		if _, ok := got.Get("not a key"); ok {
			t.Errorf("%s: Get finds a key it does not hold", in)
		}
	}
	// The layout MarshalJSON writes is read directly.
	for _, in := range []string{`{}`, `{"a": 1, "b": -2.5e-3}`, `{"\"": 2, "\u003ccap\u003e said": 1}`, `{"é": 1}`} {
		if _, ok := parseWeights([]byte(in)); !ok {
			t.Errorf("%s is not read directly", in)
		}
	}
}

// TestFeatureWeightsWriteLikeAMap checks that MarshalJSON writes what
// encoding/json writes for a map of the weights, and reads back.
func TestFeatureWeightsWriteLikeAMap(t *testing.T) {
	weights := map[string]float64{"<cap> said": -0.5, "of the <w>": 1.25, "&": 3, "\"": 1e-7, "é": 2e21, "the": 0}
	got, err := json.Marshal(NewFeatureWeights(weights))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(weights)
	if !bytes.Equal(got, want) {
		t.Fatalf("MarshalJSON wrote %s, a map gives %s", got, want)
	}
	var back FeatureWeights
	if err := json.Unmarshal(got, &back); err != nil || !maps.Equal(maps.Collect(back.All()), weights) {
		t.Fatalf("read back %v (%v), want %v", maps.Collect(back.All()), err, weights)
	}
}
