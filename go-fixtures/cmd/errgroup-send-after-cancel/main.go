// Command errgroup-send-after-cancel serves the errgroup-send-after-cancel scenario
// (see package errgroupsendaftercancel).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/errgroupsendaftercancel"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return errgroupsendaftercancel.Routes(v), nil
	})
}
