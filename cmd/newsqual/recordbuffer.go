package main

import "io"

// recordBuffer gathers output and hands it to the writer below in whole
// records, each Write call holding one or more complete records and never
// part of one. Several processes appending to one file (--out, or a
// shell's >>) then never splice their lines: a write(2) to a file opened
// with O_APPEND lands whole at its end. Records are gathered up to
// recordBufferSize bytes between writes, as a bufio.Writer would gather
// bytes, and a record larger than that is written whole, at once.
type recordBuffer struct {
	w   io.Writer
	buf []byte
}

// recordBufferSize is how many bytes of whole records are gathered before
// they are written.
const recordBufferSize = 64 << 10

func newRecordBuffer(w io.Writer) *recordBuffer {
	return &recordBuffer{w: w, buf: make([]byte, 0, recordBufferSize)}
}

// Write adds p to the record being written; nothing reaches the writer
// below until the record ends.
func (b *recordBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// EndRecord marks the end of a record, and writes the records gathered
// once they fill the buffer.
func (b *recordBuffer) EndRecord() error {
	if len(b.buf) < recordBufferSize {
		return nil
	}
	return b.Flush()
}

// Flush writes the records gathered, in one Write call.
func (b *recordBuffer) Flush() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	if cap(b.buf) > 4*recordBufferSize {
		b.buf = make([]byte, 0, recordBufferSize) // one huge record: let it go
	} else {
		b.buf = b.buf[:0]
	}
	return err
}
