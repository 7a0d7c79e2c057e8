package testpeer

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The route's own protections: a token bucket for authenticated calls and a refusal of weak secrets.

const strongSecret = "rate-secret-0123456789abcdefghijklmnopqrstuv"

func dryRun(t *testing.T, s *NextSite, auth string) answer {
	t.Helper()
	return postRaw(t, s, auth, strings.NewReader(`{"tags":["products"],"dryRun":true}`), map[string]string{"X-Siyana-Actor": "limiter"})
}

// siteLog returns the route's log lines once at least n are there (the pipe delivers them a moment later).
func siteLog(t *testing.T, s *NextSite, n int) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		lines = lines[:0]
		for _, line := range strings.Split(s.Proc.Log.String(), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) == nil && m["event"] == "siyana.revalidate" {
				lines = append(lines, m)
			}
		}
		if len(lines) >= n || time.Now().After(deadline) {
			return lines
		}
	}
}

func TestNextRouteRateLimitsAuthenticatedCalls(t *testing.T) {
	// 3 at once, then one every 10 s: the 4th call in a row must wait.
	s := NextSiteT(t, NextSiteOptions{Secret: strongSecret, Env: map[string]string{
		"REVALIDATE_RATE_BURST": "3", "REVALIDATE_RATE_PER_MINUTE": "6"}})
	// Failed authentication spends nothing: an attacker without the secret cannot lock the admin out.
	for range 10 {
		if a := dryRun(t, s, "Bearer wrong"); a.Status != http.StatusUnauthorized {
			t.Fatalf("wrong secret: %d %v", a.Status, a.Body)
		}
	}
	for range 3 {
		mustOK(t, dryRun(t, s, "Bearer "+s.Secret))
	}
	a := dryRun(t, s, "Bearer "+s.Secret)
	wait, err := strconv.Atoi(a.Header.Get("Retry-After"))
	if a.Status != http.StatusTooManyRequests || a.code() != "RATE_LIMITED" || err != nil || wait < 1 || wait > 10 {
		t.Fatalf("4th call: status %d Retry-After %q body %v", a.Status, a.Header.Get("Retry-After"), a.Body)
	}
	if a.Body["retryAfterSeconds"] != float64(wait) || a.Header.Get("Cache-Control") != "no-store" || a.Body["ok"] != false {
		t.Fatalf("429 body %v headers %v", a.Body, a.Header)
	}
	// Authentication still comes first: a wrong secret is told 401, not how long to wait.
	if a := dryRun(t, s, "Bearer wrong"); a.Status != http.StatusUnauthorized {
		t.Fatalf("wrong secret while throttled: %d", a.Status)
	}
	lines := siteLog(t, s, 15)
	if len(lines) != 15 {
		t.Fatalf("want 15 log lines, got %d\n%s", len(lines), s.Proc.Log.String())
	}
	if l := lines[13]; l["status"] != float64(429) || l["actor"] != "limiter" || l["retryAfterSeconds"] != float64(wait) {
		t.Fatalf("429 log line %v", l)
	}
}

func TestNextRouteRateLimitDefaultsAndBadValues(t *testing.T) {
	// Values that are not whole numbers within the caps keep the defaults (burst 20).
	s := NextSiteT(t, NextSiteOptions{Secret: strongSecret, Env: map[string]string{
		"REVALIDATE_RATE_BURST": "0x10", "REVALIDATE_RATE_PER_MINUTE": "-1"}})
	for i := range 20 {
		if a := dryRun(t, s, "Bearer "+s.Secret); a.Status != http.StatusOK {
			t.Fatalf("call %d of the default burst: %d %v", i+1, a.Status, a.Body)
		}
	}
	if a := dryRun(t, s, "Bearer "+s.Secret); a.Status != http.StatusTooManyRequests || a.Header.Get("Retry-After") == "" {
		t.Fatalf("21st call: %d %v", a.Status, a.Body)
	}
}

func TestNextRouteRefusesWeakSecret(t *testing.T) {
	scenarios := []struct {
		name, secret string
		weak         bool
	}{
		{"31 characters", strings.Repeat("a", 31), true},
		{"32 characters", strings.Repeat("a", 32), false},
		// 16 emoji are 32 UTF-16 units but 16 characters: counted as characters, they are weak.
		{"16 emoji", strings.Repeat("🔑", 16), true},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			s := NextSiteT(t, NextSiteOptions{Secret: sc.secret})
			a := dryRun(t, s, "Bearer "+sc.secret)
			if !sc.weak {
				mustOK(t, a)
				return
			}
			msg, _ := a.Body["message"].(string)
			if a.Status != http.StatusInternalServerError || a.code() != "WEAK_SECRET" || !strings.Contains(msg, "openssl rand -base64 32") || a.Body["minLength"] != float64(32) {
				t.Fatalf("status %d body %v", a.Status, a.Body)
			}
			// Nothing is authenticated against a weak secret, and nothing the caller claims is logged.
			lines := siteLog(t, s, 1)
			if _, has := lines[0]["actor"]; len(lines) != 1 || lines[0]["code"] != "WEAK_SECRET" || has {
				t.Fatalf("log %v", lines)
			}
			if strings.Contains(s.Proc.Log.String(), sc.secret) {
				t.Fatal("the log holds the secret")
			}
		})
	}
}
