package peers

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// eachWord calls fn with every word of text, lowercased: a word is a run
// of letters and digits. The word passed to fn is only valid during the
// call; buf is reused for it and returned for the next call.
func eachWord(text string, buf []byte, fn func(word []byte)) []byte {
	buf = buf[:0]
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				buf = append(buf, byte(r))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			continue
		}
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		fn(buf)
	}
	return buf
}

// bagOfWords is the set of distinct words of each document, with the
// words numbered across all documents.
type bagOfWords struct {
	words []string
	// docs[i] holds the numbers of the distinct words of document i, in
	// increasing order.
	docs [][]int32
}

// newBagOfWords reads the words of every text.
func newBagOfWords(texts []string) *bagOfWords {
	b := &bagOfWords{docs: make([][]int32, len(texts))}
	ids := make(map[string]int32)
	// lastDoc[id] is the last document the word was seen in, plus one, so
	// that each word is listed once per document without a set.
	var lastDoc []int32
	var buf []byte
	for i, text := range texts {
		var doc []int32
		buf = eachWord(text, buf, func(w []byte) {
			id, ok := ids[string(w)]
			if !ok {
				id = int32(len(b.words))
				word := string(w)
				ids[word] = id
				b.words = append(b.words, word)
				lastDoc = append(lastDoc, 0)
			}
			if lastDoc[id] != int32(i+1) {
				lastDoc[id] = int32(i + 1)
				doc = append(doc, id)
			}
		})
		slices.Sort(doc)
		b.docs[i] = slices.Clip(doc)
	}
	return b
}

// vocabulary returns the numbers of the n words found in most of the
// documents where train is true, most frequent first, ties in word order.
func (b *bagOfWords) vocabulary(train []bool, n int) []int32 {
	df := make([]int32, len(b.words))
	for i, doc := range b.docs {
		if !train[i] {
			continue
		}
		for _, id := range doc {
			df[id]++
		}
	}
	var seen []int32
	for id, c := range df {
		if c > 0 {
			seen = append(seen, int32(id))
		}
	}
	slices.SortFunc(seen, func(x, y int32) int {
		if c := cmp.Compare(df[y], df[x]); c != 0 {
			return c
		}
		return cmp.Compare(b.words[x], b.words[y])
	})
	if len(seen) > n {
		seen = seen[:n]
	}
	return seen
}
