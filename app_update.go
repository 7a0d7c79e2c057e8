package main

import (
	"siyana/backend/update"
)

// UpdateSettings returns the release-notice settings (off until the admin turns it on).
func (a *App) UpdateSettings() update.SettingsResult { return a.update.Settings() }

// SaveUpdateSettings turns the release notice on or off and sets its feed URL ("" for the default).
func (a *App) SaveUpdateSettings(s update.Settings) update.SettingsResult {
	return audited(a, "update settings saved", "", a.update.SaveSettings(s), "enabled", s.Enabled)
}

// CheckForUpdate says whether a newer release is out: DISABLED without asking anyone when the notice is
// off, the day's stored answer, or one bounded request to the feed. It never downloads anything.
func (a *App) CheckForUpdate() update.Result { return a.update.Check(a.ctx) }
