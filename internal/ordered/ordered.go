// Package ordered applies a function to a stream on several goroutines and
// delivers the results in input order, with bounded memory.
package ordered

import (
	"context"
	"runtime"
)

// Map reads values from in, applies fn to each on workers goroutines (one
// per CPU when workers <= 0), and sends the results to the returned channel
// in the order the values arrived. At most 4 × workers values are in flight,
// so a slow reader of the output slows the input instead of piling results
// up. The output closes once in is closed and drained, or soon after ctx is
// cancelled (results not yet sent are then dropped).
func Map[T, R any](ctx context.Context, in <-chan T, workers int, fn func(T) R) <-chan R {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		value T
		slot  chan R
	}
	jobs := make(chan job, workers)
	// Each value gets a one-slot channel for its result; the slots queue in
	// input order, and the queue's capacity bounds the work in flight.
	queue := make(chan chan R, 4*workers)
	out := make(chan R, workers)
	for range workers {
		go func() {
			for j := range jobs {
				j.slot <- fn(j.value)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(queue)
		for {
			var v T
			var ok bool
			select {
			case <-ctx.Done():
				return
			case v, ok = <-in:
				if !ok {
					return
				}
			}
			slot := make(chan R, 1)
			select {
			case <-ctx.Done():
				return
			case queue <- slot:
			}
			select {
			case <-ctx.Done():
				return
			case jobs <- job{v, slot}:
			}
		}
	}()
	go func() {
		defer close(out)
		for slot := range queue {
			var r R
			select {
			case <-ctx.Done():
				return
			case r = <-slot:
			}
			select {
			case <-ctx.Done():
				return
			case out <- r:
			}
		}
	}()
	return out
}
