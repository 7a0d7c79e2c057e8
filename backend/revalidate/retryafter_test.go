package revalidate

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfterSeconds(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	scenarios := []struct {
		header string
		want   int
	}{
		{"30", 30},
		{" 7 ", 7},
		{"0", 1}, // "now" still means one more second: the bucket has not refilled yet
		{"-5", 0},
		{"", 0},
		{"soon", 0},
		{"1.5", 0},
		{"99999999999999999999", 0},
		{"86400", 3600},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90},
		{now.Add(-time.Minute).Format(http.TimeFormat), 1},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), 3600},
	}
	for _, sc := range scenarios {
		if got := retryAfterSeconds(sc.header, now); got != sc.want {
			t.Errorf("Retry-After %q = %d, want %d", sc.header, got, sc.want)
		}
	}
}

// A 429 is THROTTLED with the site's wait as a typed field, on the result and on the instance; the service
// then sends nothing to the site, not even a dry run, until that wait is over.
func TestSiteThrottleHoldsEveryRun(t *testing.T) {
	site := newFakeSite(t, testSecret)
	var throttled atomic.Int32
	site.hook = func(w http.ResponseWriter, r *http.Request) bool {
		throttled.Add(1)
		w.Header().Set("Retry-After", "42")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"ok":false,"code":"RATE_LIMITED","message":"slow down"}`))
		return true
	}
	clock := newFakeClock()
	svc, _ := newTestService(t, func(c *Config) { c.Now = clock.Now })
	ctx := context.Background()

	r := svc.RevalidateTags(ctx, tagReq(site, "products"))
	if r.Code != CodeThrottled || r.RetryAfterSeconds != 42 || r.Instances[0].RetryAfterSeconds != 42 || r.Instances[0].HTTPStatus != 429 {
		t.Fatalf("%s after %d s, instance %+v", r.Code, r.RetryAfterSeconds, r.Instances[0])
	}
	clock.Add(2 * time.Second)
	for name, again := range map[string]func() Result{
		"run":     func() Result { return svc.RevalidateTags(ctx, tagReq(site, "products")) },
		"dry run": func() Result { return svc.TestConnection(ctx, tagReq(site, "products")) },
	} {
		if r := again(); r.Code != CodeThrottled || r.RunID != "" || r.RetryAfterSeconds != 40 {
			t.Fatalf("%s during the site's wait: %s %d s", name, r.Code, r.RetryAfterSeconds)
		}
	}
	if st := svc.Status("prod"); st.CooldownSeconds != 40 {
		t.Fatalf("status cooldown %d, want 40", st.CooldownSeconds)
	}
	if n := throttled.Load(); n != 1 {
		t.Fatalf("the site was asked %d times, want once", n)
	}
	clock.Add(40 * time.Second)
	site.mu.Lock()
	site.hook = nil
	site.mu.Unlock()
	if r := svc.TestConnection(ctx, tagReq(site, "products")); r.Code != CodeOK {
		t.Fatalf("after the wait: %s %s", r.Code, r.Message)
	}
	if got := strconv.Itoa(site.postCount()); got != "1" {
		t.Fatalf("site saw %s requests after the wait", got)
	}
}
