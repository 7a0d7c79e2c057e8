package revalidate

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/redact"
)

// everything the run left behind: the result as the UI gets it, and the operation log file.
func leftBehind(t *testing.T, svc *Service, r Result) string {
	t.Helper()
	b, _ := json.Marshal(r)
	logged, err := os.ReadFile(filepath.Join(svc.LogDir, LogFile))
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n" + string(logged)
}

// The site's error text is cut to maxDetail runes. Cutting before redacting (as main did) left the start of
// a secret that straddled the cut in the result and the operation log.
func TestSecretStraddlingTheCutIsRedacted(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusOK} {
		site := newFakeSite(t, testSecret)
		pad := strings.Repeat("x", maxDetail-10)
		site.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != Endpoint {
				return false
			}
			if status == http.StatusOK { // per item, in a success answer
				writeJSON(w, 200, map[string]any{"ok": true, "results": []map[string]any{
					{"item": "products", "kind": "tag", "ok": false, "error": pad + testSecret}}})
				return true
			}
			writeJSON(w, status, map[string]any{"ok": false, "error": pad + testSecret})
			return true
		}
		svc, _ := newTestService(t, nil)
		r := svc.RevalidateTags(context.Background(), tagReq(site, "products"))
		out := leftBehind(t, svc, r)
		if strings.Contains(out, testSecret[:redact.MinPrefixLen]) {
			t.Errorf("status %d: a prefix of the secret survived:\n%s", status, out)
		}
		if !strings.Contains(out, redact.Placeholder) {
			t.Errorf("status %d: nothing redacted:\n%s", status, out)
		}
	}
}

// Another secret the app read this session (the registry), echoed JSON-escaped by the site, never reaches
// the result or the operation log; nor does a redirect's query.
func TestRegisteredSecretsAndRedirectQueryNeverKept(t *testing.T) {
	other := `db"pass\word<&>-1234567`
	reg := redact.NewRegistry()
	reg.Add("another-profile", "DATABASE_URL", "mongodb://u:"+other+"@h/db")
	site := newFakeSite(t, testSecret)
	site.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != Endpoint {
			return false
		}
		esc, _ := json.Marshal(other)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		_, _ = w.Write([]byte(`{"ok":false,"error":"env dump: ` + string(esc[1:len(esc)-1]) + ` Bearer ` + testSecret + `"}`))
		return true
	}
	svc, _ := newTestService(t, func(c *Config) { c.Redact = reg })
	r := svc.RevalidateTags(context.Background(), tagReq(site, "products"))
	out := leftBehind(t, svc, r)
	for _, bad := range []string{other, "pass\\\\word", "word<&>", testSecret[:redact.MinPrefixLen]} {
		if strings.Contains(out, bad) {
			t.Errorf("%q kept:\n%s", bad, out)
		}
	}

	site.hook = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Location", "https://login.example/sso?token=tok-0123456789&next=/x#frag")
		w.WriteHeader(http.StatusFound)
		return true
	}
	r = svc.RevalidateTags(context.Background(), tagReq(site, "company"))
	out = leftBehind(t, svc, r)
	if !strings.Contains(out, "https://login.example/sso") || strings.Contains(out, "tok-0123456789") || strings.Contains(out, "next=") {
		t.Errorf("redirect not reduced to scheme, host and path:\n%s", out)
	}
}

// An operation log written before a value was known (or by an older version) is scrubbed when read.
func TestOldOperationLogScrubbedOnRead(t *testing.T) {
	secret := "old-op-log-secret-1234"
	svc, _ := newTestService(t, nil)
	line := `{"ts":"2025-01-01T00:00:00Z","runId":"r1","profileId":"prod","kind":"tags","result":"failed","code":"SITE_ERROR","errors":[{"item":"a","kind":"tag","ok":false,"error":"echo ` + secret + `"}]}` + "\n"
	if err := os.WriteFile(filepath.Join(svc.LogDir, LogFile), []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	svc.Redact.Add("prod", "REVALIDATE_SECRET", secret)
	h := svc.Last("prod", 5)
	b, _ := json.Marshal(h)
	if len(h.Entries) != 1 || strings.Contains(string(b), secret) {
		t.Fatalf("%s", b)
	}
}
