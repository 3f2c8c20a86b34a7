// Command upstream serves the upstream that client-side scenarios call
// (see package upstream). It has no variants: -variant is accepted and
// ignored, so the harness may launch it like any other fixture.
package main

import (
	"flag"
	"fmt"
	"os"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/internal/upstream"
)

func main() {
	flag.String("variant", "", "ignored: the upstream has no variants")
	flag.Parse()
	if err := fixture.Serve(upstream.Handler()); err != nil {
		fmt.Fprintln(os.Stderr, "upstream:", err)
		os.Exit(2)
	}
}
