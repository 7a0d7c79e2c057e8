package main

import (
	"context"
	"embed"
	"fmt"
	"log/slog"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"siyana/backend/profile"
	"siyana/backend/theme"
	"siyana/internal/desktop"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	desktop.TuneWebview() // before Wails starts WebKit, whose web process inherits the environment
	// Dev builds bind their loopback dev server here, before Wails can (nil and no-op in production builds).
	bridge, err := desktop.HoldDevBridge()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	app := NewApp()
	configDir, _ := profile.DefaultDirFor(desktop.Dev) // the dir init opens; "" only names the build
	err = wails.Run(&options.App{
		Title:            WindowTitle(configDir),
		Width:            1180,
		Height:           820,
		MinWidth:         760,
		MinHeight:        560,
		AssetServer:      &assetserver.Options{Assets: assets, Middleware: desktop.SecurityHeaders},
		BackgroundColour: windowBackground(),
		OnStartup:        func(ctx context.Context) { app.startup(ctx); bridge.Serve(ctx) },
		OnShutdown:       app.shutdown,
		OnBeforeClose:    app.beforeClose,
		// One running app per build and config dir: a second launch shows this window and exits.
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               desktop.InstanceID(configDir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { app.secondInstance() },
		},
		Bind: []any{app},
		Linux: &linux.Options{
			ProgramName: "siyana",
			// Setting any Linux option makes the zero value (Always) of this one apply, silently turning on
			// accelerated compositing; Wails' own default is Never (wails#2977). Compositing costs ~50 MiB in
			// WebKitWebProcess (GL layer buffers) and slows first paint, and no view here needs it: forms,
			// cards, one spinner. bench/hello uses the same policy, so `make bench` compares like with like.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
	})
	if err != nil {
		slog.Error("wails run failed", "err", err)
		os.Exit(1)
	}
}

// windowBackground is the colour the window shows before the page paints: the saved theme's background, so a
// dark choice does not flash light (read again by the App in startup; a dir that cannot be found is light).
func windowBackground() *options.RGBA {
	dir, _ := profile.DefaultDirFor(desktop.Dev)
	c := theme.Background(theme.Open(dir).Get())
	return &options.RGBA{R: c.R, G: c.G, B: c.B, A: 1}
}
