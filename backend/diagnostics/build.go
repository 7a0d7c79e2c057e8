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
	"siyana/backend/secrets"
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
	Scrubber    *redact.Scrubber         // redact.Registry.Scrubber(), after the profile's secrets were read
}

// Variables lists the site's environment variables in the order the bundle reports them.
var Variables = []string{
	"DATABASE_URL", "PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_CLUSTER",
	"NEXT_PUBLIC_PUSHER_KEY", "NEXT_PUBLIC_PUSHER_CLUSTER", "PUSHER_HOST",
	"ATLAS_PUBLIC_KEY", "ATLAS_PRIVATE_KEY", "ATLAS_GROUP_ID", "ATLAS_CLUSTER_NAME",
	"REVALIDATE_SECRET", "NEXT_PUBLIC_SITE_URL",
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
	plain := map[string]string{
		"PUSHER_APP_ID": p.Pusher.AppID, "PUSHER_KEY": p.Pusher.Key, "PUSHER_CLUSTER": p.Pusher.Cluster,
		"NEXT_PUBLIC_PUSHER_KEY": p.Pusher.PublicKey, "NEXT_PUBLIC_PUSHER_CLUSTER": p.Pusher.PublicCluster,
		"PUSHER_HOST": p.Pusher.Host, "ATLAS_GROUP_ID": p.Atlas.GroupID, "ATLAS_CLUSTER_NAME": p.Atlas.ClusterName,
		"NEXT_PUBLIC_SITE_URL": p.SiteURL,
	}
	out := make([]ConfigVar, 0, len(Variables))
	for _, name := range Variables {
		if slices.Contains(secrets.Known, name) {
			out = append(out, ConfigVar{Name: name, Present: saved[name], Store: "keychain"})
			continue
		}
		out = append(out, ConfigVar{Name: name, Present: strings.TrimSpace(plain[name]) != "", Store: "profile"})
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
