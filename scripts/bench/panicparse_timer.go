//go:build ignore

// panicparse_timer parses and groups one goroutine dump with
// maruel/panicparse (stack.ScanSnapshot + Snapshot.Aggregate) and prints one
// JSON line: goroutines, groups, seconds. scripts/bench/parser_vs_panicparse
// copies it into a throwaway module that requires panicparse, so that
// panicparse is installed for the benchmark only.
//
// Options: everything that is not parsing or grouping is off (no local path
// guessing, no source analysis, no argument naming: the work leakrig analyze
// does not do either); AnyPointer grouping, as `pp` does by default. This is
// the fastest way to run panicparse, i.e. the most favourable to the peer.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/maruel/panicparse/v2/stack"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: panicparse_timer DUMP")
		os.Exit(2)
	}
	start := time.Now()
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	snapshot, _, err := stack.ScanSnapshot(f, io.Discard, &stack.Opts{})
	if err != nil && err != io.EOF {
		fmt.Fprintln(os.Stderr, "ScanSnapshot:", err)
		os.Exit(1)
	}
	if snapshot == nil {
		fmt.Fprintln(os.Stderr, "ScanSnapshot: no goroutines found")
		os.Exit(1)
	}
	groups := snapshot.Aggregate(stack.AnyPointer)
	elapsed := time.Since(start)
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"goroutines": len(snapshot.Goroutines),
		"groups":     len(groups.Buckets),
		"seconds":    elapsed.Seconds(),
	})
}
