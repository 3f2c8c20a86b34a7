package contextnotpropagated

import (
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := &Service{Timeout: Timeout}
	codes := leaktest.Serve(t, http.HandlerFunc(s.FixedHandler), "/work", 20)
	if codes[http.StatusGatewayTimeout] != 20 {
		t.Fatalf("status codes = %v, want 20 × 504", codes)
	}
}

func TestLeakyHandlerLeaksOneGoroutinePerRequest(t *testing.T) {
	tests := []struct {
		name string
		give int // requests
		want int // goroutines left behind, at least
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 20, want: 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Service{Timeout: Timeout}
			leaktest.ExpectStuck(t, http.HandlerFunc(s.LeakyHandler), "/work", "contextnotpropagated.(*Service).leakyFetch", tt.give, tt.want)
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
