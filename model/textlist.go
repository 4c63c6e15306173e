package model

// textList is a list of strings held in one string, so that a list of
// tens of thousands of them holds no pointer of its own for the garbage
// collector to follow.
type textList struct {
	text string
	ends []uint32 // where each string ends in text
}

// at returns string i.
func (l *textList) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.text[start:l.ends[i]]
}

// textListBuilder builds a textList: append a string's bytes to buf, then
// call end.
type textListBuilder struct {
	buf  []byte
	ends []uint32
}

func (b *textListBuilder) grow(bytes, n int) {
	b.buf = make([]byte, 0, bytes)
	b.ends = make([]uint32, 0, n)
}

// end closes the string whose bytes were appended since the last end.
func (b *textListBuilder) end() { b.ends = append(b.ends, uint32(len(b.buf))) }

func (b *textListBuilder) list() textList { return textList{text: string(b.buf), ends: b.ends} }
