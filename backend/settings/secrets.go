package settings

import (
	"context"
	"errors"
	"slices"
	"strings"

	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// Where SecretStatus got its answer.
const (
	SourceKeychain = "keychain" // asked the keychain itself: authoritative
	SourceIndex    = "index"    // keychain unusable: the names recorded in the profile when they were saved
)

// SecretStatusResult says which secrets a profile has. Never values.
type SecretStatusResult struct {
	OK      bool              `json:"ok"`      // the keychain answered (Source is SourceKeychain)
	Code    string            `json:"code"`    // CodeOK, or why the keychain could not be asked (Saved then comes from the index)
	Message string            `json:"message"` // English detail; the UI renders Code + Params
	Params  map[string]string `json:"params"`  // reason statusFromIndex when the keychain could not answer
	Source  string            `json:"source"`  // SourceKeychain or SourceIndex ("" when the profile does not exist)
	Saved   map[string]bool   `json:"saved"`   // every name in secrets.Known -> saved or not
	Names   []string          `json:"names"`   // secrets.Known in display order: the settings panel's fields
}

// SetSecret stores one secret (write-only: the value never comes back to the UI). The value is trimmed;
// empty, over secrets.MaxValueBytes, not text or (REVALIDATE_SECRET) not visible ASCII is refused with a field error under the secret's name.
func (s *Service) SetSecret(ctx context.Context, profileID, name, value string) Outcome {
	if !knownName(name) {
		return Outcome{Code: secrets.CodeInvalidName, Message: secrets.ErrInvalidName.Message(),
			FieldErrors: FieldErrors{"name": {Code: secrets.CodeInvalidName}}}
	}
	value = strings.TrimSpace(value)
	if err := secrets.ValidateFor(name, value); err != nil {
		o := fail(err)
		o.FieldErrors = FieldErrors{name: {Code: o.Code}}
		return o
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.profiles.Get(profileID); err != nil {
		return fail(err)
	}
	if err := s.keychain.Set(ctx, profileID, name, value); err != nil {
		return fail(err)
	}
	if err := s.setIndexed(profileID, []string{name}, nil); err != nil {
		return indexFailure(err)
	}
	return ok("secretSaved", nil)
}

// ClearSecret removes one secret; clearing a secret that is not there succeeds.
func (s *Service) ClearSecret(ctx context.Context, profileID, name string) Outcome {
	if !knownName(name) {
		return Outcome{Code: secrets.CodeInvalidName, Message: secrets.ErrInvalidName.Message(),
			FieldErrors: FieldErrors{"name": {Code: secrets.CodeInvalidName}}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.profiles.Get(profileID); err != nil {
		return fail(err)
	}
	if err := s.keychain.Delete(ctx, profileID, name); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return fail(err)
	}
	if err := s.setIndexed(profileID, nil, []string{name}); err != nil {
		return indexFailure(err)
	}
	return ok("secretCleared", nil)
}

// SecretStatus asks the keychain which secrets exist (values are read and dropped at once: go-keyring has no
// "exists" call). When the keychain cannot answer it falls back to the index and says so. A keychain answer
// that differs from the index corrects the index.
func (s *Service) SecretStatus(ctx context.Context, profileID string) SecretStatusResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.profiles.Get(profileID)
	if err != nil {
		f := describe(err)
		return SecretStatusResult{Code: f.code, Message: f.message, Saved: map[string]bool{}, Names: secrets.Known}
	}
	saved, kerr := s.askKeychain(ctx, profileID)
	if kerr != nil {
		f := describe(kerr)
		why := i18n.Params{"reason": "statusFromIndex"}
		res := SecretStatusResult{Code: f.code, Source: SourceIndex, Saved: map[string]bool{}, Names: secrets.Known, Params: why,
			Message: say(f.code, why)}
		for _, n := range secrets.Known {
			res.Saved[n] = p.HasSecret(n)
		}
		return res
	}
	var have []string
	for _, n := range secrets.Known {
		if saved[n] {
			have = append(have, n)
		}
	}
	if !slices.Equal(have, indexOrder(p.SavedSecrets)) {
		// Best effort: the answer above is right whether or not the index write works.
		_, _ = s.profiles.Update(profileID, func(q *profile.Profile) error {
			q.SavedSecrets = have
			if !slices.Contains(have, secrets.RevalidateSecret) {
				q.UnbindRevalidateSecret() // a secret that reappears later has to be confirmed again
			}
			return nil
		})
	}
	return SecretStatusResult{OK: true, Code: CodeOK, Source: SourceKeychain, Saved: saved, Names: secrets.Known}
}

func (s *Service) askKeychain(ctx context.Context, profileID string) (map[string]bool, error) {
	if err := s.keychain.Status(ctx); err != nil {
		return nil, err
	}
	saved := map[string]bool{}
	for _, n := range secrets.Known {
		_, err := s.keychain.Get(ctx, profileID, n)
		switch {
		case err == nil:
			saved[n] = true
		case errors.Is(err, secrets.ErrNotFound):
			saved[n] = false
		default:
			return nil, err
		}
	}
	return saved, nil
}

// SecretValue returns a secret for another Go service (a check that needs DATABASE_URL, say).
//
// NEVER bind this to the frontend and never put its result in a result struct, event or log: it is the one
// door through which a secret value leaves the keychain. Errors are the typed errors of package secrets.
func (s *Service) SecretValue(ctx context.Context, profileID, name string) (string, error) {
	return s.keychain.Get(ctx, profileID, name)
}

// ReadSecrets reads every secret of the profile and drops the values: with the keychain wrapped by
// redact.Recording, that teaches the redactor all of them. nil when each was read or is not saved; else the
// first keychain failure (ErrLocked, ErrNoKeychain, ErrTimeout, ...), so a caller that must not run without
// its redactor (diagnostics) can refuse.
func (s *Service) ReadSecrets(ctx context.Context, profileID string) error {
	if err := s.keychain.Status(ctx); err != nil {
		return err
	}
	for _, n := range secrets.Known {
		if _, err := s.keychain.Get(ctx, profileID, n); err != nil && !errors.Is(err, secrets.ErrNotFound) {
			return err
		}
	}
	return nil
}

// setIndexed adds and removes names in the profile's saved-secrets index. Saving REVALIDATE_SECRET binds it
// to the profile's current origins (the admin typed it for the site the profile points to); clearing it
// drops the binding.
func (s *Service) setIndexed(profileID string, add, remove []string) error {
	_, err := s.profiles.Update(profileID, func(q *profile.Profile) error {
		index(q, add, remove)
		switch {
		case slices.Contains(add, secrets.RevalidateSecret):
			q.BindRevalidateSecret()
		case slices.Contains(remove, secrets.RevalidateSecret):
			q.UnbindRevalidateSecret()
		}
		return nil
	})
	return err
}

// index applies add and remove to q.SavedSecrets, in secrets.Known order.
func index(q *profile.Profile, add, remove []string) {
	var next []string
	for _, n := range secrets.Known {
		if slices.Contains(remove, n) {
			continue
		}
		if slices.Contains(add, n) || q.HasSecret(n) {
			next = append(next, n)
		}
	}
	q.SavedSecrets = next
}

// indexOrder returns the known names of index in secrets.Known order.
func indexOrder(index []string) []string {
	var out []string
	for _, n := range secrets.Known {
		if slices.Contains(index, n) {
			out = append(out, n)
		}
	}
	return out
}

func indexFailure(err error) Outcome {
	f := describe(err)
	return Outcome{Code: CodeIndexWriteFailed, Message: say(CodeIndexWriteFailed, nil) + " (" + f.message + ")"}
}
