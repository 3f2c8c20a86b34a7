package rangeunclosed

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	ix := &Index{}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", ix.LeakyHandler)
	} else {
		mux.HandleFunc("/work", ix.FixedHandler)
	}
	return mux
}
