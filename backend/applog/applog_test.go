package applog

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const canary = "cAnArY-log-4d2f"

type creds struct {
	User string
	Pass string
}

func TestLogRedactsEverywhere(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, slog.LevelDebug)
	if err != nil {
		t.Fatal(err)
	}
	bound := l.With("uri", "mongodb://u:"+canary+"@h/db") // bound before the secret is known
	l.Redactor.SetProfile("p1", map[string]string{"PUSHER_SECRET": canary})

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

func TestForgetProfileStopsRedactingItsValues(t *testing.T) {
	r := NewRedactor()
	r.SetProfile("a", map[string]string{"PUSHER_SECRET": canary})
	r.SetProfile("b", map[string]string{"PUSHER_SECRET": "other-secret-1"})
	if got := r.Scrub(canary + " other-secret-1"); strings.Contains(got, "secret") || strings.Contains(got, canary) {
		t.Fatal(got)
	}
	r.SetProfile("a", nil)
	if got := r.Scrub(canary); got != canary {
		t.Fatalf("forgotten value still redacted: %q", got)
	}
}

func TestReplacedValueIsStillRedacted(t *testing.T) {
	r := NewRedactor()
	r.SetProfile("a", map[string]string{"PUSHER_SECRET": "first-secret-1"})
	r.SetProfile("a", map[string]string{"PUSHER_SECRET": "second-secret-2"})
	if got := r.Scrub("first-secret-1 second-secret-2"); strings.Contains(got, "secret-") {
		t.Fatal(got)
	}
}
