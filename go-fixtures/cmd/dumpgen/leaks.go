package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// Each function below starts goroutines that block the way one leak pattern
// does, so the dumps show every wait reason leakrig classifies. The counts
// differ per pattern so that groups sort in a stable order.

// sendNoReceiver: an unbuffered send whose receiver is gone ([chan send]).
func sendNoReceiver(n int) {
	for range n {
		result := make(chan int)
		go func() { result <- 42 }()
	}
}

// receiveNeverClosed: a range over a channel nobody closes ([chan receive]).
func receiveNeverClosed(n int) {
	jobs := make(chan int)
	for range n {
		go func() {
			for j := range jobs {
				_ = j
			}
		}()
	}
}

// nilChannels: operations on a nil channel block forever.
func nilChannels() {
	var ch chan int
	go func() { ch <- 1 }()
	go func() { <-ch }()
}

// selectNoExit: a select whose cases can never fire ([select]).
func selectNoExit(n int) {
	a, b := make(chan int), make(chan string)
	for range n {
		go func() {
			select {
			case <-a:
			case <-b:
			}
		}()
	}
}

// emptySelect: select {} in a goroutine ([select (no cases)]).
func emptySelect() {
	go func() { select {} }()
}

// forgottenUnlock: a Lock with no Unlock on an early-return path.
func forgottenUnlock(n int) {
	var mu sync.Mutex
	mu.Lock() // never unlocked
	for range n {
		go func() {
			mu.Lock()
			defer mu.Unlock()
		}()
	}
	var rw sync.RWMutex
	rw.Lock() // a writer that never leaves
	go func() {
		rw.RLock()
		defer rw.RUnlock()
	}()
}

// waitGroupNeverDone: Wait for an Add that has no Done.
func waitGroupNeverDone() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { wg.Wait() }()
}

// condNeverSignalled: Cond.Wait with nobody to Signal.
func condNeverSignalled() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	go func() {
		mu.Lock()
		cond.Wait()
		mu.Unlock()
	}()
}

// customCtx hides its parent from the context package, which then watches
// it from a goroutine of its own until the child is cancelled.
type customCtx struct {
	context.Context
	done chan struct{}
}

func (c customCtx) Done() <-chan struct{} { return c.done }

// contextNeverCancelled returns WithCancel's cancel func, which the caller
// drops: the context package's propagateCancel goroutine waits forever.
func contextNeverCancelled() context.CancelFunc {
	parent := customCtx{context.Background(), make(chan struct{})}
	_, cancel := context.WithCancel(parent)
	return cancel
}

// labelled: a leaking goroutine started under pprof labels.
func labelled() {
	labels := pprof.Labels("tenant", "a \"b\"", "worker", "w1")
	pprof.Do(context.Background(), labels, func(context.Context) {
		go func() {
			block := make(chan int)
			<-block
		}()
	})
}

// lockedToThread: a goroutine wired to its OS thread while it waits.
func lockedToThread() {
	go func() {
		runtime.LockOSThread()
		block := make(chan int)
		<-block
	}()
}

// sleeper: a long sleep, which ends by itself: not a suspect.
func sleeper() {
	go func() { time.Sleep(time.Hour) }()
}

// httpBodyNotClosed serves one request on 127.0.0.1:0 and leaves the client's
// response body open: the connection's readLoop and writeLoop stay, as does
// the server's conn.serve and accept loop (both idle, IO wait).
func httpBodyNotClosed() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "ok")
		}),
		ReadHeaderTimeout: time.Minute,
	}
	go srv.Serve(ln)
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		return err
	}
	_ = resp // LEAK: resp.Body.Close() never called
	return nil
}

// deepBlock recurses depth times, then blocks: over 100 frames make the
// traceback elide the middle ones.
func deepBlock(depth int, block chan int) {
	if depth == 0 {
		<-block
		return
	}
	deepBlock(depth-1, block)
}

// startAllLeaks starts every pattern above that needs no network.
func startAllLeaks() {
	sendNoReceiver(5)
	receiveNeverClosed(3)
	nilChannels()
	selectNoExit(2)
	emptySelect()
	forgottenUnlock(2)
	waitGroupNeverDone()
	condNeverSignalled()
	_ = contextNeverCancelled() // LEAK: never cancelled
	labelled()
	lockedToThread()
}
