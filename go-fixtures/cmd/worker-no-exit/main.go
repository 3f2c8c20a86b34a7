// Command worker-no-exit serves the nil-channel scenario (see package workernoexit).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/workernoexit"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return workernoexit.Routes(v), nil
	})
}
