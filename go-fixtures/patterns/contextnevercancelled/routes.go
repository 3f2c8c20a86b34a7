package contextnevercancelled

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work (a derived context never
// cancelled), and at /work-afterfunc its AfterFunc form (a stop function
// dropped).
func Routes(v fixture.Variant) http.Handler {
	s := NewService()
	mux := fixture.Work(v, s.LeakyHandler, s.FixedHandler)
	mux.HandleFunc("/work-afterfunc", fixture.Pick(v, s.LeakyAfterFuncHandler, s.FixedAfterFuncHandler))
	return mux
}
