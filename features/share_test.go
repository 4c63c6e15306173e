package features

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTopGramMessageIsAShare checks that the message of the most frequent
// n-gram signals gives the share of the text its copies cover, at most
// 100%, however much the copies overlap: a word repeated 300 times is
// covered once, not once per 4-gram holding it (400%).
func TestTopGramMessageIsAShare(t *testing.T) {
	share := regexp.MustCompile(`most frequent (\d)-gram covers (\d+)% of the text`)
	cases := []struct {
		name string
		text string
		min  int // the least share the messages should give
	}{
		{"one word", strings.Repeat("spam ", 300), 100},
		{"two words", strings.Repeat("buy now ", 150), 100},
		{"phrase in prose", strings.Repeat("The council met on Tuesday to discuss the budget for the coming year and more. cheap flights cheap flights cheap flights cheap flights. ", 12), 20},
	}
	for _, c := range cases {
		found := 0
		for _, sig := range Extract("", c.text) {
			m := share.FindStringSubmatch(sig.Message)
			if m == nil {
				continue
			}
			found++
			pct, _ := strconv.Atoi(m[2])
			if pct > 100 || pct < c.min {
				t.Errorf("%s: %s: %q, want a share from %d%% to 100%%", c.name, sig.Name, sig.Message, c.min)
			}
		}
		if found == 0 {
			t.Errorf("%s: no n-gram share signal fired", c.name)
		}
	}
}
