// Package leaktest holds what the scenario tests share: driving a handler
// with a bounded number of requests, and reading the goroutine count once it
// has settled.
package leaktest

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
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
	return Await(runtime.NumGoroutine, ok, timeout)
}

// Await polls count until ok accepts its value or timeout has passed, and
// returns the last value.
func Await(count func() int, ok func(int) bool, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		n := count()
		if ok(n) || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Running returns a count of the goroutines that have fn, a function name
// as tracebacks print it ("pkg.(*T).Method"), anywhere in their stack.
// Unlike runtime.NumGoroutine it ignores whatever else the test process
// starts or ends meanwhile. A goroutine that has not run yet shows only its
// go statement's wrapper, so it is not counted: see Started.
func Running(fn string) func() int {
	return func() int { return countStacks(allStacks(), fn+"(") }
}

// Waiting returns a count of the goroutines that have fn in their stack
// and wait for reason, as tracebacks print it ("sync.Cond.Wait").
func Waiting(fn, reason string) func() int {
	return func() int { return countRecords(allStacks(), headerAndStack(" ["+reason, fn)) }
}

// Started returns a count of the goroutines created by fn that are still
// alive, whether or not they have run yet.
func Started(fn string) func() int {
	return func() int { return countStacks(allStacks(), fn+" in goroutine ") }
}

// allStacks is the traceback of every goroutine. It stops the world while
// it formats them: keep the goroutine counts of tests small.
func allStacks() string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return string(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// countStacks counts the goroutine records in a traceback that contain
// text. Records are separated by blank lines:
//
//	goroutine 7 [chan receive]:
//	main.consume(...)
//		/src/main.go:12 +0x25
//	created by main.main in goroutine 1
func countStacks(traceback, text string) int {
	return countRecords(traceback, func(g string) bool { return strings.Contains(g, text) })
}

// countRecords counts the goroutine records in a traceback that keep says to.
func countRecords(traceback string, keep func(record string) bool) int {
	n := 0
	for _, g := range strings.Split(traceback, "\n\n") {
		if keep(g) {
			n++
		}
	}
	return n
}

// headerAndStack keeps the goroutine records whose header line ("goroutine
// 7 [chan receive]:") contains text and whose stack has fn.
func headerAndStack(text, fn string) func(record string) bool {
	return func(g string) bool {
		header, _, _ := strings.Cut(g, "\n")
		return strings.Contains(header, text) && strings.Contains(g, fn+"(")
	}
}

// AtLeast returns a condition: the count has grown by want over before.
func AtLeast(before, want int) func(int) bool {
	return func(n int) bool { return n-before >= want }
}

// AtMost returns a condition: the count is back to limit or below.
func AtMost(limit int) func(int) bool {
	return func(n int) bool { return n <= limit }
}

// ExpectStuck serves n requests for path to h and fails t unless, within a
// second, at least want more goroutines than before have fn in their stack
// (counted as Running counts them): the leak each leaky variant teaches.
func ExpectStuck(t testing.TB, h http.Handler, path, fn string, n, want int) {
	t.Helper()
	stuck := Running(fn)
	before := stuck()
	Serve(t, h, path, n)
	if got := Await(stuck, AtLeast(before, want), time.Second) - before; got < want {
		t.Fatalf("%d goroutines stuck in %s after %d requests, want at least %d", got, fn, n, want)
	}
}

// ExpectClean serves n requests for path to h and fails t unless every one
// was answered with status and, as goleak checks, no goroutine that was not
// there before outlives them: the promise of each fixed variant.
func ExpectClean(t *testing.T, h http.Handler, path string, n, status int) {
	t.Helper()
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	if codes := Serve(t, h, path, n); codes[status] != n {
		t.Fatalf("status codes = %v, want %d × %d", codes, n, status)
	}
}
