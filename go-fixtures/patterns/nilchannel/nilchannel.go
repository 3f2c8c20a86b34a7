// Package nilchannel is the lesson "a channel that was never made".
//
// A Collector counts one event per request, sent through a channel that a
// drain goroutine empties. The leaky Collector is a struct literal whose
// channel was never made: its zero value is nil, and a send on or a receive
// from a nil channel blocks forever. It does not panic (only close(nil)
// does), so nothing crashes: each request parks one reporter goroutine in
// [chan send (nil chan)], beside the drain goroutine that has been parked
// in [chan receive (nil chan)] since startup.
package nilchannel

import (
	"errors"
	"net/http"
	"sync/atomic"
)

// Collector counts the events that arrive on events.
type Collector struct {
	events   chan string
	received atomic.Int64
}

var errNotMade = errors.New("collector: events channel was never made")

// NewLeakyCollector builds the collector with a literal and forgets make.
func NewLeakyCollector() *Collector {
	c := &Collector{} // LEAK: events stays nil
	go c.drain()
	return c
}

// NewCollector makes the channel before anything can use it.
func NewCollector() *Collector {
	c := &Collector{events: make(chan string, 64)} // FIX: made up front
	go c.drain()
	return c
}

// drain counts events until Close; on a nil channel it never wakes.
func (c *Collector) drain() {
	for range c.events { // on nil: [chan receive (nil chan)] forever
		c.received.Add(1)
	}
}

// Close ends the drain goroutine; no Report may run after it.
func (c *Collector) Close() { close(c.events) }

// LeakyReport sends without looking: on a nil channel it blocks forever.
func (c *Collector) LeakyReport(event string) {
	c.events <- event // LEAK: [chan send (nil chan)], and no panic
}

// Report fails fast on a nil channel instead of waiting on it.
func (c *Collector) Report(event string) error {
	if c.events == nil {
		return errNotMade // FIX: a nil channel is a bug to report, not a place to wait
	}
	c.events <- event
	return nil
}

// LeakyHandler reports from a goroutine so that the request never looks
// stuck: the goroutine is what leaks.
func (c *Collector) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	go c.LeakyReport(r.URL.Path)
	w.Write([]byte("ok\n"))
}

// FixedHandler reports inline: on a made, drained channel the send is a
// short wait, and a nil channel now reaches the caller as an error.
func (c *Collector) FixedHandler(w http.ResponseWriter, r *http.Request) {
	if err := c.Report(r.URL.Path); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte("ok\n"))
}
