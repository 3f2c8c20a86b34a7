package httpclientbody

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
	"leakrig/fixtures/internal/upstream"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	up := httptest.NewServer(upstream.Handler())
	defer up.Close()
	c := &Caller{URL: up.URL + "/", Client: NewClient(50 * time.Millisecond)}
	before := runtime.NumGoroutine()

	codes := leaktest.Serve(t, http.HandlerFunc(c.FixedHandler), "/work", 30)
	if codes[http.StatusOK] != 30 {
		t.Fatalf("status codes = %v, want 30 × 200", codes)
	}
	// One reused connection: two client goroutines and one server goroutine,
	// until the idle timeout closes it.
	if n := runtime.NumGoroutine() - before; n > 3 {
		t.Fatalf("%d goroutines after 30 sequential calls, want at most 3", n)
	}
	if n := leaktest.WaitFor(leaktest.AtMost(before), time.Second); n > before {
		t.Fatalf("%d goroutines after the idle timeout, want %d", n, before)
	}
}

func TestLeakyHandlerLeaksAConnectionPerRequest(t *testing.T) {
	up := httptest.NewServer(upstream.Handler())
	defer up.Close()
	tests := []struct {
		name string
		give int // requests
		want int // client goroutines left behind, at least: readLoop and writeLoop
	}{
		{name: "few", give: 5, want: 10},
		{name: "many", give: 20, want: 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Caller{URL: up.URL + "/"}
			before := runtime.NumGoroutine()
			leaktest.Serve(t, http.HandlerFunc(c.LeakyHandler), "/work", tt.give)
			got := leaktest.WaitFor(leaktest.AtLeast(before, tt.want), time.Second) - before
			if got < tt.want {
				t.Fatalf("leaked %d goroutines, want at least %d", got, tt.want)
			}
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
