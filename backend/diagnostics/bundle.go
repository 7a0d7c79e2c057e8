// Package diagnostics builds diagnostics.json: what a maintainer needs to understand a problem report
// (versions, the profile's shape, which settings are present, the last results) and nothing that could let
// anyone into the site. The bundle types have no field that can hold a secret value; the free text they do
// carry (check messages, driver and HTTP errors, URLs) passes through one Scrubber, and every replacement is
// listed in Redactions so the user can see what was removed before saving.
package diagnostics

import (
	"encoding/json"
	"time"

	"siyana/backend/samples"
)

// SchemaVersion changes when a field is renamed or removed (adding a field does not change it).
const SchemaVersion = 1

// FileName is the default name offered by the save dialog.
const FileName = "diagnostics.json"

// Bundle is diagnostics.json.
type Bundle struct {
	SchemaVersion int       `json:"schemaVersion"`
	GeneratedAt   time.Time `json:"generatedAt"` // UTC
	App           AppInfo   `json:"app"`
	Runtime       Runtime   `json:"runtime"`
	Site          Site      `json:"site"`
	Profile       Profile   `json:"profile"`
	// Config says, for every variable the site uses, whether Siyana has it for this profile. Never a value.
	Config   []ConfigVar `json:"config"`
	Keychain Keychain    `json:"keychain"`
	// Checks holds the last result of every check kind (database, atlas, pusherCredentials, ...), scrubbed.
	Checks []CheckEntry `json:"checks"`
	// Revalidations are the last runs (newest first, at most MaxRuns) from the operation log, scrubbed.
	Revalidations []json.RawMessage `json:"revalidations"`
	// Watch summarises the watch history: uptime over 24 h / 7 d / 30 d and the latest incidents of every
	// check that has any (codes, times and counts only: no text).
	Watch []samples.CheckSummary `json:"watch"`
	// Redactions lists what the scrubber removed and where (no values), also shown in the preview.
	Redactions []Redaction `json:"redactions"`
}

// AppInfo is the build stamped into the binary.
type AppInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildDate string `json:"buildDate"`
}

// Runtime is what the app runs on. "unknown" when a version could not be read.
type Runtime struct {
	Go      string `json:"go"`
	Wails   string `json:"wails"`
	Webview string `json:"webview"` // WebKitGTK version on Linux, WebView2 on Windows
	OS      string `json:"os"`
	Arch    string `json:"arch"`
}

// Site is what is known about the deployed site.
type Site struct {
	// NextVersion is the Next.js version the revalidation route last reported ("" when never reached).
	NextVersion string `json:"nextVersion"`
	Instances   int    `json:"instances"` // site URL plus extra instance URLs configured
}

// Profile is the profile's identity and toggles; no URL, no key, no secret.
type Profile struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	DBPlan   string   `json:"dbPlan"`
	Features Features `json:"features"`
	// SelfHostedPusher is true when the profile points Pusher at its own host instead of a cluster.
	SelfHostedPusher bool `json:"selfHostedPusher"`
}

// Features mirrors profile.Features.
type Features struct {
	DBStats     bool `json:"dbStats"`
	AtlasLookup bool `json:"atlasLookup"`
	VerifyPaths bool `json:"verifyPaths"`
}

// ConfigVar is one variable: is it set, and where Siyana keeps it.
type ConfigVar struct {
	Name    string `json:"name"`    // the site's environment variable name
	Present bool   `json:"present"` // set (non-empty) for this profile
	Store   string `json:"store"`   // "keychain" (a secret) or "profile" (plain setting)
}

// Keychain is whether the keychain answered when the bundle was built.
type Keychain struct {
	OK      bool   `json:"ok"`
	Code    string `json:"code"`   // OK or the keychain's code (KEYCHAIN_LOCKED, ...)
	Source  string `json:"source"` // where the presence booleans came from: keychain | index
	Message string `json:"message,omitempty"`
}

// CheckEntry is the last result of one check kind, as the check returned it (scrubbed).
type CheckEntry struct {
	Kind    string          `json:"kind"`
	SavedAt time.Time       `json:"savedAt"`
	Result  json.RawMessage `json:"result"`
}
