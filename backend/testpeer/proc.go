// Package testpeer starts the real peers that tests, the E2E harness and `make sandbox` talk to (FerretDB,
// soketi, the fixture Next.js site). Every peer listens on 127.0.0.1 on a free port, runs in its own process
// group and is stopped by PID. Tools are built once by scripts/peers/*.sh into .tools/ (see ToolsDir).
package testpeer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// FreeAddr returns "127.0.0.1:port" for a port FreePort found: where a test starts a server, or a closed
// port nothing listens on.
func FreeAddr(t TB) string {
	t.Helper()
	port, err := FreePort()
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	return "127.0.0.1:" + strconv.Itoa(port)
}

// ClosedAddr returns "127.0.0.1:port" where a connection is refused for the whole test: the port is
// bound by a socket that never listens, so no other test or process can take it in the meantime (a port
// FreeAddr found free may be taken by a parallel package's server a moment later).
func ClosedAddr(t TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatalf("closed port: socket: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatalf("closed port: bind: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	in4, ok := sa.(*syscall.SockaddrInet4)
	if err != nil || !ok {
		t.Fatalf("closed port: getsockname: %v", err)
	}
	return "127.0.0.1:" + strconv.Itoa(in4.Port)
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) { return freePort("tcp") }

// freePort returns a port on 127.0.0.1 that was free a moment ago for network "tcp" or "udp".
func freePort(network string) (int, error) {
	var addr net.Addr
	if network == "udp" {
		c, err := net.ListenPacket("udp4", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		defer c.Close()
		addr = c.LocalAddr()
	} else {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		defer l.Close()
		addr = l.Addr()
	}
	_, port, _ := net.SplitHostPort(addr.String())
	return strconv.Atoi(port)
}

// RepoRoot finds the repository root (the directory holding go.mod with the wails.json beside it).
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "wails.json")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testpeer: repository root (wails.json) not found above the working directory")
		}
		dir = parent
	}
}

// ToolsDir is where scripts/peers/*.sh put the peers: $SIYANA_TOOLS_DIR or <repo>/.tools.
func ToolsDir() (string, error) {
	if d := os.Getenv("SIYANA_TOOLS_DIR"); d != "" {
		return d, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, ".tools"), nil
}

// Process is a started peer. Stop kills its whole process group and waits for it.
type Process struct {
	Name string
	Cmd  *exec.Cmd
	Log  *LogBuffer

	once    sync.Once
	done    chan struct{}
	waitErr error
}

// Start runs cmd in its own process group, capturing its output into a bounded buffer.
func Start(name string, cmd *exec.Cmd) (*Process, error) {
	p := &Process{Name: name, Cmd: cmd, Log: &LogBuffer{max: 256 << 10}, done: make(chan struct{})}
	cmd.Stdout = p.Log
	cmd.Stderr = p.Log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// PID is the process id (also its process group id).
func (p *Process) PID() int { return p.Cmd.Process.Pid }

// Exited reports whether the process has ended.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop sends SIGTERM to the process group, then SIGKILL after grace, and waits. Safe to call twice.
func (p *Process) Stop() {
	p.once.Do(func() {
		pgid := p.PID()
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(3 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-p.done
		}
		// Children that ignored SIGTERM may outlive the leader: make sure the group is gone.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	})
}

// Restart starts a stopped peer again with the same command line (same port, same data: FerretDB's state
// lives in its Dir, which Process.Stop leaves) and waits until it accepts connections on addr.
func (p *Process) Restart(ctx context.Context, addr string) (*Process, error) {
	old := p.Cmd
	cmd := exec.Command(old.Path, old.Args[1:]...)
	cmd.Dir, cmd.Env = old.Dir, old.Env
	np, err := Start(p.Name, cmd)
	if err != nil {
		return nil, err
	}
	if err := np.WaitTCP(ctx, addr); err != nil {
		np.Stop()
		return nil, fmt.Errorf("restart %s: %w\n%s", p.Name, err, np.Log.String())
	}
	return np, nil
}

// WaitTCP waits until addr accepts TCP connections, the process exits, or ctx ends.
func (p *Process) WaitTCP(ctx context.Context, addr string) error {
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-p.done:
			return fmt.Errorf("%s exited before listening on %s: %v\n%s", p.Name, addr, p.waitErr, p.Log.String())
		case <-ctx.Done():
			return fmt.Errorf("%s not listening on %s: %w\n%s", p.Name, addr, ctx.Err(), p.Log.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// LogBuffer keeps the last max bytes written to it.
type LogBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

var _ io.Writer = (*LogBuffer)(nil)

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > b.max {
		b.buf = b.buf[len(b.buf)-b.max:]
	}
	return len(p), nil
}

func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// Addr formats a loopback address.
func Addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

// Missing is returned when a peer's tool has not been built; tests skip locally and fail under CI.
type Missing struct{ What, Hint string }

func (m *Missing) Error() string { return m.What + " is not installed: " + m.Hint }

// TB is the part of testing.TB the helpers need (kept small so non-test code can import this package).
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Logf(format string, args ...any)
}

// startT starts a peer for a test (within timeout; 0: no deadline) and stops it at cleanup; a missing
// binary or build skips (fails under CI). Each peer's ...T function is this.
func startT[P interface{ Stop() }](t TB, timeout time.Duration, start func(context.Context) (P, error)) P {
	t.Helper()
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	p, err := start(ctx)
	Require(t, err)
	t.Cleanup(p.Stop)
	return p
}

// stopAndRemove is a peer's Stop: it ends the process (when one was started) and removes the peer's
// directory (when one was made). Safe to call twice.
func stopAndRemove(p *Process, dir string) {
	if p != nil {
		p.Stop()
	}
	if dir != "" {
		_ = os.RemoveAll(dir)
	}
}

// Require turns a start error into a test outcome: a missing tool skips locally and fails under CI=true.
func Require(t TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var m *Missing
	if errors.As(err, &m) && os.Getenv("CI") == "" {
		t.Skipf("%v (run `make test` once to install it)", err)
	}
	t.Fatalf("%v", err)
}
