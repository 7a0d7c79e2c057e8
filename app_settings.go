package main

import (
	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/settings"
	"siyana/backend/sitevars"
)

// ListProfiles returns every profile (no secrets), the selected one and any load warning.
func (a *App) ListProfiles() settings.ProfilesResult { return a.settings.ListProfiles(a.ctx) }

// NewProfile returns an unsaved profile with Go's defaults, to prefill the "new profile" form. Its kind is
// empty on purpose: the admin chooses production or staging consciously.
func (a *App) NewProfile() profile.Profile { return a.settings.NewProfile(a.ctx).Profile }

// SaveProfile creates (empty id) or updates a profile after validation; field errors come back by JSON path.
func (a *App) SaveProfile(p profile.Profile) settings.ProfileResult {
	res := a.settings.SaveProfile(a.ctx, p)
	id := res.Profile.ID
	if id == "" {
		id = p.ID
	}
	return audited(a, "profile saved", id, res)
}

// DeleteProfile deletes a profile and its secrets; force removes the profile even when a secret could not be.
func (a *App) DeleteProfile(id string, force bool) settings.DeleteResult {
	res := audited(a, "profile deleted", id, a.settings.DeleteProfile(a.ctx, id, force))
	if res.Deleted {
		// The redactor keeps the deleted profile's values: a check started with them may still be writing.
		_ = a.history.Forget(id)
		a.forgetWatch(id)
	}
	return res
}

// SelectProfile remembers the profile the cards work on.
func (a *App) SelectProfile(id string) settings.Outcome {
	return audited(a, "profile selected", id, a.settings.SelectProfile(a.ctx, id))
}

// SetSecret stores one secret in the keychain. Write-only: the value never comes back.
func (a *App) SetSecret(profileID, name, value string) settings.Outcome {
	return audited(a, "secret saved", profileID, a.settings.SetSecret(a.ctx, profileID, name, value), "secret", loggedName(name))
}

// ClearSecret removes one secret from the keychain.
func (a *App) ClearSecret(profileID, name string) settings.Outcome {
	return audited(a, "secret cleared", profileID, a.settings.ClearSecret(a.ctx, profileID, name), "secret", loggedName(name))
}

// ConfirmSecretOrigin binds the saved REVALIDATE_SECRET to the profile's current site and instance origins
// (the card's answer to SECRET_ORIGIN_CHANGED).
func (a *App) ConfirmSecretOrigin(profileID string) settings.Outcome {
	return audited(a, "secret origin confirmed", profileID, a.settings.ConfirmSecretOrigin(a.ctx, profileID))
}

// SecretStatus says which secrets are saved, as booleans only.
func (a *App) SecretStatus(profileID string) settings.SecretStatusResult {
	return a.settings.SecretStatus(a.ctx, profileID)
}

// Readiness says, per card, whether the profile has what its check needs and which variables are missing,
// by name (the one table, package sitevars). The UI shows this instead of deriving it.
func (a *App) Readiness(profileID string) sitevars.Readiness {
	return a.settings.Readiness(a.ctx, profileID)
}

// askEnvFile is the native open dialog of an import; stop is the answer when no file was chosen (CANCELED,
// or DIALOG_FAILED when the dialog could not open).
func (a *App) askEnvFile() (path string, stop *settings.ImportPreview) {
	none := []settings.ImportChange{}
	path, err := a.rt.OpenFile(a.ctx, a.word("settings.import.dialogTitle"), []platform.FileFilter{
		{DisplayName: a.word("settings.import.filterEnv"), Pattern: "*.env;.env;.env.*;*.env.*"},
		{DisplayName: a.word("settings.import.filterAll"), Pattern: "*"},
	})
	if err != nil {
		return "", &settings.ImportPreview{Code: CodeDiagDialog, Message: i18n.Detail("settings", CodeDiagDialog, nil), Changes: none, FieldErrors: settings.FieldErrors{}}
	}
	if path == "" {
		return "", &settings.ImportPreview{Code: check.CodeCanceled, Changes: none, FieldErrors: settings.FieldErrors{}}
	}
	return path, nil
}
