package main

import (
	"siyana/backend/check"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/settings"
)

// FormOptions are the fixed choices the settings form offers, from Go's one copy of each list.
type FormOptions struct {
	PusherClusters []string `json:"pusherClusters"` // Pusher's clusters (profile.PusherClusters)
}

// FormOptions returns the form's fixed choices.
func (a *App) FormOptions() FormOptions {
	return FormOptions{PusherClusters: append([]string(nil), profile.PusherClusters...)}
}

// ValidateProfile checks the form's values with the rules a save applies and writes nothing: the form asks
// it while the admin types (the rule exists once, in Go).
func (a *App) ValidateProfile(p profile.Profile) settings.Outcome {
	return a.settings.ValidateProfile(p)
}

// PreviewImportEnv asks for a .env file with the native dialog, reads it once and says per variable what an
// import would change (names only for secrets). The plan stays in Go under the returned token: nothing is
// written until ApplyImport. Closing the dialog returns code CANCELED.
func (a *App) PreviewImportEnv(profileID string) settings.ImportPreview {
	none := []settings.ImportChange{}
	if _, bad := a.settings.Profile(profileID); bad != nil {
		return settings.ImportPreview{Code: bad.Code, Message: bad.Message, Changes: none}
	}
	path, err := a.rt.OpenFile(a.ctx, a.word("settings.import.dialogTitle"), []platform.FileFilter{
		{DisplayName: a.word("settings.import.filterEnv"), Pattern: "*.env;.env;.env.*;*.env.*"},
		{DisplayName: a.word("settings.import.filterAll"), Pattern: "*"},
	})
	if err != nil {
		return settings.ImportPreview{Code: CodeDiagDialog, Message: i18n.Detail("settings", CodeDiagDialog, nil), Changes: none}
	}
	if path == "" {
		return settings.ImportPreview{Code: check.CodeCanceled, Changes: none}
	}
	return a.settings.PreviewImportFile(a.ctx, profileID, path)
}

// ApplyImport applies the previewed import of token, exactly as it was shown.
func (a *App) ApplyImport(profileID, token string) settings.ImportResult {
	res := a.settings.ApplyImport(a.ctx, profileID, token)
	if res.OK {
		a.log.Info("env import applied", "profile", profileID, "taken", res.Taken, "stored", res.Stored)
	} else {
		a.log.Warn("env import not applied", "profile", profileID, "code", res.Code)
	}
	return res
}

// CancelImport drops a previewed import; nothing was written.
func (a *App) CancelImport(token string) settings.Outcome { return a.settings.CancelImport(token) }

// DatabaseURLParts returns the non-secret parts of the saved DATABASE_URL (scheme, hosts, database,
// options with credential-like values masked) and whether a user and a password are saved.
func (a *App) DatabaseURLParts(profileID string) settings.DatabaseURLParts {
	return a.settings.DatabaseURLParts(a.ctx, profileID)
}

// SetDatabaseUser replaces only the user of the saved DATABASE_URL (Go encodes it and writes the keychain).
func (a *App) SetDatabaseUser(profileID, user string) settings.DatabaseURLParts {
	res := a.settings.SetDatabaseUser(a.ctx, profileID, user)
	a.logSecretPart(profileID, "user", res)
	return res
}

// SetDatabasePassword replaces only the password of the saved DATABASE_URL. Write-only.
func (a *App) SetDatabasePassword(profileID, password string) settings.DatabaseURLParts {
	res := a.settings.SetDatabasePassword(a.ctx, profileID, password)
	a.logSecretPart(profileID, "password", res)
	return res
}

func (a *App) logSecretPart(profileID, part string, res settings.DatabaseURLParts) {
	if res.OK {
		a.log.Info("secret written", "profile", profileID, "name", "DATABASE_URL", "part", part)
	} else {
		a.log.Warn("secret not written", "profile", profileID, "name", "DATABASE_URL", "part", part, "code", res.Code)
	}
}
