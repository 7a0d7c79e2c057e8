package main

import (
	"context"
	"testing"

	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/secrets"
	"siyana/backend/theme"
)

// The theme survives a restart (a new App over the same config dir); a refused one changes nothing.
func TestThemePersistsAcrossARestart(t *testing.T) {
	a, _, _ := initApp(t)
	if r := a.Theme(); !r.OK || r.Theme != theme.System || len(r.Themes) != 3 {
		t.Fatalf("fresh: %+v", r)
	}
	if r := a.SetTheme("dark"); !r.OK || r.Theme != theme.Dark {
		t.Fatalf("SetTheme(dark): %+v", r)
	}
	for _, bad := range []string{"", "Dark", "neon", "dark\u202e", "../light"} {
		if r := a.SetTheme(bad); r.OK || r.Code != i18n.CodeInvalidInput || r.Theme != theme.Dark {
			t.Fatalf("SetTheme(%q): %+v", bad, r)
		}
	}
	b := NewApp()
	b.init(context.Background(), &platform.Recorder{}, secrets.NewMemory()) // same SIYANA_CONFIG_DIR
	defer b.shutdown(context.Background())
	if r := b.Theme(); r.Theme != theme.Dark {
		t.Fatalf("after a restart: %+v", r)
	}
	if got := windowBackground(); got.R != theme.Background(theme.Dark).R {
		t.Fatalf("the window is not painted dark before the page: %+v", got)
	}
}
