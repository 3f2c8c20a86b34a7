// Command forgotten-unlock serves the nil-channel scenario (see package forgottenunlock).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/forgottenunlock"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return forgottenunlock.Routes(v), nil
	})
}
