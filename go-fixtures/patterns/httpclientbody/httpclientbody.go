// Package httpclientbody is the lesson "a response body nobody closes".
//
// Each request to the fixture calls an upstream service. The leaky caller
// builds a new Transport for every call and looks only at the status code.
// A body that is neither read to the end nor closed pins its connection:
// the Transport never gets it back, so the connection's two goroutines,
// net/http.(*persistConn).readLoop and writeLoop, wait in [select] for a
// Close that never comes. Two goroutines and a socket per request, for as
// long as the process lives; no idle timeout applies to a connection that
// is still in use.
package httpclientbody

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// maxDrain bounds how much of an unwanted body is read to save the
// connection; past it, closing the connection is cheaper.
const maxDrain = 64 << 10

// Caller calls the upstream at URL.
type Caller struct {
	URL    string       // "http://127.0.0.1:PORT/"
	Client *http.Client // the fixed variant's one shared client
}

// LeakyHandler: a new Transport per call, and the body is dropped.
func (c *Caller) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{}} // LEAK: a new connection pool per call
	resp, err := client.Get(c.URL)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	// LEAK: resp.Body is neither read nor closed: its connection is never released
	fmt.Fprintf(w, "upstream: %s\n", resp.Status)
}

// FixedHandler: one shared client, and the body is drained and closed.
func (c *Caller) FixedHandler(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, c.URL, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := c.Client.Do(req) // FIX: shared client, pooled connections, timeouts
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()                                  // FIX: always closed
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain)) // FIX: drained, so the connection is reused
	fmt.Fprintf(w, "upstream: %s\n", resp.Status)
}

// NewClient is the fixed variant's client: bounded in time at every step.
// Idle connections are closed after idle: in production 90 s is usual; the
// fixture uses far less so that its pool is empty again within the
// harness's drain, and a bounded pool is not mistaken for a leak.
func NewClient(idle time.Duration) *http.Client {
	return &http.Client{
		Timeout: 2 * time.Second,
		Transport: &http.Transport{
			DialContext:           (&net.Dialer{Timeout: time.Second}).DialContext,
			ResponseHeaderTimeout: time.Second,
			MaxIdleConnsPerHost:   16,
			IdleConnTimeout:       idle,
		},
	}
}
