// Command hello is the baseline `make bench` compares Siyana's idle memory, first paint and binary size
// against: the `wails init` hello world in short (one embedded page with an input and a button calling one
// bound method; no logo image or web font), with the same window size, background and WebView GPU policy as
// Siyana and built by the Makefile with the same tags and flags as the production binary, so the difference
// is what Siyana itself adds. The GPU policy matters: with Linux options set, Wails' default becomes Always
// (accelerated compositing, ~50 MiB more in WebKitWebProcess); Wails' own hello world, with no Linux
// options, gets Never, as Siyana now does.
package main

import (
	"embed"
	"log"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

//go:embed index.html
var assets embed.FS

// App is the one bound struct, like the `wails init` template's.
type App struct{}

// Greet returns a greeting for the given name.
func (a *App) Greet(name string) string { return "Hello " + name }

func main() {
	err := wails.Run(&options.App{
		Bind:             []any{&App{}},
		Title:            "hello",
		Width:            1180,
		Height:           820,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 247, G: 246, B: 242, A: 1},
		Linux:            &linux.Options{ProgramName: "siyana-hello", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
	})
	if err != nil {
		log.Fatal(err)
	}
}
