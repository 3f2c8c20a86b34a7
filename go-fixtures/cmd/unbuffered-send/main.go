// Command unbuffered-send serves the unbuffered-send scenario (see package unbufferedsend).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/unbufferedsend"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return unbufferedsend.Routes(v), nil
	})
}
