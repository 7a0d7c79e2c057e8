package desktop

import (
	"context"
	"errors"
	"os"
	"os/signal"
	goruntime "runtime"
	"syscall"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"siyana/backend/appid"
	"siyana/backend/platform"
)

// The window as the app drives it while it watches: hidden instead of closed, shown again by a second
// launch or a click on a notification, quit on request. Wails v2 has no tray, so these are the only ways
// back to a hidden window (README, "Watching in the background").

// Window is the app's one window over the context Wails passes to OnStartup.
type Window struct{ ctx context.Context }

// NewWindow is the window of ctx (the OnStartup context).
func NewWindow(ctx context.Context) Window { return Window{ctx: ctx} }

// Hide hides the window and keeps the process. On macOS the whole app is hidden (as Cmd-H does): then a
// click on its Dock icon, or opening it again from Finder, shows it, which a window merely ordered out
// would not do (Wails v2 handles no "reopen" event).
func (w Window) Hide() {
	if goruntime.GOOS == "darwin" {
		runtime.Hide(w.ctx)
		return
	}
	runtime.WindowHide(w.ctx)
}

// Reveal shows the window, restores it when minimised and brings it to the front with the focus (on
// Linux gtk_window_present after the show).
func (w Window) Reveal() {
	if goruntime.GOOS == "darwin" {
		runtime.Show(w.ctx)
	}
	runtime.WindowShow(w.ctx)
	runtime.WindowUnminimise(w.ctx)
}

// Quit ends the app through Wails' normal shutdown (OnBeforeClose is asked, then OnShutdown runs).
func (w Window) Quit() { runtime.Quit(w.ctx) }

// SetTitle names the window (in the admin's language: the taskbar and window list show it).
func (w Window) SetTitle(title string) { runtime.WindowSetTitle(w.ctx, title) }

// InstanceID is the single-instance lock's id for the config dir the app opens: one running app per build
// name (appid: siyana, siyana-dev) and config dir, so a dev build never blocks the production app, two
// test runs on their own temp dirs do not block each other, and two processes never share one history.
func InstanceID(configDir string) string { return appid.InstanceID(Dev, configDir) }

// StartNotifications connects the native notification service (Linux: org.freedesktop.Notifications on
// the session bus) and makes a click on one of the app's notifications show the window and emit
// platform.EventOpenCard with the card it was about (an ID that ParseCardID refuses only shows the
// window). An error (no session bus) leaves the app running; Notify then fails with it.
func StartNotifications(ctx context.Context) error {
	if err := runtime.InitializeNotifications(ctx); err != nil {
		return err
	}
	runtime.OnNotificationResponse(ctx, func(r runtime.NotificationResult) {
		if r.Error != nil {
			return
		}
		NewWindow(ctx).Reveal()
		if card, ok := platform.ParseCardID(r.Response.ID); ok {
			runtime.EventsEmit(ctx, platform.EventOpenCard, card)
		}
	})
	return nil
}

// StopNotifications releases the notification service (Linux: its D-Bus connection).
func StopNotifications(ctx context.Context) { runtime.CleanupNotifications(ctx) }

// ErrNotAuthorized is Notify's answer when the OS refuses the app notifications (macOS asks the user once).
var ErrNotAuthorized = errors.New("notifications are not allowed for this app")

// Notify shows n as a native notification, bounded by ctx: a notification daemon that does not answer
// costs the caller ctx's deadline, not a hang.
func (w wailsRuntime) Notify(ctx context.Context, n platform.Notification) error {
	done := make(chan error, 1)
	go func() {
		if ok, err := runtime.CheckNotificationAuthorization(w.ctx); err != nil || !ok {
			if ok, err = runtime.RequestNotificationAuthorization(w.ctx); err != nil || !ok {
				done <- errors.Join(ErrNotAuthorized, err)
				return
			}
		}
		done <- runtime.SendNotification(w.ctx, runtime.NotificationOptions{ID: n.ID, Title: n.Title, Body: n.Body})
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// QuitOnSignal makes SIGTERM and SIGINT end the app quietly through quit (the app's own Quit, which no
// keep-alive holds back). It replaces Wails' handler, which prints "Ctrl+C detected. Shutting down..." and
// asks OnBeforeClose, so a logout or `kill` while watching would only hide the window. Call it from
// OnStartup (Wails installs its handler just before).
func QuitOnSignal(quit func(os.Signal)) {
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		quit(<-c)
	}()
}
