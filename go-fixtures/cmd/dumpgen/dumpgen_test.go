package main

import (
	"os"
	"testing"
)

// TestHang produces the traceback of a `go test -timeout` panic. It only
// runs when asked: DUMPGEN_HANG=1 go test -run TestHang -timeout 2s .
func TestHang(t *testing.T) {
	if os.Getenv("DUMPGEN_HANG") == "" {
		t.Skip("set DUMPGEN_HANG=1 to produce a test-timeout traceback")
	}
	startAllLeaks()
	block := make(chan int)
	<-block
}
