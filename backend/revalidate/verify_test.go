package revalidate

import (
	"context"
	"testing"
)

func verifyStates(r Result) map[string]string {
	out := map[string]string{}
	for _, v := range r.Verify {
		out[v.Instance+v.Path] = v.State
	}
	return out
}

func TestVerifyAgainstThePageCache(t *testing.T) {
	ctx := context.Background()
	a, b := newFakeSite(t, testSecret), newFakeSite(t, testSecret)
	svc, _ := newTestService(t, nil)
	for _, s := range []*fakeSite{a, b} { // first visits: the pages are cached (HIT from now on)
		for _, p := range []string{"/p/home", "/dyn/cart"} {
			svc.getPage(ctx, s.URL()+p)
		}
	}
	a.setData("v2")
	b.setData("v2")

	// Tags in expire mode, sent to A only, verified on A and on B: A renders again, B keeps its cache.
	req := tagReq(a, "products")
	req.Verify, req.VerifyPaths, req.VerifyURLs = true, []string{"/p/home", "/dyn/cart"}, []string{b.URL()}
	r := svc.RevalidateTags(ctx, req)
	got := verifyStates(r)
	want := map[string]string{
		a.URL() + "/p/home": StateFresh, b.URL() + "/p/home": StateStale,
		// Dynamic pages already showed the new data at the baseline: nothing to tell apart.
		a.URL() + "/dyn/cart": StateUnknown, b.URL() + "/dyn/cart": StateUnknown,
	}
	for k, w := range want {
		if got[k] != w {
			t.Fatalf("%s = %s, want %s (%+v)", k, got[k], w, r.Verify)
		}
	}
	if r.Code != CodeOK || b.postCount() != 0 {
		t.Fatalf("result %s, B got %d posts", r.Code, b.postCount())
	}
	for _, v := range r.Verify {
		if v.Instance == b.URL() && v.Path == "/p/home" && (v.Reason == "" || v.Attempts < 2 || v.CacheAfter != "HIT") {
			t.Fatalf("stale check = %+v", v)
		}
	}

	// Stale-while-revalidate: the first GET is STALE, a later one serves the new render.
	a.setData("v3")
	req.Mode, req.VerifyURLs, req.VerifyPaths = ModeMax, nil, []string{"/p/home"}
	r = svc.RevalidateTags(ctx, req)
	if v := r.Verify[0]; v.State != StateFresh || v.Attempts < 2 || !v.BodyChanged {
		t.Fatalf("max mode verify = %+v", v)
	}

	// A dynamic page that did not change: unknown after a few tries, not a 5 s poll.
	r = svc.RevalidatePaths(ctx, bound(Request{ProfileID: "prod", SiteURL: a.URL(), Secret: testSecret, Paths: Paths("/dyn/cart", "/missing"), Verify: true}))
	for _, v := range r.Verify {
		if v.State != StateUnknown || v.Reason == "" {
			t.Fatalf("unchanged dynamic / missing page = %+v", v)
		}
	}
	if v := r.Verify[0]; v.Attempts != dynamicTries {
		t.Fatalf("dynamic page polled %d times, want %d", v.Attempts, dynamicTries)
	}

	// Paths: the revalidated path itself is verified and rendered again (MISS).
	a.setData("v4")
	r = svc.RevalidatePaths(ctx, bound(Request{ProfileID: "prod", SiteURL: a.URL(), Secret: testSecret, Paths: []PathSpec{{Path: "/p/home", Type: "layout"}}, Verify: true}))
	if r.Code != CodeOK || len(r.Verify) != 1 || r.Verify[0].State != StateFresh || r.Verify[0].CacheAfter != "MISS" {
		t.Fatalf("path verify = %s %+v", r.Code, r.Verify)
	}
}
