package testpeer

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// These tests talk to the real fixture site with raw net/http: they pin the route's wire contract and the
// cache behaviour a client relies on, independently of the Go client in backend/revalidate.

var nextHTTP = &http.Client{Timeout: 15 * time.Second}

// page is one GET of a fixture page: the x-nextjs-cache header and the values the page rendered.
type page struct {
	Cache      string
	Values     map[string]string
	RenderedAt string
}

var testIDRe = regexp.MustCompile(`data-testid="([a-z-]+)">([^<]*)<`)

func getPage(t *testing.T, s *NextSite, path string) page {
	t.Helper()
	resp, err := nextHTTP.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, resp.StatusCode, body)
	}
	p := page{Cache: resp.Header.Get("X-Nextjs-Cache"), Values: map[string]string{}}
	for _, m := range testIDRe.FindAllStringSubmatch(string(body), -1) {
		switch {
		case strings.HasPrefix(m[1], "tag-"):
			p.Values[strings.TrimPrefix(m[1], "tag-")] = m[2]
		case m[1] == "rendered-at":
			p.RenderedAt = m[2]
		}
	}
	if len(p.Values) != len(NextSiteTags) || p.RenderedAt == "" {
		t.Fatalf("GET %s: page lacks the tag values or render time\n%s", path, body)
	}
	return p
}

// answer is one reply of the revalidate route, decoded loosely so each test can check the fields it pins.
type answer struct {
	Status int
	Header http.Header
	Body   map[string]any
}

func (a answer) code() string { s, _ := a.Body["code"].(string); return s }

func postRaw(t *testing.T, s *NextSite, auth string, body io.Reader, headers map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/api/revalidate", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := nextHTTP.Do(req)
	if err != nil {
		t.Fatalf("POST /api/revalidate: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{Status: resp.StatusCode, Header: resp.Header}
	if err := json.Unmarshal(raw, &a.Body); err != nil {
		t.Fatalf("POST /api/revalidate: status %d, body is not JSON: %q", resp.StatusCode, raw)
	}
	// Every answer, success or not, must forbid caching: a cached 200 would hide a failed revalidation.
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Fatalf("POST /api/revalidate: status %d, Cache-Control %q, want no-store", resp.StatusCode, cc)
	}
	return a
}

func post(t *testing.T, s *NextSite, body any) answer {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return postRaw(t, s, "Bearer "+s.Secret, bytes.NewReader(raw), nil)
}

func mustOK(t *testing.T, a answer) {
	t.Helper()
	if a.Status != http.StatusOK || a.Body["ok"] != true {
		t.Fatalf("revalidate: status %d body %v", a.Status, a.Body)
	}
}

func newValues(suffix string) map[string]string {
	v := map[string]string{}
	for _, tag := range NextSiteTags {
		v[tag] = tag + "-" + suffix
	}
	return v
}

// warm requests every page until it is served from the prerender cache, so later HIT checks are meaningful.
func warm(t *testing.T, s *NextSite) map[string]page {
	t.Helper()
	out := map[string]page{}
	for _, p := range NextSitePages {
		pg := getPage(t, s, p)
		if pg.Cache != "HIT" {
			pg = getPage(t, s, p)
		}
		if pg.Cache != "HIT" {
			t.Fatalf("GET %s: x-nextjs-cache %q, want HIT for a prerendered page", p, pg.Cache)
		}
		out[p] = pg
	}
	return out
}

func TestNextSiteTagRevalidation(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "tag-secret-0123456789abcdefghijklmnopqrstuv"})
	before := warm(t, s)["/"]
	if before.Values["products"] != "products-v0" {
		t.Fatalf("fresh site shows %v, want the defaults", before.Values)
	}
	if err := s.SetData(newValues("v1")); err != nil {
		t.Fatal(err)
	}
	stale := getPage(t, s, "/")
	if stale.Cache != "HIT" || stale.Values["products"] != "products-v0" || stale.RenderedAt != before.RenderedAt {
		t.Fatalf("data changed without revalidation: got %+v, want the cached page", stale)
	}

	a := post(t, s, map[string]any{"tags": []string{"products", "promotions"}})
	mustOK(t, a)
	results, _ := a.Body["results"].([]any)
	if len(results) != 2 || a.Body["mode"] != "expire" || a.Body["dryRun"] != false {
		t.Fatalf("answer %v: want 2 results, mode expire, dryRun false", a.Body)
	}
	first, _ := results[0].(map[string]any)
	if first["item"] != "products" || first["kind"] != "tag" || first["ok"] != true {
		t.Fatalf("first result %v", first)
	}
	if _, err := time.Parse(time.RFC3339Nano, a.Body["revalidatedAt"].(string)); err != nil {
		t.Fatalf("revalidatedAt: %v", err)
	}
	if d, ok := a.Body["durationMs"].(float64); !ok || d < 0 {
		t.Fatalf("durationMs %v", a.Body["durationMs"])
	}

	after := getPage(t, s, "/")
	if after.Cache == "HIT" || after.Values["products"] != "products-v1" || after.Values["promotions"] != "promotions-v1" {
		t.Fatalf("after revalidating products+promotions: %+v", after)
	}
	// Only the revalidated tags are re-read: company's cached entry survives the page re-render.
	if after.Values["company"] != "company-v0" {
		t.Fatalf("company was not revalidated but shows %q", after.Values["company"])
	}
	// Tags cut across pages: /dashboard uses products too, so it re-renders on its next request.
	if d := getPage(t, s, "/dashboard"); d.Values["products"] != "products-v1" {
		t.Fatalf("/dashboard after tag revalidation: %+v", d)
	}
}

func TestNextSiteTagRevalidationMaxServesStaleOnce(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "max-secret-0123456789abcdefghijklmnopqrstuv"})
	warm(t, s)
	if err := s.SetData(map[string]string{"products": "products-max"}); err != nil {
		t.Fatal(err)
	}
	a := post(t, s, map[string]any{"tags": []string{"products"}, "mode": "max"})
	mustOK(t, a)
	if version, _ := NextVersion(); strings.HasPrefix(version, "15.") {
		// Next 15 has no cache-life profiles: the route expires at once and says so.
		if a.Body["mode"] != "expire" {
			t.Fatalf("mode %v, want expire on Next %s", a.Body["mode"], version)
		}
		if p := getPage(t, s, "/"); p.Cache == "HIT" || p.Values["products"] != "products-max" {
			t.Fatalf("first GET after max on Next 15: %+v, want a fresh render", p)
		}
		return
	}
	if a.Body["mode"] != "max" {
		t.Fatalf("mode %v, want max on Next 16", a.Body["mode"])
	}
	// Stale-while-revalidate: the first request still gets the old page and triggers a background render.
	if p := getPage(t, s, "/"); p.Cache != "STALE" || p.Values["products"] != "products-v0" {
		t.Fatalf("first GET after max: %+v, want STALE with the old value", p)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		p := getPage(t, s, "/")
		if p.Values["products"] == "products-max" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("background render never delivered the new value: %+v", p)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestNextSitePathRevalidation(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "path-secret-0123456789abcdefghijklmnopqrstuv"})
	warm(t, s)
	if err := s.SetData(newValues("v2")); err != nil {
		t.Fatal(err)
	}
	mustOK(t, post(t, s, map[string]any{"paths": []any{"/dashboard"}}))

	if p := getPage(t, s, "/dashboard"); p.Cache == "HIT" || p.Values["products"] != "products-v2" {
		t.Fatalf("/dashboard after revalidatePath: %+v", p)
	}
	// A page path covers that page only: neither / nor the nested page moves.
	if p := getPage(t, s, "/"); p.Cache != "HIT" || p.Values["products"] != "products-v0" {
		t.Fatalf("/ after revalidating /dashboard: %+v, want untouched", p)
	}
	if p := getPage(t, s, "/dashboard/management-dashboard"); p.Cache != "HIT" || p.Values["products"] != "products-v0" {
		t.Fatalf("nested page after revalidating /dashboard: %+v, want untouched", p)
	}

	a := post(t, s, map[string]any{"paths": []any{map[string]string{"path": "/dashboard", "type": "layout"}}})
	mustOK(t, a)
	first, _ := a.Body["results"].([]any)[0].(map[string]any)
	if first["kind"] != "path" || first["item"] != "/dashboard (layout)" {
		t.Fatalf("layout result %v", first)
	}
	if p := getPage(t, s, "/dashboard/management-dashboard"); p.Values["products"] != "products-v2" {
		t.Fatalf("nested page after revalidating the /dashboard layout: %+v", p)
	}
}

func TestNextSiteDryRunChangesNothing(t *testing.T) {
	s := NextSiteT(t, NextSiteOptions{Secret: "dry-secret-0123456789abcdefghijklmnopqrstuv"})
	before := warm(t, s)
	if err := s.SetData(newValues("dry")); err != nil {
		t.Fatal(err)
	}
	a := post(t, s, map[string]any{"tags": NextSiteTags, "paths": NextSitePages, "dryRun": true})
	mustOK(t, a)
	if a.Body["dryRun"] != true || len(a.Body["results"].([]any)) != len(NextSiteTags)+len(NextSitePages) {
		t.Fatalf("dry run answer %v", a.Body)
	}
	for _, path := range NextSitePages {
		if p := getPage(t, s, path); p.Cache != "HIT" || p.RenderedAt != before[path].RenderedAt {
			t.Fatalf("%s after a dry run: %+v, want the cached page", path, p)
		}
	}
}

// Self-hosted instances keep their own cache: a revalidation reaches only the instance that received it.
func TestNextSiteInstancesHaveOwnCache(t *testing.T) {
	a := NextSiteT(t, NextSiteOptions{Secret: "inst-secret-0123456789abcdefghijklmnopqrstuv"})
	b := NextSiteT(t, NextSiteOptions{Secret: "inst-secret-0123456789abcdefghijklmnopqrstuv"})
	if a.DataFile == b.DataFile {
		t.Fatalf("instances share the data file %s", a.DataFile)
	}
	warm(t, a)
	warm(t, b)
	for _, s := range []*NextSite{a, b} {
		if err := s.SetData(newValues("v3")); err != nil {
			t.Fatal(err)
		}
	}
	mustOK(t, post(t, a, map[string]any{"tags": NextSiteTags}))
	if p := getPage(t, a, "/"); p.Values["products"] != "products-v3" {
		t.Fatalf("revalidated instance: %+v", p)
	}
	if p := getPage(t, b, "/"); p.Cache != "HIT" || p.Values["products"] != "products-v0" {
		t.Fatalf("other instance: %+v, want still cached", p)
	}
}

// The fixture must serve the shipped route itself, not a copy that could drift from what site owners install.
func TestNextSiteServesShippedRoute(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Skipf("%v", err)
	}
	shipped := filepath.Join(root, "integrations", "nextjs", "app", "api", "revalidate", "route.ts")
	link := filepath.Join(root, "integrations", "nextjs", "fixture", "app", "api", "revalidate", "route.ts")
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s must be a symlink to the shipped route (err %v)", link, err)
	}
	resolved, err := filepath.EvalSymlinks(link)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := filepath.EvalSymlinks(shipped); resolved != want {
		t.Fatalf("fixture route resolves to %s, want %s", resolved, want)
	}
	src, err := os.ReadFile(shipped)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const ROUTE_ID = "([^"]+)"`).FindSubmatch(src)
	if m == nil {
		t.Fatal("shipped route has no ROUTE_ID marker")
	}
	marker := string(m[1])

	build, err := NextSiteBuildDir()
	Require(t, err)
	found := false
	_ = filepath.WalkDir(filepath.Join(build, ".next", "server"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") || found {
			return err
		}
		raw, err := os.ReadFile(path)
		found = err == nil && bytes.Contains(raw, []byte(marker))
		return nil
	})
	if !found {
		t.Fatalf("built server has no %q: the build is stale or compiled another route (rerun scripts/peers/nextjs.sh)", marker)
	}

	s := NextSiteT(t, NextSiteOptions{Secret: "marker-secret-0123456789abcdefghijklmnopqrstuv"})
	resp, err := nextHTTP.Get(s.URL + "/api/revalidate")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Siyana-Route"); got != marker {
		t.Fatalf("X-Siyana-Route %q, want %q", got, marker)
	}
}
