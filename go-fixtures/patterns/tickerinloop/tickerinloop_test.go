package tickerinloop

import (
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

const refillLoop = "tickerinloop.(*throttle).refill"

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	s := &Service{RefillEvery: time.Millisecond, Calls: 3}
	leaktest.ExpectClean(t, http.HandlerFunc(s.FixedHandler), "/work", 50, http.StatusOK)
}

func TestLeakyHandlerLeaksOneRefillLoopPerRequest(t *testing.T) {
	s := &Service{RefillEvery: time.Millisecond, Calls: 3}
	leaktest.ExpectStuck(t, http.HandlerFunc(s.LeakyHandler), "/work", refillLoop, 50, 50)
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}

// TestUnstoppedTickers measures what Go 1.23 changed and what it did not,
// on the Go it runs on: how many of n unstopped tickers the GC reclaims,
// counted by runtime.AddCleanup, and the memory each one left behind.
//   - A dropped ticker (no Stop, nothing references it) is collected, unless
//     GODEBUG=asynctimerchan=1 brings back the timers of Go 1.22: then the
//     runtime's timer heap keeps it for ever. Go 1.27 removed that setting,
//     so there it is collected either way.
//   - A ticker a refill loop still selects on is never collected, nor is
//     the loop's goroutine: a throttle nobody closed. Closed, it is.
func TestUnstoppedTickers(t *testing.T) {
	tests := []struct {
		name    string
		godebug string
		give    func() *throttle // nil: a bare ticker, dropped
		want    func() bool      // whether all n are reclaimed; else none is
	}{
		{name: "dropped ticker", godebug: "asynctimerchan=0", want: always},
		{name: "dropped ticker/asynctimerchan=1", godebug: "asynctimerchan=1", want: notAsyncTimerChan},
		{name: "throttle never closed", give: leakyThrottle, want: never},
		{name: "throttle closed", give: closedThrottle, want: always},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.godebug != "" {
				t.Setenv("GODEBUG", tt.godebug) // package time reads it again on change
			}
			const n = 2000
			loops := leaktest.Running(refillLoop)
			loopsBefore, heapBefore, stacksBefore := loops(), leaktest.LiveHeap(), leaktest.StackBytes()
			var reclaimed atomic.Int64
			for range n {
				if tt.give == nil {
					tick := time.NewTicker(time.Hour) // never stopped, never read
					runtime.AddCleanup(tick, func(*atomic.Int64) { reclaimed.Add(1) }, &reclaimed)
				} else {
					runtime.AddCleanup(tt.give(), func(*atomic.Int64) { reclaimed.Add(1) }, &reclaimed)
				}
			}
			want := 0
			if tt.want() {
				want = n
			}
			got := leaktest.Await(func() int { runtime.GC(); return int(reclaimed.Load()) }, leaktest.AtLeast(0, want), 2*time.Second)
			heap := float64(leaktest.LiveHeap()-heapBefore) / n
			stacks := float64(leaktest.StackBytes()-stacksBefore) / n
			t.Logf("%s: %d of %d reclaimed; per item %.0f B live heap, %.0f B stack; %d refill loops left",
				runtime.Version(), got, n, heap, stacks, loops()-loopsBefore)
			if got != want {
				t.Fatalf("%d of %d reclaimed, want %d", got, n, want)
			}
		})
	}
}

func always() bool            { return true }
func never() bool             { return false }
func notAsyncTimerChan() bool { return !leaktest.AsyncTimerChanHonoured() }

func leakyThrottle() *throttle { return newThrottle(time.Hour, 1) }

func closedThrottle() *throttle {
	th := newThrottle(time.Hour, 1)
	th.Close()
	return th
}

// TestRuntimeLeakDetectorCannotSeeATickerLoop: the runtime's goroutineleak
// profile reports a goroutine whose every wait is on something no running
// goroutine can reach. A loop selecting on a ticker's channel never
// qualifies: while it waits, the runtime's timer heap holds the ticker and
// its channel. The same loop with a plain channel in place of the ticker is
// reported.
func TestRuntimeLeakDetectorCannotSeeATickerLoop(t *testing.T) {
	const n = 20
	for range n {
		newThrottle(time.Hour, 1) // never closed
		go quitOnly(make(chan struct{}), make(chan struct{}))
	}
	leaktest.Await(leaktest.Running("tickerinloop.quitOnly"), leaktest.AtLeast(0, n), time.Second)
	tickerLoops, ok := leaktest.RuntimeLeaked(refillLoop)
	if !ok {
		t.Skipf("%s has no goroutineleak profile (Go 1.26 has it with GOEXPERIMENT=goroutineleakprofile)", runtime.Version())
	}
	plainLoops, _ := leaktest.RuntimeLeaked("tickerinloop.quitOnly")
	t.Logf("%s: leaked per the runtime: %d ticker loops, %d plain loops of %d each", runtime.Version(), tickerLoops, plainLoops, n)
	if tickerLoops != 0 || plainLoops != n {
		t.Fatalf("runtime reports %d ticker loops and %d plain loops leaked, want 0 and %d", tickerLoops, plainLoops, n)
	}
}

// quitOnly is refill with a plain channel where the ticker was.
func quitOnly(tick, quit <-chan struct{}) {
	for {
		select {
		case <-tick:
		case <-quit:
			return
		}
	}
}
