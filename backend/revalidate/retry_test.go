package revalidate

import (
	"context"
	"slices"
	"testing"
)

func TestRetryFailedSendsOnlyTheFailedItems(t *testing.T) {
	site := newFakeSite(t, testSecret)
	site.failItems = map[string]bool{"bad-1": true, "/p/bad (layout)": false, "/p/bad": true}
	dir := t.TempDir()
	svc, _ := newTestService(t, func(c *Config) { c.LogDir = dir })
	req := tagReq(site, "good-1", "bad-1", "good-2")
	req.Paths = []PathSpec{{Path: "/p/ok"}, {Path: "/p/bad", Type: "layout"}}
	req.Mode = ModeMax
	first := svc.FullRefresh(context.Background(), req)
	if first.Code != CodeSiteError || first.Outcome != OutcomePartial {
		t.Fatalf("first run = %s %s", first.Code, first.Outcome)
	}
	var failed []string
	for _, it := range first.Items {
		if !it.OK {
			failed = append(failed, it.Item)
		}
	}
	if !slices.Equal(failed, []string{"bad-1", "/p/bad"}) {
		t.Fatalf("failed items = %v", failed)
	}

	site.failItems = map[string]bool{}
	for name, s := range map[string]*Service{"same service": svc, "after restart (from the log)": New(svc.Config)} {
		t.Run(name, func(t *testing.T) {
			before := len(site.bodies)
			r := s.RetryFailed(context.Background(), bound(Request{ProfileID: "prod", SiteURL: site.URL(), Secret: testSecret}), first.RunID)
			if r.Code != CodeOK || r.Kind != KindRetry || r.RetryOf != first.RunID || r.Mode != ModeMax || len(r.Items) != 2 {
				t.Fatalf("retry = %s %q %+v", r.Code, r.Message, r)
			}
			if len(site.bodies) != before+1 || site.bodies[before] != `{"tags":["bad-1"],"paths":[{"path":"/p/bad","type":"layout"}],"mode":"max"}` {
				t.Fatalf("retry sent %v", site.bodies[before:])
			}
		})
	}
	if r := svc.RetryFailed(context.Background(), bound(Request{ProfileID: "prod", SiteURL: site.URL(), Secret: testSecret}), "nope"); r.Code != CodeNotFound {
		t.Fatalf("unknown run = %s", r.Code)
	}
	last := svc.Last("prod", 1).Entries[0]
	if r := svc.RetryFailed(context.Background(), bound(Request{ProfileID: "prod", SiteURL: site.URL(), Secret: testSecret}), last.RunID); r.Code != CodeOK || r.RunID != "" {
		t.Fatalf("retry of a clean run = %s run %q, want OK with nothing sent", r.Code, r.RunID)
	}
}
