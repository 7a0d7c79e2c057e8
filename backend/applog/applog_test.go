package applog

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/redact"
)

const canary = "cAnArY-log-4d2f"

type creds struct {
	User string
	Pass string
}

func TestLogRedactsEverywhere(t *testing.T) {
	dir := t.TempDir()
	reg := redact.NewRegistry()
	l, err := Open(dir, slog.LevelDebug, reg)
	if err != nil {
		t.Fatal(err)
	}
	bound := l.With("uri", "mongodb://u:"+canary+"@h/db") // bound before the secret is known
	reg.Add("p1", "PUSHER_SECRET", canary)

	l.Info("secret in message "+canary, "plain", canary)
	l.Error("failed", "err", fmt.Errorf("wrapped: %w", errors.New("401 body: "+url.QueryEscape(canary))))
	l.Warn("nested", slog.Group("req", slog.String("auth", base64.StdEncoding.EncodeToString([]byte(canary))),
		slog.Group("deeper", slog.Any("creds", creds{"u", canary}))))
	l.WithGroup("g").With("k", canary).Info("grouped")
	bound.Info("bound early")
	l.Info("bytes", "raw", []byte(canary))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(filepath.Join(dir, Dir, File))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if n := strings.Count(text, "\n"); n != 6 {
		t.Fatalf("%d lines, want 6:\n%s", n, text)
	}
	for _, form := range []string{canary, url.QueryEscape(canary), base64.StdEncoding.EncodeToString([]byte(canary))} {
		if strings.Contains(text, form) {
			t.Errorf("log contains %q:\n%s", form, text)
		}
	}
	if c := strings.Count(text, "[REDACTED]"); c < 7 {
		t.Errorf("only %d redactions:\n%s", c, text)
	}
	st, err := os.Stat(filepath.Join(dir, Dir, File))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		t.Errorf("log file mode %v, want owner-only", st.Mode().Perm())
	}
}

// A result is logged as a JSON string inside the JSON record: a secret holding " \ < > & is escaped there
// (twice in the file), which a raw match does not see.
func TestJSONEscapedSecretInResultLine(t *testing.T) {
	secret := `q"uo\te<ht>&ml-secret-77`
	dir := t.TempDir()
	reg := redact.NewRegistry()
	l, err := Open(dir, slog.LevelInfo, reg)
	if err != nil {
		t.Fatal(err)
	}
	// Another profile's secret, read by a check of that profile (not the selected one).
	reg.Add("other-profile", "REVALIDATE_SECRET", secret)
	result, _ := json.Marshal(map[string]any{"ok": false, "detail": "route said: " + secret})
	l.Info("check result", "profile", "other-profile", "kind", "site", "result", string(result))
	var esc bytes.Buffer
	enc := json.NewEncoder(&esc)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(secret)
	l.Info("no html escaping", "result", `{"detail":`+strings.TrimSpace(esc.String())+`}`)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	text := readLog(t, dir)
	once, _ := json.Marshal(secret)
	twice, _ := json.Marshal(string(once))
	for _, form := range []string{secret, string(once[1 : len(once)-1]), string(twice[1 : len(twice)-1]),
		strings.TrimSpace(esc.String()), "secret-77", `ht\u003e\u0026ml`} {
		if strings.Contains(text, form) {
			t.Errorf("log holds %q:\n%s", form, text)
		}
	}
	if strings.Count(text, redact.Placeholder) < 2 {
		t.Errorf("nothing redacted:\n%s", text)
	}
}

func readLog(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, Dir, File))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Values are never forgotten: a replaced or deleted secret may still be echoed by a check started with it.
func TestReplacedValueIsStillRedacted(t *testing.T) {
	r := redact.NewRegistry()
	r.Add("a", "PUSHER_SECRET", "first-secret-1")
	r.Add("a", "PUSHER_SECRET", "second-secret-2")
	if got := r.Scrub("first-secret-1 second-secret-2"); strings.Contains(got, "secret-") {
		t.Fatal(got)
	}
}
