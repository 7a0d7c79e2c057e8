package main

import (
	"siyana/backend/i18n"
	"siyana/backend/theme"
)

// ThemeResult is the answer of Theme and SetTheme.
type ThemeResult struct {
	OK      bool     `json:"ok"`
	Code    string   `json:"code"`    // OK, INVALID_INPUT (no such theme) or SETTINGS_UNWRITABLE (not saved)
	Theme   string   `json:"theme"`   // the theme in use now: system, light or dark
	Themes  []string `json:"themes"`  // every theme, the default (system) first
	Message string   `json:"message"` // English detail for logs
}

// Theme returns the admin's colour theme (saved in the config dir; following the OS until changed).
func (a *App) Theme() ThemeResult {
	return ThemeResult{OK: true, Code: i18n.CodeOK, Theme: a.theme.Get(), Themes: theme.Themes}
}

// SetTheme switches the colour theme and saves the choice.
func (a *App) SetTheme(t string) ThemeResult {
	code := prefCode(a.theme.Set(t))
	return audited(a, "theme set", "", ThemeResult{OK: code == i18n.CodeOK, Code: code, Theme: a.theme.Get(), Themes: theme.Themes,
		Message: i18n.Detail("settings", code, nil)}, "theme", a.theme.Get())
}
