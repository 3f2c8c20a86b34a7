// Package upstream is the service that client-side scenarios call: a plain
// handler with a small, non-empty body.
package upstream

import "net/http"

// Body is what every request gets. It must not be empty: an empty body
// comes back to the client as http.NoBody, whose connection returns to the
// pool at once, and an unclosed body would then leak nothing.
const Body = "upstream says hello\n"

// Handler answers every path with Body.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(Body))
	})
}
