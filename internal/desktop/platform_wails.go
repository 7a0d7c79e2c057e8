package desktop

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"siyana/backend/platform"
)

// wailsRuntime implements platform.Runtime over the Wails runtime. It needs the context Wails passes to
// OnStartup; services only see the platform.Runtime interface.
type wailsRuntime struct{ ctx context.Context }

var _ platform.Runtime = wailsRuntime{}

func (w wailsRuntime) Emit(event string, data any) { runtime.EventsEmit(w.ctx, event, data) }

func (w wailsRuntime) OpenFile(_ context.Context, title string, filters []platform.FileFilter) (string, error) {
	return runtime.OpenFileDialog(w.ctx, runtime.OpenDialogOptions{Title: title, Filters: toWails(filters), ShowHiddenFiles: true})
}

func (w wailsRuntime) SaveFile(_ context.Context, title, defaultName string, filters []platform.FileFilter) (string, error) {
	return runtime.SaveFileDialog(w.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName, Filters: toWails(filters)})
}

func (w wailsRuntime) SetClipboard(_ context.Context, text string) error {
	return runtime.ClipboardSetText(w.ctx, text)
}

func toWails(filters []platform.FileFilter) []runtime.FileFilter {
	out := make([]runtime.FileFilter, len(filters))
	for i, f := range filters {
		out[i] = runtime.FileFilter{DisplayName: f.DisplayName, Pattern: f.Pattern}
	}
	return out
}
