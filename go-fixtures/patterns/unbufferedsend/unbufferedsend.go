// Package unbufferedsend is the lesson "a send nobody receives".
//
// The handler hands slow work to a goroutine and waits for the result only
// until its deadline. When it gives up, nobody will ever receive from the
// result channel again: on an unbuffered channel the worker's send then blocks
// forever, one goroutine per timed-out request, in state [chan send].
package unbufferedsend

import (
	"context"
	"net/http"
	"time"
)

// Timing of one request: the work always outlasts the handler's patience,
// so every request takes the timeout path.
const (
	WorkDuration = 10 * time.Millisecond
	Deadline     = 2 * time.Millisecond
)

// slowLookup stands for a backend call that takes longer than the caller waits.
func slowLookup() string {
	time.Sleep(WorkDuration)
	return "result"
}

// LeakyHandler: the result channel is unbuffered, so once the handler has
// returned the worker's send has no receiver and blocks forever.
func LeakyHandler(w http.ResponseWriter, r *http.Request) {
	result := make(chan string) // unbuffered: the send below needs a receiver
	go func() {
		result <- slowLookup() // LEAK: blocks forever after the handler gave up
	}()
	respond(w, r, result)
}

// FixedHandler: a buffer of one lets the worker's send complete whether or
// not anybody is still waiting; the value is then garbage collected.
func FixedHandler(w http.ResponseWriter, r *http.Request) {
	result := make(chan string, 1) // FIX: the send never waits
	go func() {
		result <- slowLookup()
	}()
	respond(w, r, result)
}

// FixedSelectHandler is the other fix: the worker watches the request's
// context and abandons the send when the handler has gone.
func FixedSelectHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), Deadline)
	defer cancel()
	result := make(chan string)
	go func() {
		v := slowLookup()
		select {
		case result <- v:
		case <-ctx.Done(): // FIX: give up the send together with the handler
		}
	}()
	select {
	case v := <-result:
		w.Write([]byte(v))
	case <-ctx.Done():
		http.Error(w, "upstream timeout", http.StatusGatewayTimeout)
	}
}

// respond waits for the result until Deadline, then gives up.
func respond(w http.ResponseWriter, r *http.Request, result <-chan string) {
	ctx, cancel := context.WithTimeout(r.Context(), Deadline)
	defer cancel()
	select {
	case v := <-result:
		w.Write([]byte(v))
	case <-ctx.Done():
		http.Error(w, "upstream timeout", http.StatusGatewayTimeout)
	}
}
