package workernoexit

import (
	"net/http"
	"runtime"
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
			before := runtime.NumGoroutine()
			leaktest.Serve(t, http.HandlerFunc(p.LeakyHandler), "/work", tt.give)
			got := leaktest.WaitFor(leaktest.AtLeast(before, tt.want), time.Second) - before
			if got < tt.want {
				t.Fatalf("leaked %d workers, want at least %d", got, tt.want)
			}
			// Leaked, yet alive: every worker keeps beating.
			beats := p.beats.Load()
			leaktest.WaitFor(func(int) bool { return p.beats.Load() >= beats+int64(tt.give) }, time.Second)
			if p.beats.Load() < beats+int64(tt.give) {
				t.Fatalf("beats grew from %d to %d, want every leaked worker to beat", beats, p.beats.Load())
			}
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
