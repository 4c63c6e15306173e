package corpus

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadBytesCountsTheBytesOnDisk(t *testing.T) {
	dir := t.TempDir()
	jsonl := strings.Repeat(`{"text":"The council said on Tuesday that the budget would be voted on."}`+"\n", 50)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(jsonl))
	zw.Close()
	files := map[string][]byte{
		"a.jsonl":    []byte(jsonl),
		"b.jsonl.gz": gz.Bytes(),
		"c.txt":      []byte("A short text."),
	}
	var want int64
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		want += int64(len(data))
	}
	var got int64
	items := 0
	err := Walk([]string{dir}, Options{ReadBytes: func(n int) { got += int64(n) }}, func(Item) error {
		items++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("ReadBytes counted %d bytes, want the %d on disk", got, want)
	}
	if items != 101 {
		t.Errorf("%d items, want 101", items)
	}
	// Standard input is not counted.
	got = 0
	_ = Walk([]string{"-"}, Options{Stdin: strings.NewReader(jsonl), ReadBytes: func(n int) { got += int64(n) }}, func(Item) error { return nil })
	if got != 0 {
		t.Errorf("stdin: counted %d bytes, want 0", got)
	}
}
