package waitgroupmisuse

import (
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// NewService fans out to four shards, the last of which is down. The
// deadline is short so that the leaky handler, which always waits it out,
// still answers in a few milliseconds.
func NewService() *Service {
	return &Service{Shards: 4, Failing: 3, Deadline: 3 * time.Millisecond}
}

// Routes serves the variant's handler at /work; the fixed variant also
// serves the errgroup form at /work-errgroup.
func Routes(v fixture.Variant) http.Handler {
	s := NewService()
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", s.LeakyHandler)
	} else {
		mux.HandleFunc("/work", s.FixedHandler)
		mux.HandleFunc("/work-errgroup", s.FixedErrgroupHandler)
	}
	return mux
}
