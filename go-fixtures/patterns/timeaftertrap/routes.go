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
	h := map[fixture.Variant]http.HandlerFunc{fixture.Leaky: s.LeakyHandler, fixture.Fixed: s.FixedHandler}
	if timers > 0 {
		h = map[fixture.Variant]http.HandlerFunc{fixture.Leaky: s.LeakyTimersHandler, fixture.Fixed: s.FixedTimersHandler}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/work", h[v])
	return mux
}
