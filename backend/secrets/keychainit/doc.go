// Package keychainit holds the tests of package secrets against the real OS keychain. They live apart from
// the unit tests because those swap go-keyring's package-global provider (MockInit) for the whole test
// binary. Run them under scripts/with-keyring.sh, which sets SIYANA_KEYRING_IT=1; under CI=true they fail
// rather than skip when that variable is missing.
package keychainit
