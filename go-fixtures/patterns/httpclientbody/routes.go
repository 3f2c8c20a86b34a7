package httpclientbody

import (
	"errors"
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// IdleConnTimeout is how long the fixed client keeps an idle connection.
const IdleConnTimeout = 250 * time.Millisecond

// Routes serves the variant's handler at /work, calling the upstream at
// upstreamAddr ("127.0.0.1:PORT").
func Routes(v fixture.Variant, upstreamAddr string) (http.Handler, error) {
	if upstreamAddr == "" {
		return nil, errors.New("no upstream address: set LEAKRIG_UPSTREAM or -upstream")
	}
	c := &Caller{URL: "http://" + upstreamAddr + "/"}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", c.LeakyHandler)
	} else {
		c.Client = NewClient(IdleConnTimeout)
		mux.HandleFunc("/work", c.FixedHandler)
	}
	return mux, nil
}
