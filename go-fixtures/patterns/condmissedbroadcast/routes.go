package condmissedbroadcast

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	s := &Service{}
	return fixture.Work(v, s.LeakyHandler, s.FixedHandler)
}
