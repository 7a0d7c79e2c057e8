package realtime

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"siyana/backend/testpeer"
)

// Error bodies as real Pusher sends them (from public bug reports; see shared notes).
const (
	bodyInvalidSignature = "Invalid signature: you should have sent HmacSHA256Hex(\"POST\\n/apps/1/events\\nauth_key=k&auth_timestamp=1700000000&auth_version=1.0&body_md5=abc\", your_secret_key), but you sent \"0f3c\""
	bodyTimestampExpired = "Timestamp expired: Given timestamp (2023-11-14T22:13:20Z) not within 600s of server time (2023-11-14T23:13:20Z)"
	bodyUnknownAuthKey   = "Unknown auth_key"
)

// fakeREST replays one response and records the request it got.
type fakeREST struct {
	mu     sync.Mutex
	status int
	body   string
	date   string // "" keeps the server's own Date header
	block  bool   // hang until the client gives up
	req    *http.Request
	reqB   []byte
}

func (f *fakeREST) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.req, f.reqB = r, b
	f.mu.Unlock()
	if f.block {
		<-r.Context().Done()
		return
	}
	if f.date != "" {
		w.Header().Set("Date", f.date)
	}
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, f.body)
}

func restServer(t *testing.T, f *fakeREST) Config {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return Config{AppID: "1", Key: "k", Secret: "s3cret", PublicKey: "k", Host: u.Host, Insecure: true}
}

func newTestService(t *testing.T) *Service {
	s := New()
	t.Cleanup(s.Close)
	return s
}

func TestValidateCredentialsClassifiesRealPusherReplies(t *testing.T) {
	scenarios := []struct {
		name       string
		status     int
		body       string
		code       string
		bodyStatus int
	}{
		{"accepted", 200, "{}", CodeOK, 0},
		{"wrong secret", 401, bodyInvalidSignature, CodeInvalidSecret, 0},
		{"clock skew", 401, bodyTimestampExpired, CodeClockSkew, 0},
		{"unknown key or other cluster", 400, bodyUnknownAuthKey, CodeInvalidKeyOrCluster, 0},
		{"disabled app or quota", 403, "Forbidden", CodeForbidden, 0},
		{"payload too large", 413, "Request Entity Too Large", CodePayloadTooLarge, 0},
		{"wrong app id", 404, "Not found", CodeAppNotFound, 0},
		{"server error", 500, "Internal Server Error", CodeUnexpectedResponse, 0},
		{"other 400", 400, "Invalid channel name", CodeUnexpectedResponse, 0},
		// soketi: HTTP 200 with the real status in the body.
		{"soketi wrong secret", 200, `{"error":"The secret authentication failed","code":401}`, CodeInvalidSecret, 401},
		{"soketi unknown app", 200, `{"error":"The app 9 could not be found.","code":404}`, CodeAppNotFound, 404},
		{"200 error without code", 200, `{"error":"boom"}`, CodeUnexpectedResponse, 0},
		{"JSON error body on 401", 401, `{"error":"Invalid signature: you should have sent ..."}`, CodeInvalidSecret, 0},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := &fakeREST{status: sc.status, body: sc.body}
			cfg := restServer(t, f)
			r := newTestService(t).ValidateCredentials(context.Background(), cfg)
			if r.Code != sc.code || r.OK != (sc.code == CodeOK) {
				t.Fatalf("code = %s ok=%v (%s), want %s", r.Code, r.OK, r.ServerMessage, sc.code)
			}
			if r.HTTPStatus != sc.status || r.BodyStatus != sc.bodyStatus {
				t.Errorf("httpStatus=%d bodyStatus=%d, want %d %d", r.HTTPStatus, r.BodyStatus, sc.status, sc.bodyStatus)
			}
			if r.Message != Message(sc.code, nil) {
				t.Errorf("message = %q", r.Message)
			}
			if !r.OK && r.ServerMessage == "" {
				t.Error("server message not kept")
			}
			if strings.Contains(r.ServerMessage, cfg.Secret) || strings.Contains(r.Message, cfg.Secret) {
				t.Error("secret leaked into the result")
			}
			if !r.ClockChecked || r.ClockSkewSec < -2 || r.ClockSkewSec > 2 || r.Warning != "" {
				t.Errorf("clock: checked=%v skew=%d warning=%q", r.ClockChecked, r.ClockSkewSec, r.Warning)
			}
			if r.RequestMs <= 0 || r.DurationMs < r.RequestMs || r.CheckedAt == "" {
				t.Errorf("timings: request=%v duration=%v checkedAt=%q", r.RequestMs, r.DurationMs, r.CheckedAt)
			}
			assertSignedTrigger(t, f, cfg)
		})
	}
}

// assertSignedTrigger checks that the server got a real Events API call, signed with the secret.
func assertSignedTrigger(t *testing.T, f *fakeREST, cfg Config) {
	t.Helper()
	f.mu.Lock()
	req, body := f.req, f.reqB
	f.mu.Unlock()
	if req == nil {
		t.Fatal("no request reached the server")
	}
	if req.Method != http.MethodPost || req.URL.Path != "/apps/"+cfg.AppID+"/events" {
		t.Fatalf("request %s %s", req.Method, req.URL.Path)
	}
	q := req.URL.Query()
	sig := q.Get("auth_signature")
	q.Del("auth_signature")
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+q.Get(k))
	}
	mac := hmac.New(sha256.New, []byte(cfg.Secret))
	mac.Write([]byte("POST\n" + req.URL.Path + "\n" + strings.Join(parts, "&")))
	if want := hex.EncodeToString(mac.Sum(nil)); sig != want || q.Get("auth_key") != cfg.Key {
		t.Errorf("signature %s, want %s (auth_key %s)", sig, want, q.Get("auth_key"))
	}
	var ev struct {
		Name     string   `json:"name"`
		Channels []string `json:"channels"`
		Data     string   `json:"data"`
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	var data map[string]int64
	_ = json.Unmarshal([]byte(ev.Data), &data)
	if ev.Name != HealthEvent || len(ev.Channels) != 1 || ev.Channels[0] != HealthChannel {
		t.Errorf("event %+v", ev)
	}
	if ts := data["ts"]; ts < time.Now().Add(-time.Minute).UnixMilli() || ts > time.Now().UnixMilli() {
		t.Errorf("payload ts %d is not now in unix ms (%s)", ts, ev.Data)
	}
}

func TestValidateCredentialsComparesClocks(t *testing.T) {
	scenarios := []struct {
		name    string
		offset  time.Duration // server clock minus local clock
		status  int
		body    string
		code    string
		warning bool
	}{
		{"in sync", 0, 200, "{}", CodeOK, false},
		{"just under the warning", 50 * time.Second, 200, "{}", CodeOK, false},
		{"server ahead by 2 min", 2 * time.Minute, 200, "{}", CodeOK, true},
		{"server behind by 2 min", -2 * time.Minute, 200, "{}", CodeOK, true},
		// A bare 401 (no text) with a clock off by more than Pusher's 600 s is the clock, not the secret.
		{"bare 401 with 15 min skew", 15 * time.Minute, 401, "", CodeClockSkew, true},
		{"bare 401 in sync", 0, 401, "", CodeInvalidSecret, false},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := &fakeREST{status: sc.status, body: sc.body, date: time.Now().Add(sc.offset).UTC().Format(http.TimeFormat)}
			cfg := restServer(t, f)
			r := newTestService(t).ValidateCredentials(context.Background(), cfg)
			if r.Code != sc.code {
				t.Fatalf("code = %s, want %s", r.Code, sc.code)
			}
			want := int64(sc.offset / time.Second)
			if !r.ClockChecked || r.ClockSkewSec < want-2 || r.ClockSkewSec > want+2 {
				t.Errorf("skew = %d (checked %v), want about %d", r.ClockSkewSec, r.ClockChecked, want)
			}
			if (r.Warning != "") != sc.warning {
				t.Errorf("warning = %q, want present=%v", r.Warning, sc.warning)
			}
		})
	}
	t.Run("injected local clock", func(t *testing.T) {
		f := &fakeREST{status: 200, body: "{}"}
		cfg := restServer(t, f)
		s := newTestService(t)
		s.Now = func() time.Time { return time.Now().Add(-3 * time.Minute) } // local clock 3 min slow
		r := s.ValidateCredentials(context.Background(), cfg)
		if !r.OK || r.ClockSkewSec < 178 || r.ClockSkewSec > 182 || !strings.Contains(r.Warning, "behind") {
			t.Fatalf("ok=%v skew=%d warning=%q", r.OK, r.ClockSkewSec, r.Warning)
		}
	})
	t.Run("no Date header", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Date"] = nil // suppress the automatic header
			_, _ = io.WriteString(w, "{}")
		}))
		t.Cleanup(srv.Close)
		u, _ := url.Parse(srv.URL)
		r := newTestService(t).ValidateCredentials(context.Background(), Config{AppID: "1", Key: "k", Secret: "s", Host: u.Host, Insecure: true})
		if !r.OK || r.ClockChecked || r.Warning != "" {
			t.Fatalf("ok=%v clockChecked=%v warning=%q", r.OK, r.ClockChecked, r.Warning)
		}
	})
}

func TestValidateCredentialsFailures(t *testing.T) {
	t.Run("missing config names the settings", func(t *testing.T) {
		r := newTestService(t).ValidateCredentials(context.Background(), Config{Key: "k"})
		if r.Code != CodeMissingConfig || strings.Join(r.Missing, ",") != "PUSHER_APP_ID,PUSHER_SECRET,PUSHER_CLUSTER" {
			t.Fatalf("code=%s missing=%v", r.Code, r.Missing)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		cfg := restServer(t, &fakeREST{block: true})
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		r := newTestService(t).ValidateCredentials(ctx, cfg)
		if r.Code != CodeTimeout {
			t.Fatalf("code = %s, want TIMEOUT", r.Code)
		}
		if time.Since(start) > 5*time.Second {
			t.Fatalf("not bounded by the context: %v", time.Since(start))
		}
	})
	t.Run("canceled", func(t *testing.T) {
		cfg := restServer(t, &fakeREST{block: true})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		if r := newTestService(t).ValidateCredentials(ctx, cfg); r.Code != CodeCanceled {
			t.Fatalf("code = %s, want CANCELED", r.Code)
		}
	})
	t.Run("nothing listening", func(t *testing.T) {
		port, err := testpeer.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		r := newTestService(t).ValidateCredentials(context.Background(),
			Config{AppID: "1", Key: "k", Secret: "s", Host: testpeer.Addr(port), Insecure: true})
		// A refused connect is this computer's failure, never shown as the server's answer (issue 12).
		if r.Code != CodeUnreachable || r.HTTPStatus != 0 || r.ServerMessage != "" ||
			r.Params["reason"] != "dialRefused" || r.Params["host"] != testpeer.Addr(port) {
			t.Fatalf("code=%s status=%d params=%v server=%q", r.Code, r.HTTPStatus, r.Params, r.ServerMessage)
		}
		if !strings.Contains(r.Message, "This computer could not connect to "+testpeer.Addr(port)) {
			t.Fatalf("message %q", r.Message)
		}
	})
}

// roundTripFunc lets a test see the exact request without any network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRealPusherUsesTLSAndClusterHosts(t *testing.T) {
	var got *url.URL
	s := New()
	s.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r.URL
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}}, nil
	})
	cfg := Config{AppID: "1", Key: "k", Secret: "s", Cluster: "eu", PublicKey: "k", PublicCluster: "eu", Insecure: true}
	if r := s.ValidateCredentials(context.Background(), cfg); !r.OK {
		t.Fatalf("code %s", r.Code)
	}
	if got == nil || got.Scheme != "https" || got.Host != "api-eu.pusher.com" {
		t.Fatalf("REST URL %v: want https://api-eu.pusher.com (Insecure is ignored without a host)", got)
	}
	if u := cfg.webSocketURL(); !strings.HasPrefix(u, "wss://ws-eu.pusher.com:443/app/k?") || !strings.Contains(u, "protocol=7") {
		t.Fatalf("WebSocket URL %s", u)
	}
	self := Config{PublicKey: "k", Host: "127.0.0.1:6001", Insecure: true}
	if u := self.webSocketURL(); !strings.HasPrefix(u, "ws://127.0.0.1:6001/app/k?") {
		t.Fatalf("self-hosted WebSocket URL %s", u)
	}
	self.Insecure = false
	if u := self.webSocketURL(); !strings.HasPrefix(u, "wss://127.0.0.1:6001/app/k?") {
		t.Fatalf("self-hosted TLS WebSocket URL %s", u)
	}
}
