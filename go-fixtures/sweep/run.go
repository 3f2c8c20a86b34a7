package sweep

import (
	"fmt"
	"runtime"
	"syscall"
	"time"
)

// Config says what one run of the fixture does.
type Config struct {
	Workload   string
	Goroutines int
	Sleep      time.Duration // each sleeper's sleep; the syscall workload's wait
	Iterations int           // Spin iterations of each computing goroutine or request
	// SampleEvery is the runtime/metrics sampling interval; 0 turns sampling
	// off, for the runs that measure what sampling costs.
	SampleEvery time.Duration
}

// Report is the fixture's result: one JSON line on stdout once the workload
// is done.
type Report struct {
	Workload        string  `json:"workload"`
	GOMAXPROCS      int     `json:"gomaxprocs"`
	NumCPU          int     `json:"num_cpu"`
	Goroutines      int     `json:"goroutines"`
	SleepSeconds    float64 `json:"sleep_seconds"`
	Iterations      int     `json:"iterations"`
	WallSeconds     float64 `json:"wall_seconds"`
	UserSeconds     float64 `json:"user_seconds"`
	SysSeconds      float64 `json:"sys_seconds"`
	RunnablePeak    uint64  `json:"runnable_peak"`
	ThreadsPeak     uint64  `json:"threads_peak"`
	Samples         int     `json:"samples"`
	SamplingSeconds float64 `json:"sampling_seconds"`
	Checksum        uint64  `json:"checksum"`
}

// Work is a workload bound to its parameters. It returns a checksum of what
// it computed (0 when it computes nothing).
type Work func() (uint64, error)

// WorkloadNames lists the workloads in the order a sweep runs them.
func WorkloadNames() []string { return []string{"sleep", "cpu", "syscall", "mixed", "http"} }

// NewWork binds cfg's workload to cfg's parameters. The http workload is not
// here: it serves until told to stop, see cmd/sweep.
func NewWork(cfg Config) (Work, error) {
	if cfg.Goroutines < 1 {
		return nil, fmt.Errorf("goroutines = %d, want at least 1", cfg.Goroutines)
	}
	n, d, it := cfg.Goroutines, cfg.Sleep, cfg.Iterations
	switch cfg.Workload {
	case "sleep":
		return func() (uint64, error) { Sleep(n, d); return 0, nil }, nil
	case "cpu":
		return func() (uint64, error) { return CPU(n, it), nil }, nil
	case "syscall":
		return func() (uint64, error) { return 0, Syscall(n, d) }, nil
	case "mixed":
		return func() (uint64, error) { return Mixed(n, it, d), nil }, nil
	}
	return nil, fmt.Errorf("unknown workload %q (want sleep, cpu, syscall, mixed or http)", cfg.Workload)
}

// Measure runs work once and reports its wall time, the process's CPU time
// over the same span, and the peaks a Sampler saw meanwhile.
func Measure(cfg Config, work Work) (Report, error) {
	var sampler *Sampler
	if cfg.SampleEvery > 0 {
		sampler = StartSampler(cfg.SampleEvery)
	}
	userBefore, sysBefore := cpuTimes()
	start := time.Now()
	sum, err := work()
	wall := time.Since(start)
	userAfter, sysAfter := cpuTimes()
	var peaks Peaks
	if sampler != nil {
		peaks = sampler.Stop()
	}
	return Report{
		Workload:        cfg.Workload,
		GOMAXPROCS:      runtime.GOMAXPROCS(0),
		NumCPU:          runtime.NumCPU(),
		Goroutines:      cfg.Goroutines,
		SleepSeconds:    cfg.Sleep.Seconds(),
		Iterations:      cfg.Iterations,
		WallSeconds:     wall.Seconds(),
		UserSeconds:     (userAfter - userBefore).Seconds(),
		SysSeconds:      (sysAfter - sysBefore).Seconds(),
		RunnablePeak:    peaks.Runnable,
		ThreadsPeak:     peaks.Threads,
		Samples:         peaks.Samples,
		SamplingSeconds: peaks.Cost.Seconds(),
		Checksum:        sum,
	}, err
}

// cpuTimes is the user and system CPU time of the whole process so far, all
// threads included.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0 // never on Linux; a zero reads as "not measured"
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// Defaults of the fixture's flags. The iteration counts are sized so that the
// default sweep (4 GOMAXPROCS values × 5 workloads × 5 repeats) stays within
// a minute on 2 cores.
const (
	DefaultSleep       = 10 * time.Millisecond // the article's sleep
	DefaultSampleEvery = time.Millisecond
	// About 0.25 ms of Spin per goroutine: 1000 of them keep one core busy
	// for about 0.25 s.
	DefaultCPUIterations = 250_000
	// About 20 µs per request: enough that serving is CPU-bound, little
	// enough that the load driver keeps up.
	DefaultRequestIterations = 20_000
)

// Iterations is the Spin count a workload uses: override when positive,
// otherwise the workload's default.
func Iterations(workload string, override int) int {
	switch {
	case override > 0:
		return override
	case workload == "http":
		return DefaultRequestIterations
	}
	return DefaultCPUIterations
}
