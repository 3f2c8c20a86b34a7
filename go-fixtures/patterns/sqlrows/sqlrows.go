// Package sqlrows is the lesson "rows nobody closes".
//
// Each request looks for the first large order in a real PostgreSQL and
// answers as soon as it finds one. The leaky handler returns from inside the
// rows.Next loop without rows.Close(). database/sql closes a Rows by itself
// only when the Rows is read to the end or when the query's context ends:
// for every query whose context can end, it starts a goroutine,
// database/sql.(*Rows).awaitDone, that waits for that moment. The leaky
// store queries with the context it was built with, which lives as long as
// the service, so that moment never comes: each request leaves behind one
// awaitDone goroutine [select] and one pooled connection, checked out for
// good. Once the pool's MaxOpen connections are all held, every further
// query waits for a connection that never comes back, in
// database/sql.(*DB).conn [select]: the service stops answering.
//
// With the request's own context the same missing Close costs nothing
// lasting: net/http cancels r.Context() when the handler returns, and
// awaitDone closes the rows then (-query-context=request).
package sqlrows

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
)

// LargeOrder is the total from which an order counts as large.
const LargeOrder = 900

// query lists every order; the handler wants only the first large one.
const query = `SELECT id, total FROM orders ORDER BY id`

// Store answers /work from the orders table.
type Store struct {
	DB *sql.DB
	// Context picks the context a leaky query runs under: the service's own
	// (ServiceContext) or the request's (RequestContext).
	Context func(r *http.Request) context.Context
}

// ServiceContext returns a Store.Context that hands every query ctx, the
// service's lifetime: a store that keeps the context it was built with.
func ServiceContext(ctx context.Context) func(*http.Request) context.Context {
	return func(*http.Request) context.Context { return ctx }
}

// RequestContext is the Store.Context that hands every query the request's context.
func RequestContext(r *http.Request) context.Context { return r.Context() }

// LeakyHandler returns at the first large order and never closes the rows.
func (s *Store) LeakyHandler(w http.ResponseWriter, r *http.Request) {
	rows, err := s.DB.QueryContext(s.Context(r), query)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	for rows.Next() {
		var id, total int64
		if err := rows.Scan(&id, &total); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return // LEAK: rows is never closed
		}
		if total >= LargeOrder {
			fmt.Fprintf(w, "order %d: %d\n", id, total)
			return // LEAK: rows is never closed, its connection never goes back to the pool
		}
	}
	http.Error(w, "no large order", http.StatusNotFound) // read to the end: database/sql closed the rows
}

// FixedHandler closes the rows on every return, under the request's context.
func (s *Store) FixedHandler(w http.ResponseWriter, r *http.Request) {
	rows, err := s.DB.QueryContext(r.Context(), query) // FIX: ends with the request
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer rows.Close() // FIX: the connection goes back to the pool on every return
	for rows.Next() {
		var id, total int64
		if err := rows.Scan(&id, &total); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if total >= LargeOrder {
			fmt.Fprintf(w, "order %d: %d\n", id, total)
			return
		}
	}
	if err := rows.Err(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	http.Error(w, "no large order", http.StatusNotFound)
}
