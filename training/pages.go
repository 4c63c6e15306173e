package training

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// PageDebris reads a JSONL file of whole web pages (records with "text"
// and "line_is_body", as in the article-extraction benchmark) and returns
// the distinct lines marked as boilerplate (0), between 3 and 200
// characters, in file order. These are the debris of real news pages: added
// to clean articles they must leave them clean.
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
				return nil, fmt.Errorf("page debris: %s line %d: %w", path, n, jerr)
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
						out = append(out, l)
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
