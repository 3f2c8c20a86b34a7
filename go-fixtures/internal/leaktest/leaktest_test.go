package leaktest

import (
	"testing"
	"time"
)

const traceback = `goroutine 1 [running]:
main.main()
	/src/main.go:30 +0x1d

goroutine 7 [chan receive]:
main.consume(...)
	/src/main.go:12
created by main.produce in goroutine 1
	/src/main.go:20 +0x25

goroutine 8 [runnable]:
main.produce.gowrap1()
	/src/main.go:20
created by main.produce in goroutine 1
	/src/main.go:20 +0x25`

func TestCountStacks(t *testing.T) {
	tests := []struct {
		name string
		give string
		want int
	}{
		{name: "running function", give: "main.consume(", want: 1},
		{name: "creator", give: "main.produce in goroutine ", want: 2},
		{name: "absent", give: "main.absent(", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countStacks(traceback, tt.give); got != tt.want {
				t.Fatalf("countStacks(%q) = %d, want %d", tt.give, got, tt.want)
			}
		})
	}
}

func TestStartedCountsGoroutinesBeforeTheyRun(t *testing.T) {
	release := make(chan struct{})
	started := Started("leaktest.TestStartedCountsGoroutinesBeforeTheyRun")
	for range 3 {
		go func() { <-release }()
	}
	if got := started(); got != 3 {
		t.Fatalf("Started = %d, want 3", got)
	}
	close(release)
	if got := Await(started, AtMost(0), time.Second); got != 0 {
		t.Fatalf("Started = %d after release, want 0", got)
	}
}
