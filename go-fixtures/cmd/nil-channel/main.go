// Command nil-channel serves the nil-channel scenario (see package nilchannel).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/nilchannel"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return nilchannel.Routes(v), nil
	})
}
