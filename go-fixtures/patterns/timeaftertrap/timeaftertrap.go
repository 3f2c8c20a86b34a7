// Package timeaftertrap is the lesson "a goroutine whose only way out is a
// long timer", and the truth about time.After's memory.
//
// No goroutine hides inside time.After. The trap is a goroutine of ours
// that waits on one: each request starts a slow-request watchdog whose only
// way out is <-time.After(SlowAfter). The request is over in microseconds,
// but the watchdog lingers for the whole timeout, in [chan receive]: the
// count returns to normal only SlowAfter after the load stops, after
// peaking at the request rate times SlowAfter.
//
// The memory case needs no goroutine. A loop that selects on a ready
// channel and a fresh time.After leaves one pending timer per turn. Up to
// Go 1.22, and still with GODEBUG=asynctimerchan=1 (measured on Go 1.26),
// a pending timer stays in the runtime's timer heap, with its memory, until
// it fires: about 270 B per timer, for an hour here. Since Go 1.23 an
// unreferenced timer is garbage collected whether or not it has fired.
package timeaftertrap

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// Service answers /work with a little work, watched for slowness.
type Service struct {
	SlowAfter    time.Duration // when the watchdog calls a request slow
	Timers       int           // the memory case: selects per request
	TimerTimeout time.Duration // the memory case: each select's timeout
	slow         atomic.Int64  // requests still running at SlowAfter
}

// LeakyHandler starts a watchdog that can only leave through its timer.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	var finished atomic.Bool
	go s.leakyWatchdog(&finished)
	fmt.Fprintln(w, work())
	finished.Store(true)
}

func (s *Service) leakyWatchdog(finished *atomic.Bool) {
	<-time.After(s.SlowAfter) // LEAK: the only way out: lingers the whole timeout
	if !finished.Load() {
		s.slow.Add(1)
	}
}

// FixedHandler ends the watchdog when the request ends.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel() // FIX: the watchdog's way out, as the handler returns
	go s.watchdog(ctx)
	fmt.Fprintln(w, work())
}

func (s *Service) watchdog(ctx context.Context) {
	t := time.NewTimer(s.SlowAfter)
	defer t.Stop() // FIX: the timer goes when the watch does
	select {
	case <-t.C:
		s.slow.Add(1)
	case <-ctx.Done(): // FIX: the request has finished
	}
}

// LeakyTimersHandler leaves a pending time.After behind on every turn.
func (s *Service) LeakyTimersHandler(w http.ResponseWriter, r *http.Request) {
	ready := make(chan int, 1)
	sum := 0
	for i := range s.Timers {
		ready <- i
		select {
		case v := <-ready:
			sum += v
		case <-time.After(s.TimerTimeout): // LEAK (asynctimerchan=1): held until it fires
		}
	}
	fmt.Fprintln(w, sum)
}

// FixedTimersHandler reuses one timer and stops it on the way out.
func (s *Service) FixedTimersHandler(w http.ResponseWriter, r *http.Request) {
	ready := make(chan int, 1)
	t := time.NewTimer(s.TimerTimeout)
	defer t.Stop() // FIX: out of the timer heap now, not in an hour
	sum := 0
	for i := range s.Timers {
		ready <- i
		t.Reset(s.TimerTimeout)
		select {
		case v := <-ready:
			sum += v
		case <-t.C:
		}
	}
	fmt.Fprintln(w, sum)
}

// work is the request itself: quick.
func work() string { return "done" }
