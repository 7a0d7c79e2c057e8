package revalidate

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"siyana/backend/platform"
	"siyana/backend/profile"
)

const testSecret = "s3cret-for-tests-0123456789abcdefghijklmnop"

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// newTestService builds a service with a temp log dir, a recorder and no cooldown unless the test sets one.
func newTestService(t *testing.T, change func(*Config)) (*Service, *platform.Recorder) {
	t.Helper()
	rec := &platform.Recorder{}
	c := Config{Runtime: rec, LogDir: t.TempDir(), Cooldown: -1, VerifyBound: 800 * time.Millisecond}
	if change != nil {
		change(&c)
	}
	return New(c), rec
}

func tagReq(site *fakeSite, tags ...string) Request {
	return bound(Request{ProfileID: "prod", Actor: "admin", SiteURL: site.URL(), Secret: testSecret, Tags: tags})
}

func progressEvents(t *testing.T, rec *platform.Recorder) []Progress {
	t.Helper()
	var out []Progress
	for _, e := range rec.Events() {
		if e.Name != ProgressEvent {
			t.Fatalf("unexpected event %q", e.Name)
		}
		out = append(out, e.Data.(Progress))
	}
	return out
}

func manyTags(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// bound binds the request's secret to the origins of its own URLs, as the app does for a profile whose
// secret was saved for the URLs it points to. Call it again after changing the URLs.
func bound(r Request) Request {
	r.SecretOrigins = profile.OriginsOf(append([]string{r.SiteURL}, r.InstanceURLs...)...)
	return r
}
