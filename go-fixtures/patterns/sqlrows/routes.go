package sqlrows

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"leakrig/fixtures/internal/fixture"
)

// Routes serves the variant's handler at /work. ctx is the service's
// lifetime; queryContext ("service" or "request") picks the leaky handler's
// query context.
func Routes(ctx context.Context, v fixture.Variant, db *sql.DB, queryContext string) (http.Handler, error) {
	s := &Store{DB: db}
	switch queryContext {
	case "service":
		s.Context = ServiceContext(ctx)
	case "request":
		s.Context = RequestContext
	default:
		return nil, fmt.Errorf("unknown -query-context %q (want service or request)", queryContext)
	}
	mux := http.NewServeMux()
	if v == fixture.Leaky {
		mux.HandleFunc("/work", s.LeakyHandler)
	} else {
		mux.HandleFunc("/work", s.FixedHandler)
	}
	return mux, nil
}
