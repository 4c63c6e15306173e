package corpus

// extract returns the title and visible text of an HTML page and what the
// reader did to read it (see readPage): the parts the tests look at.
func (h *htmlReader) extract(raw []byte, pageURL string, wholePage bool, maxDepth int) (title, text, note string) {
	p := h.readPage(raw, pageURL, wholePage, maxDepth)
	return p.title, p.text, p.note
}
