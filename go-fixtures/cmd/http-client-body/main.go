// Command http-client-body serves the http-client-body scenario (see
// package httpclientbody). The harness starts the upstream fixture first and
// passes its address in LEAKRIG_UPSTREAM.
package main

import (
	"flag"
	"net/http"
	"os"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/httpclientbody"
)

func main() {
	upstream := flag.String("upstream", os.Getenv("LEAKRIG_UPSTREAM"), "upstream address, 127.0.0.1:PORT (default $LEAKRIG_UPSTREAM)")
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return httpclientbody.Routes(v, *upstream)
	})
}
