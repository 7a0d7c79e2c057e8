package theme

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

func TestThemePersistsAndDefaultsToSystem(t *testing.T) {
	dir := t.TempDir()
	if got := Open(dir).Get(); got != System {
		t.Fatalf("fresh: %q", got)
	}
	for _, v := range Themes {
		if err := Open(dir).Set(v); err != nil {
			t.Fatal(err)
		}
		if got := Open(dir).Get(); got != v {
			t.Fatalf("reopened after %q: %q", v, got)
		}
	}
	for _, bad := range []string{"", "Dark", "auto", "dark ", "dark\u200f", "<script>"} {
		if Known(bad) {
			t.Fatalf("%q is not a theme", bad)
		}
	}
	if Themes[0] != System {
		t.Fatal("the default (following the OS) comes first")
	}
}

// The window's colour is the page's --bg: read the dark and light values from style.css, so the two cannot drift.
func TestBackgroundIsThePagesBackground(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`--bg:\s*light-dark\(#([0-9a-f]{6}),\s*#([0-9a-f]{6})\)`).FindSubmatch(css)
	if m == nil {
		t.Fatal("style.css has no --bg: light-dark(#light, #dark)")
	}
	hex := func(c RGB) string {
		return strconv.FormatUint(uint64(c.R)<<16|uint64(c.G)<<8|uint64(c.B)|1<<24, 16)[1:]
	}
	if got := hex(Background(Light)); got != string(m[1]) {
		t.Fatalf("light window %s, page %s", got, m[1])
	}
	if got := hex(Background(Dark)); got != string(m[2]) {
		t.Fatalf("dark window %s, page %s", got, m[2])
	}
	if Background(System) != Background(Light) {
		t.Fatal("system is light before the page can ask the OS")
	}
}
