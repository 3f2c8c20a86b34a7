package sqlrows

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// Pool limits: a bounded pool, as production services set one. MaxOpen is
// what the leaky variant exhausts; MaxIdle keeps the fixed variant's
// connections for reuse under the catalog's load (4 connections).
const (
	MaxOpen = 64
	MaxIdle = 8
)

// seed makes the orders table: 200 orders, the first large one is id 25.
const seed = `
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, total bigint NOT NULL);
INSERT INTO orders SELECT g, (g * 37) % 1000 FROM generate_series(1, 200) AS g ON CONFLICT DO NOTHING`

// DSN is the data source name of the throwaway cluster leakrig starts at
// addr ("127.0.0.1:PORT"): superuser leakrig, trust authentication, no TLS.
func DSN(addr, application string) string {
	return fmt.Sprintf("postgres://leakrig@%s/postgres?sslmode=disable&application_name=%s", addr, application)
}

// Open connects to the PostgreSQL at addr, waiting up to wait for it to
// accept queries (a server that has just opened its port may still answer
// "the database system is starting up"), and creates the orders table.
func Open(addr, application string, wait time.Duration) (*sql.DB, error) {
	db, err := sql.Open("pgx", DSN(addr, application))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(MaxOpen)
	db.SetMaxIdleConns(MaxIdle)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	for {
		err = db.PingContext(ctx)
		if err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err == nil {
		_, err = db.ExecContext(ctx, seed)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres at %s: %w", addr, err)
	}
	return db, nil
}

// PoolMetrics reads db.Stats() into out, under names in the style of
// runtime/metrics, for /debug/metrics: how many connections are open and
// checked out, and how often and how long queries waited for one.
func PoolMetrics(db *sql.DB) func(out map[string]float64) {
	return func(out map[string]float64) {
		s := db.Stats()
		out["/sql/pool/max-open:connections"] = float64(s.MaxOpenConnections)
		out["/sql/pool/open:connections"] = float64(s.OpenConnections)
		out["/sql/pool/in-use:connections"] = float64(s.InUse)
		out["/sql/pool/idle:connections"] = float64(s.Idle)
		out["/sql/pool/wait-count:waits"] = float64(s.WaitCount)
		out["/sql/pool/wait-duration:seconds"] = s.WaitDuration.Seconds()
	}
}
