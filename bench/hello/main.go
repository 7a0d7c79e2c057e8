// Command hello is the baseline `make bench` compares Siyana's idle memory, first paint and binary size
// against: the smallest Wails v2 app (one embedded page, no bound methods), with the same window size and
// background as Siyana and built by scripts/bench.sh with the same tags and flags as the production binary,
// so the difference is what Siyana itself adds.
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

func main() {
	err := wails.Run(&options.App{
		Title:            "hello",
		Width:            1180,
		Height:           820,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 247, G: 246, B: 242, A: 1},
		Linux:            &linux.Options{ProgramName: "siyana-hello"},
	})
	if err != nil {
		log.Fatal(err)
	}
}
