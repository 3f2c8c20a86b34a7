// Package forgottenunlock is the lesson "an early return that keeps a lock".
//
// A Store counts hits per key under one mutex. The leaky Record returns
// early on a request without a key and leaves the mutex locked; from then
// on every Lock waits forever, and the goroutines pile up in
// [sync.Mutex.Lock], one more per request.
//
// Records are written behind the request, in a goroutine of their own, and
// that is what keeps the fixture answering. Had the handler locked inline,
// the first bad request would hang every later one, and the load driver
// would see timeouts instead of a profile that grows with the requests.
package forgottenunlock

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
)

var errNoKey = errors.New("no key")

// Store counts hits per key.
type Store struct {
	mu       sync.Mutex
	hits     map[string]int
	rejected atomic.Int64 // records without a key
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{hits: make(map[string]int)} }

// LeakyRecord unlocks by hand, and one path forgets to.
func (s *Store) LeakyRecord(key string) error {
	s.mu.Lock() // LEAK: once a record has kept the lock, every later one waits here
	if key == "" {
		s.rejected.Add(1)
		return errNoKey // LEAK: returns with mu still locked
	}
	s.hits[key]++
	s.mu.Unlock()
	return nil
}

// Record unlocks with defer, so every return path releases the lock.
func (s *Store) Record(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock() // FIX: released however Record returns
	if key == "" {
		s.rejected.Add(1)
		return errNoKey
	}
	s.hits[key]++
	return nil
}

// LeakyHandler records behind the request with LeakyRecord.
func (s *Store) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	go s.LeakyRecord(r.URL.Query().Get("key"))
	w.WriteHeader(http.StatusAccepted)
}

// FixedHandler records behind the request with Record.
func (s *Store) FixedHandler(w http.ResponseWriter, r *http.Request) {
	go s.Record(r.URL.Query().Get("key"))
	w.WriteHeader(http.StatusAccepted)
}
