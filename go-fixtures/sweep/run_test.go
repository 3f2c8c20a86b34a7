package sweep

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestNewWork(t *testing.T) {
	tests := []struct {
		name    string
		give    Config
		wantErr string
	}{
		{name: "sleep", give: Config{Workload: "sleep", Goroutines: 1}},
		{name: "cpu", give: Config{Workload: "cpu", Goroutines: 1}},
		{name: "syscall", give: Config{Workload: "syscall", Goroutines: 1}},
		{name: "mixed", give: Config{Workload: "mixed", Goroutines: 1}},
		{name: "http serves, it is no Work", give: Config{Workload: "http", Goroutines: 1}, wantErr: "unknown workload"},
		{name: "unknown", give: Config{Workload: "disk", Goroutines: 1}, wantErr: "unknown workload \"disk\""},
		{name: "no goroutines", give: Config{Workload: "cpu"}, wantErr: "goroutines = 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work, err := NewWork(tt.give)
			if tt.wantErr == "" && (err != nil || work == nil) {
				t.Fatalf("NewWork: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("NewWork error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestIterations(t *testing.T) {
	tests := []struct {
		name     string
		workload string
		give     int
		want     int
	}{
		{name: "cpu default", workload: "cpu", want: DefaultCPUIterations},
		{name: "http default", workload: "http", want: DefaultRequestIterations},
		{name: "override", workload: "http", give: 7, want: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Iterations(tt.workload, tt.give); got != tt.want {
				t.Errorf("Iterations(%q, %d) = %d, want %d", tt.workload, tt.give, got, tt.want)
			}
		})
	}
}

func TestMeasureReportsTimesAndPeaks(t *testing.T) {
	tests := []struct {
		name        string
		sampleEvery time.Duration
		wantSamples bool
	}{
		{name: "sampled", sampleEvery: time.Millisecond, wantSamples: true},
		{name: "unsampled", sampleEvery: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{Workload: "cpu", Goroutines: 20, Iterations: 200_000, SampleEvery: tt.sampleEvery}
			work, err := NewWork(cfg)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Measure(cfg, work)
			if err != nil {
				t.Fatal(err)
			}
			if r.Workload != "cpu" || r.GOMAXPROCS != runtime.GOMAXPROCS(0) || r.Goroutines != 20 {
				t.Errorf("report names the wrong run: %+v", r)
			}
			if r.WallSeconds <= 0 || r.UserSeconds+r.SysSeconds <= 0 || r.Checksum != 20*Spin(200_000) {
				t.Errorf("report measured nothing: %+v", r)
			}
			if got := r.Samples >= 2 && r.ThreadsPeak >= 1; got != tt.wantSamples {
				t.Errorf("samples=%d threads_peak=%d; want sampling %v", r.Samples, r.ThreadsPeak, tt.wantSamples)
			}
		})
	}
}

// A blocked read holds a thread: many concurrent readers raise the thread
// count above GOMAXPROCS, which is what the syscall workload shows.
func TestSyscallReadersHoldThreads(t *testing.T) {
	s := StartSampler(time.Millisecond)
	if err := Syscall(50, 30*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	peaks := s.Stop()
	if limit := uint64(runtime.GOMAXPROCS(0)) + 4; peaks.Threads <= limit {
		t.Errorf("threads peak %d, want above %d: blocked reads should hold threads", peaks.Threads, limit)
	}
}
