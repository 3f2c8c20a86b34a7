// Package fasthttpphpstyle is the lesson "the request is not the lifetime".
//
// In PHP whatever a request starts dies with it, and a fasthttp handler
// written in that spirit fires off its slow side job (an audit write that
// takes Work) in a detached goroutine and returns. Nothing ends that
// goroutine with the request: *fasthttp.RequestCtx implements
// context.Context, but its Done channel closes only when the server shuts
// down (fasthttp v1.78.0: one channel per server, as a channel per request
// costs too much), and its Deadline is never set. So the job checks a Done
// that never fires between its time.Sleep steps, and lingers for the whole
// of Work in [sleep]: gone eventually, but the count peaks at the request
// rate times Work, with no bound at all.
//
// The fixed handler owns the job's lifetime: a context of its own with a
// deadline, and it waits for the job before it answers. Every goroutine now
// ends within its request, so Server.Concurrency, which bounds the
// connections served at once, bounds the goroutines too.
package fasthttpphpstyle

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// steps is how many pieces the job's Work is done in: few, because with
// tens of thousands of jobs every step is a wave of timer wake-ups.
const steps = 4

// Service runs one slow side job per request.
type Service struct {
	Work     time.Duration // how long the side job takes
	Deadline time.Duration // how long the fixed handler lets it run
	finished atomic.Int64  // jobs that ran to the end
	cut      atomic.Int64  // jobs stopped at their deadline
}

// LeakyHandler detaches the job and trusts RequestCtx.Done to end it.
func (s *Service) LeakyHandler(ctx *fasthttp.RequestCtx) {
	done := ctx.Done()  // LEAK: closes at server shutdown, not when this request ends
	go s.leakyJob(done) // LEAK: detached: outlives the request by Work
	ctx.WriteString("accepted\n")
}

func (s *Service) leakyJob(done <-chan struct{}) {
	for range steps {
		select {
		case <-done:
			return
		default:
		}
		time.Sleep(s.Work / steps) // LEAK: [sleep], long after the response went out
	}
	s.finished.Add(1)
}

// FixedHandler binds the job to a context it owns and waits for it.
func (s *Service) FixedHandler(ctx *fasthttp.RequestCtx) {
	jobCtx, cancel := context.WithTimeout(context.Background(), s.Deadline) // FIX: ours, with a deadline
	defer cancel()
	var err error
	var wg sync.WaitGroup
	wg.Go(func() { err = s.job(jobCtx) })
	wg.Wait() // FIX: nothing this request started outlives it
	if err != nil {
		ctx.WriteString("audit cut at deadline\n")
		return
	}
	ctx.WriteString("audited\n")
}

func (s *Service) job(ctx context.Context) error {
	t := time.NewTimer(s.Work / steps)
	defer t.Stop()
	for range steps {
		select {
		case <-ctx.Done(): // FIX: a Done that does fire
			s.cut.Add(1)
			return ctx.Err()
		case <-t.C:
			t.Reset(s.Work / steps)
		}
	}
	s.finished.Add(1)
	return nil
}
