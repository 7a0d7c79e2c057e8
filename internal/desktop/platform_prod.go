//go:build !dev

package desktop

import (
	"context"
	"time"

	"siyana/backend/platform"
)

// Dev is false in production builds.
const Dev = false

// NewRuntime is the Wails runtime seam over ctx, the context Wails passes to OnStartup.
func NewRuntime(ctx context.Context) platform.Runtime { return wailsRuntime{ctx: ctx} }

// Bridge is the dev build's guarded dev server (bridge_dev.go); production builds have none.
type Bridge struct{}

// HoldDevBridge is nil in production builds: there is no dev server.
func HoldDevBridge() (*Bridge, error) { return nil, nil }

// Serve does nothing in production builds.
func (*Bridge) Serve(context.Context) {}

// TestKeepAlive is nil in production builds (dev builds read a test hook).
func TestKeepAlive() func() bool { return nil }

// TestNotification is never set in production builds (dev builds read a test hook).
func TestNotification() (platform.Notification, bool) { return platform.Notification{}, false }

// TestWatchInterval is 0 in production builds: the settings' intervals hold (dev builds read a test hook).
func TestWatchInterval() time.Duration { return 0 }
