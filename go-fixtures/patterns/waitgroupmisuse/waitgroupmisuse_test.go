package waitgroupmisuse

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/goleak"

	"leakrig/fixtures/internal/leaktest"
)

func TestFixedHandlersDoNotLeak(t *testing.T) {
	tests := []struct {
		name     string
		give     func(*Service) http.HandlerFunc
		wantCode int
		wantBody string
	}{
		{
			name:     "defer",
			give:     func(s *Service) http.HandlerFunc { return s.FixedHandler },
			wantCode: http.StatusOK,
			wantBody: "sum=5 complete\n", // 0 + 1 + 4; shard 3 failed
		},
		{
			name:     "errgroup",
			give:     func(s *Service) http.HandlerFunc { return s.FixedErrgroupHandler },
			wantCode: http.StatusBadGateway,
			wantBody: "shard down\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			h := tt.give(NewService())
			leaktest.Serve(t, h, "/work", 20)
			rec := httptest.NewRecorder()
			h(rec, httptest.NewRequest(http.MethodGet, "/work", nil))
			if rec.Code != tt.wantCode || rec.Body.String() != tt.wantBody {
				t.Fatalf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tt.wantCode, tt.wantBody)
			}
		})
	}
}

func TestLeakyHandlerLeaksOneGoroutinePerRequest(t *testing.T) {
	tests := []struct {
		name string
		give int // requests
		want int // goroutines left behind, at least
	}{
		{name: "few", give: 5, want: 5},
		{name: "many", give: 20, want: 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewService()
			leaktest.ExpectStuck(t, http.HandlerFunc(s.LeakyHandler), "/work", "waitgroupmisuse.closeWhenDone", tt.give, tt.want)
		})
	}
	if err := goleak.Find(); err == nil {
		t.Fatal("goleak found no leak in the leaky variant")
	}
}
