package revalidate

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"siyana/backend/testpeer"
)

// Tests against the fixture Next.js site (scripts/peers/nextjs.sh builds it; testpeer.NextSiteT skips
// locally when it is missing and fails under CI=true). They run the shipped route.ts in a real `next start`.

// pageValue reads what a page shows for a tag, as a visitor would see it.
func pageValue(t *testing.T, base, path, tag string) string {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`data-testid="tag-` + tag + `">([^<]*)<`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("GET %s%s: no value for %s in %d bytes (status %d)", base, path, tag, len(body), resp.StatusCode)
	}
	return string(m[1])
}

func nextReq(site *testpeer.NextSite) Request {
	return bound(Request{ProfileID: "fixture", Actor: "tester", SiteURL: site.URL, Secret: site.Secret, CooldownSeconds: -1})
}

func verifyOf(t *testing.T, r Result, base, path string) VerifyResult {
	t.Helper()
	for _, v := range r.Verify {
		if v.Instance == base && v.Path == path {
			return v
		}
	}
	t.Fatalf("no verification of %s%s in %+v", base, path, r.Verify)
	return VerifyResult{}
}

func TestNextSiteRevalidation(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: testSecret})
	svc, _ := newTestService(t, nil)
	ctx := context.Background()

	// A tag and a path: the page shows the cached value, the run refreshes it and verification sees it fresh.
	for _, c := range []struct {
		name, key, page string
		run             func(req Request) Result
	}{
		{"tags", "products", "/", func(req Request) Result {
			req.Tags, req.Verify, req.VerifyPaths = []string{"products"}, true, []string{"/"}
			return svc.RevalidateTags(ctx, req)
		}},
		{"paths", "company", "/dashboard", func(req Request) Result {
			req.Paths, req.Verify = Paths("/dashboard"), true
			return svc.RevalidatePaths(ctx, req)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := site.SetData(map[string]string{c.key: c.key + "-v1"}); err != nil {
				t.Fatal(err)
			}
			if got := pageValue(t, site.URL, c.page, c.key); got != c.key+"-v0" {
				t.Fatalf("before revalidating, %s shows %q: the fixture does not cache", c.page, got)
			}
			r := c.run(nextReq(site))
			if r.Code != CodeOK || r.NextVersion == "" {
				t.Fatalf("%s %s (next %q)", r.Code, r.Message, r.NextVersion)
			}
			if v := verifyOf(t, r, site.URL, c.page); v.State != StateFresh {
				t.Fatalf("verify = %+v", v)
			}
			if got := pageValue(t, site.URL, c.page, c.key); got != c.key+"-v1" {
				t.Fatalf("after revalidating, %s shows %q", c.page, got)
			}
		})
	}

	t.Run("dry run changes nothing", func(t *testing.T) {
		if err := site.SetData(map[string]string{"categories": "categories-v1"}); err != nil {
			t.Fatal(err)
		}
		req := nextReq(site)
		req.Tags, req.Paths = []string{"categories"}, Paths("/")
		r := svc.TestConnection(ctx, req)
		if r.Code != CodeOK || !r.DryRun || len(r.Items) != 2 {
			t.Fatalf("%s %s", r.Code, r.Message)
		}
		if got := pageValue(t, site.URL, "/", "categories"); got != "categories-v0" {
			t.Fatalf("a dry run changed the page: %q", got)
		}
	})

	t.Run("wrong secret", func(t *testing.T) {
		req := nextReq(site)
		req.Secret, req.Tags = "not-the-secret", []string{"products"}
		if r := svc.RevalidateTags(ctx, req); r.Code != CodeUnauthorized || r.Instances[0].HTTPStatus != 401 {
			t.Fatalf("%s %+v", r.Code, r.Instances)
		}
	})

	t.Run("over the route's limit", func(t *testing.T) {
		forced, _ := newTestService(t, nil)
		forced.skipValidation, forced.batchSize = true, 1000
		req := nextReq(site)
		req.Tags = manyTags(MaxTagsPerRequest+1, "t")
		if r := forced.RevalidateTags(ctx, req); r.Code != CodeInvalidInput || r.Instances[0].HTTPStatus != 422 {
			t.Fatalf("%s %+v", r.Code, r.Instances)
		}
	})

	t.Run("typed path and the default refresh", func(t *testing.T) {
		req := nextReq(site)
		req.Paths = []PathSpec{{Path: "/dashboard", Type: PathTypeLayout}}
		r := svc.FullRefresh(ctx, req)
		if r.Code != CodeOK || len(r.Items) != 5 || r.Items[4].Item != "/dashboard" || !r.Items[4].OK {
			t.Fatalf("%s %s %+v", r.Code, r.Message, r.Items)
		}
	})
}

// Two instances sharing one data file, as a self-hosted site without a shared cache handler.
func TestNextSiteTwoInstances(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data.json")
	a := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: testSecret, DataFile: data})
	if err := a.SetData(testpeer.DefaultNextSiteData()); err != nil {
		t.Fatal(err)
	}
	b := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: testSecret, DataFile: data})
	svc, _ := newTestService(t, nil)
	ctx := context.Background()

	if err := a.SetData(map[string]string{"promotions": "promotions-v1"}); err != nil {
		t.Fatal(err)
	}
	req := nextReq(a)
	req.InstanceURLs, req.Tags, req.Verify, req.VerifyPaths = []string{b.URL}, []string{"promotions"}, true, []string{"/"}
	req = bound(req)
	r := svc.RevalidateTags(ctx, req)
	if r.Code != CodeOK || len(r.Instances) != 2 || !r.Instances[0].OK || !r.Instances[1].OK {
		t.Fatalf("fan-out: %s %s %+v", r.Code, r.Message, r.Instances)
	}
	for _, s := range []*testpeer.NextSite{a, b} {
		if v := verifyOf(t, r, s.URL, "/"); v.State != StateFresh {
			t.Fatalf("fan-out verify %s = %+v", s.URL, v)
		}
		if got := pageValue(t, s.URL, "/", "promotions"); got != "promotions-v1" {
			t.Fatalf("%s shows %q after fan-out", s.URL, got)
		}
	}

	// The site URL alone: the second instance keeps its cache, and verification says so.
	if err := a.SetData(map[string]string{"promotions": "promotions-v2"}); err != nil {
		t.Fatal(err)
	}
	req.InstanceURLs, req.VerifyURLs = nil, []string{b.URL}
	r = svc.RevalidateTags(ctx, req)
	if r.Code != CodeOK || len(r.Instances) != 1 {
		t.Fatalf("single URL: %s %+v", r.Code, r.Instances)
	}
	if v := verifyOf(t, r, a.URL, "/"); v.State != StateFresh {
		t.Fatalf("verify A = %+v", v)
	}
	if v := verifyOf(t, r, b.URL, "/"); v.State != StateStale || v.Reason == "" {
		t.Fatalf("verify B = %+v, want stale", v)
	}
	if got := pageValue(t, b.URL, "/", "promotions"); got != "promotions-v1" {
		t.Fatalf("B shows %q; it should still serve its old cache", got)
	}
}

// The route's token bucket, through the client: a 429 is THROTTLED with the site's Retry-After as a typed
// field, and the next call is held here (nothing reaches the site) until that wait is over.
func TestNextSiteThrottles(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: testSecret, Env: map[string]string{
		"REVALIDATE_RATE_BURST": "2", "REVALIDATE_RATE_PER_MINUTE": "6"}})
	svc, _ := newTestService(t, nil)
	ctx := context.Background()
	for i := range 2 {
		if r := svc.TestConnection(ctx, bound(nextReq(site))); r.Code != CodeOK {
			t.Fatalf("call %d: %s %s", i+1, r.Code, r.Message)
		}
	}
	r := svc.TestConnection(ctx, bound(nextReq(site)))
	if r.Code != CodeThrottled || r.RunID == "" || r.RetryAfterSeconds < 1 || r.RetryAfterSeconds > 10 ||
		r.Instances[0].HTTPStatus != 429 || r.Instances[0].RetryAfterSeconds != r.RetryAfterSeconds {
		t.Fatalf("3rd call: %s %d s %+v", r.Code, r.RetryAfterSeconds, r.Instances)
	}
	held := svc.TestConnection(ctx, bound(nextReq(site)))
	if held.Code != CodeThrottled || held.RunID != "" || held.RetryAfterSeconds < 1 {
		t.Fatalf("held call: %s %q %d", held.Code, held.RunID, held.RetryAfterSeconds)
	}
	time.Sleep(200 * time.Millisecond) // the site logs after answering
	if n := strings.Count(site.Proc.Log.String(), `"status":429`); n != 1 {
		t.Fatalf("the site answered 429 %d times, want once (the held call must not reach it)", n)
	}
}

func TestNextSiteWeakSecret(t *testing.T) {
	weak := strings.Repeat("w", 31)
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: weak})
	svc, _ := newTestService(t, nil)
	req := bound(nextReq(site))
	r := svc.TestConnection(context.Background(), req)
	if r.Code != CodeSiteSecretWeak || r.Instances[0].HTTPStatus != 500 || !strings.Contains(r.Message, "openssl rand -base64 32") {
		t.Fatalf("%s %s %+v", r.Code, r.Message, r.Instances)
	}
}
