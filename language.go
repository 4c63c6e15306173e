package newsqual

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/newsqual/newsqual/features"
)

// languageSample is how much text the language detector reads: enough for
// a reliable guess, little enough to stay cheap on long articles.
const languageSample = 2000

// minLanguageWords is the fewest words for a language verdict; shorter
// texts are "und".
const minLanguageWords = 8

// detectLanguage returns the ISO 639-3 code of the document's language,
// whether it is English, and whether the detector is sure.
func detectLanguage(d *features.Document) (code string, english, sure bool) {
	if d.WordCount() < minLanguageWords {
		return "und", true, false
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
	if code == "" {
		return "und", true, false
	}
	return code, info.Lang == whatlanggo.Eng, info.IsReliable()
}

// languageName returns the English name of an ISO 639-3 code.
func languageName(code string) string {
	if l := whatlanggo.CodeToLang(code); l.String() != "" {
		return l.String()
	}
	return code
}
