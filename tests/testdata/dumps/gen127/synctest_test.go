package main

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestSynctestDump writes every goroutine's stack from inside a synctest
// bubble: durably blocked ones print `(durable)`, all print
// `, synctest bubble N`. GEN127_OUT names the file; without it the test skips.
func TestSynctestDump(t *testing.T) {
	path := os.Getenv("GEN127_OUT")
	if path == "" {
		t.Skip("GEN127_OUT not set")
	}
	synctest.Test(t, func(t *testing.T) {
		never := make(chan int)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { <-never }()   // [chan receive (durable)]
		go func() { wg.Wait() }() // [sync.WaitGroup.Wait (durable)]
		other := make(chan string)
		go func() { // [select (durable)]
			select {
			case <-never:
			case <-other:
			}
		}()
		labels := pprof.Labels("handler", "/api/orders", "test", "bubble 1")
		pprof.Do(t.Context(), labels, func(context.Context) {
			go func() { <-never }() // labels after the bubble's bracket
		})
		go func() { time.Sleep(time.Hour) }() // [sleep (durable)]
		synctest.Wait()
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		close(never)
		wg.Done()
		time.Sleep(2 * time.Hour) // fake time: lets the sleeper finish
	})
}
