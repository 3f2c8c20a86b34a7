// Command context-not-propagated serves the nil-channel scenario (see package contextnotpropagated).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/contextnotpropagated"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return contextnotpropagated.Routes(v), nil
	})
}
