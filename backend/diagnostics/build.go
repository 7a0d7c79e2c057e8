package diagnostics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/history"
	"siyana/backend/profile"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/samples"
	"siyana/backend/sitevars"
)

// MaxRuns is how many revalidation runs the bundle carries.
const MaxRuns = 5

// Unknown is written where a version could not be read, rather than a guess.
const Unknown = "unknown"

// Input is everything the bundle is built from, already collected by the caller (the app facade reads the
// keychain, the history store and the revalidation log; this package does no I/O).
type Input struct {
	Now     time.Time
	Build   buildinfo.Info
	Wails   string // module version of github.com/wailsapp/wails/v2 (see ModuleVersion)
	Webview string // "" → Unknown
	Profile profile.Profile
	// Saved says which secrets the keychain holds (secret name → saved); Keychain says whether it answered.
	Saved       map[string]bool
	Keychain    Keychain
	Checks      map[string]history.Entry // history.Store.All(profileID)
	Runs        []revalidate.LogEntry    // newest first; only the first MaxRuns are used
	NextVersion string                   // revalidate.Service.LastNextVersion
	Watch       []samples.CheckSummary   // samples.Store.Summary; nil: no watch history
	Scrubber    *redact.Scrubber         // redact.Registry.Scrubber(), after the profile's secrets were read
}

// Build assembles the bundle. It never fails: a piece that cannot be encoded is replaced by a note.
func Build(in Input) Bundle {
	sc := in.Scrubber // nil still removes credential shapes
	b := Bundle{
		SchemaVersion: SchemaVersion,
		GeneratedAt:   in.Now.UTC(),
		App:           AppInfo{Version: in.Build.Version, Commit: in.Build.Commit, BuildDate: in.Build.Date},
		Runtime: Runtime{Go: in.Build.GoVersion, Wails: orUnknown(in.Wails), Webview: orUnknown(in.Webview),
			OS: in.Build.OS, Arch: in.Build.Arch},
		Checks:        []CheckEntry{},
		Revalidations: []json.RawMessage{},
		Redactions:    []Redaction{},
		Watch:         in.Watch,
	}
	if b.Watch == nil {
		b.Watch = []samples.CheckSummary{}
	}
	note := func(where, text string) string {
		out, found := sc.Findings(text)
		b.Redactions = append(b.Redactions, records(redact.LocatedAt(where, found))...)
		return out
	}
	p := in.Profile
	b.Profile = Profile{Name: note("profile.name", p.Name), Kind: string(p.Kind), DBPlan: note("profile.dbPlan", p.DBPlan),
		Features:         Features{DBStats: p.Features.DBStats, AtlasLookup: p.Features.AtlasLookup, VerifyPaths: p.Features.VerifyPaths},
		SelfHostedPusher: p.Pusher.Host != ""}
	b.Site = Site{NextVersion: note("site.nextVersion", in.NextVersion), Instances: len(p.URLs())}
	b.Config = configVars(p, in.Saved)
	b.Keychain = in.Keychain
	b.Keychain.Message = note("keychain.message", b.Keychain.Message)

	kinds := make([]string, 0, len(in.Checks))
	for k := range in.Checks {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		e := in.Checks[k]
		raw, found := sc.JSONFindings("checks."+k+".result", e.Result)
		b.Redactions = append(b.Redactions, records(found)...)
		b.Checks = append(b.Checks, CheckEntry{Kind: k, SavedAt: e.SavedAt.UTC(), Result: raw})
	}
	for i, run := range in.Runs {
		if i == MaxRuns {
			break
		}
		enc, err := json.Marshal(run)
		if err != nil {
			enc = []byte(`{"note":"unencodable"}`)
		}
		raw, found := sc.JSONFindings(fmt.Sprintf("revalidations[%d]", i), enc)
		b.Redactions = append(b.Redactions, records(found)...)
		b.Revalidations = append(b.Revalidations, raw)
	}
	return b
}

// Encode returns the bundle as indented JSON, the form written to diagnostics.json.
func Encode(b Bundle) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func configVars(p profile.Profile, saved map[string]bool) []ConfigVar {
	vars := sitevars.All() // the one table, in its report order
	out := make([]ConfigVar, 0, len(vars))
	for _, v := range vars {
		store := "profile"
		if v.Secret {
			store = "keychain"
		}
		out = append(out, ConfigVar{Name: v.Name, Present: sitevars.Present(p, saved, v.Name), Store: store})
	}
	return out
}

// ModuleVersion returns the version of a module linked into this binary, or Unknown.
func ModuleVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Unknown
	}
	for _, m := range info.Deps {
		if m.Path == path {
			if m.Replace != nil && m.Replace.Version != "" {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return Unknown
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return Unknown
	}
	return s
}
