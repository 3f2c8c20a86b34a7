// Package condmissedbroadcast is the lesson "a Cond.Wait that does not loop
// on its condition".
//
// Each request publishes its result, a value guarded by a mutex with a
// sync.Cond that Signals when the value is set, and hands it to an audit
// goroutine that waits for the value before it records it. Publishing comes
// first, so the Signal is sent while nobody waits, and a Signal that finds
// no waiter is lost: the leaky audit calls Wait without first checking
// whether the value is already there, and waits for a Signal that has come
// and gone, one goroutine per request in [sync.Cond.Wait]. The fixed audit
// waits in a loop on the condition itself, for !r.ready { Wait() }, so it
// never waits for what has already happened.
package condmissedbroadcast

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// result is a value set once; cond signals when it is.
type result struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
	value int
}

func newResult() *result {
	r := &result{}
	r.cond = sync.NewCond(&r.mu)
	return r
}

// publish sets the value and wakes a waiter, if one is waiting yet.
func (r *result) publish(v int) {
	r.mu.Lock()
	r.value, r.ready = v, true
	r.mu.Unlock()
	r.cond.Signal() // lost when nobody is waiting: Cond keeps no memory of it
}

// Service answers /work and audits every answer.
type Service struct {
	audited atomic.Int64
}

// LeakyHandler publishes, then starts an audit that misses the Signal.
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	s.publishThenAudit(w, s.leakyAudit)
}

func (s *Service) leakyAudit(res *result) {
	res.mu.Lock()
	defer res.mu.Unlock()
	res.cond.Wait() // LEAK: no check of res.ready: the Signal came before this Wait
	s.audited.Add(1)
}

// FixedHandler: the same order; the audit checks the condition before waiting.
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	s.publishThenAudit(w, s.audit)
}

func (s *Service) audit(res *result) {
	res.mu.Lock()
	defer res.mu.Unlock()
	for !res.ready { // FIX: wait only while the condition is false, and look again after every wake-up
		res.cond.Wait()
	}
	s.audited.Add(1)
}

// publishThenAudit answers with the request's result, published before its
// audit starts: the Signal always comes before the audit's Wait.
func (s *Service) publishThenAudit(w http.ResponseWriter, audit func(*result)) {
	res := newResult()
	res.publish(compute())
	go audit(res)
	fmt.Fprintln(w, res.value)
}

// compute is the request's work: quick.
func compute() int { return 42 }
