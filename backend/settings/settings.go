// Package settings is the service behind the settings screen: profiles (package profile), their secrets
// (package secrets, the OS keychain) and .env import (package envimport). The app facade calls one method
// per bound function and returns the result as is.
//
// Errors are data: every method meant for the frontend returns a result struct with ok, code (stable
// string) and message (Arabic, safe to show), never a Go error. No result ever carries a secret value; only
// SecretValue returns one, and it is for other Go services: it must never be bound to the frontend.
package settings

import (
	"context"
	"errors"
	"sync"

	"siyana/backend/check"
	"siyana/backend/envimport"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// Codes of this package. Keychain failures use the codes of package secrets (KEYCHAIN_UNAVAILABLE,
// KEYCHAIN_LOCKED, ...), import failures those of package envimport (ENV_MALFORMED, ...).
const (
	CodeOK               = check.CodeOK
	CodeInvalidInput     = "INVALID_INPUT"            // see FieldErrors
	CodeProfileNotFound  = check.CodeProfileNotFound  // the profile was deleted meanwhile
	CodeStoreUnavailable = check.CodeStoreUnavailable // the config dir could not be opened at start
	CodeTooManyProfiles  = "TOO_MANY_PROFILES"        // profile.MaxProfiles reached
	CodeReadOnly         = "PROFILES_READ_ONLY"       // an unusable profiles file could not be moved aside
	CodeWriteFailed      = "PROFILES_WRITE_FAILED"    // the profiles file could not be written
	CodeSecretsLeft      = "SECRETS_LEFT_BEHIND"      // a forced delete removed the profile but not all its secrets
	CodeIndexWriteFailed = "SECRET_INDEX_NOT_SAVED"   // keychain updated, but the saved-names index was not written
)

// Outcome is the result of an action that returns no data.
type Outcome struct {
	OK          bool              `json:"ok"`          // the action fully succeeded
	Code        string            `json:"code"`        // CodeOK or a failure code (see the Code* constants)
	Message     string            `json:"message"`     // English detail for logs; the UI renders Code + Params
	Params      map[string]string `json:"params"`      // fill the catalog sentence (reason, origins, ...); nil when none
	FieldErrors FieldErrors       `json:"fieldErrors"` // per input field (secret name or JSON path); nil when none
}

// FieldErrors are the refused fields of a form, each with its rule (the UI shows field.<code>).
type FieldErrors = map[string]profile.FieldError

// area names this service's sentences in the catalogs (settings.why.<reason>, settings.msg.<code>).
const area = "settings"

// say is the English detail of code with params.
func say(code string, p i18n.Params) string { return i18n.Detail(area, code, p) }

// Service combines the profile store and the keychain. Safe for concurrent use.
type Service struct {
	profiles *profile.Store
	keychain secrets.Store
	// mu serialises the operations that touch both the keychain and the saved-names index, so a delete
	// cannot run between a secret write and its index update (which would orphan the secret).
	mu sync.Mutex
	// previews hold the .env plans shown to the admin until applied, cancelled or expired.
	previews previews
}

// New returns the service. keychain is secrets.NewKeychain(...) in the app and secrets.NewMemory() in tests.
func New(profiles *profile.Store, keychain secrets.Store) *Service {
	return &Service{profiles: profiles, keychain: keychain}
}

// failure is the code, English detail and field errors for err.
type failure struct {
	code, message string
	fields        FieldErrors
	params        map[string]string // the sentence's values (an import error's line or limit); nil when none
}

func describe(err error) failure {
	var ve *profile.ValidationError
	var se *secrets.Error
	var ee *envimport.Error
	switch {
	case errors.As(err, &ve):
		return failure{code: CodeInvalidInput, message: say(CodeInvalidInput, nil), fields: ve.Fields}
	case errors.As(err, &se):
		return failure{code: se.Code(), message: se.Message()}
	case errors.As(err, &ee):
		return failure{code: ee.Code(), message: ee.Message(), params: ee.Params()}
	case errors.Is(err, profile.ErrUnavailable):
		return failure{code: CodeStoreUnavailable, message: say(CodeStoreUnavailable, nil)}
	case errors.Is(err, profile.ErrNotFound):
		return failure{code: CodeProfileNotFound, message: say(CodeProfileNotFound, nil)}
	case errors.Is(err, profile.ErrTooMany):
		return failure{code: CodeTooManyProfiles, message: say(CodeTooManyProfiles, nil)}
	case errors.Is(err, profile.ErrReadOnly):
		return failure{code: CodeReadOnly, message: say(CodeReadOnly, nil)}
	case errors.Is(err, profile.ErrWrite):
		return failure{code: CodeWriteFailed, message: say(CodeWriteFailed, nil)}
	case errors.Is(err, context.DeadlineExceeded):
		return failure{code: check.CodeTimeout, message: say(check.CodeTimeout, nil)}
	case errors.Is(err, context.Canceled):
		return failure{code: check.CodeCanceled, message: say(check.CodeCanceled, nil)}
	}
	return failure{code: check.CodeInternal, message: say(check.CodeInternal, nil)}
}

// Explain is the outcome every bound method gives for err: the one place a profile that is not found, a
// store that is unavailable or a keychain failure becomes a code and a message.
func Explain(err error) Outcome { return fail(err) }

// Profile returns the profile a bound method works on, or the outcome that stops it (PROFILE_NOT_FOUND,
// STORE_UNAVAILABLE): every bound method that names a profile asks here first.
func (s *Service) Profile(id string) (profile.Profile, *Outcome) {
	p, err := s.profiles.Get(id)
	if err != nil {
		o := fail(err)
		return profile.Profile{}, &o
	}
	return p, nil
}

func fail(err error) Outcome {
	f := describe(err)
	return Outcome{Code: f.code, Message: f.message, FieldErrors: f.fields, Params: f.params}
}

// ok is a success; reason names its sentence (settings.why.<reason>), "" for none.
func ok(reason string, p i18n.Params) Outcome {
	if reason == "" {
		return Outcome{OK: true, Code: CodeOK, Params: p, Message: say(CodeOK, p)}
	}
	return withReason(Outcome{OK: true, Code: CodeOK}, reason, p)
}

// withReason returns o with its sentence chosen by reason (the code's hint still says what to do).
func withReason(o Outcome, reason string, p i18n.Params) Outcome {
	o.Params, o.Message = reasoned(o.Code, reason, p)
	return o
}

// reasoned is p (a new map when nil) with its "reason" set, and the sentence of code said with it: the one
// way a result names why (settings.why.<reason>).
func reasoned(code, reason string, p i18n.Params) (i18n.Params, string) {
	if p == nil {
		p = i18n.Params{}
	}
	p["reason"] = reason
	return p, say(code, p)
}
