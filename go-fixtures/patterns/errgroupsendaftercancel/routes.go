package errgroupsendaftercancel

import (
	"net/http"
	"time"

	"leakrig/fixtures/internal/fixture"
)

// Shards per request, one of them failing: two workers per request are
// left with an answer to send.
const Shards = 3

// Work is how long a healthy shard takes: long enough that the failing one
// has always cancelled the group first.
const Work = time.Millisecond

// Routes serves the variant's handler at /work.
func Routes(v fixture.Variant) http.Handler {
	s := &Service{Shards: Shards, Failing: 0, Work: Work}
	return fixture.Work(v, s.LeakyHandler, s.FixedHandler)
}
