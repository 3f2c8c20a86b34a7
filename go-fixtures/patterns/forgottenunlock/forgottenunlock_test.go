package forgottenunlock

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := NewStore()
	records := leaktest.Started("forgottenunlock.(*Store).FixedHandler")
	h := http.HandlerFunc(s.FixedHandler)
	leaktest.Serve(t, h, "/work", 20)
	leaktest.Serve(t, h, "/work?key=a", 20)
	leaktest.Await(records, leaktest.AtMost(0), time.Second)

	if err := s.Record("a"); err != nil { // would wait forever on a kept lock
		t.Fatal(err)
	}
	if got, want := s.hits["a"], 21; got != want {
		t.Fatalf("hits[a] = %d, want %d", got, want)
	}
	if got, want := s.rejected.Load(), int64(20); got != want {
		t.Fatalf("rejected = %d, want %d", got, want)
	}
}

func TestLeakyHandlerPilesUpOnTheMutex(t *testing.T) {
	tests := []struct {
		name string
		give int // requests without a key
		want int // goroutines stuck in Lock, at least: all but the first
	}{
		{name: "few", give: 5, want: 4},
		{name: "many", give: 50, want: 49},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore()
			stuck := leaktest.Running("forgottenunlock.(*Store).LeakyRecord")
			before := stuck()
			codes := leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", tt.give)
			if codes[http.StatusAccepted] != tt.give {
				t.Fatalf("status codes = %v, want every request answered with 202", codes)
			}
			rejected := func() int { return int(s.rejected.Load()) }
			leaktest.Await(rejected, leaktest.AtLeast(0, 1), time.Second) // the first record has kept the lock
			if s.mu.TryLock() {
				t.Fatal("the mutex is free; want it kept by the early return")
			}
			got := leaktest.Await(stuck, leaktest.AtLeast(before, tt.want), time.Second) - before
			if got < tt.want {
				t.Fatalf("%d goroutines stuck, want at least %d", got, tt.want)
			}
			if n := s.rejected.Load(); n != 1 {
				t.Fatalf("%d records got the lock, want only the first", n)
			}
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
