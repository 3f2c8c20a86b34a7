// Package fastfixture serves a github.com/valyala/fasthttp fixture under the
// contract of package fixture: the address announced on the first line of
// stdout, the same diagnostic endpoints, a clean exit on SIGTERM or SIGINT.
package fastfixture

import (
	"context"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"leakrig/fixtures/internal/fixture"
)

// Handler serves routes by exact path and hands every other path to
// fixture's net/http diagnostics (/healthz, /debug/pprof/, /debug/metrics).
// The adaptor runs each diagnostic request in a goroutine of its own, which
// the request waits for: goroutine dumps show one more, and no fewer.
func Handler(routes map[string]fasthttp.RequestHandler) fasthttp.RequestHandler {
	diagnostics := fasthttpadaptor.NewFastHTTPHandler(fixture.Routes(http.NotFoundHandler()))
	return func(ctx *fasthttp.RequestCtx) {
		if h, ok := routes[string(ctx.Path())]; ok {
			h(ctx)
			return
		}
		diagnostics(ctx)
	}
}

// Serve announces the address and serves srv until SIGTERM or SIGINT,
// then waits up to two seconds for its connections to close.
func Serve(srv *fasthttp.Server) error {
	ln, err := fixture.Listen()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	shutdown := make(chan error, 1)
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		shutdown <- srv.ShutdownWithContext(shutdownCtx)
	}()
	// Serve returns nil as soon as a shutdown starts; the shutdown itself
	// must be waited for, or the process would exit under open connections.
	if err := srv.Serve(ln); err != nil {
		return err
	}
	<-shutdown // a shutdown cut short by its timeout is no failure of the fixture
	return nil
}
