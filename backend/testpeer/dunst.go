package testpeer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// Dunst is a real notification daemon (dunst) on a session bus of its own: what the desktop app's native
// notifications reach on Linux. Each Dunst starts its own dbus-daemon, so tests in parallel packages (one
// `go test ./...` under one dbus-run-session) never share, or fight over, org.freedesktop.Notifications,
// and nothing shows on, or is read from, the admin's desktop; a process reaches it with Env. It needs an
// X display (Xvfb). Notifications never expire here; CloseAll moves the displayed ones into History,
// which is what `dunstctl history` prints.
type Dunst struct {
	Proc *Process // dunst
	Bus  *Process // its dbus-daemon
	// Keyring is the Secret Service StartKeyring started on the bus (nil without).
	Keyring *Process
	// Address is the bus's DBUS_SESSION_BUS_ADDRESS.
	Address string
	dir     string
}

// NotificationsName is the freedesktop notification service's bus name.
const NotificationsName = "org.freedesktop.Notifications"

// dunstrc keeps every notification until it is closed and remembers all of them, duplicates apart (dunst
// stacks identical ones into one by default, which would hide a notification sent twice from a test).
const dunstrc = `[global]
    stack_duplicates = false
    history_length = 100
    idle_threshold = 0
    sticky_history = yes
    show_age_threshold = -1
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
`

// StartDunst starts a session bus (dbus-daemon) and dunst on it, and waits until dunst owns
// org.freedesktop.Notifications there.
func StartDunst(ctx context.Context) (*Dunst, error) {
	for _, tool := range []string{"dunst", "dunstctl", "busctl", "dbus-send", "dbus-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, &Missing{What: tool, Hint: "scripts/bootstrap.sh test installs dunst, libnotify-bin and dbus"}
		}
	}
	if os.Getenv("DISPLAY") == "" {
		return nil, &Missing{What: "an X display", Hint: `run under xvfb-run -a -s "-screen 0 1280x860x24"`}
	}
	dir, err := os.MkdirTemp("", "siyana-dunst-")
	if err != nil {
		return nil, err
	}
	d := &Dunst{dir: dir, Address: "unix:path=" + filepath.Join(dir, "bus")}
	fail := func(err error) (*Dunst, error) { d.Stop(); return nil, err }
	if d.Bus, err = Start("dbus-daemon", exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address="+d.Address)); err != nil {
		return fail(err)
	}
	conn, err := d.connect(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	rc := filepath.Join(dir, "dunstrc")
	if err := os.WriteFile(rc, []byte(dunstrc), 0o600); err != nil {
		return fail(err)
	}
	cmd := exec.Command("dunst", "-config", rc)
	cmd.Env = append(d.environ(), "XDG_CONFIG_HOME="+dir) // no dunstrc of the machine's user is read
	if d.Proc, err = Start("dunst", cmd); err != nil {
		return fail(err)
	}
	p := d.Proc
	for {
		pid, err := nameOwnerPID(conn, NotificationsName)
		if err == nil && pid == p.PID() {
			return d, nil
		}
		if err == nil && pid != 0 {
			d.Stop()
			return nil, fmt.Errorf("dunst: %s was taken by PID %d, not dunst (%d)", NotificationsName, pid, p.PID())
		}
		select {
		case <-p.done:
			d.Stop()
			return nil, fmt.Errorf("dunst exited before owning %s: %v\n%s", NotificationsName, p.waitErr, p.Log.String())
		case <-ctx.Done():
			d.Stop()
			return nil, fmt.Errorf("dunst did not own %s: %w\n%s", NotificationsName, ctx.Err(), p.Log.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// connect opens a connection to the Dunst's bus once its dbus-daemon accepts one.
func (d *Dunst) connect(ctx context.Context) (*dbus.Conn, error) {
	for {
		conn, err := dbus.Connect(d.Address)
		if err == nil {
			return conn, nil
		}
		select {
		case <-d.Bus.done:
			return nil, fmt.Errorf("dbus-daemon exited: %v\n%s", d.Bus.waitErr, d.Bus.Log.String())
		case <-ctx.Done():
			return nil, fmt.Errorf("dbus-daemon not accepting on %s: %w (%v)", d.Address, ctx.Err(), err)
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// Env is what a process needs to send to this dunst (its bus as the session bus).
func (d *Dunst) Env() []string { return []string{"DBUS_SESSION_BUS_ADDRESS=" + d.Address} }

// Connect opens a connection to this dunst's bus (the caller closes it).
func (d *Dunst) Connect() (*dbus.Conn, error) { return dbus.Connect(d.Address) }

// environ is the test's environment with this dunst's bus as the session bus.
func (d *Dunst) environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") {
			env = append(env, kv)
		}
	}
	return append(env, d.Env()...)
}

// nameOwnerPID is the PID of the process owning name on the bus (0: no owner).
func nameOwnerPID(conn *dbus.Conn, name string) (int, error) {
	var has bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has); err != nil || !has {
		return 0, err
	}
	var pid uint32
	if err := conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, name).Store(&pid); err != nil {
		return 0, err
	}
	return int(pid), nil
}

// DunstT starts dunst for a test and stops it at cleanup; without dunst or a display the test skips
// (fails under CI).
func DunstT(t TB) *Dunst {
	t.Helper()
	return startT(t, 15*time.Second, StartDunst)
}

// Stop ends dunst and its keyring, then their bus, each by its PID (process group), and removes their
// directory.
func (d *Dunst) Stop() {
	if d.Keyring != nil {
		d.Keyring.Stop()
	}
	if d.Proc != nil {
		d.Proc.Stop()
	}
	stopAndRemove(d.Bus, d.dir)
}

// ctl runs dunstctl with args against this dunst (the test's session bus), bounded to 10 s.
func (d *Dunst) ctl(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "dunstctl", args...)
	cmd.Env = d.environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("dunstctl %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return out, nil
}

// CloseAll closes every displayed notification, which moves it into History.
func (d *Dunst) CloseAll() error { _, err := d.ctl("close-all"); return err }

// Click invokes the default action of the displayed notification at position (0: the newest), as a click
// on it does: the sender gets org.freedesktop.Notifications.ActionInvoked "default".
func (d *Dunst) Click(position int) error {
	_, err := d.ctl("action", strconv.Itoa(position))
	return err
}

// Displayed is how many notifications are on screen.
func (d *Dunst) Displayed() (int, error) {
	out, err := d.ctl("count", "displayed")
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

// DunstNotification is one notification as dunst keeps it.
type DunstNotification struct {
	ID      int
	AppName string
	Summary string
	Body    string
}

// History is every closed notification, newest first, parsed from `dunstctl history` (busctl's JSON of
// NotificationListHistory: {"type":"aa{sv}","data":[[{"summary":{"type":"s","data":"..."}, ...}]]}).
func (d *Dunst) History() ([]DunstNotification, error) {
	out, err := d.ctl("history")
	if err != nil {
		return nil, err
	}
	return parseDunstHistory(out)
}

type dunstVariant struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

func parseDunstHistory(b []byte) ([]DunstNotification, error) {
	var doc struct {
		Type string                      `json:"type"`
		Data [][]map[string]dunstVariant `json:"data"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("dunstctl history: %w: %.200q", err, b)
	}
	if doc.Type != "aa{sv}" || len(doc.Data) != 1 {
		return nil, errors.New("dunstctl history: not one aa{sv} value")
	}
	out := make([]DunstNotification, 0, len(doc.Data[0]))
	for _, m := range doc.Data[0] {
		var n DunstNotification
		str := func(key string) string {
			var s string
			if v, ok := m[key]; ok && v.Type == "s" {
				_ = json.Unmarshal(v.Data, &s)
			}
			return s
		}
		n.AppName, n.Summary, n.Body = str("appname"), str("summary"), str("body")
		if v, ok := m["id"]; ok {
			_ = json.Unmarshal(v.Data, &n.ID)
		}
		out = append(out, n)
	}
	return out, nil
}
