package settings

import (
	"context"
	"strings"

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
		return Outcome{Code: CodeSecretNotSaved, Message: "لا يوجد سر REVALIDATE_SECRET محفوظ لهذا الملف الشخصي؛ أدخله في الإعدادات."}
	}
	if len(p.Origins()) == 0 {
		return Outcome{Code: CodeInvalidInput, Message: "أضف رابط الموقع في الملف الشخصي أولًا ثم أكّد السر له.",
			FieldErrors: map[string]string{"siteUrl": "العنوان مطلوب."}}
	}
	saved, err := s.profiles.Update(profileID, func(q *profile.Profile) error { q.BindRevalidateSecret(); return nil })
	if err != nil {
		return fail(err)
	}
	return ok("سيُرسل سر REVALIDATE_SECRET من الآن إلى: " + strings.Join(saved.RevalidateSecretOrigins, "، "))
}
