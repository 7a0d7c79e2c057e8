package settings

import (
	"context"
	"slices"

	"siyana/backend/envimport"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// ImportResult reports a .env import. Names only, never values.
type ImportResult struct {
	OK          bool              `json:"ok"`          // every taken variable was applied
	Code        string            `json:"code"`        // CodeOK, CodeInvalidInput, an ENV_* or keychain code, ...
	Message     string            `json:"message"`     // English detail for logs; the UI renders Code + Params
	Params      map[string]string `json:"params"`      // reason, and the names stored / failed on a keychain failure
	FieldErrors FieldErrors       `json:"fieldErrors"` // variable name (e.g. "PUSHER_CLUSTER") -> rule
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
	return s.importEnv(ctx, profileID, func() (envimport.Plan, error) { return envimport.ReadFile(path) })
}

// ImportEnvText is ImportEnv over .env text already in memory (siyanactl --env: the process environment,
// never written to disk). The same limits and validation apply.
func (s *Service) ImportEnvText(ctx context.Context, profileID string, text []byte) ImportResult {
	return s.importEnv(ctx, profileID, func() (envimport.Plan, error) { return envimport.Parse(text) })
}

func (s *Service) importEnv(ctx context.Context, profileID string, read func() (envimport.Plan, error)) ImportResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	current, err := s.profiles.Get(profileID)
	if err != nil {
		return importFailure(err, envimport.Plan{})
	}
	plan, err := read()
	if err != nil {
		return importFailure(err, envimport.Plan{})
	}
	return s.importPlanLocked(ctx, current, plan)
}

// importPlanLocked validates plan over current and applies it; current without an ID is created first
// (once everything is valid and the keychain answers). The caller holds s.mu.
func (s *Service) importPlanLocked(ctx context.Context, current profile.Profile, plan envimport.Plan) ImportResult {
	fieldErrs, fileAtFault := checkPlan(current, plan)
	names := plan.SecretNames()
	if len(fieldErrs) > 0 {
		r := importFailure(nil, plan)
		r.Code, r.FieldErrors = CodeInvalidInput, fieldErrs
		if !fileAtFault {
			return importReason(r, "importFormInvalid", nil) // the file is fine: the form's fields are not
		}
		return importReason(r, "importInvalid", nil)
	}

	if len(names) > 0 {
		if err := s.keychain.Status(ctx); err != nil {
			return importReason(importFailure(err, plan), "importNoKeychain", nil)
		}
	}
	profileID := current.ID
	if profileID == "" {
		created := current
		plan.Apply(&created)
		saved, err := s.profiles.Save(created)
		if err != nil {
			return importFailure(err, plan)
		}
		profileID = saved.ID
	}
	var stored []string
	for _, n := range names {
		if err := s.keychain.Set(ctx, profileID, n, plan.SecretValue(n)); err != nil {
			r := importFailure(err, plan)
			r.Stored = nonNil(stored)
			if current.ID == "" && len(stored) == 0 {
				_ = s.profiles.Delete(profileID) // nothing of the import is kept: neither is the new profile
			}
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
				return importReason(r, "importPartial", i18n.Params{"stored": i18n.List(stored), "failed": n})
			}
			return importReason(r, "importNothingStored", i18n.Params{"failed": n})
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
			return importReason(r, "importFieldsFailed", nil)
		}
		return r
	}
	p := i18n.Params{"reason": "imported"}
	return ImportResult{OK: true, Code: CodeOK, Params: p, Message: say(CodeOK, p), Taken: plan.Taken, Ignored: plan.Ignored,
		Stored: nonNil(stored), Profile: saved}
}

// checkPlan validates what plan would make of current (the profile fields with the imported values, as the
// form's save does, and every secret value), keyed by the variable name each problem came from.
// fileAtFault says a refused value came from the file, not only from the form (a new profile's name, kind).
func checkPlan(current profile.Profile, plan envimport.Plan) (fieldErrs FieldErrors, fileAtFault bool) {
	fieldErrs = FieldErrors{}
	next := current
	plan.Apply(&next)
	if err := next.ValidateInput(); err != nil {
		for field, msg := range describe(err).fields {
			key := plan.EnvName(field)
			if key == "" {
				key = field
			} else {
				fileAtFault = true
			}
			fieldErrs[key] = msg
		}
	}
	for _, n := range plan.SecretNames() {
		if err := secrets.ValidateFor(n, plan.SecretValue(n)); err != nil {
			fieldErrs[plan.EnvName(n)] = profile.FieldError{Code: secrets.CodeOf(err)}
			fileAtFault = true
		}
	}
	return fieldErrs, fileAtFault
}

// importReason sets the sentence of a failed import (settings.why.<reason>); the code's hint says the fix.
func importReason(r ImportResult, reason string, p i18n.Params) ImportResult {
	r.Params, r.Message = reasoned(r.Code, reason, p)
	return r
}

// importFailure fills a failed ImportResult; err may be nil when the caller sets code and message itself.
func importFailure(err error, plan envimport.Plan) ImportResult {
	r := ImportResult{Taken: nonNil(plan.Taken), Ignored: nonNil(plan.Ignored), Stored: []string{}}
	if err != nil {
		f := describe(err)
		r.Code, r.Message, r.FieldErrors, r.Params = f.code, f.message, f.fields, f.params
	}
	return r
}
