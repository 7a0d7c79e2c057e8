package main

import (
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
	if _, bad := a.settings.Profile(profileID); bad != nil {
		return settings.ImportPreview{Code: bad.Code, Message: bad.Message, Changes: []settings.ImportChange{}, FieldErrors: settings.FieldErrors{}}
	}
	path, stop := a.askEnvFile()
	if stop != nil {
		return *stop
	}
	return audited(a, "import previewed", profileID, a.settings.PreviewImportFile(a.ctx, profileID, path))
}

// PreviewImportEnvNew is PreviewImportEnv before the first save: the preview is computed over draft (what
// the admin chose in the form: name, kind, ...); ApplyImport with no profile ID then creates the profile.
func (a *App) PreviewImportEnvNew(draft profile.Profile) settings.ImportPreview {
	path, stop := a.askEnvFile()
	if stop != nil {
		return *stop
	}
	return audited(a, "import previewed", "", a.settings.PreviewImportNewFile(a.ctx, draft, path))
}

// ApplyImport applies the previewed import of token, exactly as it was shown; with no profile ID, the
// preview of a draft, which creates the profile.
func (a *App) ApplyImport(profileID, token string) settings.ImportResult {
	res := a.settings.ApplyImport(a.ctx, profileID, token)
	if profileID == "" {
		return audited(a, "import", res.Profile.ID, res)
	}
	return audited(a, "import", profileID, res)
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
