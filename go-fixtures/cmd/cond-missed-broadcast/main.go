// Command cond-missed-broadcast serves the cond-missed-broadcast scenario (see package condmissedbroadcast).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/condmissedbroadcast"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return condmissedbroadcast.Routes(v), nil
	})
}
