// The shared floor: the analyses several checks ask of one document
// (quotes, specifics, wire copy, the title), computed once and kept on the
// Document.

package features

// facts holds what several checks ask of one document, computed the first
// time one asks and kept until the next Reset, so that the checks share
// one analysis instead of each repeating it. Because of it a Document is
// not safe for concurrent use while checks run on it.
type facts struct {
	quotesDone bool
	quotes     []quoteSpan

	specificsDone  bool
	numbers, names int

	// wire is 0 until asked, then 1 for wire copy and -1 otherwise.
	wire int8

	// title is the title analysed as a text of its own, kept for reuse;
	// titleDone says it holds this document's title.
	title     *Document
	titleDone bool
}

// reset forgets the previous article's facts, keeping the title's buffers.
func (f *facts) reset() { *f = facts{title: f.title} }

// quoteSpans returns the document's quoted spans (see findQuotes). The
// caller must not modify them.
func (d *Document) quoteSpans() []quoteSpan {
	if !d.facts.quotesDone {
		d.facts.quotes, d.facts.quotesDone = findQuotes(d), true
	}
	return d.facts.quotes
}

// specifics returns the counts of countSpecifics.
func (d *Document) specifics() (numbers, names int) {
	f := &d.facts
	if !f.specificsDone {
		f.numbers, f.names = countSpecifics(d)
		f.specificsDone = true
	}
	return f.numbers, f.names
}

// isWireCopy reports whether the document is hard-wrapped wire copy (see
// wireWrapped).
func (d *Document) isWireCopy() bool {
	if d.facts.wire == 0 {
		d.facts.wire = -1
		if wireWrapped(d) {
			d.facts.wire = 1
		}
	}
	return d.facts.wire > 0
}

// titleDocument returns the title analysed as a text of its own. The
// caller must not keep it past the next Reset.
func (d *Document) titleDocument() *Document {
	f := &d.facts
	if !f.titleDone {
		if f.title == nil {
			f.title = new(Document)
		}
		f.title.Reset("", d.Title)
		f.titleDone = true
	}
	return f.title
}
