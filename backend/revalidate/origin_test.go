package revalidate

import (
	"context"
	"strings"
	"testing"

	"siyana/backend/testpeer"
)

// A secret bound to one origin is never sent to another: not by any kind of run, not to an extra instance,
// not by the dry run, not by verification; a request without any binding sends nothing either.
func TestSecretStaysWithItsOrigin(t *testing.T) {
	site := newFakeSite(t, testSecret)
	rogue := testpeer.NewSnoop(t)
	ctx := context.Background()
	svc, rec := newTestService(t, nil)

	site.failItems["broken"] = true // so the retry below has an item to retry
	first := svc.RevalidateTags(ctx, tagReq(site, "products", "broken"))
	if first.Outcome != OutcomePartial {
		t.Fatalf("bound run: %s %s", first.Code, first.Message)
	}
	repointed := func() Request {
		r := tagReq(site, "products") // bound to the fake site's origin
		r.SiteURL = rogue.URL
		r.Paths, r.Verify, r.VerifyPaths = Paths("/"), true, []string{"/"}
		return r
	}
	withInstance := func() Request {
		r := tagReq(site, "products")
		r.InstanceURLs = []string{rogue.URL}
		return r
	}
	unbound := func() Request { r := tagReq(site, "products"); r.SecretOrigins = nil; return r }
	events := len(rec.Events())
	calls := []struct {
		name string
		run  func() Result
		cur  string
	}{
		{"tags", func() Result { return svc.RevalidateTags(ctx, repointed()) }, rogue.URL},
		{"paths", func() Result { return svc.RevalidatePaths(ctx, repointed()) }, rogue.URL},
		{"full", func() Result { return svc.FullRefresh(ctx, repointed()) }, rogue.URL},
		{"dry run", func() Result { return svc.TestConnection(ctx, repointed()) }, rogue.URL},
		{"retry", func() Result { return svc.RetryFailed(ctx, repointed(), first.RunID) }, rogue.URL},
		{"new instance", func() Result { return svc.RevalidateTags(ctx, withInstance()) }, rogue.URL},
		{"no binding", func() Result { return svc.RevalidateTags(ctx, unbound()) }, site.URL()},
	}
	posts := site.postCount()
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			r := c.run()
			if r.Code != CodeSecretOriginChanged || r.OK || r.RunID != "" || r.OriginChange == nil {
				t.Fatalf("%s %s %+v", r.Code, r.Message, r.OriginChange)
			}
			if len(r.OriginChange.Current) != 1 || r.OriginChange.Current[0] != c.cur {
				t.Fatalf("current origins %v, want [%s]", r.OriginChange.Current, c.cur)
			}
			if c.name != "no binding" && (len(r.OriginChange.Saved) != 1 || r.OriginChange.Saved[0] != site.URL()) {
				t.Fatalf("saved origins %v", r.OriginChange.Saved)
			}
			if !strings.Contains(r.Message, c.cur) || strings.Contains(r.Message, testSecret) {
				t.Fatalf("message %q should name %s and never the secret", r.Message, c.cur)
			}
		})
	}
	if got := rogue.Requests(); len(got) != 0 {
		t.Fatalf("the other host received %v", got)
	}
	if site.postCount() != posts {
		t.Fatal("a refused run still sent to the bound site (a run is refused whole)")
	}
	if len(rec.Events()) != events {
		t.Fatal("a refused run emitted progress")
	}
	if h := svc.Last("prod", 10); len(h.Entries) != 1 {
		t.Fatalf("refused runs were logged: %d entries", len(h.Entries))
	}

	// Bound to the new origin (the admin confirmed it), the same request goes out, secret and all.
	r := bound(repointed())
	if r := svc.TestConnection(ctx, r); r.Code != CodeRouteMissing {
		t.Fatalf("after binding: %s %s", r.Code, r.Message)
	}
	if got := rogue.Requests(); len(got) == 0 || !strings.HasSuffix(got[0], "Bearer "+testSecret) {
		t.Fatalf("after binding the other host got %v", got)
	}
}

// What counts as the same origin: a basePath or the default port does not move the secret; a port, a
// scheme or a host does. A binding wider than the URLs (an instance removed) is fine.
func TestSameOriginRules(t *testing.T) {
	site := newFakeSite(t, testSecret)
	ctx := context.Background()
	svc, _ := newTestService(t, nil)
	host := strings.TrimPrefix(site.URL(), "http://")
	ok := []struct{ name, url string }{
		{"basePath", site.URL() + "/shop"},
		{"trailing slash", site.URL() + "/"},
		{"upper-case host", "http://" + strings.ToUpper(strings.Replace(host, "127.0.0.1", "LOCALHOST", 1))},
	}
	for _, sc := range ok {
		t.Run(sc.name, func(t *testing.T) {
			req := tagReq(site, "products")
			req.SecretOrigins = []string{site.URL(), "http://" + strings.Replace(host, "127.0.0.1", "localhost", 1), "https://removed.example"}
			req.SiteURL = sc.url
			if r := svc.TestConnection(ctx, req); r.Code == CodeSecretOriginChanged {
				t.Fatalf("%s refused: %s", sc.url, r.Message)
			}
		})
	}
	port := host[strings.LastIndexByte(host, ':')+1:]
	moved := []struct{ name, bound, url string }{
		{"another port", "http://127.0.0.1:1", site.URL()},
		{"another scheme", "https://" + host, site.URL()},
		{"another host", "http://localhost:" + port, site.URL()},
		{"a prefix of the origin", "http://127.0.0.1:" + port[:len(port)-1], site.URL()},
	}
	for _, sc := range moved {
		t.Run(sc.name, func(t *testing.T) {
			req := tagReq(site, "products")
			req.SecretOrigins, req.SiteURL = []string{sc.bound}, sc.url
			if r := svc.TestConnection(ctx, req); r.Code != CodeSecretOriginChanged {
				t.Fatalf("bound to %s, sent to %s: %s", sc.bound, sc.url, r.Code)
			}
		})
	}
}
