// Package pgtest starts a throwaway PostgreSQL for a test, the way leakrig's
// harness starts one for a scenario: initdb into a fresh temporary folder,
// postgres on a free loopback port with no Unix socket, both run as the
// postgres user when the test runs as root (PostgreSQL refuses root), and
// everything stopped and removed when the test ends.
package pgtest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Superuser is the role initdb makes; the cluster trusts every loopback connection.
const Superuser = "leakrig"

// Start returns the address ("127.0.0.1:PORT") of a PostgreSQL of its own,
// stopped at the end of t. It skips t only when the PostgreSQL server
// binaries are not installed (Debian's postgresql package; scripts/setup
// installs it).
func Start(t testing.TB) string {
	t.Helper()
	initdb, postgres, err := binaries()
	if err != nil {
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cred, err := credential(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	initArgs := []string{"-D", data, "-U", Superuser, "--auth=trust", "--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"}
	if out, err := command(cred, initdb, initArgs...).CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	log, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		t.Fatal(err)
	}
	server := command(cred, postgres, "-D", data, "-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "shared_buffers=16MB")
	server.Stdout, server.Stderr = log, log
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(t, server, log.Name()) })
	return fmt.Sprintf("127.0.0.1:%d", port)
}

// binaries finds initdb and postgres where Debian puts them (the newest of
// /usr/lib/postgresql/*/bin), or on PATH.
func binaries() (initdb, postgres string, err error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, dir := range dirs {
		initdb, postgres = filepath.Join(dir, "initdb"), filepath.Join(dir, "postgres")
		if executable(initdb) && executable(postgres) {
			return initdb, postgres, nil
		}
	}
	initdb, err1 := exec.LookPath("initdb")
	postgres, err2 := exec.LookPath("postgres")
	if err := errors.Join(err1, err2); err != nil {
		return "", "", fmt.Errorf("PostgreSQL server binaries not installed (Debian: postgresql): %w", err)
	}
	return initdb, postgres, nil
}

// version is N of /usr/lib/postgresql/N/bin.
func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func executable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode()&0o111 != 0
}

// credential is nil unless the test runs as root; then it is the postgres
// user's, and dir is handed to that user.
func credential(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL needs the postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// command runs as cred's user, and dies with the test process.
func command(cred *syscall.Credential, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	return cmd
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// stop asks for a fast shutdown (SIGINT), and kills the server if it is
// not down within 10 s.
func stop(t testing.TB, server *exec.Cmd, log string) {
	server.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- server.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		server.Process.Kill()
		<-done
		out, _ := os.ReadFile(log)
		t.Errorf("postgres did not stop within 10 s; its log:\n%s", out)
	}
}
