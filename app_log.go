package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"siyana/backend/applog"
	"siyana/backend/secrets"
)

// openLog starts the structured log under the config dir and teaches its redactor the selected profile's
// secrets. Without a log the app still works: logger() falls back to slog's default.
func (a *App) openLog() {
	l, err := applog.Open(a.configDir, slog.LevelInfo)
	if err != nil {
		slog.Error("log file unavailable", "err", err)
		return
	}
	a.log = l
	// Every check result is logged as it is recorded: the support trail. Results carry no secret by
	// construction; the redacting handler is the second line of defence for error text that echoes input.
	a.history.OnPut = func(profileID, kind string, raw json.RawMessage) {
		a.logger().Info("check result", "profile", profileID, "kind", kind, "result", string(raw))
	}
	// Off the start-up path: reading the keychain may wait for an unlock prompt, and the window must not
	// stay blank meanwhile. Nothing logged before it finishes carries a secret (start-up lines only).
	if p, ok := a.profiles.Selected(); ok {
		go a.refreshRedactor(p.ID)
	}
	a.logger().Info("started", "configDir", a.configDir)
}

func (a *App) logger() *slog.Logger {
	if a.log == nil {
		return slog.Default()
	}
	return a.log.Logger
}

// profileSecrets reads the profile's secret values from the keychain (missing ones are skipped). For the
// redactor and the diagnostics scrubber only; the map must never leave Go.
func (a *App) profileSecrets(profileID string) map[string]string {
	ctx, cancel := context.WithTimeout(a.ctx, 5*time.Second)
	defer cancel()
	out := map[string]string{}
	if a.settings == nil {
		return out
	}
	for _, n := range secrets.Known {
		if v, err := a.settings.SecretValue(ctx, profileID, n); err == nil {
			out[n] = v
		}
	}
	return out
}

// refreshRedactor tells the log's redactor the profile's current secret values (after a set, clear, import
// or selection), so a value that reaches the log by mistake is still removed.
func (a *App) refreshRedactor(profileID string) {
	if a.log != nil {
		a.log.Redactor.SetProfile(profileID, a.profileSecrets(profileID))
	}
}
