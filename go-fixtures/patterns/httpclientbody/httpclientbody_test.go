package httpclientbody

import (
	"net/http"
	"net/http/httptest"
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
	c := &Caller{URL: up.URL + "/", Client: NewClient(200 * time.Millisecond)}
	conns := leaktest.Running("net/http.(*persistConn).readLoop") // one per open connection
	before := conns()                                             // a leaky test may have run before

	codes := leaktest.Serve(t, http.HandlerFunc(c.FixedHandler), "/work", 30)
	if codes[http.StatusOK] != 30 {
		t.Fatalf("status codes = %v, want 30 × 200", codes)
	}
	if got := conns() - before; got > 1 {
		t.Fatalf("%d connections open after 30 sequential calls, want 1, reused", got)
	}
	if got := leaktest.Await(conns, leaktest.AtMost(before), 2*time.Second) - before; got != 0 {
		t.Fatalf("%d connections open after the idle timeout, want 0", got)
	}
}

func TestLeakyHandlerLeaksAConnectionPerRequest(t *testing.T) {
	up := httptest.NewServer(upstream.Handler())
	defer up.Close()
	readLoops := leaktest.Running("net/http.(*persistConn).readLoop")
	writeLoops := leaktest.Running("net/http.(*persistConn).writeLoop")
	tests := []struct {
		name string
		give int // requests
		want int // connections left checked out, each with a readLoop and a writeLoop
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 20, want: 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Caller{URL: up.URL + "/"}
			reads, writes := readLoops(), writeLoops()
			leaktest.Serve(t, http.HandlerFunc(c.LeakyHandler), "/work", tt.give)
			if got := leaktest.Await(readLoops, leaktest.AtLeast(reads, tt.want), time.Second) - reads; got < tt.want {
				t.Fatalf("%d more readLoops, want at least %d", got, tt.want)
			}
			if got := leaktest.Await(writeLoops, leaktest.AtLeast(writes, tt.want), time.Second) - writes; got < tt.want {
				t.Fatalf("%d more writeLoops, want at least %d", got, tt.want)
			}
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
