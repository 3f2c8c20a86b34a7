package unbufferedsend

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", LeakyHandler)
	} else {
		mux.HandleFunc("/work", FixedHandler)
		mux.HandleFunc("/work-select", FixedSelectHandler)
	}
	return mux
}
