package pages

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/profile"
	"siyana/backend/testpeer"
)

// revalidate asks the fixture's shipped route, as the revalidation card does.
func revalidate(t *testing.T, site *testpeer.NextSite, body map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, site.URL+"/api/revalidate", bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+site.Secret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("revalidate %s: %d", raw, resp.StatusCode)
	}
}

// The cache state a visitor gets from the real Next.js server, before and after a revalidation through the
// real route: HIT when prerendered, STALE (Next 16's stale-while-revalidate; Next 15 renders at once: MISS)
// after a tag, HIT again with the new data, MISS after a path.
func TestNextSiteCacheStates(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: "pages-test-secret-0123456789abcdef"})
	version, err := testpeer.NextVersion()
	if err != nil {
		t.Fatal(err)
	}
	s := &Service{}
	ctx := context.Background()
	run := func(pages ...profile.Page) Result {
		t.Helper()
		res := s.Check(ctx, Request{SiteURL: site.URL, Pages: pages})
		if len(res.Pages) != len(pages) {
			t.Fatalf("%+v", res)
		}
		return res
	}

	res := run(profile.Page{Path: "/", MustContain: "products-v0"}, profile.Page{Path: "/dashboard"}, profile.Page{Path: "/no-such-page"})
	for _, p := range res.Pages[:2] {
		if p.Code != check.CodeOK || p.Status != 200 || p.Cache.State != "HIT" || p.Cache.NextJS != "HIT" ||
			!strings.Contains(p.Cache.CacheControl, "s-maxage") || p.SizeBytes == 0 || p.Timings.FirstByteMs <= 0 {
			t.Fatalf("prerendered %s: %+v", p.Path, p)
		}
	}
	if !res.Pages[0].Found {
		t.Fatal("the page's data was not found")
	}
	if p := res.Pages[2]; p.Code != CodeHTTPError || p.Params["status"] != "404" || res.Code != CodePagesDown {
		t.Fatalf("unknown page: %+v (run %s)", p, res.Code)
	}

	if err := site.SetData(map[string]string{"products": "products-v1"}); err != nil {
		t.Fatal(err)
	}
	revalidate(t, site, map[string]any{"tags": []string{"products"}, "mode": "max"})
	want := "STALE"
	if major, _ := strconv.Atoi(strings.Split(version, ".")[0]); major < 16 {
		want = "MISS"
	}
	p := run(profile.Page{Path: "/"}).Pages[0]
	if p.Cache.State != want || p.Code != check.CodeOK {
		t.Fatalf("after revalidating the tag (next %s): %s, want %s (%+v)", version, p.Cache.State, want, p.Cache)
	}
	// The render the STALE answer started is served next, with the new data.
	deadline := time.Now().Add(10 * time.Second)
	for {
		p = run(profile.Page{Path: "/", MustContain: "products-v1"}).Pages[0]
		if p.Cache.State == "HIT" && p.Found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("never HIT with the new data: %s %s %+v", p.Code, p.Cache.State, p.Cache)
		}
		time.Sleep(200 * time.Millisecond)
	}

	revalidate(t, site, map[string]any{"paths": []string{"/dashboard"}})
	if p := run(profile.Page{Path: "/dashboard"}).Pages[0]; p.Cache.State != "MISS" {
		t.Fatalf("after revalidating the path: %+v", p.Cache)
	}
	if p := run(profile.Page{Path: "/dashboard"}).Pages[0]; p.Cache.State != "HIT" {
		t.Fatalf("after the render: %+v", p.Cache)
	}
}
