// The shared floor: Lexicon, which matches fixed lists of phrases against
// a document's words, and the evidence of the phrases it finds.

package features

import (
	"sort"
	"strings"
)

// Lexicon matches a fixed list of phrases against a document's words. A
// phrase is a sequence of folded words ("it is important to note"); a word
// ending in "*" matches any word with that prefix ("underscor*"). Matching
// works on Document.Words, so case, typographic apostrophes, zero-width
// characters and look-alike letters do not hide a phrase.
type Lexicon struct {
	// byFirst holds the phrases by the hash of their first word, so that
	// a lookup costs no string hashing (the words' hashes are computed once
	// per document); phrases are still compared word by word.
	byFirst map[uint64][]phrase
	// byPrefix holds the phrases whose first word is a prefix pattern,
	// keyed by the hash of the pattern's first prefixKey bytes; shortPrefix
	// holds those whose pattern is shorter.
	byPrefix    map[uint64][]phrase
	shortPrefix []phrase
	// firstBits and prefixBits are one-hash Bloom filters of the keys of
	// byFirst and byPrefix: a clear bit proves a word starts no phrase, so
	// most words skip both map lookups.
	firstBits, prefixBits [bloomWords]uint64
}

// bloomWords sizes the filters: 4096 bits each.
const bloomWords = 64

func bloomSet(bits *[bloomWords]uint64, h uint64) {
	k := (h >> 32) % (bloomWords * 64)
	bits[k/64] |= 1 << (k % 64)
}

func bloomHas(bits *[bloomWords]uint64, h uint64) bool {
	k := (h >> 32) % (bloomWords * 64)
	return bits[k/64]&(1<<(k%64)) != 0
}

// The FNV-1a constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashWord is FNV-1a over the bytes of a folded word.
func hashWord(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// prefixKey is how many leading bytes of a prefix pattern index it.
const prefixKey = 3

type phrase struct {
	text  string
	words []string
}

// Match is one occurrence of a lexicon phrase.
type Match struct {
	// Phrase is the lexicon entry that matched, as written in the lexicon.
	Phrase string
	// Word is the index of the first matched word in Document.Words.
	Word int
	// Len is the number of words matched.
	Len int
}

// phraseFolder folds the punctuation of a lexicon phrase before it is split.
var phraseFolder = strings.NewReplacer("’", "'", ",", " ", ";", " ")

// PhraseWords splits a lexicon phrase into the folded words NewLexicon
// matches: lower case, typographic apostrophes straightened, commas and
// semicolons ignored. Code that indexes a lexicon's phrases by their words
// uses it to stay in step with NewLexicon.
func PhraseWords(phrase string) []string {
	return strings.Fields(strings.ToLower(phraseFolder.Replace(phrase)))
}

// NewLexicon compiles a list of phrases. Phrases are folded like words;
// punctuation between words is ignored.
func NewLexicon(phrases ...string) *Lexicon {
	lx := &Lexicon{byFirst: make(map[uint64][]phrase), byPrefix: make(map[uint64][]phrase)}
	for _, p := range phrases {
		words := PhraseWords(p)
		if len(words) == 0 {
			continue
		}
		ph := phrase{text: p, words: words}
		if pre, ok := strings.CutSuffix(words[0], "*"); ok {
			if len(pre) < prefixKey {
				lx.shortPrefix = append(lx.shortPrefix, ph)
			} else {
				k := hashWord(pre[:prefixKey])
				lx.byPrefix[k] = append(lx.byPrefix[k], ph)
				bloomSet(&lx.prefixBits, k)
			}
			continue
		}
		k := hashWord(words[0])
		lx.byFirst[k] = append(lx.byFirst[k], ph)
		bloomSet(&lx.firstBits, k)
	}
	// Longest phrases first, so "in conclusion" wins over "conclusion".
	for k, list := range lx.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		lx.byFirst[k] = list
	}
	return lx
}

func wordMatches(pattern, word string) bool {
	if strings.HasSuffix(pattern, "*") {
		return strings.HasPrefix(word, pattern[:len(pattern)-1])
	}
	return pattern == word
}

func (p phrase) matchAt(words []Word, i int) bool {
	if i+len(p.words) > len(words) {
		return false
	}
	for k, pw := range p.words {
		if !wordMatches(pw, words[i+k].Norm) {
			return false
		}
	}
	return true
}

// FindIn returns the non-overlapping matches among words[from:to], in order.
func (lx *Lexicon) FindIn(words []Word, from, to int) []Match {
	var out []Match
	sub := words[:to]
	for i := from; i < to; {
		m, ok := lx.matchAt(sub, i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i += m.Len
	}
	return out
}

// Find returns the non-overlapping matches in the whole document, in order.
func (lx *Lexicon) Find(d *Document) []Match { return lx.FindIn(d.Words, 0, len(d.Words)) }

func (lx *Lexicon) matchAt(words []Word, i int) (Match, bool) {
	if bloomHas(&lx.firstBits, words[i].key) {
		for _, p := range lx.byFirst[words[i].key] {
			if p.matchAt(words, i) {
				return Match{Phrase: p.text, Word: i, Len: len(p.words)}, true
			}
		}
	}
	if len(words[i].Norm) >= prefixKey && bloomHas(&lx.prefixBits, words[i].prefix) {
		for _, p := range lx.byPrefix[words[i].prefix] {
			if p.matchAt(words, i) {
				return Match{Phrase: p.text, Word: i, Len: len(p.words)}, true
			}
		}
	}
	for _, p := range lx.shortPrefix {
		if p.matchAt(words, i) {
			return Match{Phrase: p.text, Word: i, Len: len(p.words)}, true
		}
	}
	return Match{}, false
}

// CountPhrases groups matches by phrase into evidence, most frequent first
// (ties in order of first appearance), quoting the text as it appears in the
// document.
func CountPhrases(d *Document, matches []Match) []Evidence {
	idx := make(map[string]int)
	var out []Evidence
	for _, m := range matches {
		if k, ok := idx[m.Phrase]; ok {
			out[k].Count++
			continue
		}
		idx[m.Phrase] = len(out)
		out = append(out, Evidence{Text: d.Span(m.Word, m.Word+m.Len), Count: 1, Line: d.Lines[d.Words[m.Word].Line].Number})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// Span returns the text of words[from:to] as it appears in the document,
// when the words share a line, or the words joined by spaces otherwise.
func (d *Document) Span(from, to int) string {
	if from >= to {
		return ""
	}
	a, b := d.Words[from], d.Words[to-1]
	if a.Line == b.Line {
		return d.Text[a.Start : b.Start+len(b.Text)]
	}
	parts := make([]string, 0, to-from)
	for _, w := range d.Words[from:to] {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}
