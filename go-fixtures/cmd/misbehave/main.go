// Command misbehave is a fixture that fails on purpose, one way per -mode, so
// that the harness's fault handling can be tested: every case must end in a
// clear `error` verdict that names the cause, never a hang or a crash.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/pprof"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"leakrig/fixtures/internal/fixture"
)

var mode = flag.String("mode", "", "crash-mid-load, hang-before-address, slow, http-500, "+
	"close-connections, garbage-pprof, truncated-pprof or stall-once")

func main() {
	fixture.Run(func(fixture.Variant) error {
		if *mode == "hang-before-address" {
			// Never prints the address; the harness must time out. (A bare
			// select {} would not do: with every goroutine blocked the runtime
			// ends the process with "all goroutines are asleep".)
			for {
				time.Sleep(time.Hour)
			}
		}
		routes, err := buildRoutes(*mode)
		if err != nil {
			return err
		}
		ln, err := fixture.Listen()
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: routes, ReadHeaderTimeout: 5 * time.Second}
		return srv.Serve(ln)
	})
}

// buildRoutes serves /healthz and the pprof index normally, with /work and
// /debug/pprof/goroutine broken as the mode says.
func buildRoutes(mode string) (http.Handler, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/metrics", fixture.ServeMetrics)
	work, goroutine := http.HandlerFunc(ok), http.Handler(pprof.Handler("goroutine"))
	switch mode {
	case "crash-mid-load":
		// Few enough to be reached even when a starved machine makes few
		// requests in the 0.5 s of load.
		work = crashAfter(5)
	case "slow":
		work = func(w http.ResponseWriter, r *http.Request) { time.Sleep(30 * time.Second) }
	case "http-500":
		work = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "broken", http.StatusInternalServerError) }
	case "close-connections":
		work = hangUp
	case "garbage-pprof":
		goroutine = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<html><body>this is not a goroutine profile</body></html>\n"))
		})
	case "stall-once":
		work = stallOnce(time.Second, time.Second)
	case "truncated-pprof":
		goroutine = http.HandlerFunc(truncatedProfile)
	default:
		return nil, fmt.Errorf("unknown -mode %q", mode)
	}
	mux.HandleFunc("/work", work)
	mux.Handle("/debug/pprof/goroutine", goroutine)
	return mux, nil
}

func ok(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) }

// crashAfter answers n requests, then the process dies as a panic would.
func crashAfter(n int64) http.HandlerFunc {
	var served atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) > n {
			fmt.Fprintln(os.Stderr, "misbehave: crashing on purpose")
			os.Exit(3)
		}
		ok(w, r)
	}
}

// stallOnce answers at once, except that from `after` past the first request
// every request is held until `stall` has gone by: the whole server pauses
// once, as a long lock or GC pause would. A client that only times requests
// from their send sees the few in flight; one that times them from when they
// were due sees every request the pause held back (coordinated omission).
func stallOnce(after, stall time.Duration) http.HandlerFunc {
	var once sync.Once
	var begin time.Time
	return func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { begin = time.Now() })
		now := time.Now()
		if from := begin.Add(after); now.After(from) && now.Before(from.Add(stall)) {
			time.Sleep(from.Add(stall).Sub(now))
		}
		ok(w, r)
	}
}

// hangUp closes the connection without answering.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// truncatedProfile promises a long body, sends its first line, and hangs up.
func truncatedProfile(w http.ResponseWriter, _ *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
	buf.WriteString("goroutine profile: total 4\n1 @ 0x43b256 0x40708c\n#\t0x6a8964\tmain.blocked")
	buf.Flush()
}
