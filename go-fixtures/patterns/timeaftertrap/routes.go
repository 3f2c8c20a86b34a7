package timeaftertrap

import (
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// SlowAfter is the watchdog's timeout. It must stay below the manifest's
// drain_seconds for the leaky variant to come back down (lingering).
const SlowAfter = 3 * time.Second

// Routes serves the variant's handler at /work: the watchdog case, or with
// timers > 0 the memory case, with that many time.After selects per request.
func Routes(v fixture.Variant, timers int) http.Handler {
	s := &Service{SlowAfter: SlowAfter, Timers: timers, TimerTimeout: time.Hour}
	leaky, fixed := s.LeakyHandler, s.FixedHandler
	if timers > 0 {
		leaky, fixed = s.LeakyTimersHandler, s.FixedTimersHandler
	}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", leaky)
	} else {
		mux.HandleFunc("/work", fixed)
	}
	return mux
}
