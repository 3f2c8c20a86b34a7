//go:build ignore

// bigdump writes a real debug=2 goroutine dump of a process holding N blocked
// goroutines (default 100,000, about 35 MB): the input of
// scripts/bench/parser_vs_panicparse and, with -n 50000 -deeper 4 (about
// 37 MB), of scripts/bench/parser_speed. Standard library only, so it runs
// anywhere with `go run`:
//
//	go run scripts/bench/bigdump.go -n 100000 -o /tmp/dump.txt
//
// The goroutines sit on a few dozen stacks, the way leaks pile up: 80% on
// eight "leak" shapes (chan send, chan receive, select, nil channel,
// sync.Mutex, sync.WaitGroup, sleep, sync.RWMutex), 20% spread over 32 others,
// 1 to 11 frames deep, about 350 bytes per goroutine (35 MB for 100,000).
// -cond puts the eighth shape in sync.Cond.Wait instead: its frame
// runtime_notifyListWait carries a ticket number that differs per goroutine,
// which groupings that compare argument values (panicparse's) split apart.
// -deeper D adds D frames below every stack; each frame's file path is the
// checkout's, so sizes vary a little with where the repository lives.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type blockers struct {
	send, recv, sel chan int
	nilch           chan int
	mu              sync.Mutex
	rw              sync.RWMutex
	wg              sync.WaitGroup
	cond            *sync.Cond
	useCond         bool
}

// Each shape ends in a different blocking call; depth varies the stack.
//
//go:noinline
func descend(b *blockers, shape, depth int, tag uint64) {
	if depth > 0 {
		descend(b, shape, depth-1, tag*31+uint64(depth))
		return
	}
	switch shape % 8 {
	case 0:
		b.send <- int(tag)
	case 1:
		<-b.recv
	case 2:
		select {
		case <-b.sel:
		case <-b.recv:
		}
	case 3:
		b.nilch <- 1
	case 4:
		b.mu.Lock()
	case 5:
		b.wg.Wait()
	case 6:
		time.Sleep(time.Hour)
	case 7:
		if b.useCond {
			b.cond.L.Lock()
			b.cond.Wait()
		} else {
			b.rw.RLock()
		}
	}
}

func main() {
	n := flag.Int("n", 100000, "goroutines to block")
	out := flag.String("o", "", "output file (default stdout)")
	cond := flag.Bool("cond", false, "block the eighth shape in sync.Cond.Wait instead of sync.RWMutex.RLock")
	deeper := flag.Int("deeper", 0, "frames added below every stack (each about 90 bytes per goroutine)")
	flag.Parse()

	b := &blockers{send: make(chan int), recv: make(chan int), sel: make(chan int), cond: sync.NewCond(&sync.Mutex{})}
	b.useCond = *cond
	b.mu.Lock() // held forever: every Lock below blocks
	b.rw.Lock() // and every RLock
	b.wg.Add(1) // never Done
	seed := uint64(1)
	next := func(bound int) int { // deterministic LCG: the same dump for the same -n
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(bound))
	}
	for i := 0; i < *n; i++ {
		shape := next(8) // a leak stack
		if next(5) == 0 {
			shape = 8 + next(32) // one of the others
		}
		depth := 0 // the leak shapes block right in descend
		if shape >= 8 {
			depth = 1 + shape%6
		}
		go descend(b, shape, depth+*deeper, uint64(i))
	}
	// Let every goroutine reach its blocking call (100,000 take about 0.2 s).
	time.Sleep(time.Second + time.Duration(*n)*10*time.Microsecond)
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bigdump:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := pprof.Lookup("goroutine").WriteTo(w, 2); err != nil {
		fmt.Fprintln(os.Stderr, "bigdump:", err)
		os.Exit(1)
	}
}
