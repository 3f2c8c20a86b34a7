package sqlrows

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
	"leakrig/fixtures/internal/pgtest"
)

const awaitDone = "database/sql.(*Rows).awaitDone"

// open connects to a PostgreSQL of the test's own, with a pool of maxOpen.
func open(t *testing.T, maxOpen int) *sql.DB {
	t.Helper()
	db, err := Open(pgtest.Start(t), t.Name(), 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(maxOpen)
	return db
}

func TestFixedHandlerDoesNotLeak(t *testing.T) {
	db := open(t, MaxOpen) // room for every request: a fixed handler that broke fails below, not by hanging
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	defer db.Close()
	s := &Store{DB: db, Context: RequestContext}
	codes := leaktest.Serve(t, http.HandlerFunc(s.FixedHandler), "/work", 30)
	if codes[http.StatusOK] != 30 {
		t.Fatalf("status codes = %v, want 30 × 200", codes)
	}
	if stats := db.Stats(); stats.InUse != 0 || stats.OpenConnections > 1 {
		t.Fatalf("after 30 sequential queries: %d connections in use, %d open; want 0 and 1, reused", stats.InUse, stats.OpenConnections)
	}
}

func TestLeakyHandlerHoldsAConnectionAndAGoroutinePerRequest(t *testing.T) {
	db := open(t, MaxOpen)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background()) // the service's lifetime: this test's
	defer cancel()
	s := &Store{DB: db, Context: ServiceContext(ctx)}
	leaktest.ExpectStuck(t, http.HandlerFunc(s.LeakyHandler), "/work", awaitDone, 10, 10)
	if got := db.Stats().InUse; got != 10 {
		t.Fatalf("%d connections in use after 10 requests, want 10: one held by each unclosed Rows", got)
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
	cancel() // the service shuts down: only now does awaitDone close the rows
	stuck := leaktest.Running(awaitDone)
	if left := leaktest.Await(stuck, leaktest.AtMost(0), 2*time.Second); left != 0 {
		t.Fatalf("%d awaitDone goroutines left after the service context ended, want 0", left)
	}
}

func TestLeakyHandlerExhaustsThePool(t *testing.T) {
	db := open(t, 3)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &Store{DB: db, Context: ServiceContext(ctx)}
	leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", 3) // every connection now held
	answered := make(chan struct{})
	go func() {
		leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", 1)
		close(answered)
	}()
	waits := func() int { return int(db.Stats().WaitCount) }
	if got := leaktest.Await(waits, leaktest.AtLeast(0, 1), 2*time.Second); got != 1 {
		t.Fatalf("wait count %d with the pool held by 3 unclosed Rows, want 1 query waiting", got)
	}
	select {
	case <-answered:
		t.Fatal("the fourth request was answered with every connection held")
	case <-time.After(200 * time.Millisecond):
	}
	cancel() // frees the three connections and ends the wait
	<-answered
}

func TestRequestContextClosesWhatTheLeakyHandlerLeaves(t *testing.T) {
	db := open(t, MaxOpen)
	defer db.Close()
	s := &Store{DB: db, Context: RequestContext}
	srv := httptest.NewServer(http.HandlerFunc(s.LeakyHandler)) // net/http cancels r.Context() after each request
	defer srv.Close()
	for range 10 {
		resp, err := http.Get(srv.URL + "/work")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	inUse := func() int { return db.Stats().InUse }
	if got := leaktest.Await(inUse, leaktest.AtMost(0), 2*time.Second); got != 0 {
		t.Fatalf("%d connections still in use once the requests ended, want 0", got)
	}
	if got := leaktest.Await(leaktest.Running(awaitDone), leaktest.AtMost(0), 2*time.Second); got != 0 {
		t.Fatalf("%d awaitDone goroutines left, want 0", got)
	}
}

func TestBackgroundContextPinsConnectionsWithNoGoroutineToShow(t *testing.T) {
	db := open(t, MaxOpen)
	defer db.Close()
	// What db.Query does: a context whose Done is nil, so database/sql has
	// nothing to wait for and starts no awaitDone.
	s := &Store{DB: db, Context: func(*http.Request) context.Context { return context.Background() }}
	before := leaktest.Running(awaitDone)()
	leaktest.Serve(t, http.HandlerFunc(s.LeakyHandler), "/work", 10)
	if got := db.Stats().InUse; got != 10 {
		t.Fatalf("%d connections in use after 10 requests, want 10: one pinned by each unclosed Rows", got)
	}
	if got := leaktest.Running(awaitDone)() - before; got != 0 {
		t.Fatalf("%d awaitDone goroutines under context.Background(), want 0", got)
	}
}
