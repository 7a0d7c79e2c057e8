package main

import (
	"encoding/json"
	"log/slog"

	"siyana/backend/applog"
	"siyana/backend/redact"
)

// openLog starts the structured log under the config dir. It redacts with the app's registry, which learns
// every secret value as the keychain gives it out (any profile, any path), so nothing needs refreshing.
// Without a log the app still works: logger() falls back to slog's default.
func (a *App) openLog() {
	l, err := applog.Open(a.configDir, slog.LevelInfo, a.redact)
	if err != nil {
		slog.Error("log file unavailable", "err", err)
		return
	}
	a.log = l
	// Every check result is logged as it is recorded: the support trail. The history store hands it over
	// scrubbed; the redacting handler is the second line of defence.
	a.history.OnPut = func(profileID, kind string, raw json.RawMessage) {
		a.logger().Info("check result", "profile", profileID, "kind", kind, "result", string(raw))
	}
	a.logger().Info("started", "configDir", a.configDir)
}

// scrubbed is v as the UI may see it: every string scrubbed with the app's redactor (see redact.Clean). Every
// check result passes it on its way back, as its copy in history does on its way to disk.
func scrubbed[T any](a *App, v T) T { return redact.Clean(a.redact.Scrubber(), v) }

func (a *App) logger() *slog.Logger {
	if a.log == nil {
		return slog.Default()
	}
	return a.log.Logger
}
