//go:build !race

package newsqual

// raceEnabled is true when the tests run under the race detector, which
// makes sync.Pool drop buffers at random.
const raceEnabled = false
