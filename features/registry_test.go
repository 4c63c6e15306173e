package features

import (
	"strings"
	"testing"
)

// checkNames lists the names of the signals c declares, in their order.
func checkNames(c Check) []string {
	var names []string
	for _, sp := range c.Signals() {
		names = append(names, sp.Name)
	}
	return names
}

// TestChecksReturnWhatTheyDeclare runs every check on texts that make it
// find something and on texts that make it find nothing, and asks for each
// declared signal exactly once, under its name, in the declared order.
func TestChecksReturnWhatTheyDeclare(t *testing.T) {
	texts := map[string]string{
		"empty":    "",
		"one word": "Hello",
		"stuffed":  strings.Repeat("Best cheap hotel deals in town are here. ", 30),
		"shop":     "Buy Now\nProduct 1 Title\n$19.99\n$24.99\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\nAdd to cart",
		"news": `The council approved the budget on Tuesday, its leader said.

"We had no choice," said Jane Smith, the finance chair, in a statement.

Leave a Reply
Your email address will not be published.`,
	}
	for _, c := range checks {
		want := checkNames(c)
		for name, text := range texts {
			got := c.Run(NewPage("A title", text, "hidden "+text))
			if len(got) != len(want) {
				t.Fatalf("%T on %s: %d signals, declares %d", c, name, len(got), len(want))
			}
			for i, s := range got {
				if s.Name != want[i] {
					t.Errorf("%T on %s: signal %d is %q, declared %q", c, name, i, s.Name, want[i])
				}
			}
		}
	}
}

// TestEverySignalIsDescribed holds each declared signal to a description of
// its own, which a reason shows when the signal has no message.
func TestEverySignalIsDescribed(t *testing.T) {
	seen := map[string]string{}
	for _, n := range Names() {
		d := Description(n)
		if d == "" || d == n {
			t.Errorf("signal %s has no description", n)
		}
		if other, dup := seen[d]; dup {
			t.Errorf("signals %s and %s share the description %q", n, other, d)
		}
		seen[d] = n
	}
	if got := Description("no_such_signal"); got != "no_such_signal" {
		t.Errorf("Description of an unknown name = %q, want the name", got)
	}
}
