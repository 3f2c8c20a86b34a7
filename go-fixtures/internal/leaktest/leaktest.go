// Package leaktest holds what the scenario tests share: driving a handler
// with a bounded number of requests, and reading the goroutine count once it
// has settled.
package leaktest

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"
)

// Serve sends n GET requests for path straight to h and counts the status
// codes it answered with. No server is involved: r.Context() is never
// cancelled, so a fix must not rely on the server cancelling it.
func Serve(t testing.TB, h http.Handler, path string, n int) map[int]int {
	t.Helper()
	codes := make(map[int]int)
	for range n {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		codes[rec.Code]++
	}
	return codes
}

// WaitFor polls runtime.NumGoroutine until ok accepts the count or timeout
// has passed, and returns the last count. Goroutines start and finish
// asynchronously, so one reading right after the requests proves nothing.
func WaitFor(ok func(goroutines int) bool, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		n := runtime.NumGoroutine()
		if ok(n) || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// AtLeast returns a WaitFor condition: the count has grown by want over before.
func AtLeast(before, want int) func(int) bool {
	return func(n int) bool { return n-before >= want }
}

// AtMost returns a WaitFor condition: the count is back to limit or below.
func AtMost(limit int) func(int) bool {
	return func(n int) bool { return n <= limit }
}
