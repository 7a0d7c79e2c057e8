package desktop

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// QuitOnSignal makes SIGINT and SIGTERM (Ctrl+C in the terminal of `make run`, a service manager's stop)
// close the app as its window's close button does, through the Wails runtime: OnShutdown runs, the checks'
// connections and the log file are closed, the exit status is 0. Wails' own handler, installed just before
// OnStartup, prints "Ctrl+C detected. Shutting down..." on stdout for either signal; it is replaced here,
// so a stop is quiet. said is told the signal first (the app logs it). Call it from OnStartup.
func QuitOnSignal(ctx context.Context, said func(os.Signal)) {
	signal.Reset(os.Interrupt, syscall.SIGTERM) // drops Wails' channel; its goroutine then waits forever, harmlessly
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			said(sig)
			runtime.Quit(ctx)
		case <-ctx.Done():
		}
	}()
}
