package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// form is how a request body holds its articles.
type form int

const (
	// formSingle is one JSON article object; it is answered with one object.
	formSingle form = iota
	// formArray is a JSON array of article objects.
	formArray
	// formLines is JSON Lines: one article object per line.
	formLines
)

// rawRecord is one article object of a request, not yet read.
type rawRecord struct {
	data []byte
	// n is the record's JSONL line, or its position (from 1) in an array.
	n int
}

// batch is a parsed request body.
type batch struct {
	form    form
	records []rawRecord
}

// linesTypes are the media types that announce JSON Lines.
var linesTypes = map[string]bool{
	"application/x-ndjson":     true,
	"application/ndjson":       true,
	"application/jsonl":        true,
	"application/x-jsonl":      true,
	"application/jsonlines":    true,
	"application/x-jsonlines":  true,
	"application/json-lines":   true,
	"application/x-json-lines": true,
}

// bodyForm checks the Content-Type and Content-Encoding of a score request
// and says whether the body must be JSON Lines (true) or may be any of the
// three forms (false).
func bodyForm(r *http.Request) (lines bool, err *apiError) {
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return false, &apiError{status: http.StatusUnsupportedMediaType, reason: reasonMediaType,
			msg: fmt.Sprintf("Content-Encoding %q is not supported: send the body uncompressed", enc)}
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return false, nil
	}
	mt, params, perr := mime.ParseMediaType(ct)
	if perr != nil {
		return false, &apiError{status: http.StatusUnsupportedMediaType, reason: reasonMediaType,
			msg: fmt.Sprintf("Content-Type %q cannot be parsed: %v", ct, perr)}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return false, &apiError{status: http.StatusUnsupportedMediaType, reason: reasonMediaType,
			msg: fmt.Sprintf("charset %q is not supported: send UTF-8", cs)}
	}
	switch {
	case mt == "application/json":
		return false, nil
	case linesTypes[mt]:
		return true, nil
	}
	msg := fmt.Sprintf("Content-Type %q is not supported: send application/json (one article object, or an array of them) or application/x-ndjson (one article object per line)", mt)
	if mt == "application/x-www-form-urlencoded" {
		msg += "; with curl, use --json or -H 'Content-Type: application/json'"
	}
	return false, &apiError{status: http.StatusUnsupportedMediaType, reason: reasonMediaType, msg: msg}
}

var utf8BOM = []byte("\ufeff")

// parseBody splits a request body into its article objects. lines says the
// Content-Type announced JSON Lines. Otherwise the body is read as one
// article object, a JSON array of them, or JSON Lines when its first line
// is a whole object followed by more lines. An article object that cannot
// be read is left for scoring to report; only a body that is not JSON at
// all, or holds no article, or too many, is refused here.
func parseBody(data []byte, lines bool, maxBatch int) (batch, *apiError) {
	data = bytes.TrimPrefix(data, utf8BOM)
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
	if start == len(data) {
		return batch{}, &apiError{status: http.StatusBadRequest, reason: reasonBadJSON,
			msg: "the request body is empty: send one article as a JSON object, several as a JSON array or as JSON Lines"}
	}
	first := data[start]
	switch {
	case lines && first != '{':
		return batch{}, notJSON(data, start, "JSON Lines must start with '{', the first article object")
	case lines:
		return parseLines(data, maxBatch)
	case first == '[':
		return parseArray(data, maxBatch)
	case first == '{' && startsLines(data[start:]):
		return parseLines(data, maxBatch)
	case first == '{':
		if err := syntaxError(data); err != nil {
			return batch{}, err
		}
		return batch{form: formSingle, records: []rawRecord{{data: data, n: 1}}}, nil
	}
	return batch{}, notJSON(data, start, "want one article object {...}, an array of them, or JSON Lines")
}

// startsLines reports whether the body's first line is a whole JSON value
// with more lines after it: JSON Lines sent as application/json.
func startsLines(data []byte) bool {
	end := bytes.IndexByte(data, '\n')
	if end < 0 {
		return false
	}
	return json.Valid(data[:end]) && len(bytes.TrimSpace(data[end:])) > 0
}

// parseLines splits JSON Lines into records, passing over blank lines as
// the command line does. Lines are numbered from 1, blank ones included.
func parseLines(data []byte, maxBatch int) (batch, *apiError) {
	b := batch{form: formLines}
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(b.records) == maxBatch {
			return batch{}, tooMany(maxBatch)
		}
		b.records = append(b.records, rawRecord{data: line, n: n})
	}
	return b, nil
}

// parseArray splits a JSON array into records. It decodes one element at
// a time and stops at the first one past maxBatch, so that a body of
// millions of tiny elements costs no more than maxBatch of them.
func parseArray(data []byte, maxBatch int) (batch, *apiError) {
	notArray := func(err error) *apiError {
		if serr := syntaxError(data); serr != nil {
			return serr
		}
		return &apiError{status: http.StatusBadRequest, reason: reasonBadJSON,
			msg: "the request body is not a JSON array of article objects: " + err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the '[' parseBody saw
		return batch{}, notArray(err)
	}
	b := batch{form: formArray}
	for dec.More() {
		if len(b.records) == maxBatch {
			return batch{}, tooMany(maxBatch)
		}
		var e json.RawMessage
		if err := dec.Decode(&e); err != nil {
			return batch{}, notArray(err)
		}
		b.records = append(b.records, rawRecord{data: e, n: len(b.records) + 1})
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return batch{}, notArray(err)
	}
	if rest := data[dec.InputOffset():]; len(bytes.TrimSpace(rest)) > 0 {
		return batch{}, notArray(errors.New("more after the array"))
	}
	if len(b.records) == 0 {
		return batch{}, &apiError{status: http.StatusUnprocessableEntity, reason: reasonEmptyBatch,
			msg: "the array holds no articles: send at least one article object"}
	}
	return b, nil
}

func tooMany(maxBatch int) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, reason: reasonBatchTooLarge,
		msg: fmt.Sprintf("the batch holds more than %d articles (--max-batch): split it into smaller requests", maxBatch)}
}

// syntaxError returns the 400 error for a body that is not valid JSON,
// naming the line and column where it goes wrong, or nil when it is valid.
func syntaxError(data []byte) *apiError {
	err := json.Unmarshal(data, new(json.RawMessage))
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return &apiError{status: http.StatusBadRequest, reason: reasonBadJSON, msg: "the request body is not valid JSON: " + err.Error()}
	}
	// Offset counts the bytes read up to and including the bad one.
	at := max(int(se.Offset)-1, 0)
	if se.Offset >= int64(len(data)) && strings.Contains(se.Error(), "unexpected end") {
		at = len(data)
	}
	msg := "the request body is not valid JSON: " + position(data, at) + ": " + se.Error()
	if strings.Contains(se.Error(), "after top-level value") {
		msg += "; send several articles as a JSON array or as JSON Lines, one object per line"
	}
	return &apiError{status: http.StatusBadRequest, reason: reasonBadJSON, msg: msg}
}

// notJSON is the 400 error for a body whose first character at offset at
// cannot start the JSON expected.
func notJSON(data []byte, at int, want string) *apiError {
	r, _ := utf8.DecodeRune(data[at:])
	return &apiError{status: http.StatusBadRequest, reason: reasonBadJSON,
		msg: fmt.Sprintf("the request body is not JSON: %s: found %q; %s", position(data, at), r, want)}
}

// position names a byte offset of data as "line L, column C", both from 1,
// the column counted in characters.
func position(data []byte, at int) string {
	at = min(at, len(data))
	before := data[:at]
	line := bytes.Count(before, []byte("\n")) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}
