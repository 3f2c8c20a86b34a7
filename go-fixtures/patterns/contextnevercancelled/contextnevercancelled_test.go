package contextnevercancelled

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

// contextGoroutine is the goroutine propagateCancel starts for a child of a
// parent of a foreign type, as Go 1.26 and 1.27 name it.
const contextGoroutine = "context.(*cancelCtx).propagateCancel.func2"

type handlers struct {
	name         string
	leaky, fixed func(*Service) http.HandlerFunc
}

var forms = []handlers{
	{
		name:  "WithCancel",
		leaky: func(s *Service) http.HandlerFunc { return s.LeakyHandler },
		fixed: func(s *Service) http.HandlerFunc { return s.FixedHandler },
	},
	{
		name:  "AfterFunc",
		leaky: func(s *Service) http.HandlerFunc { return s.LeakyAfterFuncHandler },
		fixed: func(s *Service) http.HandlerFunc { return s.FixedAfterFuncHandler },
	},
}

func TestFixedHandlersDoNotLeak(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			leaktest.ExpectClean(t, f.fixed(NewService()), "/work", 50, http.StatusOK)
		})
	}
}

// TestLeakyHandlersLeakOneGoroutineUntilShutdown: one goroutine of package
// context per request, which ends only with the service's lifetime.
func TestLeakyHandlersLeakOneGoroutineUntilShutdown(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			const requests = 50
			s := NewService()
			waiting := leaktest.Running(contextGoroutine)
			before := waiting()
			leaktest.ExpectStuck(t, f.leaky(s), "/work", contextGoroutine, requests, requests)
			if err := goleak.Find(); err == nil {
				t.Fatal("goleak found no leak in the leaky variant")
			}
			s.life.Stop()
			if left := leaktest.Await(waiting, leaktest.AtMost(before), time.Second) - before; left != 0 {
				t.Fatalf("%d context goroutines left after the lifetime ended, want 0", left)
			}
		})
	}
}

// TestOnlyAForeignParentCostsAGoroutine measures what a child nobody
// cancels costs under each kind of parent, on the Go it runs on: under a
// parent of package context's own, no goroutine; under a parent of another
// type, one each. Either way the parent's side holds the child until the
// parent ends.
func TestOnlyAForeignParentCostsAGoroutine(t *testing.T) {
	tests := []struct {
		name           string
		parent         func() (context.Context, func())
		wantGoroutines bool
	}{
		{name: "context.WithCancel parent", parent: cancelParent, wantGoroutines: false},
		{name: "parent of a foreign type", parent: foreignParent, wantGoroutines: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const children = 2000
			parent, end := tt.parent()
			goroutines := leaktest.Running(contextGoroutine)
			goroutinesBefore, heapBefore, stacksBefore := goroutines(), leaktest.LiveHeap(), leaktest.StackBytes()
			deriveAndForget(parent, children)
			leaktest.Await(goroutines, leaktest.AtLeast(goroutinesBefore, children), 100*time.Millisecond)
			got := goroutines() - goroutinesBefore
			held := float64(leaktest.LiveHeap()-heapBefore) / children
			stacks := float64(leaktest.StackBytes()-stacksBefore) / children
			end()
			if n := leaktest.Await(goroutines, leaktest.AtMost(goroutinesBefore), time.Second); n != goroutinesBefore {
				t.Fatalf("%d context goroutines after the parent ended, want %d", n, goroutinesBefore)
			}
			// What stays is the exited goroutines' records (about 500 B each),
			// which the runtime keeps for reuse.
			left := float64(leaktest.LiveHeap()-heapBefore) / children
			t.Logf("%s: %d children never cancelled: %d goroutines; per child %.0f B live heap and %.0f B stack, %.0f B once the parent ended",
				runtime.Version(), children, got, held, stacks, left)
			if want := map[bool]int{true: children, false: 0}[tt.wantGoroutines]; got != want {
				t.Fatalf("%d goroutines for %d uncancelled children, want %d", got, children, want)
			}
			if held-left < 64 {
				t.Fatalf("%.0f B per child while the parent lives, %.0f B after: want the parent to hold them until it ends", held, left)
			}
		})
	}
}

// deriveAndForget derives n children of parent and drops their cancel functions.
func deriveAndForget(parent context.Context, n int) {
	cancels := make([]context.CancelFunc, n) // dropped on return, never called
	for i := range cancels {
		_, cancels[i] = context.WithCancel(parent)
	}
}

func cancelParent() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	return ctx, cancel
}

func foreignParent() (context.Context, func()) {
	l := newLifetime()
	return l, l.Stop
}
