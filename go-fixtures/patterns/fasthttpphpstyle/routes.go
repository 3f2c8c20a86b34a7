package fasthttpphpstyle

import (
	"time"

	"github.com/valyala/fasthttp"

	"leakrig/fixtures/internal/fastfixture"
	"leakrig/fixtures/internal/fixture"
)

// Work is the side job's length: below the manifest's drain_seconds, so
// the leaky variant's goroutines linger and then go. Deadline is the fixed
// handler's budget for it: it keeps requests at a few milliseconds.
const (
	Work     = 2 * time.Second
	Deadline = 3 * time.Millisecond
)

// Concurrency is the fixed server's bound on connections served at once.
const Concurrency = 256

// NewServer serves the variant's handler at /work beside the diagnostics.
func NewServer(v fixture.Variant, s *Service) *fasthttp.Server {
	h := s.LeakyHandler
	if v == fixture.Fixed {
		h = s.FixedHandler
	}
	srv := &fasthttp.Server{
		Handler:      fastfixture.Handler(map[string]fasthttp.RequestHandler{"/work": h}),
		ReadTimeout:  10 * time.Second,
		WriteTimeout: 60 * time.Second, // above pprof's ?seconds=N
		IdleTimeout:  30 * time.Second,
		// fasthttp parks a worker goroutine per recently closed connection
		// for this long (10 s by default); both variants keep it short, so
		// that the harness does not count an idle pool as a leak.
		MaxIdleWorkerDuration: 200 * time.Millisecond,
	}
	if v == fixture.Fixed {
		srv.Concurrency = Concurrency // FIX: bounds connections, and with them every goroutine
	}
	return srv
}
