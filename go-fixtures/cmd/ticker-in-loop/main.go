// Command ticker-in-loop serves the ticker-in-loop scenario (see package tickerinloop).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/tickerinloop"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return tickerinloop.Routes(v), nil
	})
}
