// Package errgroupsendaftercancel is the lesson "errgroup cancels the
// context; it does not unblock a send".
//
// The handler fans a request out to Shards shards with errgroup.WithContext.
// Each worker sends its answer on an unbuffered channel, and the handler
// collects them, returning at the first error. One shard always fails at
// once; the others answer a moment later. The group cancels its context at
// the failure, but the leaky workers never look at it: their sends have no
// receiver any more, and Shards-1 goroutines per request block for good in
// [chan send]. The fixed workers select on ctx.Done() beside the send, and
// the handler waits for the group before it returns.
package errgroupsendaftercancel

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

var errShardDown = errors.New("shard down")

// Service sums the answers of Shards shards; shard Failing fails at once,
// the others answer after Work.
type Service struct {
	Shards  int
	Failing int
	Work    time.Duration
}

// shard is one part of the request: slow, or failing fast.
func (s *Service) shard(i int) (int, error) {
	if i == s.Failing {
		return 0, errShardDown
	}
	time.Sleep(s.Work)
	return i * i, nil
}

// LeakyHandler returns at the first error while workers still have answers to send.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	g, ctx := errgroup.WithContext(r.Context())
	answers := make(chan int) // unbuffered: every send needs the collector
	for i := range s.Shards {
		g.Go(func() error { return s.leakyWorker(i, answers) })
	}
	s.collect(ctx, w, answers) // LEAK: returns at the first error; nobody waits for the group
}

func (s *Service) leakyWorker(i int, answers chan<- int) error {
	v, err := s.shard(i)
	if err != nil {
		return err // the group cancels ctx: nobody tells the other workers' sends
	}
	answers <- v // LEAK: blocks for good once the collector has returned
	return nil
}

// FixedHandler: the workers give up their sends when the group is cancelled,
// and the handler waits for them.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	g, ctx := errgroup.WithContext(r.Context())
	defer g.Wait() // FIX: no worker outlives the request
	answers := make(chan int)
	for i := range s.Shards {
		g.Go(func() error { return s.worker(ctx, i, answers) })
	}
	s.collect(ctx, w, answers)
}

func (s *Service) worker(ctx context.Context, i int, answers chan<- int) error {
	v, err := s.shard(i)
	if err != nil {
		return err
	}
	select {
	case answers <- v:
		return nil
	case <-ctx.Done(): // FIX: the collector is gone; so is the send
		return ctx.Err()
	}
}

// collect sums one answer per shard, or gives up when the group is cancelled
// (at a shard's error) and answers 502.
func (s *Service) collect(ctx context.Context, w http.ResponseWriter, answers <-chan int) {
	sum := 0
	for range s.Shards {
		select {
		case v := <-answers:
			sum += v
		case <-ctx.Done():
			http.Error(w, context.Cause(ctx).Error(), http.StatusBadGateway)
			return
		}
	}
	fmt.Fprintf(w, "sum=%d\n", sum)
}
