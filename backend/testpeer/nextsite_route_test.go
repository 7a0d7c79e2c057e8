package testpeer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The error half of the route contract: every refusal has its status, a stable code and no-store.

func TestNextRouteRefusals(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "refusal-secret-0123456789abcdefghijklmnopqrstuv"})
	good := "Bearer " + s.Secret
	tooManyTags := make([]string, 101)
	for i := range tooManyTags {
		tooManyTags[i] = "t"
	}
	scenarios := []struct {
		name    string
		auth    string
		body    string
		status  int
		code    string
		problem string // for 422: "field:PROBLEM" expected among the answer's problems
	}{
		{name: "no authorization", body: `{"tags":["products"]}`, status: 401, code: "UNAUTHORIZED"},
		{name: "wrong secret", auth: "Bearer refusal-secret-0123456789abcdefghijklmnopqrstuX", body: `{"tags":["products"]}`, status: 401, code: "UNAUTHORIZED"},
		{name: "secret as a prefix", auth: "Bearer refusal-secret", body: `{"tags":["products"]}`, status: 401, code: "UNAUTHORIZED"},
		{name: "basic scheme", auth: "Basic " + s.Secret, body: `{"tags":["products"]}`, status: 401, code: "UNAUTHORIZED"},
		{name: "empty bearer", auth: "Bearer ", body: `{"tags":["products"]}`, status: 401, code: "UNAUTHORIZED"},
		{name: "not json", auth: good, body: `{"tags":`, status: 400, code: "BAD_REQUEST"},
		{name: "json array", auth: good, body: `["products"]`, status: 400, code: "BAD_REQUEST"},
		{name: "json null", auth: good, body: `null`, status: 400, code: "BAD_REQUEST"},
		{name: "empty body", auth: good, body: ``, status: 400, code: "BAD_REQUEST"},
		{name: "nothing to do", auth: good, body: `{}`, status: 422, code: "INVALID_INPUT", problem: "tags:EMPTY"},
		{name: "too many tags", auth: good, body: mustJSON(map[string]any{"tags": tooManyTags}), status: 422, code: "INVALID_INPUT", problem: "tags:TOO_MANY"},
		{name: "tag too long", auth: good, body: mustJSON(map[string]any{"tags": []string{"ok", strings.Repeat("x", 257)}}), status: 422, code: "INVALID_INPUT", problem: "tags[1]:TOO_LONG"},
		{name: "empty tag", auth: good, body: `{"tags":[""]}`, status: 422, code: "INVALID_INPUT", problem: "tags[0]:EMPTY"},
		{name: "tag with newline", auth: good, body: `{"tags":["a\nb"]}`, status: 422, code: "INVALID_INPUT", problem: "tags[0]:CONTROL_CHAR"},
		{name: "tag not a string", auth: good, body: `{"tags":[7]}`, status: 422, code: "INVALID_INPUT", problem: "tags[0]:NOT_STRING"},
		{name: "tags not an array", auth: good, body: `{"tags":"products"}`, status: 422, code: "INVALID_INPUT", problem: "tags:NOT_ARRAY"},
		{name: "relative path", auth: good, body: `{"paths":["dashboard"]}`, status: 422, code: "INVALID_INPUT", problem: "paths[0]:NOT_ABSOLUTE"},
		{name: "path too long", auth: good, body: mustJSON(map[string]any{"paths": []string{"/" + strings.Repeat("p", 1024)}}), status: 422, code: "INVALID_INPUT", problem: "paths[0]:TOO_LONG"},
		{name: "bad path type", auth: good, body: `{"paths":[{"path":"/","type":"all"}]}`, status: 422, code: "INVALID_INPUT", problem: "paths[0].type:BAD_VALUE"},
		{name: "bad mode", auth: good, body: `{"tags":["products"],"mode":"now"}`, status: 422, code: "INVALID_INPUT", problem: "mode:BAD_VALUE"},
		{name: "dryRun not boolean", auth: good, body: `{"tags":["products"],"dryRun":"yes"}`, status: 422, code: "INVALID_INPUT", problem: "dryRun:NOT_BOOLEAN"},
		{name: "typo in field name", auth: good, body: `{"tag":["products"]}`, status: 422, code: "INVALID_INPUT", problem: "tag:UNKNOWN_FIELD"},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			a := postRaw(t, s, sc.auth, strings.NewReader(sc.body), nil)
			if a.Status != sc.status || a.code() != sc.code || a.Body["ok"] != false {
				t.Fatalf("status %d body %v, want %d %s", a.Status, a.Body, sc.status, sc.code)
			}
			if sc.status == 401 && !strings.HasPrefix(a.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Fatalf("401 without a Bearer challenge: %q", a.Header.Get("WWW-Authenticate"))
			}
			if sc.problem != "" && !hasProblem(a, sc.problem) {
				t.Fatalf("problems %v, want %s", a.Body["problems"], sc.problem)
			}
		})
	}
}

func TestNextRouteLimitsAtTheEdgeAreAccepted(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "edge-secret-0123456789abcdefghijklmnopqrstuv"})
	tags := make([]string, 100)
	paths := make([]string, 100)
	for i := range tags {
		tags[i] = strings.Repeat("t", 255) + string(rune('a'+i%26))
		paths[i] = "/" + strings.Repeat("p", 1022) + string(rune('a'+i%26))
	}
	a := post(t, s, map[string]any{"tags": tags, "paths": paths, "dryRun": true})
	mustOK(t, a)
	// Duplicates collapse: 26 distinct tags and 26 distinct paths.
	if n := len(a.Body["results"].([]any)); n != 52 {
		t.Fatalf("results %d, want 52 (duplicates removed)", n)
	}
}

func TestNextRouteBodyTooLarge(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "large-secret-0123456789abcdefghijklmnopqrstuv"})
	big := `{"tags":["products"],"pad":"` + strings.Repeat("x", 256<<10) + `"}`
	a := postRaw(t, s, "Bearer "+s.Secret, strings.NewReader(big), nil)
	if a.Status != http.StatusRequestEntityTooLarge || a.code() != "TOO_LARGE" {
		t.Fatalf("declared large body: status %d body %v", a.Status, a.Body)
	}
	// Without Content-Length (chunked) the route must still stop reading at the cap.
	a = postRaw(t, s, "Bearer "+s.Secret, io.MultiReader(strings.NewReader(big)), nil)
	if a.Status != http.StatusRequestEntityTooLarge || a.code() != "TOO_LARGE" {
		t.Fatalf("chunked large body: status %d body %v", a.Status, a.Body)
	}
}

func TestNextRouteNotConfigured(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{})
	a := postRaw(t, s, "Bearer anything", strings.NewReader(`{"tags":["products"]}`), nil)
	if a.Status != http.StatusInternalServerError || a.code() != "NOT_CONFIGURED" {
		t.Fatalf("status %d body %v, want 500 NOT_CONFIGURED", a.Status, a.Body)
	}
	// An empty bearer must not match an empty secret.
	a = postRaw(t, s, "", strings.NewReader(`{"tags":["products"]}`), nil)
	if a.Status != http.StatusInternalServerError {
		t.Fatalf("no auth, no secret: status %d", a.Status)
	}
}

func TestNextRouteGetIsReadinessProbe(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "probe-secret-0123456789abcdefghijklmnopqrstuv"})
	resp, err := nextHTTP.Get(s.URL + "/api/revalidate")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET: status %d Allow %q Cache-Control %q", resp.StatusCode, resp.Header.Get("Allow"), resp.Header.Get("Cache-Control"))
	}
}

func TestNextRouteReportsVersionAndLogsActorWithoutSecret(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "log-secret-0123456789abcdefghijklmnopqrstuv"})
	version, err := NextVersion()
	if err != nil {
		t.Fatal(err)
	}
	a := postRaw(t, s, "Bearer "+s.Secret, strings.NewReader(`{"tags":["products"],"dryRun":true}`),
		map[string]string{"X-Siyana-Actor": url.PathEscape("مدير المتجر\n{\"forged\":1}")})
	mustOK(t, a)
	if a.Body["nextVersion"] != version {
		t.Fatalf("nextVersion %v, want %s", a.Body["nextVersion"], version)
	}
	postRaw(t, s, "Bearer wrong", strings.NewReader(`{}`), map[string]string{"X-Siyana-Actor": "intruder"})

	lines := siteLog(t, s, 2) // written after answering; the pipe delivers it a moment later
	if len(lines) != 2 {
		t.Fatalf("want 2 log lines, got %v\n%s", lines, s.Proc.Log.String())
	}
	if lines[0]["actor"] != `مدير المتجر{"forged":1}` || lines[0]["tags"] != float64(1) || lines[0]["status"] != float64(200) {
		t.Fatalf("first log line %v", lines[0])
	}
	// The actor of a caller that failed authentication is its own claim: it is not logged at all.
	if _, has := lines[1]["actor"]; lines[1]["status"] != float64(401) || has || strings.Contains(s.Proc.Log.String(), "intruder") {
		t.Fatalf("second log line %v", lines[1])
	}
	if strings.Contains(s.Proc.Log.String(), s.Secret) || strings.Contains(strings.ToLower(s.Proc.Log.String()), "bearer") {
		t.Fatal("the site log contains the secret or the Authorization header")
	}
}

func hasProblem(a answer, want string) bool {
	problems, _ := a.Body["problems"].([]any)
	for _, p := range problems {
		m, _ := p.(map[string]any)
		if m["field"].(string)+":"+m["problem"].(string) == want {
			return true
		}
	}
	return false
}

func mustJSON(v any) string {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		panic(err)
	}
	return b.String()
}

func TestNextSiteMissingBuildIsMissing(t *testing.T) {
	t.Setenv("SIYANA_NEXTSITE_DIR", "")
	t.Setenv("SIYANA_TOOLS_DIR", t.TempDir())
	_, err := StartNextSite(t.Context(), NextSiteOptions{Secret: "x"})
	var m *Missing
	if !errors.As(err, &m) {
		t.Fatalf("err %v, want *Missing", err)
	}
}
