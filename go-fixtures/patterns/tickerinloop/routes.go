package tickerinloop

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	s := &Service{RefillEvery: RefillEvery, Calls: 3}
	return fixture.Work(v, s.LeakyHandler, s.FixedHandler)
}
