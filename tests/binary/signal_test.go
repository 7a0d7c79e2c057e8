package binary

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalQuitsQuietly: SIGTERM (a service manager's stop, `kill PID`) and SIGINT (Ctrl+C in the
// terminal of `make run`) close the app through the Wails runtime: exit status 0, the stop logged, and not
// Wails' own "Ctrl+C detected. Shutting down..." (which it prints for SIGTERM too).
func TestSignalQuitsQuietly(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin)
			cmd.Env = append(os.Environ(), "SIYANA_CONFIG_DIR="+dir)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
			logFile := filepath.Join(dir, "logs", "siyana.log")
			waitFor(t, 30*time.Second, func() bool { b, _ := os.ReadFile(logFile); return bytes.Contains(b, []byte(`"msg":"started"`)) })
			time.Sleep(time.Second) // the window and its handler are up (OnStartup ran: the log says started)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit after %s: %v\n%s", sig, err, out.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("still running 10 s after %s\n%s", sig, out.String())
			}
			if strings.Contains(out.String(), "Ctrl+C detected") {
				t.Fatalf("Wails' handler printed:\n%s", out.String())
			}
			b, _ := os.ReadFile(logFile)
			if !bytes.Contains(b, []byte(`"msg":"quitting on a signal"`)) {
				t.Fatalf("the stop is not in the log:\n%s", b)
			}
		})
	}
}

func waitFor(t *testing.T, limit time.Duration, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("not within %s", limit)
}

// The headless `make run` drops only the lines it knows are harmless (scripts/run-noise.txt), each by its
// exact text: a real failure of the bus, the keyring or WebKit still shows.
func TestRunNoiseFilterIsPrecise(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "scripts", "run-noise.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var res []*regexp.Regexp
	for sc := bufio.NewScanner(f); sc.Scan(); {
		res = append(res, regexp.MustCompile(sc.Text()))
	}
	dropped := func(line string) bool {
		for _, re := range res {
			if re.MatchString(line) {
				return true
			}
		}
		return false
	}
	for _, l := range []string{ // seen on this machine under `make run` (Debian 12, Xvfb, dbus-run-session)
		"dbus-daemon[30192]: [session uid=0 pid=30192] org.freedesktop.DBus.Error.AccessDenied: Failed to set fd limit to 65536: Operation not permitted",
		"dbus-daemon[30316]: org.freedesktop.DBus.Error.AccessDenied: Failed to set fd limit to 65536: Operation not permitted",
		`dbus-daemon[30192]: [session uid=0 pid=30192] Activating service name='org.a11y.Bus' requested by ':1.2' (uid=0 pid=30227 comm="/work/build/bin/siyana")`,
		"dbus-daemon[30192]: [session uid=0 pid=30192] Successfully activated service 'org.a11y.Bus'",
		`dbus-daemon[30316]: Activating service name='org.a11y.atspi.Registry' requested by ':1.0' (uid=0 pid=30227 comm="/work/build/bin/siyana")`,
		"dbus-daemon[30316]: Successfully activated service 'org.a11y.atspi.Registry'",
		"SpiRegistry daemon is running with well-known name - org.a11y.atspi.Registry",
		"CRITICAL: [dbus_cb_name_lost:1050] Cannot connect to DBus.",
		"Overriding existing handler for signal 10. Set JSC_SIGNAL_FOR_GC if you want WebKit to use a different signal",
	} {
		if !dropped(l) {
			t.Errorf("known noise shown: %s", l)
		}
	}
	for _, l := range []string{
		"dbus-daemon[30192]: [session uid=0 pid=30192] Activating service name='org.freedesktop.secrets' requested by ':1.2' (uid=0 pid=1 comm=\"x\")",
		"dbus-daemon[30192]: [session uid=0 pid=30192] Failed to activate service 'org.a11y.Bus': timed out",
		"dbus-daemon[1]: org.freedesktop.DBus.Error.AccessDenied: Rejected send message",
		"Overriding existing handler for signal 12. Set JSC_SIGNAL_FOR_GC if you want WebKit to use a different signal",
		"with-keyring: org.freedesktop.secrets did not appear on the session bus within 10 s",
		`{"time":"2026-12-01T11:44:26Z","level":"ERROR","msg":"log file unavailable"}`,
		"Authorization required, but no authorization protocol specified",
		"(siyana:1234): Gtk-WARNING **: cannot open display: :99",
		"CRITICAL: [dbus_cb_name_lost:1050] Cannot connect to DBus. Retrying",
	} {
		if dropped(l) {
			t.Errorf("a real line would be hidden: %s", l)
		}
	}
}
