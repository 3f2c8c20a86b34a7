// Command context-never-cancelled serves the context-never-cancelled scenario (see package contextnevercancelled).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/contextnevercancelled"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return contextnevercancelled.Routes(v), nil
	})
}
