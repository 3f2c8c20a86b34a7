// Package contextnotpropagated is the lesson "a context nobody listens to".
//
// The handler asks a backend for a value from a goroutine and waits for it
// until its timeout. The backend is down and never answers. A context only
// helps the goroutines that select on its Done channel: the leaky fetch is
// not given the context at all (it was cut from context.Background, and its
// cancel was left to the goroutine), so when the handler gives up the fetch
// keeps waiting for the backend forever, one goroutine per request in
// [chan receive].
package contextnotpropagated

import (
	"context"
	"net/http"
	"time"
)

// Backend is a dependency that is down: every call is accepted and never
// answered, like a network call without a deadline.
type Backend struct{}

// Call returns the channel the answer would arrive on.
func (Backend) Call(key string) <-chan string { return make(chan string) }

// Service answers /work from the backend, or with 504 after Timeout.
type Service struct {
	Backend Backend
	Timeout time.Duration
}

// LeakyHandler starts the fetch with no way to stop it.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	// LEAK: not derived from r.Context(), and cancel is handed to a goroutine
	// that will never get to call it (go vet's lostcancel catches the plain
	// `ctx, _ :=` form, not this one).
	ctx, cancel := context.WithTimeout(context.Background(), s.Timeout)
	result := make(chan string, 1)
	go s.leakyFetch(cancel, result)
	reply(ctx, w, result)
}

// leakyFetch waits on the backend without watching any context.
func (s *Service) leakyFetch(cancel context.CancelFunc, result chan<- string) {
	defer cancel()
	result <- <-s.Backend.Call("key") // LEAK: no ctx.Done() case: waits forever
}

// FixedHandler derives the deadline from the request and owns its cancel.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.Timeout) // FIX: propagated
	defer cancel()                                             // FIX: released on every return
	result := make(chan string)
	go s.fixedFetch(ctx, result)
	reply(ctx, w, result)
}

// fixedFetch selects on ctx.Done() at every step that can block.
func (s *Service) fixedFetch(ctx context.Context, result chan<- string) {
	var v string
	select {
	case v = <-s.Backend.Call("key"):
	case <-ctx.Done(): // FIX: the handler gave up, so do we
		return
	}
	select {
	case result <- v:
	case <-ctx.Done(): // FIX: nobody may be left to receive
	}
}

// reply writes the result, or 504 once ctx is done.
func reply(ctx context.Context, w http.ResponseWriter, result <-chan string) {
	select {
	case v := <-result:
		w.Write([]byte(v))
	case <-ctx.Done():
		http.Error(w, "backend timeout", http.StatusGatewayTimeout)
	}
}
