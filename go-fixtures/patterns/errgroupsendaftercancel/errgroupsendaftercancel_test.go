package errgroupsendaftercancel

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	tests := []struct {
		name    string
		failing int
		want    int // status
	}{
		{name: "a shard fails", failing: 0, want: http.StatusBadGateway},
		{name: "no shard fails", failing: -1, want: http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Service{Shards: Shards, Failing: tt.failing, Work: Work}
			leaktest.ExpectClean(t, http.HandlerFunc(s.FixedHandler), "/work", 20, tt.want)
		})
	}
}

func TestLeakyHandlerLeaksTheWorkersStillSending(t *testing.T) {
	const requests = 20
	s := &Service{Shards: Shards, Failing: 0, Work: Work}
	senders := leaktest.Running("errgroupsendaftercancel.(*Service).leakyWorker")
	before := senders()
	codes := leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", requests)
	if codes[http.StatusBadGateway] != requests {
		t.Fatalf("status codes = %v, want %d × 502", codes, requests)
	}
	// Every healthy shard's answer comes after the failure has cancelled the
	// group, so each request leaves Shards-1 senders behind; a shard that a
	// busy machine ran late can still hand its answer over first.
	want := requests * (Shards - 1)
	leaktest.Await(senders, leaktest.AtLeast(before, want), time.Second)
	time.Sleep(2 * Work) // every shard is done: what is left is stuck
	if stuck := senders() - before; stuck < requests {
		t.Fatalf("%d senders stuck after %d requests, want about %d", stuck, requests, want)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
