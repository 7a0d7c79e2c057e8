package revalidate

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/i18n"
	"siyana/backend/testpeer"
)

// Each code comes from a real HTTP answer (or a real refused connection) on 127.0.0.1.
func TestCodesFromRealAnswers(t *testing.T) {
	answer := func(status int, body string, headers ...string) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			for i := 0; i+1 < len(headers); i += 2 {
				w.Header().Set(headers[i], headers[i+1])
			}
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
			return true
		}
	}
	scenarios := []struct {
		name       string
		secret     string // the site's secret ("" = not configured on the site)
		hook       func(http.ResponseWriter, *http.Request) bool
		maxBody    int64
		change     func(*Service, *Request)
		code       string
		httpStatus int
	}{
		{name: "ok", secret: testSecret, code: CodeOK, httpStatus: 200},
		{name: "wrong secret", secret: "another-secret-value", code: CodeUnauthorized, httpStatus: 401},
		{name: "route not installed", secret: testSecret, hook: func(w http.ResponseWriter, r *http.Request) bool {
			http.NotFound(w, r)
			return true
		}, code: CodeRouteMissing, httpStatus: 404},
		{name: "site lacks the secret", secret: "", code: CodeSiteSecretMissing, httpStatus: 500},
		{name: "route refuses over-limit input", secret: testSecret, change: func(s *Service, r *Request) {
			s.skipValidation, s.batchSize = true, 1000
			r.Tags = manyTags(MaxTagsPerRequest+1, "t")
		}, code: CodeInvalidInput, httpStatus: 422},
		{name: "malformed for the route", secret: testSecret, hook: answer(400, `{"ok":false,"code":"BAD_REQUEST"}`), code: CodeInvalidInput, httpStatus: 400},
		{name: "body too large", secret: testSecret, maxBody: 100, change: func(_ *Service, r *Request) {
			r.Tags = manyTags(20, strings.Repeat("x", 50))
		}, code: CodeTooLarge, httpStatus: 413},
		{name: "bad gateway", secret: testSecret, hook: answer(502, "<html>bad gateway</html>"), code: CodeSiteError, httpStatus: 502},
		{name: "rate limited", secret: testSecret, hook: answer(429, `{}`, "Retry-After", "30"), code: CodeThrottled, httpStatus: 429},
		{name: "weak secret on the site", secret: testSecret, hook: answer(500, `{"ok":false,"code":"WEAK_SECRET","message":"weak"}`), code: CodeSiteSecretWeak, httpStatus: 500},
		{name: "html instead of the route", secret: testSecret, hook: answer(200, "<html>catch-all</html>"), code: CodeSiteError, httpStatus: 200},
		{name: "redirect is not followed", secret: testSecret, hook: answer(308, "", "Location", "https://example.invalid/api/revalidate"), code: CodeSiteError, httpStatus: 308},
		{name: "slow site", secret: testSecret, hook: func(w http.ResponseWriter, r *http.Request) bool {
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}, change: func(s *Service, _ *Request) { s.RequestTimeout = 200 * time.Millisecond }, code: CodeTimeout},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			site := newFakeSite(t, sc.secret)
			site.hook = sc.hook
			if sc.maxBody > 0 {
				site.maxBody = sc.maxBody
			}
			svc, _ := newTestService(t, nil)
			req := tagReq(site, "products", "company")
			if sc.change != nil {
				sc.change(svc, &req)
			}
			r := svc.RevalidateTags(context.Background(), req)
			if r.Code != sc.code {
				t.Fatalf("code = %s (%s), want %s", r.Code, r.Message, sc.code)
			}
			if r.Message == "" || r.CheckedAt.IsZero() || r.RunID == "" {
				t.Fatalf("incomplete result %+v", r)
			}
			if len(r.Instances) != 1 || r.Instances[0].HTTPStatus != sc.httpStatus {
				t.Fatalf("instances = %+v, want http %d", r.Instances, sc.httpStatus)
			}
			if sc.code == CodeOK {
				if !r.OK || r.Outcome != OutcomeOK || r.NextVersion != "16.4.6" {
					t.Fatalf("ok result = %+v", r)
				}
			} else if r.OK || r.Outcome != OutcomeFailed {
				t.Fatalf("failed result ok=%v outcome=%s", r.OK, r.Outcome)
			}
			if sc.code == CodeThrottled && r.RetryAfterSeconds != 30 {
				t.Fatalf("retry after = %d, want 30", r.RetryAfterSeconds)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	port, err := testpeer.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	svc, _ := newTestService(t, nil)
	r := svc.RevalidateTags(context.Background(), bound(Request{ProfileID: "p", SiteURL: "http://" + testpeer.Addr(port), Secret: testSecret, Tags: []string{"a"}}))
	if r.Code != CodeUnreachable || r.Instances[0].HTTPStatus != 0 {
		t.Fatalf("code = %s %+v", r.Code, r.Instances)
	}
}

// countingTransport counts requests that reached the transport: a refusal must send nothing at all.
type countingTransport struct{ n atomic.Int32 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func TestRefusedBeforeTheNetwork(t *testing.T) {
	site := newFakeSite(t, testSecret)
	scenarios := []struct {
		name string
		req  Request
		code string
	}{
		{"http to another host", bound(Request{SiteURL: "http://example.com", Secret: testSecret, Tags: []string{"a"}}), CodeInsecureURL},
		{"http instance to another host", bound(Request{SiteURL: site.URL(), InstanceURLs: []string{"http://10.1.2.3:3000"}, Secret: testSecret, Tags: []string{"a"}}), CodeInsecureURL},
		{"no site url", bound(Request{Secret: testSecret, Tags: []string{"a"}}), CodeNotConfigured},
		{"no secret", Request{SiteURL: site.URL(), Tags: []string{"a"}}, CodeNotConfigured},
		{"credentials in url", bound(Request{SiteURL: "https://u:p@example.com", Secret: testSecret, Tags: []string{"a"}}), CodeInvalidInput},
		{"not a url", bound(Request{SiteURL: "example.com", Secret: testSecret, Tags: []string{"a"}}), CodeInvalidInput},
		{"bad tag", bound(Request{SiteURL: site.URL(), Secret: testSecret, Tags: []string{"ok", "bad\ntag"}}), CodeInvalidInput},
		{"nothing to do", bound(Request{SiteURL: site.URL(), Secret: testSecret, Tags: []string{" ", ""}}), CodeInvalidInput},
		{"bad mode", bound(Request{SiteURL: site.URL(), Secret: testSecret, Tags: []string{"a"}, Mode: "soon"}), CodeInvalidInput},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			ct := &countingTransport{}
			svc, rec := newTestService(t, func(c *Config) { c.HTTP = &http.Client{Transport: ct} })
			sc.req.ProfileID = "p"
			r := svc.RevalidateTags(context.Background(), sc.req)
			if r.Code != sc.code || r.OK || r.RunID != "" {
				t.Fatalf("result = %s %q run %q, want %s", r.Code, r.Message, r.RunID, sc.code)
			}
			if n := ct.n.Load(); n != 0 || site.postCount() != 0 {
				t.Fatalf("%d requests sent on a refusal", n)
			}
			if len(rec.Events()) != 0 || len(svc.Last("p", 5).Entries) != 0 {
				t.Fatal("a refusal emitted events or wrote the log")
			}
		})
	}
}

func TestLoopbackHTTPAllowed(t *testing.T) {
	for _, host := range []string{"localhost", "127.0.0.1", "[::1]", "127.1.2.3"} {
		if _, p := siteURLs("http://"+host+":3000", nil); p != nil {
			t.Errorf("%s refused: %s", host, p.code)
		}
	}
}

func TestInvalidInputListsEachReason(t *testing.T) {
	site := newFakeSite(t, testSecret)
	svc, _ := newTestService(t, nil)
	r := svc.RevalidatePaths(context.Background(), bound(Request{ProfileID: "p", SiteURL: site.URL(), Secret: testSecret,
		Paths: []PathSpec{{Path: "/ok"}, {Path: "no-slash"}, {Path: "/" + strings.Repeat("a", MaxPathLen)}, {Path: "/x", Type: "site"}}}))
	if r.Code != CodeInvalidInput || len(r.Items) != 3 {
		t.Fatalf("result = %s %+v", r.Code, r.Items)
	}
	for _, it := range r.Items {
		if it.OK || it.Reason == "" || !i18n.Has("en", "revalidate.item."+it.Reason) || it.Kind != "path" {
			t.Fatalf("item %+v has no reason", it)
		}
	}
	if site.postCount() != 0 {
		t.Fatal("sent despite invalid input")
	}
}

func TestFanOutReportsEachInstance(t *testing.T) {
	a, b := newFakeSite(t, testSecret), newFakeSite(t, testSecret)
	svc, _ := newTestService(t, nil)
	req := tagReq(a, manyTags(45, "t")...)
	req.InstanceURLs = []string{b.URL(), a.URL() + "/"} // the duplicate is dropped
	req = bound(req)
	r := svc.RevalidateTags(context.Background(), req)
	if r.Code != CodeOK || len(r.Instances) != 2 {
		t.Fatalf("result = %s %+v", r.Code, r.Instances)
	}
	for i, site := range []*fakeSite{a, b} {
		in := r.Instances[i]
		if in.URL != site.URL() || !in.OK || in.Requests != 3 || in.HTTPStatus != 200 || in.NextVersion != "16.4.6" {
			t.Fatalf("instance %d = %+v", i, in)
		}
		if got := len(site.seenTags()); got != 45 {
			t.Fatalf("instance %d received %d tags, want 45", i, got)
		}
	}
	if len(r.Items[0].Instances) != 2 {
		t.Fatalf("item instances = %+v", r.Items[0].Instances)
	}

	// One instance with another secret: partial, that instance UNAUTHORIZED and not sent the other batches.
	c := newFakeSite(t, "other")
	req.InstanceURLs = []string{c.URL()}
	req = bound(req)
	r = svc.RevalidateTags(context.Background(), req)
	if r.Code != CodeUnauthorized || r.Outcome != OutcomePartial || r.Instances[0].Code != CodeOK || r.Instances[1].Code != CodeUnauthorized {
		t.Fatalf("partial result = %s %s %+v", r.Code, r.Outcome, r.Instances)
	}
	if c.postCount() > svc.concurrency {
		t.Fatalf("kept sending to an instance that refused the secret: %d requests", c.postCount())
	}
	if it := r.Items[0]; it.OK || it.Instances[0].OK != true || it.Instances[1].OK {
		t.Fatalf("item = %+v", it)
	}
}

func TestActorHeaderIsASCII(t *testing.T) {
	site := newFakeSite(t, testSecret)
	svc, _ := newTestService(t, nil)
	req := tagReq(site, "a")
	req.Actor = "سارة admin"
	if r := svc.RevalidateTags(context.Background(), req); r.Code != CodeOK {
		t.Fatal(r.Message)
	}
	got := site.actors[0]
	if got != "%D8%B3%D8%A7%D8%B1%D8%A9%20admin" {
		t.Fatalf("actor header = %q", got)
	}
}
