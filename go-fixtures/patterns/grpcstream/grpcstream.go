// Package grpcstream is the lesson "a stream nobody cancels".
//
// Each request opens a server-streaming gRPC call (Feed.Subscribe) to the
// upstream, reads the first price and answers with it. The leaky handler
// opens the stream under context.Background(), as gRPC examples do, and
// simply stops reading. A client stream ends only when it is read to its end
// (io.EOF or an error), or when its context is cancelled; a subscription
// never ends by itself, and nothing cancels Background. So every request
// leaves behind, for as long as the process lives:
//   - client side, grpc-go's stream watcher, a goroutine in
//     google.golang.org/grpc.newClientStreamWithParams.funcN [select] that
//     waits for the stream's context or the ClientConn to end;
//   - server side, in the upstream, the stream's handler goroutine,
//     leakrig/fixtures/internal/feed.(*Server).Subscribe [chan receive],
//     waiting for a cancel that never comes;
//   - an open HTTP/2 stream on the shared connection, with its buffers.
//
// The fixed handler derives the stream's context from the request and
// cancels it on return: grpc-go then resets the stream (RST_STREAM), and both
// goroutines end.
package grpcstream

import (
	"context"
	"fmt"
	"net/http"

	"google.golang.org/grpc"

	"leakrig/fixtures/internal/feed"
)

// Latest is how many prices each request asks for; it reads only the first.
const Latest = 3

// Client calls the upstream's Feed over one shared connection.
type Client struct {
	Conn grpc.ClientConnInterface
}

// LeakyHandler reads the first price and walks away from the stream.
func (c *Client) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	c.firstPrice(context.Background(), w) // LEAK: nothing will ever cancel this context
	// LEAK: and the stream, read only in part, never ends by itself
}

// FixedHandler cancels the stream's context when it is done with it.
func (c *Client) FixedHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context()) // FIX: the stream ends with the request at the latest
	defer cancel()                                 // FIX: and as soon as the handler is done with it
	c.firstPrice(ctx, w)
}

// firstPrice subscribes under ctx, reads one price and answers with it,
// leaving the rest of the stream unread.
func (c *Client) firstPrice(ctx context.Context, w http.ResponseWriter) {
	stream, err := feed.Subscribe(ctx, c.Conn, Latest)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	price, err := stream.Recv()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fmt.Fprintf(w, "price: %d\n", price.GetValue())
}
