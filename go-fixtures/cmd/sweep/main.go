// Command sweep runs one workload of package sweep once and prints a JSON
// report line on stdout; `leakrig sweep` runs it once per (GOMAXPROCS,
// workload, repeat), with GOMAXPROCS and GODEBUG=schedtrace set in its
// environment.
//
// The http workload serves instead: it prints its address first (the
// fixture contract), serves until SIGTERM while leakrig drives load at it,
// then prints its report.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/sweep"
)

func main() {
	var cfg sweep.Config
	flag.StringVar(&cfg.Workload, "workload", "sleep", "sleep, cpu, syscall, mixed or http")
	flag.IntVar(&cfg.Goroutines, "goroutines", 1000, "goroutines the workload starts")
	flag.DurationVar(&cfg.Sleep, "sleep", sweep.DefaultSleep, "each sleeper's sleep, and the syscall workload's wait")
	iterations := flag.Int("iterations", 0, "Spin iterations per computing goroutine, or per request for http (0: the workload's default)")
	flag.DurationVar(&cfg.SampleEvery, "sample-every", sweep.DefaultSampleEvery, "runtime/metrics sampling interval (0: off)")
	flag.Parse()
	cfg.Iterations = sweep.Iterations(cfg.Workload, *iterations)
	report, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sweep:", err)
		os.Exit(2)
	}
	line, _ := json.Marshal(report)
	// One write of one line: the harness reads it whole.
	os.Stdout.Write(append(line, '\n'))
}

func run(cfg sweep.Config) (sweep.Report, error) {
	if cfg.Workload == "http" {
		return sweep.Measure(cfg, func() (uint64, error) {
			return 0, fixture.Serve(sweep.Handler(cfg.Iterations))
		})
	}
	work, err := sweep.NewWork(cfg)
	if err != nil {
		return sweep.Report{}, err
	}
	return sweep.Measure(cfg, work)
}
