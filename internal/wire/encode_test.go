package wire

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
)

// TestEncodingsKeepHTMLAndLayout checks the three encodings on a record
// whose text holds HTML characters: none is escaped, a line is one line,
// an object and array elements have the documented indentation.
func TestEncodingsKeepHTMLAndLayout(t *testing.T) {
	f := NewFailure("<a href=\"x\">&</a>", "corpus: a.jsonl:3: no text")
	line, err := Line(f)
	if err != nil {
		t.Fatal(err)
	}
	wantLine := `{"schema_version":"1","id":"<a href=\"x\">&</a>","error":"corpus: a.jsonl:3: no text"}` + "\n"
	if string(line) != wantLine {
		t.Errorf("Line:\n got %q\nwant %q", line, wantLine)
	}
	obj, err := Object(f)
	if err != nil {
		t.Fatal(err)
	}
	wantObj := "{\n  \"schema_version\": \"1\",\n  \"id\": \"<a href=\\\"x\\\">&</a>\",\n  \"error\": \"corpus: a.jsonl:3: no text\"\n}\n"
	if string(obj) != wantObj {
		t.Errorf("Object:\n got %q\nwant %q", obj, wantObj)
	}
	elem, err := Element(f)
	if err != nil {
		t.Fatal(err)
	}
	wantElem := "{\n    \"schema_version\": \"1\",\n    \"id\": \"<a href=\\\"x\\\">&</a>\",\n    \"error\": \"corpus: a.jsonl:3: no text\"\n  }"
	if string(elem) != wantElem {
		t.Errorf("Element:\n got %q\nwant %q", elem, wantElem)
	}
	for _, c := range []struct {
		elems [][]byte
		want  string
	}{
		{nil, "[]\n"},
		{[][]byte{elem}, "[\n  " + wantElem + "\n]\n"},
		{[][]byte{elem, elem}, "[\n  " + wantElem + ",\n  " + wantElem + "\n]\n"},
	} {
		if got := string(Array(c.elems)); got != c.want {
			t.Errorf("Array of %d:\n got %q\nwant %q", len(c.elems), got, c.want)
		}
		var buf bytes.Buffer
		a := NewArrayWriter(&buf)
		for _, e := range c.elems {
			if err := a.WriteElement(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		if buf.String() != c.want {
			t.Errorf("ArrayWriter of %d:\n got %q\nwant %q", len(c.elems), buf.String(), c.want)
		}
	}
	if _, err := Line(func() {}); err == nil {
		t.Error("Line of a func: no error")
	}
}

// TestRecordFollowsLibraryResult checks that the record names each field
// of newsqual.Result exactly as the library's own JSON does, so that the
// record is the library's result with its provenance added, never a
// second vocabulary.
func TestRecordFollowsLibraryResult(t *testing.T) {
	record := map[string]reflect.StructField{}
	rt := reflect.TypeFor[Result]()
	for i := range rt.NumField() {
		record[rt.Field(i).Name] = rt.Field(i)
	}
	lt := reflect.TypeFor[newsqual.Result]()
	for i := range lt.NumField() {
		lf := lt.Field(i)
		wf, ok := record[lf.Name]
		if !ok {
			t.Errorf("newsqual.Result.%s has no field in the record", lf.Name)
			continue
		}
		lname, _, _ := strings.Cut(lf.Tag.Get("json"), ",")
		wname, _, _ := strings.Cut(wf.Tag.Get("json"), ",")
		if lname != wname {
			t.Errorf("newsqual.Result.%s is %q in the library's JSON but %q in the record", lf.Name, lname, wname)
		}
		if lf.Type != wf.Type {
			t.Errorf("newsqual.Result.%s is %s in the library but %s in the record", lf.Name, lf.Type, wf.Type)
		}
	}
}
