//go:build dev

package desktop

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	"siyana/backend/platform"
)

// In dev builds (the bridge the browser E2E drives), SIYANA_FAKE_DIALOG_DIR replaces native dialogs with
// files, so a test can supply the file an open dialog "chooses" and read what a save dialog wrote:
//   - OpenFile returns the path written in <dir>/open-path ("" = cancelled);
//   - SaveFile returns <dir>/saved/<defaultName>;
//   - SetClipboard writes <dir>/clipboard.txt.
//
// Production builds do not contain this file.
func NewRuntime(ctx context.Context) platform.Runtime {
	dir := os.Getenv("SIYANA_FAKE_DIALOG_DIR")
	if dir == "" {
		return wailsRuntime{ctx: ctx}
	}
	return fileDialogs{wailsRuntime: wailsRuntime{ctx: ctx}, dir: dir}
}

// Dev is true in dev builds (-tags dev): their own config dir and keychain service, file-backed dialogs.
const Dev = true

type fileDialogs struct {
	wailsRuntime
	dir string
}

func (f fileDialogs) OpenFile(context.Context, string, []platform.FileFilter) (string, error) {
	b, err := os.ReadFile(filepath.Join(f.dir, "open-path"))
	if os.IsNotExist(err) {
		return "", nil
	}
	return strings.TrimSpace(string(b)), err
}

func (f fileDialogs) SaveFile(_ context.Context, _ string, name string, _ []platform.FileFilter) (string, error) {
	saved := filepath.Join(f.dir, "saved")
	if err := os.MkdirAll(saved, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(saved, filepath.Base(name)), nil
}

func (f fileDialogs) SetClipboard(_ context.Context, text string) error {
	return os.WriteFile(filepath.Join(f.dir, "clipboard.txt"), []byte(text), 0o600)
}

// Test hooks of dev builds (tests/binary drives the dev build: the watch that keeps the app alive and sends
// notifications is not needed to prove the window and notification paths). Production builds have neither.
const (
	// TestKeepAliveEnv = "1" makes the app behave as while something is watched: closing hides the window.
	TestKeepAliveEnv = "SIYANA_TEST_KEEP_ALIVE"
	// TestNotifyEnv holds a JSON platform.Notification ({"ID","Title","Body"}) the app sends once started,
	// through the same Notifier the watch uses.
	TestNotifyEnv = "SIYANA_TEST_NOTIFY"
	// TestWatchIntervalEnv holds a Go duration ("1s") every watched check then runs at, below the settings'
	// floor (watch.MinIntervalSec), so a test sees down and recovery in seconds.
	TestWatchIntervalEnv = "SIYANA_TEST_WATCH_INTERVAL"
)

// TestKeepAlive is the keep-alive the test asked for with SIYANA_TEST_KEEP_ALIVE=1 (nil otherwise).
func TestKeepAlive() func() bool {
	if os.Getenv(TestKeepAliveEnv) != "1" {
		return nil
	}
	return func() bool { return true }
}

// TestNotification is the notification SIYANA_TEST_NOTIFY asks the app to send at start.
func TestNotification() (platform.Notification, bool) {
	var n platform.Notification
	raw := os.Getenv(TestNotifyEnv)
	return n, raw != "" && json.Unmarshal([]byte(raw), &n) == nil
}

// TestWatchInterval is the interval SIYANA_TEST_WATCH_INTERVAL asks every watched check to run at (0: the
// settings' own; an unparsable or non-positive value is ignored).
func TestWatchInterval() time.Duration {
	d, err := time.ParseDuration(os.Getenv(TestWatchIntervalEnv))
	if err != nil || d <= 0 {
		return 0
	}
	return d
}
