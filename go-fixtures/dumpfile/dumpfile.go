// Package dumpfile writes a goroutine profile at debug=1, 2 and 0 into
// files, the way leakrig's golden dumps are stored. It is shared by
// cmd/dumpgen (Go 1.26 dumps) and tests/testdata/dumps/gen127 (a module of
// its own, go 1.27, that imports it through a replace directive).
package dumpfile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// WriteProfiles writes PREFIXdebug1.txt, PREFIXdebug2.txt and
// PREFIXdebug0.pb.gz of the named profile into dir. For goroutineleak on
// Go 1.26 the binary must be built with GOEXPERIMENT=goroutineleakprofile;
// on Go 1.27 the profile is built in.
func WriteProfiles(dir, name, prefix string) error {
	profile := pprof.Lookup(name)
	if profile == nil {
		return fmt.Errorf("no %q profile in this build", name)
	}
	files := []struct {
		file  string
		debug int
	}{{"debug1.txt", 1}, {"debug2.txt", 2}, {"debug0.pb.gz", 0}}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, prefix+f.file), profile, f.debug); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, profile *pprof.Profile, debug int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := profile.WriteTo(f, debug); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
