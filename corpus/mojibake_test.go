package corpus

import (
	"strings"
	"testing"
)

// TestFixMojibake checks that UTF-8 read as windows-1252 or Latin-1 is
// put right, and that text that only looks odd is left as it is.
func TestFixMojibake(t *testing.T) {
	for in, want := range map[string]string{
		"Itâ€™s a â€œtestâ€\u009d":   "It’s a “test”", // U+009D: an undefined byte kept as a C1 control
		"Published:Â\u00a0Friday":    "Published:\u00a0Friday",
		"CafÃ© in SÃ£o Paulo":        "Café in São Paulo",
		"Â© 2008, 5Â°C, â‚¬20":       "© 2008, 5°C, €20",
		"smile ðŸ˜€":                 "smile 😀",
		"café in São Paulo, naïve":   "café in São Paulo, naïve",
		"Ã alone, Ã\u00a0 then text": "Ã alone, à then text",
		"plain ASCII":                "plain ASCII",
		"â€":                         "â€", // cut short: not a whole character
		"Ã€ is fine":                 "À is fine",
		"Â":                          "Â",
		"":                           "",
	} {
		if got := fixMojibake(in); got != want {
			t.Errorf("fixMojibake(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHTMLMojibakeIsRepaired reads a page whose UTF-8 was decoded as
// Latin-1 before it was stored: the article and the whole page both come
// out as they were written.
func TestHTMLMojibakeIsRepaired(t *testing.T) {
	page := `<html><head><title>Ferry strike endsÂ â€“ Harbour Times</title></head><body><article>` +
		strings.ReplaceAll(story, "’", "â€™") + `<p>Itâ€™s over, said the cafÃ© owner on the quay.</p></article></body></html>`
	for _, whole := range []bool{false, true} {
		title, text, _ := newHTMLReader().extract([]byte(page), "", whole, DefaultMaxHTMLDepth)
		if !strings.Contains(text, "It’s over, said the café owner") || strings.ContainsAny(text, "Ãâ") {
			t.Errorf("whole page %v: text %q", whole, text)
		}
		if strings.ContainsAny(title, "Ãâ") {
			t.Errorf("whole page %v: title %q", whole, title)
		}
	}
}
