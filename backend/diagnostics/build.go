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
	Scrubber    *Scrubber                // built from the profile's current secret values
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
	sc := in.Scrubber
	if sc == nil {
		sc = NewScrubber(nil)
	}
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
		out, rs := sc.ScrubNote(where, text)
		b.Redactions = append(b.Redactions, rs...)
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
		raw, rs := scrubJSON(sc, "checks."+k+".result", e.Result)
		b.Redactions = append(b.Redactions, rs...)
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
		raw, rs := scrubJSON(sc, fmt.Sprintf("revalidations[%d]", i), enc)
		b.Redactions = append(b.Redactions, rs...)
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

// scrubJSON scrubs every string in a JSON document, naming each replacement by its JSON path. A document
// that does not parse is scrubbed as text and wrapped as a string, so nothing slips through unscrubbed.
func scrubJSON(sc *Scrubber, where string, raw []byte) (json.RawMessage, []Redaction) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		text, rs := sc.ScrubNote(where, string(raw))
		out, _ := json.Marshal(text)
		return out, rs
	}
	var all []Redaction
	v = walk(v, where, func(path, s string) string {
		out, rs := sc.ScrubNote(path, s)
		all = append(all, rs...)
		return out
	})
	out, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`), all
	}
	return out, all
}

func walk(v any, path string, fn func(path, s string) string) any {
	switch t := v.(type) {
	case string:
		return fn(path, t)
	case []any:
		for i := range t {
			t[i] = walk(t[i], fmt.Sprintf("%s[%d]", path, i), fn)
		}
		return t
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			// Keys are field names from our own structs, but scrub them too: a map keyed by URL would
			// otherwise carry user-info untouched.
			out[fn(path, k)] = walk(val, path+"."+k, fn)
		}
		return out
	}
	return v
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
