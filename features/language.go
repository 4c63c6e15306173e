// The shared floor: which language a document is written in, and whether
// it is English.

package features

import (
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// languageSample is how much text the language detector reads: enough for
// a reliable guess, little enough to stay cheap on long articles.
const languageSample = 1000

// minLanguageWords is the fewest words for a language verdict; shorter
// texts are "und".
const minLanguageWords = 8

// isEnglishFunctionWord reports whether a folded word is one of the
// function words that are frequent in any English text and rare in other
// languages' texts. A switch compiles to a few length and byte comparisons,
// cheaper than a map lookup for every word of every article.
func isEnglishFunctionWord(w string) bool {
	switch w {
	case "the", "of", "and", "to", "is", "that", "for", "it",
		"with", "was", "as", "by", "he", "be", "at", "from",
		"this", "have", "are", "his", "but", "said", "not", "they",
		"which", "has", "were", "had", "their", "will", "been",
		"would", "who", "its", "or", "she", "her", "we", "an":
		return true
	}
	return false
}

// englishSample and minEnglishShare decide the fast path: when English
// function words make up at least minEnglishShare of the first englishSample
// words, the text is English without asking the trigram detector, which
// costs more than all the signals together.
const (
	englishSample   = 300
	minEnglishShare = 0.15
)

// Language returns the ISO 639-3 code of the document's language ("und"
// when undetermined), whether it is English, and whether the detector is
// sure. It reads the first englishSample words and, unless they are
// plainly English, the first languageSample bytes.
func (d *Document) Language() (code string, english, sure bool) {
	if d.WordCount() < minLanguageWords {
		return "und", true, false
	}
	n := min(len(d.Words), englishSample)
	common := 0
	for _, w := range d.Words[:n] {
		if isEnglishFunctionWord(w.Norm) {
			common++
		}
	}
	if float64(common) >= minEnglishShare*float64(n) {
		return "eng", true, true
	}
	text := d.Text
	if len(text) > languageSample {
		cut := languageSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	code = info.Lang.Iso6393()
	reliable := info.IsReliable()
	// An unsure detector may be choosing between tied languages, which it
	// orders at random: the language is then undetermined, so the same text
	// always gets the same answer.
	if code == "" || !reliable {
		code = "und"
	}
	// A text in another script than Latin is surely not English, however
	// unsure the detector is of which language it is.
	nonLatin := info.Script != nil && info.Script != unicode.Latin
	return code, reliable && info.Lang == whatlanggo.Eng, reliable || nonLatin
}

// LanguageName returns the English name of an ISO 639-3 code, or "a
// language other than English" for "und".
func LanguageName(code string) string {
	if code == "und" {
		return "a language other than English"
	}
	if l := whatlanggo.CodeToLang(code); l.String() != "" {
		return l.String()
	}
	return code
}
