// Command minimal is the neutral server for load benchmarks: every path
// answers the same 13-byte body and does no work, so that the CPU a client
// spends per request is as large a share of the total as it can be. It has
// no variants: -variant is accepted and ignored, so the harness may launch it
// like any other fixture (the fixture contract: 127.0.0.1:0, address first,
// /healthz and pprof beside it, clean exit on SIGTERM).
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"

	"leakrig/fixtures/internal/fixture"
)

var body = []byte("Hello, World!")

func main() {
	flag.String("variant", "", "ignored: the minimal server has no variants")
	flag.Parse()
	hello := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(body) })
	if err := fixture.Serve(hello); err != nil {
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(2)
	}
}
