// The shared floor: fast hashes of words and texts, and the hash table the
// checks count with.

package features

import "math/bits"

// hashTable is an open-addressing table from 64-bit hashes to a small
// integer, 0 marking an empty slot. The hashes must be well mixed: their top
// bits pick the slot. Its size follows the number of keys it was reset for,
// so clearing it costs time linear in the document.
type hashTable struct {
	keys  []uint64
	vals  []int32
	shift uint
}

// reset empties the table and sizes it for up to n keys.
func (t *hashTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.vals) < size {
		t.keys = make([]uint64, size)
		t.vals = make([]int32, size)
	} else {
		t.keys = t.keys[:size]
		t.vals = t.vals[:size]
		clear(t.vals)
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
}

// lookup returns the slot of h: the slot holding it, or the empty slot
// where it belongs.
func (t *hashTable) lookup(h uint64) int {
	mask := len(t.vals) - 1
	i := int(h >> t.shift)
	for t.vals[i] != 0 && t.keys[i] != h {
		i = (i + 1) & mask
	}
	return i
}

// add counts one more occurrence of h and returns its slot.
func (t *hashTable) add(h uint64) int {
	i := t.lookup(h)
	if t.vals[i] == 0 {
		t.keys[i] = h
	}
	t.vals[i]++
	return i
}

// resized returns s with length n, reusing its storage when it can.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// textHashCount returns a fast 64-bit hash of s, read eight bytes at a time
// (equal strings hash alike, and different ones practically never do), and
// the number of characters in s (valid UTF-8).
func textHashCount(s string) (uint64, int) {
	const p = 0xbf58476d1ce4e5b9
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	var high uint64 // top bits of every byte read: non-zero unless ASCII
	rest := s
	for len(rest) > 8 {
		v := first8(rest)
		high |= v
		h = bits.RotateLeft64((h^v)*p, 31)
		rest = rest[8:]
	}
	// The last one to eight bytes, read so that the bytes and the length
	// determine the value.
	var v uint64
	switch n := len(rest); {
	case n >= 4:
		v = uint64(first4(rest)) | uint64(first4(rest[n-4:]))<<32
	case n > 0:
		v = uint64(rest[0]) | uint64(rest[n/2])<<8 | uint64(rest[n-1])<<16
	}
	high |= v
	h = repeatMix(bits.RotateLeft64((h^v)*p, 31))
	if high&0x8080808080808080 == 0 {
		return h, len(s)
	}
	return h, runeCount(s)
}

// first8 reads the first eight bytes of s, little-endian.
func first8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// repeatMix scrambles the bits of h (the finaliser of SplitMix64), so that
// every bit of a hash depends on every bit of its input.
func repeatMix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Byte masks for testing eight bytes of text at once.
const (
	eachByte1   = 0x0101010101010101
	eachByte127 = 0x7f7f7f7f7f7f7f7f
	eachByte128 = 0x8080808080808080
)

// load64 returns the first eight bytes of s as a little-endian word.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasByteBetween reports whether one of the eight bytes of x lies in
// [lo, hi], for ASCII bounds. Each byte's low seven bits are offset so that
// bit 7 of one sum is set when the byte is at least lo and of another when
// it is at most hi; bytes with bit 7 set (non-ASCII) are masked out, and
// no carry crosses from one byte to the next.
func hasByteBetween(x uint64, lo, hi byte) bool {
	low7 := x & eachByte127
	atMostHi := eachByte1*(127+uint64(hi)+1) - low7
	atLeastLo := low7 + eachByte1*(127-uint64(lo)+1)
	return atMostHi&^x&atLeastLo&eachByte128 != 0
}

// first4 reads the first four bytes of s, little-endian.
func first4(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// runeCount is utf8.RuneCountInString for valid UTF-8 (as all text of a
// Document is): it counts the bytes that start a character, eight at a
// time.
func runeCount(s string) int {
	n := len(s)
	for len(s) >= 8 {
		x := first8(s)
		// Continuation bytes are 10xxxxxx: top bit set, next bit clear.
		n -= bits.OnesCount64(x & 0x8080808080808080 &^ (x << 1))
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xc0 == 0x80 {
			n--
		}
	}
	return n
}
