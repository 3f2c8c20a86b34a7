package nilchannel

import (
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	c := NewCollector()
	codes := leaktest.Serve(t, http.HandlerFunc(c.FixedHandler), "/work", 50)
	c.Close()
	if codes[http.StatusOK] != 50 {
		t.Fatalf("status codes = %v, want 50 × 200", codes)
	}
}

func TestReportFailsFastOnNilChannel(t *testing.T) {
	c := &Collector{}
	if err := c.Report("x"); err != errNotMade {
		t.Fatalf("Report on a nil channel = %v, want %v", err, errNotMade)
	}
}

func TestLeakyHandlerLeaksOneGoroutinePerRequest(t *testing.T) {
	tests := []struct {
		name string
		give int // requests
		want int // goroutines left behind, at least
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 50, want: 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewLeakyCollector()
			leaktest.ExpectStuck(t, http.HandlerFunc(c.LeakyHandler), "/work", "nilchannel.(*Collector).LeakyReport", tt.give, tt.want)
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
