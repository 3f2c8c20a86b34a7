package rangeunclosed

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ix := &Index{}
	leaktest.Serve(t, http.HandlerFunc(ix.FixedHandler), "/work?q=a+b+c", 50)
	words := func() int { return int(ix.words.Load()) } // the consumers count on after the response
	if got := leaktest.Await(words, leaktest.AtLeast(0, 150), time.Second); got != 150 {
		t.Fatalf("indexed %d words, want 150", got)
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
			ix := &Index{}
			leaktest.ExpectStuck(t, http.HandlerFunc(ix.LeakyHandler), "/work", "rangeunclosed.(*Index).consume", tt.give, tt.want)
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
