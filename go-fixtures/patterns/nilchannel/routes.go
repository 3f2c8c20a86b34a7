package nilchannel

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work. The Collector lives as
// long as the process, so its drain goroutine is part of the baseline.
func Routes(v fixture.Variant) http.Handler {
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", NewLeakyCollector().LeakyHandler)
	} else {
		mux.HandleFunc("/work", NewCollector().FixedHandler)
	}
	return mux
}
