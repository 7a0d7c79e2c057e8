// Package theme is the admin's colour theme: follow the OS (system), or light or dark whatever the OS says.
// Kept in theme.json under the config dir (backend/prefs); the page applies it (frontend/src/style.css).
package theme

import (
	"slices"

	"siyana/backend/prefs"
)

// File is the theme setting's name under the config dir.
const File = "theme.json"

// The themes; System (follow the OS) until the admin picks another.
const (
	System = "system"
	Light  = "light"
	Dark   = "dark"
)

// Themes is every theme, the default first.
var Themes = []string{System, Light, Dark}

// Known says whether v is one of Themes.
func Known(v string) bool { return slices.Contains(Themes, v) }

// Open reads the saved theme from dir ("" dir: System, and nothing is saved).
func Open(dir string) *prefs.Choice { return prefs.Open(dir, File, "theme", System, Known) }

// RGB is a colour without alpha.
type RGB struct{ R, G, B uint8 }

// Background is the window's colour before the page paints: the page's --bg of that theme (style.css), so a
// dark choice does not flash light. The OS's own choice is not known before the page runs: System is light.
func Background(t string) RGB {
	if t == Dark {
		return RGB{0x17, 0x19, 0x1c}
	}
	return RGB{0xf7, 0xf6, 0xf2}
}
