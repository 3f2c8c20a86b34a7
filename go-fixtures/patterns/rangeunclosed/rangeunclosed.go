// Package rangeunclosed is the lesson "a range over a channel nobody closes".
//
// Each request streams the words of its query to an indexer goroutine that
// ranges over a channel. A range loop ends only when the channel is closed
// and drained. The leaky producer sends its words and returns without
// closing, so the indexer waits for the next word forever, one goroutine per
// request in [chan receive].
package rangeunclosed

import (
	"net/http"
	"strings"
	"sync/atomic"
)

// Index counts the words it has been streamed.
type Index struct {
	words atomic.Int64
}

// consume is the consumer: it returns only once words is closed.
func (ix *Index) consume(words <-chan string) {
	for range words { // LEAK (leaky producer): no close, so no end of range
		ix.words.Add(1)
	}
}

// LeakyHandler is the producer that never closes its channel.
func (ix *Index) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	words := make(chan string)
	go ix.consume(words)
	for _, word := range queryWords(r) {
		words <- word
	}
	// LEAK: returning without close(words) strands the consumer
	w.Write([]byte("indexed\n"))
}

// FixedHandler is the producer that closes what it owns when it is done.
func (ix *Index) FixedHandler(w http.ResponseWriter, r *http.Request) {
	words := make(chan string)
	defer close(words) // FIX: the sender closes, on every return path
	go ix.consume(words)
	for _, word := range queryWords(r) {
		words <- word
	}
	w.Write([]byte("indexed\n"))
}

// queryWords is the request's work: its query, or a stock phrase.
func queryWords(r *http.Request) []string {
	if q := r.URL.Query().Get("q"); q != "" {
		return strings.Fields(q)
	}
	return []string{"goroutines", "wait", "for", "close"}
}
