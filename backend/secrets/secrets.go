// Package secrets keeps credentials in the OS keychain (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows) through go-keyring, one item per profile and name. There is deliberately no
// plaintext fallback: when the keychain is unusable callers get ErrNoKeychain and tell the user how to fix it.
//
// Values are for Go services only. Nothing in this package, and nothing that wraps it for the frontend, may
// return a value to the UI: the UI can only set, clear and ask whether a name is saved.
package secrets

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxValueBytes is the one size cap enforced on every OS so a profile moves between machines. Windows
// Credential Manager refuses blobs over 2560 bytes (go-keyring stores the value as the raw blob there); macOS
// go-keyring base64-encodes the value with an 18-byte prefix inside a `security -i` command capped at 4096
// bytes, which 2048 raw bytes (about 2.75 KB encoded plus service and account) still fits with room to spare.
// Real values (a MongoDB URI, Atlas keys, a Pusher secret) are a few hundred bytes.
const MaxValueBytes = 2048

// Store is what other packages use; Keychain is the real one, Memory the test fake. Every method honours
// ctx and returns one of the Err* values of this package (wrapped), never a raw keychain error.
type Store interface {
	// Set creates or replaces the secret.
	Set(ctx context.Context, profileID, name, value string) error
	// Get returns the value. Go callers only: never pass it to the frontend or a log.
	Get(ctx context.Context, profileID, name string) (string, error)
	// Delete removes one secret; ErrNotFound when it was not there.
	Delete(ctx context.Context, profileID, name string) error
	// DeleteProfile removes every known secret of the profile. removed lists the names that were there and
	// are gone now; err (the first failure) is non-nil when some name could not be removed.
	DeleteProfile(ctx context.Context, profileID string) (removed []string, err error)
	// Status returns nil when the keychain can be used now, else why not (ErrNoKeychain, ErrLocked, ...).
	Status(ctx context.Context) error
}

// profileIDChars with a length of 1 to 64 is a profile ID (the bound is checked apart: {1,64} compiles into
// 64 copies of the class, paid at every start).
var profileIDChars = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func validProfileID(id string) bool {
	return len(id) >= 1 && len(id) <= 64 && profileIDChars.MatchString(id)
}

// ValidateKey checks the profile ID and secret name that together form the keychain account.
func ValidateKey(profileID, name string) error {
	if !validProfileID(profileID) {
		return fmt.Errorf("%w: profile id", ErrInvalidName)
	}
	if !slices.Contains(Known, name) {
		return fmt.Errorf("%w: %q is not a known secret name", ErrInvalidName, name)
	}
	return nil
}

// ValidateValue checks what every keychain accepts: non-empty, valid UTF-8 without NUL (macOS passes the value
// through a command line, Secret Service through D-Bus), at most MaxValueBytes.
func ValidateValue(value string) error {
	switch {
	case value == "":
		return fmt.Errorf("%w: empty", ErrInvalidValue)
	case len(value) > MaxValueBytes:
		return fmt.Errorf("%w: %d bytes, the cap is %d", ErrTooBig, len(value), MaxValueBytes)
	case !utf8.ValidString(value) || strings.ContainsRune(value, 0):
		return fmt.Errorf("%w: not valid text", ErrInvalidValue)
	}
	return nil
}

// headerValues are the secrets sent as an HTTP header value as they are: REVALIDATE_SECRET goes out as
// "Authorization: Bearer <secret>". A header carries bytes, and Node reads them as Latin-1, so a non-ASCII
// secret never equals the route's process.env value and every call fails as a wrong secret: refused here.
var headerValues = []string{RevalidateSecret}

// ValidateFor is ValidateValue plus what name's use asks of it: a header value is printable ASCII (a space
// inside is fine: the route takes everything after "Bearer ").
func ValidateFor(name, value string) error {
	if err := ValidateValue(value); err != nil {
		return err
	}
	if slices.Contains(headerValues, name) {
		for i := 0; i < len(value); i++ {
			if value[i] < ' ' || value[i] > '~' {
				return fmt.Errorf("%w: %s travels in an HTTP header: byte %d is not printable ASCII", ErrNotASCII, name, i)
			}
		}
	}
	return nil
}

// account is the keychain user name of one secret.
func account(profileID, name string) string { return profileID + "/" + name }

// ctxErr maps a finished context to our typed error.
func ctxErr(ctx context.Context) error {
	if ctx.Err() == context.Canceled {
		return fmt.Errorf("%w: %w", ErrCanceled, ctx.Err())
	}
	return fmt.Errorf("%w: %w", ErrTimeout, ctx.Err())
}
