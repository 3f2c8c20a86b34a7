package workernoexit

import (
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// Heartbeat is how often a worker wakes when it has no job.
const Heartbeat = 5 * time.Second

// MaxWorkers bounds the fixed variant's live workers: well above the load's
// concurrency, so that the bound never slows the fixture down.
const MaxWorkers = 64

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	p := NewPool(Heartbeat, MaxWorkers)
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", p.LeakyHandler)
	} else {
		mux.HandleFunc("/work", p.FixedHandler)
	}
	return mux
}
