// Command grpc-feed serves the gRPC Feed (see package feed) that the
// grpc-stream-not-cancelled scenario calls; the harness starts it first, as a
// dependency. gRPC listens on 127.0.0.1:<-port> (its address is printed first,
// as every fixture prints it); /healthz, /debug/pprof/ and /debug/metrics (with
// the subscription counts) on 127.0.0.1:<-debug-port>, so that the harness can
// record the server side's goroutines too. At SIGTERM or SIGINT it stops and
// prints its counts to stderr: "feed: N subscriptions, M ended".
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"google.golang.org/grpc"

	"leakrig/fixtures/internal/feed"
	"leakrig/fixtures/internal/fixture"
)

func main() {
	debugPort := flag.Int("debug-port", 0, "loopback port of /debug/pprof/; 0 picks a free one")
	flag.String("variant", "", "ignored: the feed has no variants")
	flag.Parse()
	if err := run(*debugPort); err != nil {
		fmt.Fprintln(os.Stderr, "feed:", err)
		os.Exit(2)
	}
}

func run(debugPort int) error {
	ln, err := fixture.Listen()
	if err != nil {
		return err
	}
	debugLn, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", debugPort))
	if err != nil {
		return err
	}
	s := &feed.Server{}
	fixture.AddMetrics(func(out map[string]float64) {
		subscribed, ended := s.Counts()
		out["/feed/subscribed:streams"] = float64(subscribed)
		out["/feed/ended:streams"] = float64(ended)
	})
	debug := &http.Server{Handler: fixture.Routes(http.NotFoundHandler())}
	go debug.Serve(debugLn)
	srv := grpc.NewServer(grpc.WaitForHandlers(true)) // so that Stop returns once every stream has ended
	feed.Register(srv, s)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	stopped := make(chan struct{})
	go func() {
		<-ctx.Done()
		srv.Stop() // closes every connection: each open stream's context ends
		debug.Close()
		close(stopped)
	}()
	err = srv.Serve(ln)
	if err == nil {
		<-stopped // Serve returns at once; the counts are final once Stop has waited for the streams
	}
	subscribed, ended := s.Counts()
	fmt.Fprintf(os.Stderr, "feed: %d subscriptions, %d ended\n", subscribed, ended)
	return err
}
