package unbufferedsend

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func serveRequests(t *testing.T, h http.HandlerFunc, n int) {
	t.Helper()
	for range n {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest(http.MethodGet, "/work", nil))
		if rec.Code != http.StatusGatewayTimeout {
			t.Fatalf("status = %d, want %d (the handler must give up)", rec.Code, http.StatusGatewayTimeout)
		}
	}
}

func TestFixedHandlersDoNotLeak(t *testing.T) {
	tests := []struct {
		name string
		give http.HandlerFunc
	}{
		{name: "buffered", give: FixedHandler},
		{name: "select", give: FixedSelectHandler},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t)
			serveRequests(t, tt.give, 20)
		})
	}
}

func TestLeakyHandlerLeaksOneGoroutinePerRequest(t *testing.T) {
	const requests = 20
	before := runtime.NumGoroutine()
	serveRequests(t, LeakyHandler, requests)
	time.Sleep(3 * WorkDuration) // every worker has finished its lookup by now

	leaked := runtime.NumGoroutine() - before
	if leaked < requests {
		t.Fatalf("leaked %d goroutines, want at least %d", leaked, requests)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
