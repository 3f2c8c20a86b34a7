// Package workernoexit is the lesson "a background loop with no way out".
//
// Each request starts a worker that serves its jobs and beats a heartbeat,
// labelled worker=<n> through runtime/pprof so that profiles can tell the
// workers apart. The leaky worker's loop has a case for jobs and one for
// the heartbeat, and none for stopping: after its request it waits forever
// in [select], waking for every heartbeat. The fixed worker takes the
// request's context and returns when it is done, and a semaphore bounds how
// many workers exist at once.
package workernoexit

import (
	"context"
	"fmt"
	"net/http"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"time"
)

// job asks a worker to double n.
type job struct {
	n     int
	reply chan int
}

// Pool starts one worker per request.
type Pool struct {
	Heartbeat time.Duration
	slots     chan struct{} // the fixed variant's bound on live workers
	started   atomic.Int64  // numbers the workers for their labels
	beats     atomic.Int64
}

// NewPool bounds the fixed variant to maxWorkers live workers.
func NewPool(heartbeat time.Duration, maxWorkers int) *Pool {
	return &Pool{Heartbeat: heartbeat, slots: make(chan struct{}, maxWorkers)}
}

// LeakyHandler starts a worker that outlives the request.
func (p *Pool) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	jobs := make(chan job)
	go p.labelled(context.Background(), func(context.Context) { p.leakyWorker(jobs) })
	fmt.Fprintln(w, ask(jobs, 21))
}

func (p *Pool) leakyWorker(jobs <-chan job) {
	heartbeat := time.NewTicker(p.Heartbeat)
	for { // LEAK: no case returns: the loop outlives its request
		select {
		case j := <-jobs:
			j.reply <- 2 * j.n
		case <-heartbeat.C:
			p.beats.Add(1)
		}
	}
}

// FixedHandler starts a bounded worker that stops with the request.
func (p *Pool) FixedHandler(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel() // FIX: the worker's quit signal
	select {
	case p.slots <- struct{}{}: // FIX: bounded: at most cap(slots) workers
	case <-ctx.Done():
		http.Error(w, "no worker free", http.StatusServiceUnavailable)
		return
	}
	jobs := make(chan job)
	go p.labelled(ctx, func(ctx context.Context) { p.worker(ctx, jobs) })
	fmt.Fprintln(w, ask(jobs, 21))
}

func (p *Pool) worker(ctx context.Context, jobs <-chan job) {
	defer func() { <-p.slots }()
	heartbeat := time.NewTicker(p.Heartbeat)
	defer heartbeat.Stop()
	for {
		select {
		case j := <-jobs:
			j.reply <- 2 * j.n
		case <-heartbeat.C:
			p.beats.Add(1)
		case <-ctx.Done(): // FIX: the way out
			return
		}
	}
}

// labelled runs f with the pprof label worker=<n>, which goroutine
// profiles show (debug=1, or debug=2 with GODEBUG=tracebacklabels=1).
func (p *Pool) labelled(ctx context.Context, f func(context.Context)) {
	id := strconv.FormatInt(p.started.Add(1), 10)
	pprof.Do(ctx, pprof.Labels("worker", id), f)
}

// ask sends one job and waits for its answer.
func ask(jobs chan<- job, n int) int {
	reply := make(chan int, 1)
	jobs <- job{n: n, reply: reply}
	return <-reply
}
