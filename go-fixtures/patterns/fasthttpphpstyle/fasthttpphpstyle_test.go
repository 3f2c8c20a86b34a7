package fasthttpphpstyle

import (
	"net"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"
	"go.uber.org/goleak"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/internal/leaktest"
)

// serve calls h with n requests for /work, as fasthttp would, and returns
// the last body.
func serve(h fasthttp.RequestHandler, n int) string {
	var body string
	for range n {
		var req fasthttp.Request
		req.SetRequestURI("/work")
		var ctx fasthttp.RequestCtx
		ctx.Init(&req, nil, nil)
		h(&ctx)
		body = string(ctx.Response.Body())
	}
	return body
}

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := &Service{Work: time.Hour, Deadline: time.Millisecond}
	if got, want := serve(s.FixedHandler, 20), "audit cut at deadline\n"; got != want {
		t.Fatalf("body = %q, want %q", got, want)
	}
	if got := s.cut.Load(); got != 20 {
		t.Fatalf("%d jobs cut at the deadline, want 20", got)
	}
}

func TestLeakyHandlerLingersForTheWork(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent()) // lingering, not leaked: all gone in the end
	const requests = 50
	s := &Service{Work: 500 * time.Millisecond}
	jobs := leaktest.Started("fasthttpphpstyle.(*Service).LeakyHandler")
	serve(s.LeakyHandler, requests)

	if got := jobs(); got != requests {
		t.Fatalf("%d jobs right after the requests, want %d", got, requests)
	}
	if got := leaktest.Await(jobs, leaktest.AtMost(0), 2*time.Second); got != 0 {
		t.Fatalf("%d jobs after the work, want 0", got)
	}
	if got := s.finished.Load(); got != requests {
		t.Fatalf("%d jobs ran to the end, want %d: nothing should have stopped them", got, requests)
	}
}

// TestRequestCtxDoneOutlivesTheRequest checks the fact the leaky variant
// rests on, through a real fasthttp server: Done is still open once the
// response is out, and closes only at shutdown.
func TestRequestCtxDoneOutlivesTheRequest(t *testing.T) {
	dones := make(chan (<-chan struct{}), 1)
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) { dones <- ctx.Done() }}
	ln := fasthttputil.NewInmemoryListener()
	go srv.Serve(ln)
	client := &fasthttp.Client{Dial: func(string) (net.Conn, error) { return ln.Dial() }}
	if _, _, err := client.Get(nil, "http://fixture/work"); err != nil {
		t.Fatal(err)
	}
	done := <-dones
	select {
	case <-done:
		t.Fatal("RequestCtx.Done closed with the request")
	case <-time.After(20 * time.Millisecond):
	}
	client.CloseIdleConnections()
	if err := srv.Shutdown(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("RequestCtx.Done still open after Shutdown")
	}
}

func TestNewServerBoundsOnlyTheFixedVariant(t *testing.T) {
	tests := []struct {
		name string
		give fixture.Variant
		want int // Concurrency
	}{
		{name: "leaky", give: fixture.Leaky, want: 0},
		{name: "fixed", give: fixture.Fixed, want: Concurrency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewServer(tt.give, &Service{}).Concurrency; got != tt.want {
				t.Fatalf("Concurrency = %d, want %d", got, tt.want)
			}
		})
	}
}
