package grpcstream

import (
	"net/http"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"leakrig/fixtures/internal/fixture"
)

// Dial makes the one connection every request shares: plaintext to a
// loopback upstream at addr ("127.0.0.1:PORT").
func Dial(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
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
