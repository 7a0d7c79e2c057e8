package revalidate

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"siyana/backend/testpeer"
)

// assertSaidOnce: every item failed the same way, so the run says it (reason + url) and the items only
// point at it; the raw English dial error appears nowhere in the result (issue 12: seven times before).
func assertSaidOnce(t *testing.T, r Result, reason, url string, items int) {
	t.Helper()
	if r.OK || r.Code != CodeUnreachable || r.Params["reason"] != reason || r.Params["url"] != url || len(r.Items) != items {
		seen := map[string]int{}
		for _, it := range r.Items {
			seen[it.Code+" "+it.Reason+" "+it.Error]++
		}
		t.Fatalf("code=%s params=%v items=%d; items said: %v", r.Code, r.Params, len(r.Items), seen)
	}
	for _, it := range r.Items {
		if it.OK || it.Code != CodeUnreachable || it.Reason != reasonSameAsRun || it.Error != "" {
			t.Fatalf("item %+v does not point at the run's failure", it)
		}
	}
	b, _ := json.Marshal(r)
	for _, raw := range []string{"dial tcp", "connection refused", "Post \\\""} {
		if strings.Contains(string(b), raw) {
			t.Fatalf("result still carries %q: %s", raw, b)
		}
	}
	if r.Instances[0].Reason != reason || r.Instances[0].Message != "" {
		t.Fatalf("instance %+v", r.Instances[0])
	}
	if !strings.Contains(r.Message, url) {
		t.Fatalf("message %q does not name %s", r.Message, url)
	}
}

// The real fixture site stopped by its process group: the connection test and a seven-item refresh
// each say "the site refused the connection" once.
func TestStoppedSiteSaysTheFailureOnce(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: testSecret})
	svc, _ := newTestService(t, nil)
	ctx := context.Background()
	if r := svc.TestConnection(ctx, nextReq(site)); !r.OK {
		t.Fatalf("before the stop: %s %s", r.Code, r.Message)
	}
	site.Proc.Stop()

	r := svc.TestConnection(ctx, nextReq(site))
	if r.Code != CodeUnreachable || r.Params["reason"] != reasonSiteDown || strings.Contains(r.Message, "dial tcp") {
		t.Fatalf("connection test: code=%s params=%v message=%q", r.Code, r.Params, r.Message)
	}
	req := nextReq(site)
	req.Tags = manyTags(7, "t")
	assertSaidOnce(t, svc.RevalidateTags(ctx, req), reasonSiteDown, site.URL, 7)
}

// A closed loopback port, items spread over several batches (later ones not sent after the failure).
func TestClosedPortSaysTheFailureOnce(t *testing.T) {
	url := "http://" + testpeer.ClosedAddr(t)
	svc, _ := newTestService(t, nil)
	req := bound(Request{ProfileID: "p", SiteURL: url, Secret: testSecret, Tags: manyTags(3*BatchSize+1, "x"), CooldownSeconds: -1})
	assertSaidOnce(t, svc.RevalidateTags(context.Background(), req), reasonSiteDown, url, 3*BatchSize+1)
}

// Items that fail differently keep their own words: nothing is folded.
func TestDifferentFailuresAreNotFolded(t *testing.T) {
	res := Result{Code: CodeSiteError, Params: map[string]string{}, Items: []ItemResult{
		{Item: "a", Code: CodeSiteError, Reason: "siteRefused", Error: "bad a"},
		{Item: "b", Code: CodeSiteError, Reason: "siteRefused", Error: "bad b"},
	}}
	foldShared(&res, []string{"https://shop.example"})
	if res.Params["reason"] != "" || res.Items[1].Error != "bad b" {
		t.Fatalf("folded different failures: %+v", res)
	}
	res.Items[1].Error = "bad a"
	foldShared(&res, []string{"https://shop.example"})
	if res.Params["reason"] != "" || res.Items[0].Error != "bad a" || res.Items[1].Reason != reasonSameAsFirst || res.Items[1].Error != "" {
		t.Fatalf("same failures not folded onto the first: %+v", res)
	}
}

// Batches run side by side: the items of a batch not sent after the failure may come first in the list;
// the run still says the failure once (CI once saw 41 "siteDown" and 20 "not sent", unfolded).
func TestNotSentItemsFirstStillFold(t *testing.T) {
	res := Result{Code: CodeUnreachable, Params: map[string]string{}, Instances: []InstanceResult{{}}}
	for i := range 5 {
		it := ItemResult{Item: "t" + string(rune('a'+i)), Code: CodeUnreachable, Reason: reasonSiteDown, Error: "dial tcp: connection refused"}
		if i < 2 {
			it.Reason, it.Error = reasonNotSent, ""
		}
		res.Items = append(res.Items, it)
	}
	foldShared(&res, []string{"http://127.0.0.1:1"})
	if res.Params["reason"] != reasonSiteDown || res.Params["url"] == "" {
		t.Fatalf("not folded: %+v", res)
	}
	for _, it := range res.Items {
		if it.Reason != reasonSameAsRun || it.Error != "" {
			t.Fatalf("item %+v does not point at the run's failure", it)
		}
	}
	only := Result{Code: CodeUnreachable, Params: map[string]string{}, Items: []ItemResult{{Code: CodeUnreachable, Reason: reasonNotSent}, {Code: CodeUnreachable, Reason: reasonNotSent}}}
	foldShared(&only, nil) // nothing was sent: nothing to say once
	if only.Params["reason"] != "" {
		t.Fatalf("folded a run with no sent item: %+v", only)
	}
}
