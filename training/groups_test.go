package training

import (
	"testing"

	"github.com/newsqual/newsqual/corpus"
)

func TestGeneratorFamily(t *testing.T) {
	for _, tt := range []struct{ name, family string }{
		{"gpt-3.5-turbo", "gpt-3.5"},
		{"gpt-3.5-turbo-0125", "gpt-3.5"},
		{"gpt-4", "gpt-4"},
		{"gpt-4-turbo-preview", "gpt-4"},
		{"gpt-4o", "gpt-4o"},
		{"meta-llama-llama-2-70b-chat-hf", "llama-2"},
		{"meta-llama/Llama-2-7b-chat-hf", "llama-2"},
		{"Llama-3-8B", "llama-3"},
		{"mistralai-mistral-7b-instruct-v0.2", "mistral"},
		{"Mistral-7B", "mistral"},
		{"mistralai-mixtral-8x7b-instruct-v0.1", "mixtral"},
		{"qwen-qwen1.5-72b-chat-8bit", "qwen1.5"},
		{"Qwen2-7B", "qwen2"},
		{"bigscience-bloomz-7b1", "bloomz"},
		{"alpaca-7b", "alpaca"},
		{"chavinlo-alpaca-13b", "alpaca"},
		{"claude-3-opus-20240229", "claude-3"},
		{"text-bison-002", "text-bison"},
		{"davinci", "davinci"},
		{"Deepseek-7b", "deepseek"},
		{"vicgalle-gpt2-open-instruct-v1", "gpt2-open"},
		{"7b", "7b"},
	} {
		if got := GeneratorFamily(tt.name); got != tt.family {
			t.Errorf("GeneratorFamily(%q) = %q, want %q", tt.name, got, tt.family)
		}
	}
}

func TestGroupByKey(t *testing.T) {
	outlet := corpus.Article{ID: "o1", Source: "outlets", Site: "example.com"}
	llm := corpus.Article{ID: "m1", Source: "bench", Group: "story-1", Generator: "gpt-4o"}
	human := corpus.Article{ID: "h1", Source: "bench", Group: "story-1", Generator: "human (original)"}
	bare := corpus.Article{ID: "b1"}
	for _, tt := range []struct {
		by   string
		a    corpus.Article
		spam bool
		want string
	}{
		{"site", outlet, false, "site:example.com"},
		{"site", llm, true, "source:bench"},
		{"site,group", llm, true, "group:story-1"},
		{"model", llm, true, "model:gpt-4o"},
		{"model", human, false, "source:bench"}, // a human article has no generator
		{"model,group", human, false, "group:story-1"},
		{"source", outlet, false, "source:outlets"},
		{"group", bare, false, "id:b1"},
		{"group,id", outlet, false, "id:o1"},
		{"site,id", outlet, false, "site:example.com"},
	} {
		g, err := ParseGroupBy(tt.by)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.Key(tt.a, tt.spam); got != tt.want {
			t.Errorf("%s: Key(%s) = %q, want %q", tt.by, tt.a.ID, got, tt.want)
		}
	}
}

func TestParseGroupByRejectsUnknownFields(t *testing.T) {
	for _, s := range []string{"", "sites", "site,author", " , "} {
		if _, err := ParseGroupBy(s); err == nil {
			t.Errorf("ParseGroupBy(%q) accepted", s)
		}
	}
	g, err := ParseGroupBy(" Site , group ")
	if err != nil || g.String() != "site,group" {
		t.Errorf("ParseGroupBy: %v, %v", g, err)
	}
}
