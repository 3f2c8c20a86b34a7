package sweep

import (
	"runtime/metrics"
	"time"
)

// The runtime/metrics readings a Sampler keeps the peak of. Both are cheap:
// they come from one pass over the Ps under the scheduler lock, without
// stopping the world (runtime/metrics.go, schedStatsAggregate).
const (
	runnableMetric = "/sched/goroutines/runnable:goroutines"
	threadsMetric  = "/sched/threads/total:threads"
)

// Peaks is what a Sampler saw, and what seeing it cost.
type Peaks struct {
	Runnable uint64        // most goroutines waiting for a P at once
	Threads  uint64        // most OS threads the runtime owned at once
	Samples  int           // readings taken
	Cost     time.Duration // time spent inside metrics.Read, summed
}

// Sampler reads runtime/metrics every interval from a goroutine of its own
// and keeps the peaks. That goroutine needs a P like any other: when every P
// is busy computing it reads only when the scheduler gives it a turn (about
// every 10 ms, the preemption slice), so under CPU load the interval is a
// lower bound.
type Sampler struct {
	stop chan struct{}
	done chan Peaks
}

// StartSampler takes a first reading at once, then one every interval.
func StartSampler(interval time.Duration) *Sampler {
	s := &Sampler{stop: make(chan struct{}), done: make(chan Peaks, 1)}
	peaks := Peaks{}
	samples := newSamples()
	read(samples, &peaks)
	go s.loop(interval, samples, peaks)
	return s
}

// Stop takes a last reading and returns the peaks.
func (s *Sampler) Stop() Peaks {
	close(s.stop)
	return <-s.done
}

func (s *Sampler) loop(interval time.Duration, samples []metrics.Sample, peaks Peaks) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			read(samples, &peaks)
		case <-s.stop:
			read(samples, &peaks)
			s.done <- peaks
			return
		}
	}
}

func newSamples() []metrics.Sample {
	return []metrics.Sample{{Name: runnableMetric}, {Name: threadsMetric}}
}

// read takes one reading into peaks. A metric this runtime does not know
// reads as KindBad and counts as 0.
func read(samples []metrics.Sample, peaks *Peaks) {
	start := time.Now()
	metrics.Read(samples)
	peaks.Cost += time.Since(start)
	peaks.Samples++
	peaks.Runnable = max(peaks.Runnable, uint64Value(samples[0]))
	peaks.Threads = max(peaks.Threads, uint64Value(samples[1]))
}

func uint64Value(s metrics.Sample) uint64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}
