package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"siyana/backend/update"
)

// refuseTransport fails the test on any request.
type refuseTransport struct{ t *testing.T }

func (r refuseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("unexpected request to %s", req.URL)
	return nil, http.ErrServerClosed
}

// TestUpdateNoticeOffMeansNoNetwork: through the facade as the app starts, the notice is off and a check
// asks nobody, through the service's transport or the process-wide one.
func TestUpdateNoticeOffMeansNoNetwork(t *testing.T) {
	a, _, _ := initApp(t) // before the swap: other services clone the default transport as they start
	saved := http.DefaultTransport
	http.DefaultTransport = refuseTransport{t}
	defer func() { http.DefaultTransport = saved }()
	if s := a.UpdateSettings(); s.Settings.Enabled || s.DefaultFeed != update.DefaultFeedURL {
		t.Fatalf("%+v", s)
	}
	if r := a.CheckForUpdate(); r.Code != update.CodeDisabled || !r.CheckedAt.IsZero() {
		t.Fatalf("%+v", r)
	}
	a.update.Transport = refuseTransport{t}
	if r := a.SaveUpdateSettings(update.Settings{Enabled: false, FeedURL: "https://releases.example.com/feed"}); !r.OK {
		t.Fatalf("%+v", r)
	}
	if r := a.CheckForUpdate(); r.Code != update.CodeDisabled {
		t.Fatalf("%+v", r)
	}
}

func TestUpdateNoticeThroughTheFacade(t *testing.T) {
	a, _, _ := initApp(t)
	if r := a.SaveUpdateSettings(update.Settings{Enabled: true, FeedURL: "http://releases.example.com/feed"}); r.OK || r.FieldErrors["feedUrl"].Code == "" {
		t.Fatalf("plain http to another host accepted: %+v", r)
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode([]map[string]any{{"tag_name": "v99.0.0", "body": "notes", "html_url": "https://example.com/r"}})
	}))
	defer feed.Close()
	if r := a.SaveUpdateSettings(update.Settings{Enabled: true, FeedURL: feed.URL}); !r.OK {
		t.Fatalf("%+v", r)
	}
	// A test binary carries no release version ("dev"): the facade says so instead of guessing.
	if r := a.CheckForUpdate(); r.Code != update.CodeVersionUnknown || r.Current != a.BuildInfo().Version {
		t.Fatalf("%+v", r)
	}
}
