// Package appid decides the one name a build uses on the machine: the config dir under os.UserConfigDir()
// and the keychain service. A dev build (the bridge the browser E2E and `wails dev` run) has its own, so
// trying things out never reads or writes the production profiles or credentials.
package appid

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// Production is the name of a production build; Dev that of a dev build.
const (
	Production = "siyana"
	Dev        = Production + "-dev"
)

// For returns Dev when dev is set, else Production.
func For(dev bool) string {
	if dev {
		return Dev
	}
	return Production
}

// InstanceID names the one running app of a build (dev or not) on one config dir, for the desktop app's
// single-instance lock: the build's name and a digest of the absolute config dir. It is made of letters,
// digits and '-' only (Wails turns it into a D-Bus name on Linux, a mutex name on Windows, a lock file
// name on macOS), and starts with a letter.
func InstanceID(dev bool, configDir string) string {
	if abs, err := filepath.Abs(configDir); err == nil && configDir != "" {
		configDir = abs
	}
	sum := sha256.Sum256([]byte(configDir))
	return For(dev) + "-" + hex.EncodeToString(sum[:8])
}
