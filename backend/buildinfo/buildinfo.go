// Package buildinfo carries the version stamped into the binary with -ldflags -X.
package buildinfo

import "runtime"

// Set with -ldflags "-X siyana/backend/buildinfo.Version=... -X ...Commit=... -X ...Date=...".
var (
	Version = "dev"
	Commit  = "unknown"
	Date    = "unknown"
)

// Info is what the footer and the diagnostics file show.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"goVersion"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
}

// Get returns the stamped build information.
func Get() Info {
	return Info{Version: Version, Commit: Commit, Date: Date, GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
}
