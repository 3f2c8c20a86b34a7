package sweep

import (
	"net/http"
	"strconv"
)

// Handler answers every request after a Spin(iterations): a small,
// CPU-bound request, so that throughput depends on how many Ps can serve.
func Handler(iterations int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(strconv.AppendUint(nil, Spin(iterations), 10))
	})
}
