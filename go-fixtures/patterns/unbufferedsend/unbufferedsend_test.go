package unbufferedsend

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

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
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			codes := leaktest.Serve(t, tt.give, "/work", 20)
			if codes[http.StatusGatewayTimeout] == 0 {
				t.Fatalf("no request timed out (%v): the test proves nothing", codes)
			}
		})
	}
}

func TestLeakyHandlerLeaksOneGoroutinePerTimedOutRequest(t *testing.T) {
	senders := leaktest.Running("unbufferedsend.LeakyHandler.func1")
	before := senders()
	// A request whose result beat the deadline (a busy machine can delay the
	// timer) leaks nothing; every one that timed out leaks its sender.
	codes := leaktest.Serve(t, http.HandlerFunc(LeakyHandler), "/work", 20)
	timedOut := codes[http.StatusGatewayTimeout]
	if timedOut < 10 {
		t.Fatalf("only %d of 20 requests timed out (%v)", timedOut, codes)
	}
	after := leaktest.Await(senders, leaktest.AtLeast(before, timedOut), time.Second)
	time.Sleep(2 * WorkDuration) // every lookup is done: what is left is stuck
	if stuck := senders() - before; stuck < timedOut {
		t.Fatalf("%d senders stuck after %d timed-out requests (last count %d)", stuck, timedOut, after)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
