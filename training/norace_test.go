//go:build !race

package training

// raceEnabled is true when the tests run under the race detector.
const raceEnabled = false
