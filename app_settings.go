package main

import (
	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/settings"
)

// unavailable is the outcome of every settings call when the config dir could not be opened at start.
func (a *App) unavailable() settings.Outcome {
	p := i18n.Params{"reason": "configDir"}
	return settings.Outcome{Code: settings.CodeReadOnly, Params: p, Message: i18n.Detail("settings", settings.CodeReadOnly, p)}
}

// ListProfiles returns every profile (no secrets), the selected one and any load warning.
func (a *App) ListProfiles() settings.ProfilesResult {
	if a.settings == nil {
		o := a.unavailable()
		return settings.ProfilesResult{Code: o.Code, Message: o.Message, Profiles: []profile.Profile{}}
	}
	return a.settings.ListProfiles(a.ctx)
}

// SaveProfile creates (empty id) or updates a profile after validation; field errors come back by JSON path.
func (a *App) SaveProfile(p profile.Profile) settings.ProfileResult {
	if a.settings == nil {
		o := a.unavailable()
		return settings.ProfileResult{Code: o.Code, Message: o.Message}
	}
	return a.settings.SaveProfile(a.ctx, p)
}

// DeleteProfile deletes a profile and its secrets; force removes the profile even when a secret could not be.
func (a *App) DeleteProfile(id string, force bool) settings.DeleteResult {
	if a.settings == nil {
		o := a.unavailable()
		return settings.DeleteResult{Code: o.Code, Message: o.Message}
	}
	res := a.settings.DeleteProfile(a.ctx, id, force)
	if res.Deleted {
		// The redactor keeps the deleted profile's values: a check started with them may still be writing.
		_ = a.history.Forget(id)
	}
	return res
}

// SelectProfile remembers the profile the cards work on.
func (a *App) SelectProfile(id string) settings.Outcome {
	if a.settings == nil {
		return a.unavailable()
	}
	return a.settings.SelectProfile(a.ctx, id)
}

// SetSecret stores one secret in the keychain. Write-only: the value never comes back.
func (a *App) SetSecret(profileID, name, value string) settings.Outcome {
	if a.settings == nil {
		return a.unavailable()
	}
	return a.settings.SetSecret(a.ctx, profileID, name, value)
}

// ClearSecret removes one secret from the keychain.
func (a *App) ClearSecret(profileID, name string) settings.Outcome {
	if a.settings == nil {
		return a.unavailable()
	}
	return a.settings.ClearSecret(a.ctx, profileID, name)
}

// ConfirmSecretOrigin binds the saved REVALIDATE_SECRET to the profile's current site and instance origins
// (the card's answer to SECRET_ORIGIN_CHANGED).
func (a *App) ConfirmSecretOrigin(profileID string) settings.Outcome {
	if a.settings == nil {
		return a.unavailable()
	}
	return a.settings.ConfirmSecretOrigin(a.ctx, profileID)
}

// SecretStatus says which secrets are saved, as booleans only.
func (a *App) SecretStatus(profileID string) settings.SecretStatusResult {
	if a.settings == nil {
		o := a.unavailable()
		return settings.SecretStatusResult{Code: o.Code, Message: o.Message}
	}
	return a.settings.SecretStatus(a.ctx, profileID)
}

// ImportEnv asks for a .env file with the native dialog and imports the site's variables into the profile
// and the keychain; it returns which variable names were taken and ignored, never a value. Closing the
// dialog returns code CANCELED.
func (a *App) ImportEnv(profileID string) settings.ImportResult {
	if a.settings == nil {
		o := a.unavailable()
		return settings.ImportResult{Code: o.Code, Message: o.Message}
	}
	path, err := a.rt.OpenFile(a.ctx, a.word("settings.import.dialogTitle"), []platform.FileFilter{
		{DisplayName: a.word("settings.import.filterEnv"), Pattern: "*.env;.env;.env.*;*.env.*"},
		{DisplayName: a.word("settings.import.filterAll"), Pattern: "*"},
	})
	if err != nil {
		return settings.ImportResult{Code: CodeDiagDialog, Message: i18n.Detail("settings", CodeDiagDialog, nil), Taken: []string{}, Ignored: []string{}}
	}
	if path == "" {
		return settings.ImportResult{Code: check.CodeCanceled, Taken: []string{}, Ignored: []string{}}
	}
	return a.settings.ImportEnv(a.ctx, profileID, path)
}
