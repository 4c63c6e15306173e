package training

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/newsqual/newsqual/features"
)

// PageDebris reads a JSONL file of whole web pages (records with "text"
// and "line_is_body", as in the article-extraction benchmark) and returns
// the distinct lines marked as boilerplate (0), between 3 and 200
// characters, in file order. These are the debris of real news pages: added
// to clean articles they must leave them clean. Real pages also carry ads,
// comment forms and shop widgets, which are not what the pool stands for:
// a line that a strong signal calls spam on its own, added to a plain
// news paragraph, is left out (see benignLine).
func PageDebris(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("page debris: %w", err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var rec struct {
				Text       string `json:"text"`
				LineIsBody []int  `json:"line_is_body"`
			}
			if jerr := json.Unmarshal(line, &rec); jerr != nil {
				return nil, fmt.Errorf("page debris: %s:%d: %w", path, n, jerr)
			}
			lines := strings.Split(rec.Text, "\n")
			if len(lines) == len(rec.LineIsBody) {
				for i, l := range lines {
					l = strings.TrimSpace(l)
					if rec.LineIsBody[i] != 0 || seen[l] {
						continue
					}
					if c := utf8.RuneCountInString(l); c >= 3 && c <= 200 {
						seen[l] = true
						if benignLine(l) {
							out = append(out, l)
						}
					}
				}
			}
		}
		if err != nil {
			break
		}
	}
	return out, nil
}

// probeParagraphs is plain reporting, written for the project, that a
// debris line is set in to see whether a signal calls it spam.
const probeParagraphs = "The council said on Tuesday that the bridge on Mill Lane would close for repairs in March, and that buses would be diverted through Hale Street.\n\n" +
	"\"The work is overdue,\" said Ann Lee, the engineer who led the survey. About 9,000 vehicles cross the bridge each day, officials said.\n\n" +
	"Shopkeepers on the high street said they feared losing trade during the 14 weeks of the closure."

// spamSignals are the signals whose firing calls a debris line spam.
var spamSignals = []string{"ad_injection", "shop_template", "lorem_ipsum", "placeholder_text", "comment_form", "spam_debris", "keyword_stuffing", "promo_terms"}

// benignLine reports whether no strong signal fires on a plain news
// article with the line added after its first paragraph.
func benignLine(line string) bool {
	parts := strings.SplitN(probeParagraphs, "\n\n", 2)
	sig := features.Extract("", parts[0]+"\n\n"+line+"\n\n"+parts[1])
	for _, name := range spamSignals {
		if s, ok := sig.Get(name); ok && s.Fired {
			return false
		}
	}
	return true
}
