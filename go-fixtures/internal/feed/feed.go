// Package feed is the gRPC service that the grpc-stream-not-cancelled
// scenario calls: Feed.Subscribe, a server-streaming method. The client asks
// for the latest N prices; the server sends them, then keeps the
// subscription open for updates until the client goes away (its stream's
// context ends), as subscription streams do.
//
// The service descriptor and the typed client are written here as
// protoc-gen-go-grpc would generate them, and the messages are protobuf's
// well-known wrappers, so no code generation is needed: the calls are real
// gRPC over HTTP/2 with the standard protobuf codec.
package feed

import (
	"context"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// SubscribeMethod is the full method name on the wire.
const SubscribeMethod = "/leakrig.feed.Feed/Subscribe"

// Server implements Feed and counts its subscriptions.
type Server struct {
	subscribed atomic.Int64 // streams started
	ended      atomic.Int64 // streams whose client went away
}

// Subscribe sends `latest` prices, then waits for the client to leave.
func (s *Server) Subscribe(latest *wrapperspb.UInt32Value, stream grpc.ServerStreamingServer[wrapperspb.UInt64Value]) error {
	s.subscribed.Add(1)
	defer s.ended.Add(1)
	for i := range latest.GetValue() {
		if err := stream.Send(wrapperspb.UInt64(uint64(1000 + i))); err != nil {
			return err
		}
	}
	<-stream.Context().Done() // updates would be sent from here; the client's cancel ends the wait
	return nil
}

// Counts returns how many streams were subscribed and how many have ended.
func (s *Server) Counts() (subscribed, ended int64) { return s.subscribed.Load(), s.ended.Load() }

// Register adds s to srv as the leakrig.feed.Feed service.
func Register(srv *grpc.Server, s *Server) { srv.RegisterService(&serviceDesc, s) }

// FeedServer is the service's interface, as generated code declares it.
type FeedServer interface {
	Subscribe(*wrapperspb.UInt32Value, grpc.ServerStreamingServer[wrapperspb.UInt64Value]) error
}

var subscribeStream = grpc.StreamDesc{
	StreamName:    "Subscribe",
	Handler:       subscribeHandler,
	ServerStreams: true,
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: "leakrig.feed.Feed",
	HandlerType: (*FeedServer)(nil),
	Streams:     []grpc.StreamDesc{subscribeStream},
	Metadata:    "feed.proto",
}

func subscribeHandler(srv any, stream grpc.ServerStream) error {
	latest := new(wrapperspb.UInt32Value)
	if err := stream.RecvMsg(latest); err != nil {
		return err
	}
	return srv.(FeedServer).Subscribe(latest, &grpc.GenericServerStream[wrapperspb.UInt32Value, wrapperspb.UInt64Value]{ServerStream: stream})
}

// Subscribe opens a Feed.Subscribe stream on cc for the latest n prices.
// The stream lives until it is read to its end or ctx ends.
func Subscribe(ctx context.Context, cc grpc.ClientConnInterface, n uint32) (grpc.ServerStreamingClient[wrapperspb.UInt64Value], error) {
	stream, err := cc.NewStream(ctx, &subscribeStream, SubscribeMethod)
	if err != nil {
		return nil, err
	}
	client := &grpc.GenericClientStream[wrapperspb.UInt32Value, wrapperspb.UInt64Value]{ClientStream: stream}
	if err := client.SendMsg(wrapperspb.UInt32(n)); err != nil {
		return nil, err
	}
	if err := client.CloseSend(); err != nil {
		return nil, err
	}
	return client, nil
}
