package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"siyana/backend/testpeer"
)

// sandboxBinary is $SIYANA_PEERS_BINARY (scripts/test.sh builds it just before) or a fresh build.
func sandboxBinary(t *testing.T) string {
	t.Helper()
	if b := os.Getenv("SIYANA_PEERS_BINARY"); b != "" {
		return b
	}
	bin := filepath.Join(t.TempDir(), "siyana-sandbox")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type started struct {
	cmd    *exec.Cmd
	stdout *bufio.Reader
	stderr *syncBuffer
	done   chan error
}

// startSandbox runs the command and waits for its "ready" line. A peer whose tool is not built skips the
// test locally (fails under CI), as for every other real-peer test.
func startSandbox(t *testing.T, env []string, args ...string) *started {
	t.Helper()
	cmd := exec.Command(sandboxBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &started{cmd: cmd, stdout: bufio.NewReader(stdout), stderr: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() { // a failed assertion must not leave peers behind
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	})
	deadline := time.After(2 * time.Minute)
	for !strings.Contains(s.stderr.String(), "ready; press Ctrl-C") {
		select {
		case err := <-s.done:
			log := s.stderr.String()
			if strings.Contains(log, "is not installed") {
				testpeer.Require(t, &testpeer.Missing{What: "a sandbox peer", Hint: log})
			}
			t.Fatalf("sandbox exited before ready: %v\n%s", err, log)
		case <-deadline:
			t.Fatalf("sandbox not ready in time:\n%s", s.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	return s
}

// interrupt sends Ctrl-C's SIGINT and waits for a clean exit.
func (s *started) interrupt(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("sandbox exit after Ctrl-C: %v\n%s", err, s.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("sandbox still running 30 s after Ctrl-C:\n%s", s.stderr.String())
	}
}

func TestJSONPeersAnswerAndCtrlCStopsThemAll(t *testing.T) {
	s := startSandbox(t, nil, "--json", "--require-all")
	line, err := s.stdout.ReadBytes('\n')
	if err != nil {
		t.Fatalf("reading the JSON line: %v\n%s", err, s.stderr.String())
	}
	var p Peers
	if err := json.Unmarshal(line, &p); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	if p.Mongo == nil || p.Pusher == nil || p.Site == nil {
		t.Fatalf("--require-all printed an incomplete set: %s", line)
	}
	for _, addr := range []string{p.Mongo.Host, p.Pusher.Host, strings.TrimPrefix(p.Site.URL, "http://")} {
		if !strings.HasPrefix(addr, "127.0.0.1:") {
			t.Fatalf("peer not on loopback: %q", addr)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// MongoDB wire with the printed login: the right password pings, the wrong one is refused.
	ping := func(uri string) error {
		c, err := mongo.Connect(ctx, options.Client().ApplyURI(uri).SetServerSelectionTimeout(5*time.Second))
		if err != nil {
			return err
		}
		defer c.Disconnect(ctx)
		return c.Database(p.Mongo.Database).RunCommand(ctx, map[string]int{"ping": 1}).Err()
	}
	if err := ping(p.Mongo.URI); err != nil {
		t.Fatalf("FerretDB ping with the sandbox login: %v", err)
	}
	if err := ping(p.Mongo.URIWrongPassword); err == nil {
		t.Fatal("FerretDB accepted the wrong password: the sandbox would not exercise the auth error state")
	}
	// soketi's HTTP API and the fixture site both answer plain HTTP on loopback.
	for _, url := range []string{"http://" + p.Pusher.Host + "/", p.Site.URL + "/"} {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("GET %s: %s", url, resp.Status)
		}
	}

	groups := []int{p.Mongo.PID, p.Pusher.PID, p.Site.PID}
	if left := processesInGroups(groups); len(left) != len(groups) {
		t.Fatalf("expected a live leader in each peer group %v before Ctrl-C, found %v", groups, left)
	}
	s.interrupt(t)
	if left := processesInGroups(groups); len(left) > 0 {
		t.Fatalf("processes left after Ctrl-C: %v", left)
	}
}

func TestDefaultModePublishesStateAndRemovesItOnCtrlC(t *testing.T) {
	dir := t.TempDir()
	// An unusable bus: the keychain check must fail fast, so this test never writes into a real keychain and
	// takes the headless path (publish sandbox.json for `make run`).
	env := []string{"SIYANA_CONFIG_DIR=" + dir, "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")}
	s := startSandbox(t, env, "--require-all")
	if !strings.Contains(s.stderr.String(), "`make run` imports") {
		t.Fatalf("no headless hint in:\n%s", s.stderr.String())
	}
	path := filepath.Join(dir, StateFileName)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s mode %v, want 0600", path, fi.Mode().Perm())
	}
	t.Setenv("SIYANA_CONFIG_DIR", dir)
	st, err := readState("")
	if err != nil {
		t.Fatal(err)
	}
	if st.PID != s.cmd.Process.Pid || st.Peers.Mongo == nil || st.Peers.Site == nil || st.Peers.Pusher == nil {
		t.Fatalf("state %+v (sandbox pid %d)", st, s.cmd.Process.Pid)
	}
	if _, err := os.Stat(filepath.Join(dir, "profiles.json")); err == nil {
		t.Fatal("the headless path saved a profile without its secrets")
	}
	s.interrupt(t)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("%s still there after Ctrl-C (err %v)", path, err)
	}
	if left := processesInGroups([]int{st.Peers.Mongo.PID, st.Peers.Pusher.PID, st.Peers.Site.PID}); len(left) > 0 {
		t.Fatalf("processes left after Ctrl-C: %v", left)
	}
}

// processesInGroups lists "pid:comm" of every live process whose process group is one of groups (each peer
// is its own group, so this also catches children such as node workers).
func processesInGroups(groups []int) []string {
	var found []string
	for _, p := range testpeer.InGroups(groups...) {
		found = append(found, strconv.Itoa(p.PID)+":"+p.Name)
	}
	return found
}
