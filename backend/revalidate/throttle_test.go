package revalidate

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// 100 concurrent calls on one profile while the first run is held inside the site: exactly one run.
func TestOneRunAtATimePerProfile(t *testing.T) {
	site := newFakeSite(t, testSecret)
	gate := make(chan struct{})
	site.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == Endpoint {
			<-gate
		}
		return false
	}
	svc, _ := newTestService(t, nil)

	const n = 100
	results := make(chan Result, n)
	var refused sync.WaitGroup
	refused.Add(n - 1)
	for range n {
		go func() {
			r := svc.RevalidateTags(context.Background(), tagReq(site, "products"))
			if r.Code == CodeBusy {
				refused.Done()
			}
			results <- r
		}()
	}
	refused.Wait() // the 99 others returned BUSY while the run is held: none waited for it
	if st := svc.Status("prod"); !st.Running || st.RunID == "" {
		t.Fatalf("status during the run = %+v, want running", st)
	}
	close(gate)
	codes := map[string]int{}
	for range n {
		r := <-results
		codes[r.Code]++
		if r.Code == CodeBusy && (r.RunID != "" || r.Message == "") {
			t.Fatalf("BUSY result = %+v", r)
		}
	}
	if codes[CodeOK] != 1 || codes[CodeBusy] != n-1 {
		t.Fatalf("codes = %v, want 1 OK and %d BUSY", codes, n-1)
	}
	if got := site.postCount(); got != 1 {
		t.Fatalf("site received %d requests, want 1", got)
	}
	// Another profile is independent.
	other := tagReq(site, "products")
	other.ProfileID = "staging"
	if r := svc.RevalidateTags(context.Background(), other); r.Code != CodeOK {
		t.Fatalf("other profile: %s %s", r.Code, r.Message)
	}
}

func TestCooldownThrottlesWithSecondsLeft(t *testing.T) {
	site := newFakeSite(t, testSecret)
	clock := newFakeClock()
	svc, _ := newTestService(t, func(c *Config) { c.Now = clock.Now; c.Cooldown = 10 * time.Second })
	ctx := context.Background()

	if r := svc.RevalidateTags(ctx, tagReq(site, "products")); r.Code != CodeOK {
		t.Fatalf("first run: %s %s", r.Code, r.Message)
	}
	r := svc.RevalidateTags(ctx, tagReq(site, "products"))
	if r.Code != CodeThrottled || r.RetryAfterSeconds != 10 || r.RunID != "" {
		t.Fatalf("second run = %s after %d s (run %q), want THROTTLED 10 s", r.Code, r.RetryAfterSeconds, r.RunID)
	}
	clock.Add(3500 * time.Millisecond)
	if st := svc.Status("prod"); st.Running || st.CooldownSeconds != 7 {
		t.Fatalf("status after 3.5 s = %+v, want cooldown 7 s", st)
	}
	if r := svc.RevalidatePaths(ctx, bound(Request{ProfileID: "prod", SiteURL: site.URL(), Secret: testSecret, Paths: Paths("/")})); r.Code != CodeThrottled || r.RetryAfterSeconds != 7 {
		t.Fatalf("paths during cooldown = %s %d", r.Code, r.RetryAfterSeconds)
	}
	// A dry run is neither blocked by the cooldown nor extends it.
	if r := svc.TestConnection(ctx, tagReq(site)); r.Code != CodeOK || !r.DryRun {
		t.Fatalf("test connection during cooldown = %s %s", r.Code, r.Message)
	}
	if st := svc.Status("prod"); st.CooldownSeconds != 7 {
		t.Fatalf("dry run changed the cooldown: %+v", st)
	}
	if got := site.postCount(); got != 2 {
		t.Fatalf("site received %d requests, want 2 (run + dry run)", got)
	}
	clock.Add(6500 * time.Millisecond)
	req := tagReq(site, "products")
	req.CooldownSeconds = 3 // the profile's own setting overrides the default
	if r := svc.RevalidateTags(ctx, req); r.Code != CodeOK {
		t.Fatalf("after the cooldown: %s %s", r.Code, r.Message)
	}
	if r := svc.RevalidateTags(ctx, tagReq(site, "products")); r.RetryAfterSeconds != 3 {
		t.Fatalf("cooldown from the request = %d s, want 3", r.RetryAfterSeconds)
	}
}

func TestCancelReturnsWhatWasDone(t *testing.T) {
	for _, byRunID := range []bool{false, true} {
		t.Run(map[bool]string{false: "by profile", true: "by run id"}[byRunID], func(t *testing.T) {
			site := newFakeSite(t, testSecret)
			second := make(chan struct{})
			var once sync.Once
			site.hook = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path == Endpoint && site.postCount() >= 1 {
					once.Do(func() { close(second) })
					_, _ = io.Copy(io.Discard, r.Body) // the server notices a closed connection only after the body
					<-r.Context().Done()               // hold the second request until the client gives up
					return true
				}
				return false
			}
			svc, rec := newTestService(t, nil)
			svc.concurrency = 1
			done := make(chan Result)
			go func() { done <- svc.RevalidateTags(context.Background(), tagReq(site, manyTags(100, "t")...)) }()
			<-second
			if byRunID {
				if !svc.CancelRun(svc.Status("prod").RunID) {
					t.Fatal("CancelRun found no run")
				}
			} else if !svc.Cancel("prod") {
				t.Fatal("Cancel found no run")
			}
			r := <-done
			if r.Code != CodeCanceled || r.Outcome != OutcomeCanceled || r.OK {
				t.Fatalf("result = %s/%s ok=%v", r.Code, r.Outcome, r.OK)
			}
			for i, it := range r.Items {
				if want := i < BatchSize; it.OK != want {
					t.Fatalf("item %d ok=%v, want %v (%s)", i, it.OK, want, it.Error)
				}
				if i >= BatchSize && it.Code != CodeCanceled {
					t.Fatalf("item %d code %s, want CANCELED", i, it.Code)
				}
			}
			ev := progressEvents(t, rec)
			if last := ev[len(ev)-1]; last.Phase != "canceled" || last.Done != BatchSize {
				t.Fatalf("last event = %+v", last)
			}
			h := svc.Last("prod", 1)
			if len(h.Entries) != 1 || h.Entries[0].Outcome != OutcomeCanceled || len(h.Entries[0].Errors) != 100-BatchSize {
				t.Fatalf("log = %+v", h)
			}
			if svc.Cancel("prod") || svc.Status("prod").Running {
				t.Fatal("run still registered after it returned")
			}
		})
	}
}
