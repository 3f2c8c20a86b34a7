// Package tickerinloop is the lesson "a ticker loop whose exit case never
// comes".
//
// Each request paces its backend calls with a throttle of its own: a token
// bucket that a goroutine refills from a ticker,
//
//	for { select { case <-tick.C: add a token; case <-quit: return } }
//
// The loop has an exit case, but only Close reaches it, and the leaky
// handler never calls Close: one refill goroutine per request stays in
// [select] for good, waking once per RefillEvery to top up a bucket
// nobody draws from.
//
// Since Go 1.23 an unstopped Ticker that nothing references is garbage
// collected (before, and on Go 1.26 still with GODEBUG=asynctimerchan=1,
// it stayed in the runtime's timer heap for ever). That does not save this
// code: the loop references the ticker, and the loop's goroutine is never
// collected, so neither is anything it holds. TestUnstoppedTickers
// measures both on the Go it runs on.
package tickerinloop

import (
	"fmt"
	"net/http"
	"time"
)

// RefillEvery is how often a throttle gains a token. One wake-up a second
// per leaked loop keeps a few thousand of them cheap for the fixture.
const RefillEvery = time.Second

// Service answers /work with a few throttled backend calls.
type Service struct {
	RefillEvery time.Duration
	Calls       int // backend calls per request; the bucket starts with as many tokens
}

// throttle is a token bucket refilled by a goroutine of its own.
type throttle struct {
	tokens chan struct{}
	quit   chan struct{}
}

// newThrottle starts the refill loop with a full bucket of burst tokens.
func newThrottle(every time.Duration, burst int) *throttle {
	t := &throttle{tokens: make(chan struct{}, burst), quit: make(chan struct{})}
	for range burst {
		t.tokens <- struct{}{}
	}
	go t.refill(every)
	return t
}

func (t *throttle) refill(every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for { // LEAK (without Close): the loop and its ticker live as long as quit stays open
		select {
		case <-tick.C:
			select {
			case t.tokens <- struct{}{}:
			default: // the bucket is full
			}
		case <-t.quit: // the only exit: reached only through Close
			return
		}
	}
}

// wait takes a token, waiting for the refill if the bucket is empty.
func (t *throttle) wait() { <-t.tokens }

// Close ends the refill loop.
func (t *throttle) Close() { close(t.quit) }

// LeakyHandler makes a throttle per request and never closes it.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	th := newThrottle(s.RefillEvery, s.Calls) // LEAK: no Close: its refill loop never returns
	fmt.Fprintln(w, s.callBackend(th))
}

// FixedHandler closes the throttle when the request is done.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	th := newThrottle(s.RefillEvery, s.Calls)
	defer th.Close() // FIX: the loop's exit case, reached as the handler returns
	fmt.Fprintln(w, s.callBackend(th))
}

// callBackend makes the request's backend calls, one token each.
func (s *Service) callBackend(th *throttle) int {
	sum := 0
	for i := range s.Calls {
		th.wait()
		sum += i
	}
	return sum
}
