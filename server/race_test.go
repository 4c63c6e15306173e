//go:build race

package server_test

// raceEnabled is true when the tests run under the race detector, which
// slows scoring several times over; the load test then sends fewer
// requests.
const raceEnabled = true
