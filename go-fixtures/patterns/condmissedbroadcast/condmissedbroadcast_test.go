package condmissedbroadcast

import (
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	s := &Service{}
	leaktest.ExpectClean(t, http.HandlerFunc(s.FixedHandler), "/work", 50, http.StatusOK)
	if got := s.audited.Load(); got != 50 {
		t.Fatalf("%d answers audited, want 50", got)
	}
}

func TestLeakyHandlerLeaksOneAuditPerRequest(t *testing.T) {
	const requests = 50
	s := &Service{}
	leaktest.ExpectStuck(t, http.HandlerFunc(s.LeakyHandler), "/work", "condmissedbroadcast.(*Service).leakyAudit", requests, requests)
	if got := s.audited.Load(); got != 0 {
		t.Fatalf("%d answers audited, want 0: every Signal came before its Wait", got)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}

// TestWaitInALoopStillWakesForALaterSignal: the fix does not just skip the
// wait; an audit that starts before the result is published waits for it.
func TestWaitInALoopStillWakesForALaterSignal(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := &Service{}
	res := newResult()
	go s.audit(res)
	waiting := leaktest.Waiting("condmissedbroadcast.(*Service).audit", "sync.Cond.Wait")
	if got := leaktest.Await(waiting, leaktest.AtLeast(0, 1), time.Second); got != 1 {
		t.Fatalf("%d audits in Cond.Wait, want 1", got)
	}
	res.publish(compute())
	if got := leaktest.Await(func() int { return int(s.audited.Load()) }, leaktest.AtLeast(0, 1), time.Second); got != 1 {
		t.Fatalf("%d answers audited after the Signal, want 1", got)
	}
}
