package features

import "testing"

// TestDocumentLanguage checks the three answers the scorer acts on: plain
// English by its function words, another language by the detector, and
// too few words for any verdict.
func TestDocumentLanguage(t *testing.T) {
	cases := []struct {
		name, text, code string
		english, sure    bool
	}{
		{"english", "The council said on Tuesday that the new bridge over the river would open in March, two years later than planned, because the steel for its deck had been delivered late.", "eng", true, true},
		{"french", "Le conseil municipal a annoncé mardi que le nouveau pont sur la rivière ouvrira en mars, deux ans plus tard que prévu, parce que l'acier de son tablier a été livré en retard.", "fra", false, true},
		{"russian", "Городской совет объявил во вторник, что новый мост через реку откроется в марте, на два года позже запланированного срока.", "rus", false, true},
		{"too short", "Bridge opens in March.", "und", true, false},
	}
	for _, c := range cases {
		code, english, sure := NewDocument("", c.text).Language()
		if code != c.code || english != c.english || sure != c.sure {
			t.Errorf("%s: Language() = %q, %v, %v; want %q, %v, %v", c.name, code, english, sure, c.code, c.english, c.sure)
		}
	}
	if got := LanguageName("fra"); got != "French" {
		t.Errorf(`LanguageName("fra") = %q, want "French"`, got)
	}
	if got := LanguageName("und"); got != "a language other than English" {
		t.Errorf(`LanguageName("und") = %q`, got)
	}
}
