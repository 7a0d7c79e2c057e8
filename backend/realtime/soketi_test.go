package realtime

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/testpeer"
)

// The apps of the shared soketi: normal, disabled, capped at one connection, a second normal one.
var soketiApps = []testpeer.SoketiApp{
	{ID: "101", Key: "key-normal", Secret: "secret-normal"},
	{ID: "102", Key: "key-disabled", Secret: "secret-disabled", Disabled: true},
	{ID: "103", Key: "key-quota", Secret: "secret-quota", MaxConnections: 1},
	{ID: "104", Key: "key-second", Secret: "secret-second"},
}

// soketi starts a soketi for one test or benchmark (stopped at its cleanup) with the given apps, by
// default all of soketiApps.
func soketi(tb testpeer.TB, apps ...testpeer.SoketiApp) *testpeer.Soketi {
	tb.Helper()
	if len(apps) == 0 {
		apps = soketiApps
	}
	return testpeer.SoketiT(tb, testpeer.SoketiOptions{Apps: apps})
}

func soketiConfig(sk *testpeer.Soketi, id string) Config {
	a := sk.App(id)
	return Config{AppID: a.ID, Key: a.Key, Secret: a.Secret, PublicKey: a.Key, Host: sk.Host, Insecure: true}
}

func TestAgainstSoketi(t *testing.T) {
	sk := soketi(t)
	s := newTestService(t)
	s.EventTimeout = time.Second

	t.Run("live test succeeds with a latency", func(t *testing.T) {
		r := s.LiveTest(context.Background(), soketiConfig(sk, "101"))
		if !r.OK || r.Code != CodeOK || r.Stage != StageDone {
			t.Fatalf("ok=%v code=%s stage=%s: %s", r.OK, r.Code, r.Stage, r.ServerMessage)
		}
		if r.LatencyMs <= 0 || r.ConnectMs <= 0 || r.SubscribeMs <= 0 || r.TriggerMs <= 0 || r.SocketID == "" {
			t.Fatalf("timings missing: %+v", r)
		}
		if r.LatencyMs > r.DurationMs || r.DeliveryMs > r.LatencyMs {
			t.Fatalf("inconsistent timings: latency %.3f delivery %.3f total %.3f", r.LatencyMs, r.DeliveryMs, r.DurationMs)
		}
		t.Logf("latency %.3f ms, connect %.3f, subscribe %.3f, trigger %.3f, delivery %.3f, total %.3f",
			r.LatencyMs, r.ConnectMs, r.SubscribeMs, r.TriggerMs, r.DeliveryMs, r.DurationMs)
	})
	t.Run("credentials accepted", func(t *testing.T) {
		r := s.ValidateCredentials(context.Background(), soketiConfig(sk, "101"))
		if !r.OK || r.HTTPStatus != 200 || !r.ClockChecked || r.Warning != "" {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("unknown public key is 4001", func(t *testing.T) {
		cfg := soketiConfig(sk, "101")
		cfg.PublicKey = "no-such-key"
		r := s.LiveTest(context.Background(), cfg)
		if r.Code != CodeAppKeyNotFound || r.WSCloseCode != 4001 || r.Stage != StageConnect {
			t.Fatalf("code=%s ws=%d stage=%s", r.Code, r.WSCloseCode, r.Stage)
		}
	})
	t.Run("disabled app", func(t *testing.T) {
		r := s.LiveTest(context.Background(), soketiConfig(sk, "102"))
		if r.Code != CodeAppDisabled || r.WSCloseCode != 4003 {
			t.Fatalf("code=%s ws=%d", r.Code, r.WSCloseCode)
		}
	})
	t.Run("connection quota", func(t *testing.T) {
		cfg := soketiConfig(sk, "103")
		// Before taking the only slot, the app works: the quota, not the app, fails the next test.
		if r := s.LiveTest(context.Background(), cfg); !r.OK {
			t.Fatalf("quota app with a free slot: %s", r.Code)
		}
		hold := holdConnection(t, cfg)
		// The held socket is never read: soketi's pings would pile up unanswered, harmless for a moment.
		defer hold.Close()
		r := s.LiveTest(context.Background(), cfg)
		if r.Code != CodeConnectionQuota || r.WSCloseCode != 4100 {
			t.Fatalf("code=%s ws=%d", r.Code, r.WSCloseCode)
		}
	})
	t.Run("wrong secret: 200 with an error body", func(t *testing.T) {
		cfg := soketiConfig(sk, "101")
		cfg.Secret = "not-the-secret"
		r := s.ValidateCredentials(context.Background(), cfg)
		if r.OK || r.Code != CodeInvalidSecret || r.HTTPStatus != 200 || r.BodyStatus != 401 {
			t.Fatalf("ok=%v code=%s http=%d body=%d", r.OK, r.Code, r.HTTPStatus, r.BodyStatus)
		}
		l := s.LiveTest(context.Background(), cfg)
		if l.OK || l.Code != CodeInvalidSecret || l.Stage != StageTrigger || l.LatencyMs != 0 {
			t.Fatalf("live: ok=%v code=%s stage=%s", l.OK, l.Code, l.Stage)
		}
	})
	t.Run("wrong app id", func(t *testing.T) {
		cfg := soketiConfig(sk, "101")
		cfg.AppID = "999"
		if r := s.ValidateCredentials(context.Background(), cfg); r.Code != CodeAppNotFound || r.BodyStatus != 404 {
			t.Fatalf("code=%s body=%d", r.Code, r.BodyStatus)
		}
	})
	t.Run("public key of another app on the same server", func(t *testing.T) {
		cfg := soketiConfig(sk, "101")
		cfg.PublicKey = sk.App("104").Key
		r := s.LiveTest(context.Background(), cfg)
		if r.OK || r.Code != CodeEventNotReceived || r.Stage != StageEvent {
			t.Fatalf("ok=%v code=%s stage=%s", r.OK, r.Code, r.Stage)
		}
		if !strings.Contains(r.Message, "NEXT_PUBLIC_PUSHER_KEY") {
			t.Errorf("message does not name the public key: %q", r.Message)
		}
	})
	t.Run("server down", func(t *testing.T) {
		down := soketi(t, soketiApps[0])
		cfg := soketiConfig(down, "101")
		down.Stop()
		if r := s.ValidateCredentials(context.Background(), cfg); r.Code != CodeUnreachable {
			t.Fatalf("validate: %s", r.Code)
		}
		if r := s.LiveTest(context.Background(), cfg); r.Code != CodeUnreachable || r.Stage != StageConnect {
			t.Fatalf("live: %s at %s", r.Code, r.Stage)
		}
	})
}

// holdConnection keeps one established connection open, like a visitor's browser. soketi frees the slot of
// a closed connection asynchronously, so a 4100 right after an earlier test is retried briefly.
func holdConnection(t *testing.T, cfg Config) *websocket.Conn {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		c, _, err := websocket.DefaultDialer.Dial(cfg.webSocketURL(), nil)
		if err != nil {
			t.Fatalf("hold: %v", err)
		}
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		var m wsMessage
		err = c.ReadJSON(&m)
		if err == nil && m.Event == "pusher:connection_established" {
			_ = c.SetReadDeadline(time.Time{})
			return c
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("hold: %v %+v", err, m)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
