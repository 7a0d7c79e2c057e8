package testpeer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// StartKeyring starts a throw-away, unlocked Secret Service (gnome-keyring-daemon, secrets component) on
// this Dunst's bus, as scripts/with-keyring.sh does on the test's own bus: a process whose session bus is
// the Dunst's (an app sending notifications there) keeps its secrets in a real keychain too. It waits until
// org.freedesktop.secrets is owned there; Stop ends it with the bus.
func (d *Dunst) StartKeyring(ctx context.Context) error {
	if _, err := exec.LookPath("gnome-keyring-daemon"); err != nil {
		return &Missing{What: "gnome-keyring-daemon", Hint: "scripts/bootstrap.sh test installs gnome-keyring"}
	}
	data := filepath.Join(d.dir, "keyring-data")
	for _, dir := range []string{data, filepath.Join(d.dir, "run")} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	pw := make([]byte, 12)
	_, _ = rand.Read(pw)
	cmd := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	cmd.Env = append(d.environ(), "XDG_DATA_HOME="+data, "XDG_RUNTIME_DIR="+filepath.Join(d.dir, "run"))
	cmd.Stdin = strings.NewReader(hex.EncodeToString(pw)) // the keyring is removed with d.dir
	var err error
	if d.Keyring, err = Start("gnome-keyring", cmd); err != nil {
		return err
	}
	conn, err := d.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for {
		if pid, err := nameOwnerPID(conn, "org.freedesktop.secrets"); err == nil && pid != 0 {
			return nil
		}
		select {
		case <-d.Keyring.done:
			return fmt.Errorf("gnome-keyring-daemon exited: %v\n%s", d.Keyring.waitErr, d.Keyring.Log.String())
		case <-ctx.Done():
			return fmt.Errorf("org.freedesktop.secrets did not appear: %w\n%s", ctx.Err(), d.Keyring.Log.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// KeyringT starts the Dunst's keychain for a test (StartKeyring, 15 s); a missing daemon skips (fails
// under CI). Dunst.Stop ends it.
func (d *Dunst) KeyringT(t TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	Require(t, d.StartKeyring(ctx))
}
