package model

import (
	"encoding/json"
	"iter"
	"maps"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"
)

// FeatureWeights are the weights of a text model's features, by key: a
// table sorted by key, read-only once made. In a model file it is a JSON
// object from keys to weights, as a map[string]float64 would be written.
// It is read without building a map, and holds its keys in one string,
// since a model has tens of thousands of features: start-up stays quick,
// and the garbage collector has no pointer per feature to follow.
type FeatureWeights struct {
	keys   textList // sorted, distinct
	values []float64
}

// NewFeatureWeights returns the table of weights.
func NewFeatureWeights(weights map[string]float64) FeatureWeights {
	var b textListBuilder
	values := make([]float64, 0, len(weights))
	for _, k := range slices.Sorted(maps.Keys(weights)) {
		b.buf = append(b.buf, k...)
		b.end()
		values = append(values, weights[k])
	}
	return FeatureWeights{keys: b.list(), values: values}
}

// Len returns the number of features.
func (fw FeatureWeights) Len() int { return len(fw.values) }

// Get returns the weight of the feature with this key, and whether there
// is one.
func (fw FeatureWeights) Get(key string) (float64, bool) {
	i := sort.Search(len(fw.values), func(i int) bool { return fw.keys.at(i) >= key })
	if i == len(fw.values) || fw.keys.at(i) != key {
		return 0, false
	}
	return fw.values[i], true
}

// All yields every feature's key and weight, in key order.
func (fw FeatureWeights) All() iter.Seq2[string, float64] {
	return func(yield func(string, float64) bool) {
		for i, w := range fw.values {
			if !yield(fw.keys.at(i), w) {
				return
			}
		}
	}
}

// MarshalJSON writes the weights as a JSON object, byte for byte what
// encoding/json writes for a map[string]float64 of them.
func (fw FeatureWeights) MarshalJSON() ([]byte, error) {
	m := make(map[string]float64, fw.Len())
	for k, w := range fw.All() {
		m[k] = w
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads a JSON object from keys to weights. The layout that
// MarshalJSON writes (keys in order, ASCII escapes only, plain numbers)
// is read directly; anything else goes through encoding/json as a
// map[string]float64, with its rules (a repeated key keeps its last
// weight) and its errors.
func (fw *FeatureWeights) UnmarshalJSON(data []byte) error {
	if w, ok := parseWeights(data); ok {
		*fw = w
		return nil
	}
	var m map[string]float64
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*fw = NewFeatureWeights(m)
	return nil
}

// parseWeights reads a JSON object of string keys and number values
// written the way MarshalJSON writes it, keys in strictly increasing
// order, and returns false for anything else.
func parseWeights(data []byte) (FeatureWeights, bool) {
	p := weightParser{s: data}
	if !p.consume('{') {
		return FeatureWeights{}, false
	}
	var b textListBuilder
	b.grow(len(data)/2, len(data)/24)
	values := make([]float64, 0, len(data)/24)
	prev := 0 // where the previous key starts in b.buf
	for !p.consume('}') {
		if len(values) > 0 && !p.consume(',') {
			return FeatureWeights{}, false
		}
		raw, escaped, ok := p.key()
		if !ok || !p.consume(':') {
			return FeatureWeights{}, false
		}
		start := len(b.buf)
		if !escaped {
			b.buf = append(b.buf, raw...)
		} else if b.buf, ok = appendUnescaped(b.buf, raw); !ok {
			return FeatureWeights{}, false
		}
		if len(values) > 0 && string(b.buf[prev:start]) >= string(b.buf[start:]) {
			return FeatureWeights{}, false // out of order, or repeated
		}
		w, ok := p.number()
		if !ok {
			return FeatureWeights{}, false
		}
		b.end()
		values = append(values, w)
		prev = start
	}
	if p.space(); p.i != len(p.s) {
		return FeatureWeights{}, false
	}
	return FeatureWeights{keys: b.list(), values: values}, true
}

// weightParser reads a JSON object of weights from s.
type weightParser struct {
	s []byte
	i int
}

func (p *weightParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\n', '\t', '\r':
			p.i++
		default:
			return
		}
	}
}

// consume skips white space and then c, and reports whether c was there.
func (p *weightParser) consume(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads a JSON string and returns what lies between its quotes, with
// escaped true when that holds escapes. ok is false when there is no
// string, or it holds a control character or invalid UTF-8.
func (p *weightParser) key() (raw []byte, escaped, ok bool) {
	if !p.consume('"') {
		return nil, false, false
	}
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			return p.s[start : p.i-1], escaped, true
		case c == '\\':
			escaped = true
			p.i += 2 // the escaped character, which may be a quote
		case c < ' ':
			return nil, false, false
		case c < utf8.RuneSelf:
			p.i++
		default:
			r, n := utf8.DecodeRune(p.s[p.i:])
			if r == utf8.RuneError && n == 1 {
				return nil, false, false
			}
			p.i += n
		}
	}
	return nil, false, false
}

// appendUnescaped appends the JSON string content raw, unescaped, to dst.
// It handles the escapes of ASCII characters, which are all that
// encoding/json writes in keys of ASCII, and returns false for any other.
func appendUnescaped(dst []byte, raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		if i++; i == len(raw) {
			return dst, false
		}
		switch raw[i] {
		case '"', '\\', '/':
			dst = append(dst, raw[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			if i+4 >= len(raw) {
				return dst, false
			}
			r, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 16)
			if err != nil || r >= utf8.RuneSelf {
				return dst, false
			}
			dst = append(dst, byte(r))
			i += 4
		default:
			return dst, false
		}
	}
	return dst, true
}

// number reads a JSON number as encoding/json reads one into a float64.
func (p *weightParser) number() (float64, bool) {
	p.space()
	start := p.i
	for p.i < len(p.s) && isNumberByte(p.s[p.i]) {
		p.i++
	}
	num := p.s[start:p.i]
	if !isJSONNumber(num) {
		return 0, false
	}
	w, err := strconv.ParseFloat(string(num), 64)
	return w, err == nil
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// isJSONNumber reports whether s follows JSON's grammar of numbers:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s []byte) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
