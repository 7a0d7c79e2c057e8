//go:build !linux

package secrets

import "strings"

// sessionBusCheck: only Linux reaches the keychain over D-Bus.
func sessionBusCheck() error { return nil }

// mapPlatformError classifies the few macOS / Windows failures that have a clear fix.
func mapPlatformError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "User interaction is not allowed"), strings.Contains(msg, "exit status 51"),
		strings.Contains(msg, "exit status 36"):
		// macOS: the keychain is locked and no prompt could be shown.
		return ErrLocked
	}
	return nil
}
