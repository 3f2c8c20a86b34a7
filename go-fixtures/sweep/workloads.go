// Package sweep holds the workloads of `leakrig sweep`: what GOMAXPROCS
// changes, and what it does not.
//
// GOMAXPROCS is the number of Ps, the tokens a thread must hold to run Go
// code. Each workload blocks or computes in a different way, so each meets
// the P limit in a different place:
//   - Sleep: a sleeping goroutine is parked on a timer and holds no P, so
//     1000 sleeps of 10 ms take about 10 ms at any GOMAXPROCS;
//   - CPU: computing needs a P the whole time, so it scales with GOMAXPROCS
//     up to the number of cores, then stops;
//   - Syscall: a goroutine blocked in the kernel keeps its thread (M) but
//     hands its P to another thread, so it costs threads, not Ps;
//   - Mixed: half CPU, half Sleep: the sleepers wake on time but queue for a
//     P behind the computing goroutines.
package sweep

import (
	"errors"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Sleep starts n goroutines that each sleep for d, and waits for them.
// This is the reference article's case.
func Sleep(n int, d time.Duration) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { time.Sleep(d) })
	}
	wg.Wait()
}

// CPU starts n goroutines that each run Spin(iterations), and waits for them.
// It returns the sum of their results so that no loop can be optimized away.
func CPU(n, iterations int) uint64 {
	var wg sync.WaitGroup
	var sum atomic.Uint64
	for range n {
		wg.Go(func() { sum.Add(Spin(iterations)) })
	}
	wg.Wait()
	return sum.Load()
}

// Spin runs a xorshift loop: registers only, no memory traffic and no calls,
// so its time is CPU time and nothing else. The result depends only on
// iterations.
func Spin(iterations int) uint64 {
	x := uint64(88172645463325252)
	for range iterations {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// Mixed starts n goroutines, alternately a Spin(iterations) and a sleep of d,
// and waits for them. It returns the sum of the spins.
func Mixed(n, iterations int, d time.Duration) uint64 {
	var wg sync.WaitGroup
	var sum atomic.Uint64
	for i := range n {
		if i%2 == 0 {
			wg.Go(func() { sum.Add(Spin(iterations)) })
		} else {
			wg.Go(func() { time.Sleep(d) })
		}
	}
	wg.Wait()
	return sum.Load()
}

// Syscall starts n goroutines that each block in read(2) on one pipe, then
// fills the pipe after d, and waits for them. The pipe is a raw blocking
// descriptor, not an *os.File, so the read waits in the kernel and not in
// the runtime's poller: each reader holds a thread, n readers need n threads.
func Syscall(n int, d time.Duration) error {
	var fds [2]int
	if err := syscall.Pipe2(fds[:], syscall.O_CLOEXEC); err != nil {
		return err
	}
	defer syscall.Close(fds[0])
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = readOneByte(fds[0]) })
	}
	time.Sleep(d)
	werr := writeAll(fds[1], make([]byte, n))
	// Closing the write end also frees the readers if the write failed:
	// they read end-of-file instead of waiting forever.
	syscall.Close(fds[1])
	wg.Wait()
	return errors.Join(append(errs, werr)...)
}

func readOneByte(fd int) error {
	var b [1]byte
	for {
		n, err := syscall.Read(fd, b[:])
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n != 1 {
			return errors.New("read: the pipe closed before its byte arrived")
		}
		return err
	}
}

func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}
