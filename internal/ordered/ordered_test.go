package ordered

import (
	"context"
	"testing"
	"time"
)

func TestMapKeepsInputOrder(t *testing.T) {
	in := make(chan int)
	go func() {
		for i := range 1000 {
			in <- i
		}
		close(in)
	}()
	// Later values finish first, so order must come from the queue.
	out := Map(context.Background(), in, 8, func(v int) int {
		if v%7 == 0 {
			time.Sleep(time.Millisecond)
		}
		return v * 2
	})
	want := 0
	for got := range out {
		if got != want*2 {
			t.Fatalf("result %d = %d, want %d", want, got, want*2)
		}
		want++
	}
	if want != 1000 {
		t.Fatalf("got %d results, want 1000", want)
	}
}

func TestMapStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan int) // never closed
	out := Map(ctx, in, 2, func(v int) int { return v })
	in <- 1
	if got := <-out; got != 1 {
		t.Fatalf("got %d", got)
	}
	cancel()
	for range out {
	}
}
