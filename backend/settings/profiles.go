package settings

import (
	"context"
	"slices"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/sitevars"
)

// ProfilesResult is the profile list for the picker and the settings screen.
type ProfilesResult struct {
	OK         bool                 `json:"ok"`         // false only from the stand-in store (config dir unavailable)
	Code       string               `json:"code"`       // CodeOK or CodeStoreUnavailable
	Message    string               `json:"message"`    // "" (see Warning for a load problem)
	Profiles   []profile.Profile    `json:"profiles"`   // stored order; never nil
	SelectedID string               `json:"selectedId"` // "" when none is selected
	Warning    *profile.LoadWarning `json:"warning"`    // non-nil when profiles.json was unusable at start
}

// ProfileResult is one profile after a create, update or import.
type ProfileResult struct {
	OK          bool              `json:"ok"`          // saved
	Code        string            `json:"code"`        // CodeOK, CodeInvalidInput, CodeProfileNotFound, CodeWriteFailed, ...
	Message     string            `json:"message"`     // English detail for logs; the UI renders Code + Params
	Params      map[string]string `json:"params"`      // fill the catalog sentence (reason)
	FieldErrors FieldErrors       `json:"fieldErrors"` // JSON path -> rule when Code is CodeInvalidInput
	Profile     profile.Profile   `json:"profile"`     // the stored form (normalised, defaults filled); zero on failure
}

// DeleteResult reports a profile deletion, including what happened to its secrets.
type DeleteResult struct {
	OK      bool   `json:"ok"`      // profile and all its secrets are gone
	Code    string `json:"code"`    // CodeOK, a keychain code, CodeSecretsLeft, CodeProfileNotFound, ...
	Message string `json:"message"` // English detail for logs; the UI renders Code + Params
	// Params fill the catalog sentence: reason, and for SECRETS_LEFT_BEHIND the keychain service, account
	// and the names left (list).
	Params         map[string]string `json:"params"`
	Deleted        bool              `json:"deleted"`        // the profile itself was removed (refresh the list)
	SecretsRemoved []string          `json:"secretsRemoved"` // secret names removed from the keychain
	SecretsLeft    []string          `json:"secretsLeft"`    // names that may still be in the keychain
}

// ListProfiles returns every profile, the selected ID and the load warning.
func (s *Service) ListProfiles(ctx context.Context) ProfilesResult {
	if err := s.profiles.Down(); err != nil {
		f := describe(err)
		return ProfilesResult{Code: f.code, Message: f.message, Profiles: []profile.Profile{}}
	}
	list, selected := s.profiles.List()
	return ProfilesResult{OK: true, Code: CodeOK, Profiles: list, SelectedID: selected, Warning: s.profiles.Warning()}
}

// NewProfile returns an unsaved profile with the defaults, to prefill the "new profile" form.
func (s *Service) NewProfile(ctx context.Context) ProfileResult {
	return ProfileResult{OK: true, Code: CodeOK, Profile: profile.Defaults()}
}

// SaveProfile creates (empty ID) or updates a profile. The saved-secrets index and the origins
// REVALIDATE_SECRET is bound to are not the caller's to set: they are kept from the stored profile (empty
// for a new one), so repointing the site URL here never moves the secret with it.
func (s *Service) SaveProfile(ctx context.Context, p profile.Profile) ProfileResult {
	var saved profile.Profile
	// The rules for what the admin types now (ValidateInput); the store itself checks what a stored profile
	// must be. On a refusal nothing is written.
	check := p
	err := check.ValidateInput()
	switch {
	case err != nil:
	case p.ID == "":
		p.SavedSecrets, p.RevalidateSecretOrigins = nil, nil
		saved, err = s.profiles.Save(p)
	default:
		saved, err = s.profiles.Update(p.ID, func(q *profile.Profile) error {
			index, origins := q.SavedSecrets, q.RevalidateSecretOrigins
			*q = p
			q.SavedSecrets, q.RevalidateSecretOrigins = index, origins
			return nil
		})
	}
	if err != nil {
		f := describe(err)
		return ProfileResult{Code: f.code, Message: f.message, FieldErrors: f.fields}
	}
	done := i18n.Params{"reason": "profileSaved"}
	return ProfileResult{OK: true, Code: CodeOK, Params: done, Message: say(CodeOK, done), Profile: saved}
}

// SelectProfile makes id the selected profile.
func (s *Service) SelectProfile(ctx context.Context, id string) Outcome {
	if err := s.profiles.Select(id); err != nil {
		return fail(err)
	}
	return ok("", nil)
}

// DeleteProfile removes the profile's secrets from the keychain, then the profile. When some secrets cannot
// be removed the profile is kept (so the user can retry once the keychain works), unless force is set: then
// the profile goes anyway and the result names the secrets left in the keychain.
func (s *Service) DeleteProfile(ctx context.Context, id string, force bool) DeleteResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.profiles.Get(id)
	if err != nil {
		f := describe(err)
		return DeleteResult{Code: f.code, Message: f.message}
	}
	removed, kerr := s.keychain.DeleteProfile(ctx, id)
	res := DeleteResult{SecretsRemoved: nonNil(removed), SecretsLeft: []string{}}
	if kerr != nil {
		// Unknown what is left: the index minus what went (the keychain cannot be listed).
		for _, n := range p.SavedSecrets {
			if !slices.Contains(removed, n) {
				res.SecretsLeft = append(res.SecretsLeft, n)
			}
		}
		if !force {
			_, _ = s.profiles.Update(id, func(q *profile.Profile) error { q.SavedSecrets = res.SecretsLeft; return nil })
			f := describe(kerr)
			res.Code, res.Params = f.code, i18n.Params{"reason": "deleteKept"}
			res.Message = say(res.Code, res.Params)
			return res
		}
	}
	if err := s.profiles.Delete(id); err != nil {
		f := describe(err)
		res.Code = f.code
		res.Message = f.message
		if len(removed) > 0 {
			res.Params = i18n.Params{"reason": "deleteSecretsGone"}
			res.Message = say(res.Code, res.Params)
		}
		return res
	}
	res.Deleted = true
	if kerr != nil {
		res.Code = CodeSecretsLeft
		res.Params = i18n.Params{"service": s.serviceName(), "account": id + "/…", "list": i18n.List(res.SecretsLeft)}
		res.Message = say(res.Code, res.Params)
		return res
	}
	res.OK, res.Code, res.Params = true, CodeOK, i18n.Params{"reason": "deleted"}
	res.Message = say(res.Code, res.Params)
	return res
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// knownName reports whether name is one of secrets.Known.
func knownName(name string) bool { return slices.Contains(secrets.Known, name) }

// serviceName is the keychain service for messages that tell the user where to look.
func (s *Service) serviceName() string {
	if k, ok := s.keychain.(interface{ Service() string }); ok {
		return k.Service()
	}
	return secrets.ServiceName
}

// Readiness says, per card, whether the profile has what the card's check needs and which variables are
// missing, from the profile and the keychain's saved-or-not answer (never a value). The UI shows this
// instead of deriving it: the rule is the one table's (package sitevars).
func (s *Service) Readiness(ctx context.Context, profileID string) sitevars.Readiness {
	p, bad := s.Profile(profileID)
	if bad != nil {
		return sitevars.NotReady(profileID, bad.Code, bad.Message)
	}
	st := s.SecretStatus(ctx, profileID)
	r := sitevars.Ready(p, st.Saved)
	if !st.OK && st.Source != SourceIndex {
		return sitevars.NotReady(profileID, st.Code, st.Message)
	}
	return r
}
