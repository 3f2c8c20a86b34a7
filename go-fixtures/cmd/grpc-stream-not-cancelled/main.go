// Command grpc-stream-not-cancelled serves the grpc-stream-not-cancelled
// scenario (see package grpcstream). The harness starts the gRPC feed first
// (go-fixtures/cmd/grpc-feed) and passes its address in LEAKRIG_FEED.
package main

import (
	"errors"
	"flag"
	"net/http"
	"os"
	"time"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/grpcstream"
)

func main() {
	addr := flag.String("feed", os.Getenv("LEAKRIG_FEED"), "the gRPC feed's address, 127.0.0.1:PORT (default $LEAKRIG_FEED)")
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		if *addr == "" {
			return nil, errors.New("no feed address: set LEAKRIG_FEED or -feed")
		}
		conn, err := grpcstream.Dial(*addr)
		if err != nil {
			return nil, err
		}
		if err := grpcstream.Connect(conn, 10*time.Second); err != nil {
			return nil, err
		}
		return grpcstream.Routes(v, conn), nil
	})
}
