// Package contextnevercancelled is the lesson "a child of a context of your
// own type costs a goroutine until it is cancelled".
//
// The service has a lifetime context of its own type: its Done closes when
// the service stops (hand-made stoppers, and fasthttp's RequestCtx, are
// contexts of that kind). A request's work derives from it rather than from
// the request, so that it finishes even if the client goes away, but stops
// at shutdown. The leaky handler never cancels what it derived.
//
// Derived from one of package context's own contexts, a child nobody
// cancels costs an entry in its parent's set of children until the parent
// ends, and no goroutine. Package context cannot register a child with a
// parent of another type, so propagateCancel starts a goroutine that waits
// for either to be done: context.(*cancelCtx).propagateCancel.func2, in
// [select], created by context.(*cancelCtx).propagateCancel. Its stack
// names only package context. Never cancelled, it lives as long as the
// service: one per request. context.AfterFunc on such a parent starts the
// same goroutine, which lives until the stop function it returns is called.
package contextnevercancelled

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// lifetime is a Context of the service's own type: Done closes at Stop.
type lifetime struct {
	stopped chan struct{}
}

func newLifetime() *lifetime { return &lifetime{stopped: make(chan struct{})} }

func (l *lifetime) Deadline() (time.Time, bool) { return time.Time{}, false }
func (l *lifetime) Done() <-chan struct{}       { return l.stopped }
func (l *lifetime) Value(any) any               { return nil }

func (l *lifetime) Err() error {
	select {
	case <-l.stopped:
		return context.Canceled
	default:
		return nil
	}
}

// Stop ends the lifetime, and with it every context derived from it.
func (l *lifetime) Stop() { close(l.stopped) }

// Service does each request's work within its own lifetime.
type Service struct {
	life    *lifetime
	flushed atomic.Int64 // requests whose record the shutdown hook flushed
}

// NewService starts a service's lifetime.
func NewService() *Service { return &Service{life: newLifetime()} }

// job is one request's work: bounded by the service's lifetime, not by the request.
type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Service) startJob() *job {
	ctx, cancel := context.WithCancel(s.life) // parent of a foreign type: a goroutine until cancel
	return &job{ctx: ctx, cancel: cancel}
}

// end releases the job's context, and the goroutine package context keeps for it.
func (j *job) end() { j.cancel() }

// LeakyHandler starts a job and never ends it.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	j := s.startJob() // LEAK: never ended: context's goroutine for it waits for the service to stop
	fmt.Fprintln(w, work(j.ctx))
}

// FixedHandler ends the job when the request is done.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	j := s.startJob()
	defer j.end() // FIX: cancel: package context's goroutine returns
	fmt.Fprintln(w, work(j.ctx))
}

// LeakyAfterFuncHandler registers a shutdown hook per request and drops the
// function that would unregister it.
func (s *Service) LeakyAfterFuncHandler(w http.ResponseWriter, r *http.Request) {
	context.AfterFunc(s.life, s.flush) // LEAK: stop dropped: the hook, and its goroutine, stay until shutdown
	fmt.Fprintln(w, work(r.Context()))
}

// FixedAfterFuncHandler unregisters the hook when the request is done.
func (s *Service) FixedAfterFuncHandler(w http.ResponseWriter, r *http.Request) {
	stop := context.AfterFunc(s.life, s.flush)
	defer stop() // FIX: the request is over: nothing left to flush at shutdown
	fmt.Fprintln(w, work(r.Context()))
}

// flush would save a request's partial record when the service stops mid-request.
func (s *Service) flush() { s.flushed.Add(1) }

// work is the request itself: quick, and abandoned if its context is done.
func work(ctx context.Context) string {
	if err := ctx.Err(); err != nil {
		return err.Error()
	}
	return "done"
}
