// Command sql-rows-not-closed serves the sql-rows-not-closed scenario (see
// package sqlrows) against the PostgreSQL the harness starts first, whose
// address arrives in LEAKRIG_POSTGRES. /debug/metrics carries the pool's
// db.Stats() beside the runtime's figures.
package main

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/sqlrows"
)

func main() {
	addr := flag.String("postgres", os.Getenv("LEAKRIG_POSTGRES"), "PostgreSQL address, 127.0.0.1:PORT (default $LEAKRIG_POSTGRES)")
	queryContext := flag.String("query-context", "service", "the leaky handler's query context: service (lives as long as the process) or request")
	wait := flag.Duration("wait", 20*time.Second, "how long to wait for PostgreSQL to accept queries")
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		if *addr == "" {
			return nil, errors.New("no PostgreSQL address: set LEAKRIG_POSTGRES or -postgres")
		}
		db, err := sqlrows.Open(*addr, "sql-rows-not-closed", *wait)
		if err != nil {
			return nil, err
		}
		fixture.AddMetrics(sqlrows.PoolMetrics(db))
		// The service's lifetime, as services build it: cancelled at shutdown
		// and never before. (context.Background() could not be cancelled at
		// all: database/sql would start no awaitDone for it, and its rows would
		// pin their connections without a goroutine to show for it.)
		ctx, _ := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
		return sqlrows.Routes(ctx, v, db, *queryContext)
	})
}
