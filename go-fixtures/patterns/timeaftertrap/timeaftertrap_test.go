package timeaftertrap

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := &Service{SlowAfter: time.Hour} // only the context can end the watchdogs
	leaktest.Serve(t, http.HandlerFunc(s.FixedHandler), "/work", 50)
}

func TestLeakyHandlerLingersForTheTimeout(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent()) // lingering, not leaked: all gone in the end
	const requests = 50
	s := &Service{SlowAfter: 500 * time.Millisecond}
	watchdogs := leaktest.Started("timeaftertrap.(*Service).LeakyHandler")
	leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", requests)

	if got := watchdogs(); got != requests {
		t.Fatalf("%d watchdogs right after the requests, want %d", got, requests)
	}
	if got := leaktest.Await(watchdogs, leaktest.AtMost(0), 2*time.Second); got != 0 {
		t.Fatalf("%d watchdogs after the timeout, want 0", got)
	}
	if got := s.slow.Load(); got != 0 {
		t.Fatalf("%d requests called slow, want 0", got)
	}
}

// TestPendingTimersMemory measures what the article gets wrong: on this Go,
// are pending, unreferenced time.After timers collected? Only with
// GODEBUG=asynctimerchan=1 are they not (measured on Go 1.26: ~265 B each),
// and only on a Go that still has that setting: Go 1.27 removed it (set at
// run time it is ignored; set at start-up the runtime refuses to start), so
// there every timer is collected.
func TestPendingTimersMemory(t *testing.T) {
	tests := []struct {
		name     string
		godebug  string
		give     func(*Service) http.HandlerFunc
		wantHeld bool
	}{
		{name: "leaky/asynctimerchan=1", godebug: "asynctimerchan=1", give: leakyTimers, wantHeld: true},
		{name: "leaky/asynctimerchan=0", godebug: "asynctimerchan=0", give: leakyTimers, wantHeld: false},
		{name: "fixed/asynctimerchan=1", godebug: "asynctimerchan=1", give: fixedTimers, wantHeld: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GODEBUG", tt.godebug) // package time reads it again on change
			const requests, timers = 200, 100
			s := &Service{Timers: timers, TimerTimeout: time.Hour}
			before := leaktest.LiveHeap()
			leaktest.Serve(t, tt.give(s), "/work", requests)
			perTimer := float64(leaktest.LiveHeap()-before) / (requests * timers)
			t.Logf("%.1f bytes held per pending timer", perTimer)
			want := tt.wantHeld && leaktest.AsyncTimerChanHonoured()
			if held := perTimer > 100; held != want {
				t.Fatalf("held = %v (%.1f B per timer), want %v on %s", held, perTimer, want, runtime.Version())
			}
		})
	}
}

func leakyTimers(s *Service) http.HandlerFunc { return s.LeakyTimersHandler }
func fixedTimers(s *Service) http.HandlerFunc { return s.FixedTimersHandler }
