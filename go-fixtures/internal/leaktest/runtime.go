package leaktest

import (
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
)

// LiveHeap returns the bytes of live heap right after a full GC.
func LiveHeap() int64 {
	runtime.GC()
	return int64(readMetric("/gc/heap/live:bytes"))
}

// StackBytes returns the bytes of memory the goroutine stacks take.
func StackBytes() int64 { return int64(readMetric("/memory/classes/heap/stacks:bytes")) }

func readMetric(name string) uint64 {
	sample := []metrics.Sample{{Name: name}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// AsyncTimerChanHonoured tells whether this runtime still has the GODEBUG
// setting asynctimerchan (the timers of Go before 1.23): it counts the
// setting's uses in runtime/metrics only then. Go 1.27 removed it.
func AsyncTimerChanHonoured() bool {
	for _, d := range metrics.All() {
		if d.Name == "/godebug/non-default-behavior/asynctimerchan:events" {
			return true
		}
	}
	return false
}

// RuntimeLeaked counts the goroutines with fn in their stack that the
// runtime's own leak detector marks leaked, from its goroutineleak profile
// (built into Go 1.27; Go 1.26 only with GOEXPERIMENT=goroutineleakprofile).
// ok is false when this runtime has no such profile.
func RuntimeLeaked(fn string) (n int, ok bool) {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		return 0, false
	}
	var dump strings.Builder
	p.WriteTo(&dump, 2) // every goroutine, the leaked ones marked "[select (leaked)]:"
	return countRecords(dump.String(), headerAndStack(" (leaked)", fn)), true
}
