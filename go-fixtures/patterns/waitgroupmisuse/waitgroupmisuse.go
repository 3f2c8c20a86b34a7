// Package waitgroupmisuse is the lesson "a Done that an error path skips".
//
// The handler fans a request out to a few shards and a closer goroutine
// closes the results channel once the WaitGroup says all shards are done.
// One shard always fails, and the leaky shard code returns on its error
// before calling wg.Done(): the counter never reaches zero, so wg.Wait() in
// the closer, which has no timeout, blocks forever, one goroutine per
// request in [sync.WaitGroup.Wait]. The handler itself still answers, with
// what it gathered before its deadline.
package waitgroupmisuse

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

var errShardDown = errors.New("shard down")

// Service sums the answers of Shards shards; shard Failing always errs.
type Service struct {
	Shards   int
	Failing  int
	Deadline time.Duration // how long the handler gathers answers
}

// shard is one part of the work; it is quick, or it fails.
func (s *Service) shard(ctx context.Context, i int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if i == s.Failing {
		return 0, errShardDown
	}
	return i * i, nil
}

// LeakyHandler: the error path skips wg.Done().
func (s *Service) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	results := make(chan int, s.Shards)
	var wg sync.WaitGroup
	wg.Add(s.Shards)
	for i := range s.Shards {
		go func() {
			v, err := s.shard(r.Context(), i)
			if err != nil {
				return // LEAK: returns without wg.Done()
			}
			results <- v
			wg.Done()
		}()
	}
	go closeWhenDone(&wg, results)
	s.respond(w, r, results)
}

// FixedHandler: defer wg.Done() runs on every path out of the shard.
// (Since Go 1.25, wg.Go(f) does the Add and the deferred Done in one call.)
func (s *Service) FixedHandler(w http.ResponseWriter, r *http.Request) {
	results := make(chan int, s.Shards)
	var wg sync.WaitGroup
	wg.Add(s.Shards)
	for i := range s.Shards {
		go func() {
			defer wg.Done() // FIX: counted down even when the shard fails
			if v, err := s.shard(r.Context(), i); err == nil {
				results <- v
			}
		}()
	}
	go closeWhenDone(&wg, results)
	s.respond(w, r, results)
}

// FixedErrgroupHandler: errgroup counts the goroutines itself, cancels
// the others at the first error and returns it; nothing is left to forget.
func (s *Service) FixedErrgroupHandler(w http.ResponseWriter, r *http.Request) {
	g, ctx := errgroup.WithContext(r.Context()) // FIX: Go and Wait pair up by construction
	answers := make([]int, s.Shards)
	for i := range s.Shards {
		g.Go(func() (err error) {
			answers[i], err = s.shard(ctx, i)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	sum := 0
	for _, v := range answers {
		sum += v
	}
	fmt.Fprintf(w, "sum=%d complete\n", sum)
}

// closeWhenDone closes results once every shard has called Done.
func closeWhenDone(wg *sync.WaitGroup, results chan<- int) {
	wg.Wait() // LEAK (leaky shards): no timeout, and the count never reaches zero
	close(results)
}

// respond sums the results until they are closed or the deadline passes.
func (s *Service) respond(w http.ResponseWriter, r *http.Request, results <-chan int) {
	ctx, cancel := context.WithTimeout(r.Context(), s.Deadline)
	defer cancel()
	sum := 0
	for {
		select {
		case v, ok := <-results:
			if !ok {
				fmt.Fprintf(w, "sum=%d complete\n", sum)
				return
			}
			sum += v
		case <-ctx.Done():
			fmt.Fprintf(w, "sum=%d partial\n", sum)
			return
		}
	}
}
