// Command time-after-trap serves the time-after-trap scenario (see package
// timeaftertrap). With -timers=N it serves the memory case instead.
package main

import (
	"flag"
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/timeaftertrap"
)

func main() {
	timers := flag.Int("timers", 0, "memory case: time.After selects per request (0: the watchdog case)")
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return timeaftertrap.Routes(v, *timers), nil
	})
}
