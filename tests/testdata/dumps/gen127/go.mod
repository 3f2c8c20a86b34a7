module leakrig/gen127

// go 1.27 turns on tracebacklabels: the runtime prints pprof labels after a
// goroutine header's bracket. A go 1.26 line would keep them off.
go 1.27

// dumpfile (writing a profile at three debug levels) is shared with
// go-fixtures/cmd/dumpgen.
require leakrig/fixtures v0.0.0

replace leakrig/fixtures => ../../../../go-fixtures
