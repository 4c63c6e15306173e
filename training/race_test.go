//go:build race

package training

// raceEnabled is true when the tests run under the race detector, which
// slows training several times over.
const raceEnabled = true
