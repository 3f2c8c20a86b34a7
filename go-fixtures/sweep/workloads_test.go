package sweep

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestSpinDependsOnlyOnIterations(t *testing.T) {
	tests := []struct {
		name string
		give int
		want uint64
	}{
		{name: "no iterations", give: 0, want: 88172645463325252},
		{name: "one iteration", give: 1, want: Spin(1)},
		{name: "a thousand", give: 1000, want: Spin(1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spin(tt.give); got != tt.want {
				t.Errorf("Spin(%d) = %d, want %d", tt.give, got, tt.want)
			}
		})
	}
	if Spin(1) == Spin(2) {
		t.Error("Spin(1) == Spin(2): the loop does nothing")
	}
}

func TestWorkloadsFinishAndLeaveNothingBehind(t *testing.T) {
	const n, iterations, sleep = 50, 1000, 5 * time.Millisecond
	tests := []struct {
		name    string
		give    func() (uint64, error)
		want    uint64
		minWall time.Duration
	}{
		{name: "sleep", give: func() (uint64, error) { Sleep(n, sleep); return 0, nil }, minWall: sleep},
		{name: "cpu", give: func() (uint64, error) { return CPU(n, iterations), nil }, want: n * Spin(iterations)},
		{name: "syscall", give: func() (uint64, error) { return 0, Syscall(n, sleep) }, minWall: sleep},
		{name: "mixed", give: func() (uint64, error) { return Mixed(n, iterations, sleep), nil },
			want: n / 2 * Spin(iterations), minWall: sleep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t)
			start := time.Now()
			got, err := tt.give()
			wall := time.Since(start)
			if err != nil || got != tt.want {
				t.Fatalf("got (%d, %v), want (%d, nil)", got, err, tt.want)
			}
			if wall < tt.minWall || wall > 2*time.Second {
				t.Errorf("took %v, want between %v and 2s", wall, tt.minWall)
			}
		})
	}
}

// The article's case, small: 200 sleeps of 10 ms at GOMAXPROCS=1 take about
// 10 ms, not 200 × 10 ms, because a sleeping goroutine holds no P.
func TestSleepersDoNotQueueForTheP(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	start := time.Now()
	Sleep(200, 10*time.Millisecond)
	if wall := time.Since(start); wall > 500*time.Millisecond {
		t.Errorf("200 sleeps of 10ms at GOMAXPROCS=1 took %v; sleepers should not wait for each other", wall)
	}
}

func TestHandlerAnswersWithTheSpin(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler(100).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != strconv.FormatUint(Spin(100), 10) {
		t.Errorf("got %d %q, want 200 %d", rec.Code, rec.Body.String(), Spin(100))
	}
}
