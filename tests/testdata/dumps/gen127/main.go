// Command gen127 produces the Go 1.27 goroutine dumps leakrig's profile tests
// read (tests/testdata/dumps/go127_*). It lives in its own module because the
// header form depends on the main module's go line: this one says go 1.27, so
// debug=2 and tracebacks print pprof labels after the bracket,
// `goroutine 19 [chan send] {handler: /api/orders, tenant: t1}:`.
// tests/testdata/dumps/README.md gives the command line for every file.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"leakrig/fixtures/dumpfile"
)

func main() {
	mode := flag.String("mode", "profiles", "profiles|leakprofile|panic")
	out := flag.String("out", ".", "directory for the profile files")
	flag.Parse()
	if err := run(*mode, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen127:", err)
		os.Exit(1)
	}
}

func run(mode, out string) error {
	startLabelledLeaks()
	time.Sleep(200 * time.Millisecond) // let them reach their blocking point
	switch mode {
	case "profiles":
		return dumpfile.WriteProfiles(out, "goroutine", "go127_")
	case "leakprofile":
		return dumpfile.WriteProfiles(out, "goroutineleak", "go127_goroutineleak_")
	case "panic":
		panic("gen127: boom")
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// labelSet is one request's pprof labels and how many goroutines it leaks.
type labelSet struct {
	labels []string // key, value, key, value, ...
	leaks  int
}

// The values exercise both quoting rules: plain ones ([A-Za-z0-9./_]) print
// bare, everything else Go-quoted, with separators and escapes inside.
var labelSets = []labelSet{
	{[]string{"handler", "/api/orders", "tenant", "t1"}, 12},
	{[]string{"handler", "/api/users", "tenant", "t2"}, 8},
	{[]string{"handler", "/api/search", "query", `a b, c: {d} "e" ]`}, 6},
	{[]string{"handler", "/api/export", "user id", "Zoë ☕", "note", "x}:"}, 5},
	{[]string{"handler", "/api/import", "empty", "", "ctl", "tab\there\nnl"}, 4},
	{[]string{"route", "/api/orders", "t", "a b, c"}, 5},
}

// startLabelledLeaks starts, for each label set, goroutines that send on a
// channel nobody receives from ([chan send], proven leaked by the leak GC),
// plus two unlabelled ones, so a split by label has a bucket without it.
func startLabelledLeaks() {
	for _, set := range labelSets {
		pprof.Do(context.Background(), pprof.Labels(set.labels...), func(context.Context) {
			sendNoReceiver(set.leaks)
		})
	}
	sendNoReceiver(2)
}

func sendNoReceiver(n int) {
	for range n {
		result := make(chan int)
		go func() { result <- 42 }()
	}
}
