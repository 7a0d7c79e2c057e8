package main

import (
	"encoding/json"
	"os"
	"testing"
)

// checkBundleFields asserts that a saved bundle carries every item issue 6 lists (the leak sweep saves one for
// its selected profile after every check has run).
func checkBundleFields(t *testing.T, text, profileName string) {
	t.Helper()
	var b struct {
		SchemaVersion int    `json:"schemaVersion"`
		GeneratedAt   string `json:"generatedAt"`
		App           struct{ Version, Commit, BuildDate string }
		Runtime       struct{ Go, Wails, Webview, OS, Arch string }
		Site          struct{ NextVersion string }
		Profile       struct {
			Name, Kind string
			Features   map[string]bool
		}
		Config []struct {
			Name    string
			Present bool
		}
		Keychain      struct{ Code, Source string }
		Checks        []struct{ Kind string }
		Revalidations []json.RawMessage
		Redactions    []json.RawMessage
	}
	if err := json.Unmarshal([]byte(text), &b); err != nil {
		t.Fatalf("diagnostics.json: %v", err)
	}
	kinds := map[string]bool{}
	for _, c := range b.Checks {
		kinds[c.Kind] = true
	}
	switch {
	case b.SchemaVersion != 1 || b.GeneratedAt == "" || b.App.Version == "" || b.App.Commit == "" || b.App.BuildDate == "":
		t.Errorf("bundle header: %+v", b)
	case b.Runtime.Go == "" || b.Runtime.Wails == "" || b.Runtime.Webview == "" || b.Runtime.OS == "" || b.Runtime.Arch == "":
		t.Errorf("runtime: %+v", b.Runtime)
	case b.Site.NextVersion == "":
		t.Errorf("no Next.js version although the route answered")
	case b.Profile.Name != profileName || b.Profile.Kind != "development" || len(b.Profile.Features) != 3:
		t.Errorf("profile: %+v", b.Profile)
	case len(b.Config) < 13 || b.Keychain.Code == "" || b.Keychain.Source == "":
		t.Errorf("config/keychain: %+v %+v", b.Config, b.Keychain)
	case !kinds["database"] || !kinds["atlas"] || !kinds["pusherCredentials"] || !kinds["pusherLive"] || !kinds["site"] || !kinds["revalidation"]:
		t.Errorf("checks: %v", kinds)
	case len(b.Revalidations) == 0 || len(b.Revalidations) > 5:
		t.Errorf("%d revalidation runs", len(b.Revalidations))
	}
}

func readBundle(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
