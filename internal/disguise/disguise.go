// Package disguise rewrites text the ways spam hides words from filters,
// for tests that check that newsqual sees through them and can still point
// at the words in the text as given.
package disguise

import (
	"strings"
	"unicode/utf8"
)

// Text rewrites some words of text: a decomposed accent, a zero-width
// space inside the word, a Cyrillic look-alike letter, full-width and
// mathematical bold letters, a word stored backwards behind a right-to-left
// override, and Windows line ends throughout. Which words get which
// disguise, seed chooses; only plain ASCII words of four bytes or more are
// changed.
func Text(text string, seed int) string {
	words := strings.SplitAfter(text, " ")
	for i, w := range words {
		core := strings.TrimRight(w, " ")
		if len(core) < 4 || strings.ContainsAny(core, "\n\r") || !isASCII(core) {
			continue
		}
		switch (i + seed) % 11 {
		case 0:
			core = strings.Replace(core, "e", "e\u0301", 1)
		case 2:
			core = core[:2] + "\u200b" + core[2:]
		case 4:
			core = strings.Replace(core, "a", "\u0430", 1)
		case 6:
			core = lowerAs(core, '\uff41') // full-width
		case 8:
			core = lowerAs(core, '\U0001d41a') // mathematical bold
		case 9:
			rs := []rune(core)
			for a, b := 0, len(rs)-1; a < b; a, b = a+1, b-1 {
				rs[a], rs[b] = rs[b], rs[a]
			}
			core = "\u202e" + string(rs) + "\u202c"
		}
		words[i] = core + w[len(strings.TrimRight(w, " ")):]
	}
	return strings.ReplaceAll(strings.Join(words, ""), "\n", "\r\n")
}

// lowerAs writes the lower-case ASCII letters of s in the alphabet whose
// "a" is a.
func lowerAs(s string, a rune) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + a
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
