//go:build !race

package features

// raceEnabled is true when the tests run under the race detector, which
// slows extraction several times over.
const raceEnabled = false
