//go:build race

// Package race tells tests whether they run under the race detector, which
// slows the code several times over and makes sync.Pool drop what it holds
// at random, so that a test can take a smaller sample or skip a check of
// allocations.
package race

// Enabled is true when the program is built with -race.
const Enabled = true
