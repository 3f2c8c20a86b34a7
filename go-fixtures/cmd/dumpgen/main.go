// Command dumpgen produces the real goroutine dumps leakrig's profile tests
// read (tests/testdata/dumps). Each mode starts a fixed set of leaking
// goroutines, then writes one kind of dump; tests/testdata/dumps/README.md
// gives the command line for every file.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"leakrig/fixtures/dumpfile"
)

func main() {
	mode := flag.String("mode", "profiles", "profiles|leakprofile|panic|deadlock|sigquit|elided|minutes|big")
	out := flag.String("out", ".", "directory for the profile files")
	wait := flag.Duration("wait", 70*time.Second, "how long -mode=minutes keeps its goroutines blocked")
	flag.Parse()
	if err := run(*mode, *out, *wait); err != nil {
		fmt.Fprintln(os.Stderr, "dumpgen:", err)
		os.Exit(1)
	}
}

func run(mode, out string, wait time.Duration) error {
	switch mode {
	case "profiles":
		return writeProfiles(out, "goroutine", "go126_")
	case "leakprofile":
		return writeProfiles(out, "goroutineleak", "go126_goroutineleak_")
	case "panic":
		startAllLeaks()
		settle()
		panic("dumpgen: boom")
	case "deadlock":
		deadlock()
	case "sigquit":
		startAllLeaks()
		if err := httpBodyNotClosed(); err != nil {
			return err
		}
		settle()
		syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		time.Sleep(time.Minute) // the runtime exits from its signal handler
	case "elided":
		go deepBlock(150, make(chan int))
		settle()
		return pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
	case "minutes":
		return blockedMinutes(wait)
	case "big":
		return bigDump()
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// settle lets the new goroutines reach their blocking point.
func settle() { time.Sleep(200 * time.Millisecond) }

// writeProfiles starts the leaks, then writes debug=1, debug=2 and debug=0
// of the named profile.
func writeProfiles(out, name, prefix string) error {
	startAllLeaks()
	if err := httpBodyNotClosed(); err != nil {
		return err
	}
	sleeper()
	settle()
	return dumpfile.WriteProfiles(out, name, prefix)
}

// deadlock blocks main after the other goroutines; with no timer or network
// left, the runtime reports "all goroutines are asleep".
func deadlock() {
	sendNoReceiver(2)
	forgottenUnlock(1)
	waitGroupNeverDone()
	block := make(chan int)
	<-block
}

// blockedMinutes waits until the runtime prints "N minutes": the wait is
// timed from the first GC that sees the goroutine blocked.
func blockedMinutes(wait time.Duration) error {
	startAllLeaks()
	settle()
	runtime.GC()
	time.Sleep(wait)
	runtime.GC()
	return pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
}

// bigDump blocks 90,000 goroutines 20 frames deep: their debug=2 text
// exceeds the 64 MiB runtime.Stack gives it, so the dump is cut.
func bigDump() error {
	block := make(chan int)
	for range 90000 {
		go deepBlock(20, block)
	}
	time.Sleep(2 * time.Second)
	return pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
}
