package training

import (
	"math/rand/v2"
	"sort"
)

// Folds assigns each example to one of k folds so that examples sharing a
// group always share a fold (an LLM rewrite never lands in another fold than
// its original, a held-out site is held out whole). Groups are shuffled
// with the seed, then placed largest first, each in the fold holding the
// fewest examples so far, so that folds stay near one size even when a few
// groups are large. The same groups and seed give the same folds.
func Folds(groups []string, k int, seed int64) []int {
	size := make(map[string]int)
	for _, g := range groups {
		size[g]++
	}
	names := make([]string, 0, len(size))
	for g := range size {
		names = append(names, g)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6e657773))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	sort.SliceStable(names, func(i, j int) bool { return size[names[i]] > size[names[j]] })
	load := make([]int, k)
	fold := make(map[string]int, len(names))
	for _, g := range names {
		lightest := 0
		for f := 1; f < k; f++ {
			if load[f] < load[lightest] {
				lightest = f
			}
		}
		fold[g] = lightest
		load[lightest] += size[g]
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = fold[g]
	}
	return out
}
