package secrets

import (
	"context"
	"os"
	"time"
)

// IntegrationEnv is set to "1" by scripts/with-keyring.sh once a throw-away keychain is unlocked.
const IntegrationEnv = "SIYANA_KEYRING_IT"

// TB is the part of testing.TB RequireRealKeychain needs (kept small so this file does not import testing).
type TB interface {
	Helper()
	Skipf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// RequireRealKeychain gates tests that use the real OS keychain: they run under scripts/with-keyring.sh,
// skip elsewhere, and fail under CI (CI set) so a CI run can never pass by silently skipping them.
func RequireRealKeychain(t TB) {
	t.Helper()
	if os.Getenv(IntegrationEnv) == "1" {
		return
	}
	const how = "run: dbus-run-session -- scripts/with-keyring.sh go test ./backend/..."
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not set under CI: the real-keychain tests must run (%s)", IntegrationEnv, how)
	}
	t.Skipf("no throw-away keychain (%s unset); %s", IntegrationEnv, how)
}

// RealKeychainT is RequireRealKeychain, then the OS keychain under the tests' service "siyana-test" and a
// context bounded by a minute (cancelled at cleanup): how every real-keychain test starts.
func RealKeychainT(t interface {
	TB
	Cleanup(func())
}) (context.Context, *Keychain) {
	t.Helper()
	RequireRealKeychain(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx, NewKeychain(Options{Service: "siyana-test"})
}
