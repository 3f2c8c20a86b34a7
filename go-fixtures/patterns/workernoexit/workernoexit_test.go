package workernoexit

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	p := NewPool(time.Millisecond, 2)
	codes := leaktest.Serve(t, http.HandlerFunc(p.FixedHandler), "/work", 50)
	if codes[http.StatusOK] != 50 {
		t.Fatalf("status codes = %v, want 50 × 200", codes)
	}
}

func TestLeakyHandlerLeaksOneWorkerPerRequest(t *testing.T) {
	tests := []struct {
		name string
		give int // requests
		want int // workers left behind, at least
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 50, want: 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPool(10*time.Millisecond, 1) // the leaky handler ignores the bound
			leaktest.ExpectStuck(t, http.HandlerFunc(p.LeakyHandler), "/work", "workernoexit.(*Pool).leakyWorker", tt.give, tt.want)
			// Leaked, yet alive: every worker keeps beating.
			beats := func() int { return int(p.beats.Load()) }
			beatsBefore := beats()
			if got := leaktest.Await(beats, leaktest.AtLeast(beatsBefore, tt.give), time.Second) - beatsBefore; got < tt.give {
				t.Fatalf("%d heartbeats, want one at least from each of the %d leaked workers", got, tt.give)
			}
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
