package training

import (
	"math/rand/v2"
	"sort"
)

// Folds assigns each example to one of k folds so that examples sharing a
// group always share a fold (an LLM rewrite never lands in another fold than
// its original). Groups are shuffled with the seed and dealt out in turn, so
// the same groups and seed give the same folds.
func Folds(groups []string, k int, seed int64) []int {
	unique := make(map[string]bool)
	for _, g := range groups {
		unique[g] = true
	}
	names := make([]string, 0, len(unique))
	for g := range unique {
		names = append(names, g)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6e657773))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	fold := make(map[string]int, len(names))
	for i, g := range names {
		fold[g] = i % k
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = fold[g]
	}
	return out
}
