// Package features finds the spam signals in a news article and keeps the
// evidence for each one.
//
// Every signal is a plain float64 with a stable name, so that a model can
// weigh it, and carries a message and the exact lines or phrases behind it, so
// that a person can read it. Signals come from checks: one file per family of
// signals, all sharing the Check interface and registered in one list
// (registry.go). A check declares its signals by name, each with what it
// measures (Spec), and returns each one under its name. The names and their
// order are versioned by Version, because model files depend on them.
//
// The files are of two kinds. A family file holds one family of signals
// (adinject.go, stuffing.go with rotation.go, …). The floor is the engine
// the families share: the Document and its facts, lexicons, quotes, hashing,
// word and line analysis, and the registry (this file, registry.go,
// document.go, words.go, lines.go, …). A family uses only its own files and
// the floor, and the floor uses no family, except that the registry calls
// each family's constructor; code two families need belongs in the floor.
// layout_test.go lists which file is which and fails on a use that breaks
// the rule, and on any dependency on the module's packages outside
// internal/.
package features

import (
	"fmt"
	"sync"
)

// Version names the feature set: the list of signal names, their order and
// their meaning. Change it whenever a name is added, removed, reordered or
// computed differently, so that old model files refuse to load.
const Version = "newsqual-features/4"

// Evidence is one piece of text that supports a signal: a line, a phrase or
// a token, how often it occurs, and the first line it occurs on.
type Evidence struct {
	// Text is the exact line or phrase as it appears in the article.
	Text string `json:"text"`
	// Count is how many times it occurs (at least 1).
	Count int `json:"count"`
	// Line is the 1-based line number of its first occurrence, 0 if unknown.
	Line int `json:"line,omitempty"`
	// Cut is true when Text was longer than MaxEvidenceRunes characters
	// and holds only its start, ending with "…".
	Cut bool `json:"cut,omitempty"`
	// Hidden is true when the evidence is from the page's hidden text
	// (Document.Hidden), which is not part of the article's text.
	Hidden bool `json:"hidden,omitempty"`
	// Spans are the byte ranges of up to MaxSpans of its occurrences in
	// the article's text exactly as given to the scorer, in order; Count
	// keeps the number in all. The checks leave them empty; the scorer
	// sets them (see Document.Locate and TextMap), and evidence that the
	// text does not hold (Hidden evidence, a text model's style pattern)
	// has none.
	Spans []Span `json:"spans,omitempty"`
}

// String renders the evidence as a person reads it: the text in quotes,
// cut at MaxEvidenceRunes, followed by ×N when it occurs more than once.
func (e Evidence) String() string {
	text := e.Capped().Text
	if e.Count > 1 {
		return fmt.Sprintf("%q ×%d", text, e.Count)
	}
	return fmt.Sprintf("%q", text)
}

// Signal is one measured feature of an article.
type Signal struct {
	// Name is the stable feature name, e.g. "ad_injection".
	Name string `json:"name"`
	// Value is the number a model weighs. Most are shares in [0, 1] or
	// log-scaled counts; see each check's documentation.
	Value float64 `json:"value"`
	// Fired says the signal's own rule considers the evidence a clear case
	// (e.g. a phrase repeated far beyond normal). A model may still weigh a
	// signal that did not fire.
	Fired bool `json:"fired"`
	// Message says in one line what was found, for a person.
	Message string `json:"message,omitempty"`
	// Evidence holds the lines or phrases behind the value, most telling
	// first.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Spec declares one signal: the stable name a model knows it by and what
// it measures, in a few words, for a reason that has no message of its own.
type Spec struct {
	// Name is the signal's stable name, e.g. "ad_injection".
	Name string
	// Description says what the signal measures ("injected ad lines").
	Description string
}

// Check computes one family of signals.
type Check interface {
	// Signals declares the signals the check sets. Their order is the
	// order of Names, so it is part of the feature set's Version.
	Signals() []Spec
	// Run measures the document and returns one Signal for each declared
	// one, each carrying its declared Name. Run must be safe for
	// concurrent use.
	Run(d *Document) []Signal
}

// blank returns a zero Signal for each of specs, under its name: what a
// check returns when it finds nothing to measure.
func blank(specs []Spec) []Signal {
	out := make([]Signal, len(specs))
	for i, sp := range specs {
		out[i].Name = sp.Name
	}
	return out
}

// named returns s under the given name, for a check's Run to say which of
// its declared signals s is.
func named(name string, s Signal) Signal {
	s.Name = name
	return s
}

// Signals is the result of Extract: every signal of the feature set, in the
// order of Names.
type Signals []Signal

// Values returns the signal values in the order of Names, ready for a model.
func (s Signals) Values() []float64 {
	v := make([]float64, len(s))
	for i := range s {
		v[i] = s[i].Value
	}
	return v
}

// Get returns the signal with the given name.
func (s Signals) Get(name string) (Signal, bool) {
	i, ok := Index(name)
	if !ok || i >= len(s) {
		return Signal{}, false
	}
	return s[i], true
}

// Fired returns the signals whose rule fired, in feature order.
func (s Signals) Fired() []Signal {
	var out []Signal
	for _, sig := range s {
		if sig.Fired {
			out = append(out, sig)
		}
	}
	return out
}

var (
	namesOnce sync.Once
	names     []string
	specs     []Spec
	nameIndex map[string]int
	// firstOf holds, for each check, the index in names of its first
	// signal, and len(names) last.
	firstOf []int
)

func buildNames() {
	nameIndex = make(map[string]int)
	for _, c := range checks {
		firstOf = append(firstOf, len(names))
		for _, sp := range c.Signals() {
			if _, dup := nameIndex[sp.Name]; dup {
				panic("features: duplicate signal name " + sp.Name)
			}
			nameIndex[sp.Name] = len(names)
			names = append(names, sp.Name)
			specs = append(specs, sp)
		}
	}
	firstOf = append(firstOf, len(names))
}

// Names returns the names of all signals, in the order Extract returns them.
// The caller must not modify the slice.
func Names() []string {
	namesOnce.Do(buildNames)
	return names
}

// Index returns the position of the named signal in Names.
func Index(name string) (int, bool) {
	namesOnce.Do(buildNames)
	i, ok := nameIndex[name]
	return i, ok
}

// Extract measures every signal of the article with the given title and
// text. It is safe for concurrent use.
func Extract(title, text string) Signals {
	return ExtractDocument(NewDocument(title, text))
}

// Description says in a few words what the named signal measures, or
// returns the name when it is not a signal of the feature set.
func Description(name string) string {
	if i, ok := Index(name); ok {
		return specs[i].Description
	}
	return name
}

// ExtractDocument measures every signal of a prepared document.
func ExtractDocument(d *Document) Signals {
	namesOnce.Do(buildNames)
	out := make(Signals, len(names))
	for ci, c := range checks {
		got := c.Run(d)
		first, end := firstOf[ci], firstOf[ci+1]
		if len(got) != end-first {
			panic(fmt.Sprintf("features: check %T returned %d signals, declares %d", c, len(got), end-first))
		}
		for _, sig := range got {
			i, ok := declaredIndex(sig.Name, first, end)
			if !ok {
				panic(fmt.Sprintf("features: check %T returned signal %q, which it does not declare", c, sig.Name))
			}
			if out[i].Name != "" {
				panic(fmt.Sprintf("features: check %T returned signal %q twice", c, sig.Name))
			}
			capSignal(&sig)
			out[i] = sig
		}
	}
	return out
}

// declaredIndex finds the named signal among names[from:to], a check's
// own few, first where the check declares it.
func declaredIndex(name string, from, to int) (int, bool) {
	for i := from; i < to; i++ {
		if names[i] == name {
			return i, true
		}
	}
	return 0, false
}
