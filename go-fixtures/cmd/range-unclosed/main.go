// Command range-unclosed serves the nil-channel scenario (see package rangeunclosed).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/rangeunclosed"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return rangeunclosed.Routes(v), nil
	})
}
