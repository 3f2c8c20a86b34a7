package grpcstream

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/credentials/insecure"

	"leakrig/fixtures/internal/fixture"
)

// Dial makes the one connection every request shares: plaintext to a
// loopback upstream at addr ("127.0.0.1:PORT").
func Dial(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// Connect connects conn now rather than at the first call, waiting up to
// wait, so that the connection's own goroutines are there before the first
// request: part of the baseline, not of what the requests leave.
func Connect(conn *grpc.ClientConn, wait time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	conn.Connect()
	for state := conn.GetState(); state != connectivity.Ready; state = conn.GetState() {
		if !conn.WaitForStateChange(ctx, state) {
			return fmt.Errorf("no connection to the feed within %v (last state %v)", wait, state)
		}
	}
	return nil
}

// Routes serves the variant's handler at /work, calling the Feed over conn.
func Routes(v fixture.Variant, conn grpc.ClientConnInterface) http.Handler {
	c := &Client{Conn: conn}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", c.LeakyHandler)
	} else {
		mux.HandleFunc("/work", c.FixedHandler)
	}
	return mux
}
