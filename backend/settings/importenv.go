package settings

import (
	"context"
	"slices"
	"strings"

	"siyana/backend/envimport"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// ImportResult reports a .env import. Names only, never values.
type ImportResult struct {
	OK          bool              `json:"ok"`          // every taken variable was applied
	Code        string            `json:"code"`        // CodeOK, CodeInvalidInput, an ENV_* or keychain code, ...
	Message     string            `json:"message"`     // Arabic; on a keychain failure names what was stored
	FieldErrors map[string]string `json:"fieldErrors"` // variable name (e.g. "PUSHER_CLUSTER") -> Arabic message
	Taken       []string          `json:"taken"`       // variables used
	Ignored     []string          `json:"ignored"`     // variables in the file that were not used
	Stored      []string          `json:"stored"`      // secret names written to the keychain by this import
	Profile     profile.Profile   `json:"profile"`     // the profile after the import (zero when unchanged)
}

// ImportEnv reads a .env file into the profile. Everything is validated first (profile fields with the
// imported values, every secret value); on any problem nothing changes. Then the secrets are written, then
// the profile fields. If a keychain write fails midway the profile fields are not applied, the secrets
// already written stay (and are recorded in the index), and the result names them: importing again is safe.
func (s *Service) ImportEnv(ctx context.Context, profileID, path string) ImportResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, err := s.profiles.Get(profileID)
	if err != nil {
		return importFailure(err, envimport.Plan{})
	}
	plan, err := envimport.ReadFile(path)
	if err != nil {
		return importFailure(err, envimport.Plan{})
	}

	fieldErrs := map[string]string{}
	next := current
	plan.Apply(&next)
	if err := next.ValidateAndSetDefaults(); err != nil {
		for field, msg := range describe(err).fields {
			key := plan.EnvName(field)
			if key == "" {
				key = field
			}
			fieldErrs[key] = msg
		}
	}
	names := plan.SecretNames()
	for _, n := range names {
		if err := secrets.ValidateValue(plan.SecretValue(n)); err != nil {
			fieldErrs[plan.EnvName(n)] = secrets.MessageOf(err)
		}
	}
	if len(fieldErrs) > 0 {
		r := importFailure(nil, plan)
		r.Code, r.FieldErrors = CodeInvalidInput, fieldErrs
		r.Message = "لم يُستورد شيء: بعض القيم في الملف غير صالحة؛ صحّحها في الملف ثم أعد الاستيراد."
		return r
	}

	if len(names) > 0 {
		if err := s.keychain.Status(ctx); err != nil {
			r := importFailure(err, plan)
			r.Message = "لم يُستورد شيء لأن سلسلة المفاتيح غير متاحة. " + r.Message
			return r
		}
	}
	var stored []string
	for _, n := range names {
		if err := s.keychain.Set(ctx, profileID, n, plan.SecretValue(n)); err != nil {
			r := importFailure(err, plan)
			r.Stored = nonNil(stored)
			if len(stored) > 0 {
				// Keep the index truthful (SecretStatus corrects it anyway). A REVALIDATE_SECRET written here is
				// not bound: the file's site URL was not applied, so the secret's target is unknown until the
				// import is retried or the admin confirms it.
				_, _ = s.profiles.Update(profileID, func(q *profile.Profile) error {
					index(q, stored, nil)
					if slices.Contains(stored, secrets.RevalidateSecret) {
						q.UnbindRevalidateSecret()
					}
					return nil
				})
				r.Message = "حُفظت هذه الأسرار: " + strings.Join(stored, "، ") + "، وتعذّر حفظ " + n +
					" وما بعده، ولم تُطبَّق بقية الحقول. " + r.Message + " ثم أعد الاستيراد."
			} else {
				r.Message = "لم يُستورد شيء: تعذّر حفظ " + n + ". " + r.Message
			}
			return r
		}
		stored = append(stored, n)
	}

	saved, err := s.profiles.Update(profileID, func(q *profile.Profile) error {
		plan.Apply(q)
		for _, n := range names {
			if !q.HasSecret(n) {
				q.SavedSecrets = append(q.SavedSecrets, n)
			}
		}
		if slices.Contains(names, secrets.RevalidateSecret) {
			q.BindRevalidateSecret() // to the origins of the imported site URL
		}
		return nil
	})
	if err != nil {
		r := importFailure(err, plan)
		r.Stored = nonNil(stored)
		if len(stored) > 0 {
			r.Message = "حُفظت الأسرار في سلسلة المفاتيح لكن تعذّر حفظ حقول الملف الشخصي. " + r.Message
		}
		return r
	}
	return ImportResult{OK: true, Code: CodeOK, Message: "استُورد الملف.", Taken: plan.Taken, Ignored: plan.Ignored,
		Stored: nonNil(stored), Profile: saved}
}

// importFailure fills a failed ImportResult; err may be nil when the caller sets code and message itself.
func importFailure(err error, plan envimport.Plan) ImportResult {
	r := ImportResult{Taken: nonNil(plan.Taken), Ignored: nonNil(plan.Ignored), Stored: []string{}}
	if err != nil {
		f := describe(err)
		r.Code, r.Message, r.FieldErrors = f.code, f.message, f.fields
	}
	return r
}
