package main

import (
	"context"
	"time"

	"siyana/backend/platform"
	"siyana/internal/desktop"
)

// window is what the app asks of its window: desktop.Window in the app; tests see noWindow or their own.
type window interface {
	Hide()
	Reveal()
	Quit()
	SetTitle(title string)
}

// noWindow is the window before Wails starts and in headless tests: nothing to hide, show or quit.
type noWindow struct{}

func (noWindow) Hide()   {}
func (noWindow) Reveal() {}
func (noWindow) Quit()   {}

func (noWindow) SetTitle(string) {}

// startShell wires the window once Wails has started (startup has already taken SIGTERM/SIGINT over):
// notifications are connected (a click opens the app on its card), and dev builds read their test hooks.
func (a *App) startShell(ctx context.Context) {
	a.shellMu.Lock()
	a.win = desktop.NewWindow(ctx)
	if a.keepAlive == nil {
		a.keepAlive = desktop.TestKeepAlive()
	}
	if a.keepAlive == nil {
		a.keepAlive = a.watchingAnything // closing the window hides it while anything is watched
	}
	a.shellMu.Unlock()
	if err := desktop.StartNotifications(ctx); err != nil {
		a.log.Warn("native notifications unavailable", "err", err)
	}
	if n, ok := desktop.TestNotification(); ok {
		go func() {
			c, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			if err := a.notify(c, n); err != nil {
				a.log.Warn("test notification not sent", "err", err)
			}
		}()
	}
}

// notify shows n natively when the runtime can (the desktop app), else does nothing.
func (a *App) notify(ctx context.Context, n platform.Notification) error {
	if nt, ok := a.rt.(platform.Notifier); ok {
		return nt.Notify(ctx, n)
	}
	return nil
}

// beforeClose is Wails' OnBeforeClose (the window's close button, and runtime.Quit): while keepAlive says
// so (something is watched) the window is hidden and the process goes on; after Quit it always closes.
func (a *App) beforeClose(context.Context) (prevent bool) {
	if a.quitting.Load() {
		return false
	}
	if !a.startupDone() {
		// The window shows before OnStartup has built the services (and set keepAlive): decide once it has,
		// without holding Wails' thread meanwhile. Quit comes back here, started, and closes.
		go func() {
			a.awaitStartup()
			if a.keptAlive() {
				a.hideKept()
			} else {
				a.window().Quit()
			}
		}()
		return true
	}
	if !a.keptAlive() {
		return false
	}
	a.hideKept()
	return true
}

// keptAlive says whether closing the window only hides it now (something is watched).
func (a *App) keptAlive() bool {
	a.shellMu.Lock()
	keep := a.keepAlive
	a.shellMu.Unlock()
	return keep != nil && keep()
}

func (a *App) hideKept() {
	a.window().Hide()
	a.log.Info("window hidden, the app keeps running")
}

// secondInstance is Wails' OnSecondInstanceLaunch: another launch of the app (which then exits) shows,
// restores and focuses this one's window.
func (a *App) secondInstance() { a.window().Reveal() }

// window is the app's window now (noWindow until Wails has started).
func (a *App) window() window {
	a.shellMu.Lock()
	defer a.shellMu.Unlock()
	return a.win
}

// Quit ends the app, watching or not (the quit action in the footer).
func (a *App) Quit() {
	a.quitting.Store(true)
	a.log.Info("quit")
	a.window().Quit()
}
