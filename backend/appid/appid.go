// Package appid decides the one name a build uses on the machine: the config dir under os.UserConfigDir()
// and the keychain service. A dev build (the bridge the browser E2E and `wails dev` run) has its own, so
// trying things out never reads or writes the production profiles or credentials.
package appid

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
