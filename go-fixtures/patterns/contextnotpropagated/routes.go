package contextnotpropagated

import (
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// Timeout is how long a request waits for the backend: short, so that
// requests stay fast and every one of them takes the timeout path.
const Timeout = 2 * time.Millisecond

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	s := &Service{Timeout: Timeout}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", s.LeakyHandler)
	} else {
		mux.HandleFunc("/work", s.FixedHandler)
	}
	return mux
}
