package grpcstream

import (
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"google.golang.org/grpc"

	"leakrig/fixtures/internal/feed"
	"leakrig/fixtures/internal/leaktest"
)

// The stream's goroutine on each side, as tracebacks name them.
const (
	clientWatcher = "google.golang.org/grpc.newClientStreamWithParams" // its creator: the goroutine is a func literal
	serverHandler = "leakrig/fixtures/internal/feed.(*Server).Subscribe"
)

// startFeed serves a Feed on a loopback port and returns it with a client
// connection to it, and a stop that closes both (at the end of t at the latest).
func startFeed(t *testing.T) (*feed.Server, *grpc.ClientConn, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &feed.Server{}
	srv := grpc.NewServer()
	feed.Register(srv, s)
	served := make(chan struct{})
	go func() {
		srv.Serve(ln)
		close(served)
	}()
	conn, err := Dial(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	stop := sync.OnceFunc(func() {
		conn.Close()
		srv.Stop()
		<-served
	})
	t.Cleanup(stop)
	return s, conn, stop
}

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s, conn, stop := startFeed(t)
	defer stop() // before goleak looks: the connection's and the server's own goroutines end with them
	c := &Client{Conn: conn}
	codes := leaktest.Serve(t, http.HandlerFunc(c.FixedHandler), "/work", 30)
	if codes[http.StatusOK] != 30 {
		t.Fatalf("status codes = %v, want 30 × 200", codes)
	}
	ended := func() int { _, e := s.Counts(); return int(e) }
	if got := leaktest.Await(ended, leaktest.AtLeast(0, 30), 2*time.Second); got != 30 {
		t.Fatalf("the server saw %d of 30 streams end, want all: each cancelled by its handler", got)
	}
}

func TestLeakyHandlerLeavesAStreamOpenOnBothSides(t *testing.T) {
	s, conn, _ := startFeed(t)
	c := &Client{Conn: conn}
	watchers, handlers := leaktest.Started(clientWatcher), leaktest.Running(serverHandler)
	tests := []struct {
		name string
		give int // requests
		want int // streams left open, each with a goroutine on either side
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 20, want: 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clientBefore, serverBefore := watchers(), handlers()
			codes := leaktest.Serve(t, http.HandlerFunc(c.LeakyHandler), "/work", tt.give)
			if codes[http.StatusOK] != tt.give {
				t.Fatalf("status codes = %v, want %d × 200", codes, tt.give)
			}
			if got := leaktest.Await(watchers, leaktest.AtLeast(clientBefore, tt.want), time.Second) - clientBefore; got < tt.want {
				t.Fatalf("%d more client stream watchers, want at least %d", got, tt.want)
			}
			if got := leaktest.Await(handlers, leaktest.AtLeast(serverBefore, tt.want), time.Second) - serverBefore; got < tt.want {
				t.Fatalf("%d more server handlers waiting, want at least %d", got, tt.want)
			}
		})
	}
	if subscribed, ended := s.Counts(); ended != 0 || subscribed != 25 {
		t.Fatalf("server counts %d subscribed, %d ended; want 25 and 0", subscribed, ended)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
