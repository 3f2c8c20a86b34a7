package forgottenunlock

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work. The load requests /work
// without ?key=, so every request takes the early-return path.
func Routes(v fixture.Variant) http.Handler {
	s := NewStore()
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", s.LeakyHandler)
	} else {
		mux.HandleFunc("/work", s.FixedHandler)
	}
	return mux
}
