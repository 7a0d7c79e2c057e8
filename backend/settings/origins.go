package settings

import (
	"context"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// CodeSecretNotSaved: ConfirmSecretOrigin was asked for a profile that has no REVALIDATE_SECRET to confirm.
const CodeSecretNotSaved = "SECRET_NOT_SAVED"

// ConfirmSecretOrigin binds the profile's saved REVALIDATE_SECRET to the origins its site and instance URLs
// point to now: the admin's answer to SECRET_ORIGIN_CHANGED ("yes, this new address is my site"). The value
// is not read; entering the secret again in Settings binds it the same way.
func (s *Service) ConfirmSecretOrigin(ctx context.Context, profileID string) Outcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.profiles.Get(profileID)
	if err != nil {
		return fail(err)
	}
	if !p.HasSecret(secrets.RevalidateSecret) {
		return Outcome{Code: CodeSecretNotSaved, Message: say(CodeSecretNotSaved, nil)}
	}
	if len(p.Origins()) == 0 {
		return withReason(Outcome{Code: CodeInvalidInput, FieldErrors: FieldErrors{"siteUrl": {Code: "required"}}}, "originNoSite", nil)
	}
	saved, err := s.profiles.Update(profileID, func(q *profile.Profile) error { q.BindRevalidateSecret(); return nil })
	if err != nil {
		return fail(err)
	}
	return ok("originConfirmed", i18n.Params{"origins": i18n.List(saved.RevalidateSecretOrigins)})
}
