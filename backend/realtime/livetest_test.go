package realtime

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Pusher's close codes and texts, replayed by fakePusher (soketi uses other codes or texts for some).
func TestLiveTestMapsPusherCloseCodes(t *testing.T) {
	scenarios := []struct {
		name  string
		code  int
		msg   string // pusher:error before the close frame; "" sends only the close frame
		want  string
		stage string
	}{
		{"key of another cluster", 4001, "App key k not in this cluster. Did you forget to specify the cluster?", CodeClusterMismatch, StageConnect},
		{"unknown key", 4001, "Could not find app by key k", CodeAppKeyNotFound, StageConnect},
		{"app disabled", 4003, "Application disabled", CodeAppDisabled, StageConnect},
		{"over connection quota", 4004, "Application is over connection quota", CodeConnectionQuota, StageConnect},
		{"over capacity", 4100, "Over capacity", CodeConnectionQuota, StageConnect},
		{"unauthorized", 4009, "Connection not authorized", CodeUnauthorized, StageConnect},
		{"generic reconnect, close frame only", 4200, "", CodeServiceBusyRetry, StageConnect},
		{"pong not received, close frame only", 4201, "", CodeServiceBusyRetry, StageConnect},
		{"unsupported protocol", 4007, "Unsupported protocol version", CodeProtocolError, StageConnect},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			cfg := startFakePusher(t, &fakePusher{onConnect: func(fp *fakePusher, c *websocket.Conn) {
				fp.closeWith(c, sc.code, sc.msg)
			}})
			r := newTestService(t).LiveTest(context.Background(), cfg)
			if r.OK || r.Code != sc.want || r.WSCloseCode != sc.code || r.Stage != sc.stage {
				t.Fatalf("ok=%v code=%s wsCloseCode=%d stage=%s, want %s %d %s", r.OK, r.Code, r.WSCloseCode, r.Stage, sc.want, sc.code, sc.stage)
			}
			if r.Message != Message(sc.want, nil) {
				t.Errorf("message %q", r.Message)
			}
		})
	}
}

func TestLiveTestIgnoresNoiseAndAnswersPings(t *testing.T) {
	fp := &fakePusher{
		onConnect: func(fp *fakePusher, c *websocket.Conn) {
			fp.write(c, map[string]any{"event": "pusher:ping", "data": "{}"})
			established(fp, c)
		},
		onTrigger: func(fp *fakePusher, c *websocket.Conn, data string) {
			fp.writeRaw(c, "not json")
			fp.writeRaw(c, `{"event":"health-ping","channel":"maintenance-health","data":12}`)
			fp.write(c, map[string]any{"event": HealthEvent, "channel": "other", "data": data})
			fp.write(c, map[string]any{"event": HealthEvent, "channel": HealthChannel, "data": `{"ts":1,"nonce":"someone-else"}`})
			fp.write(c, map[string]any{"event": "pusher:ping", "data": map[string]any{}})
			time.Sleep(20 * time.Millisecond)
			deliver(fp, c, data)
		},
	}
	cfg := startFakePusher(t, fp)
	r := newTestService(t).LiveTest(context.Background(), cfg)
	if !r.OK || r.Code != CodeOK || r.Stage != StageDone || r.SocketID != "1.2" {
		t.Fatalf("ok=%v code=%s stage=%s socket=%q (%s)", r.OK, r.Code, r.Stage, r.SocketID, r.ServerMessage)
	}
	// The real event came 20 ms after the noise: the test must not have accepted a decoy.
	if r.LatencyMs < 20 {
		t.Errorf("latency %.3f ms: a decoy was taken for the event", r.LatencyMs)
	}
	if n := fp.pongs.Load(); n != 2 {
		t.Errorf("answered %d pings, want 2", n)
	}
}

func TestLiveTestFailures(t *testing.T) {
	t.Run("connection never established", func(t *testing.T) {
		cfg := startFakePusher(t, &fakePusher{onConnect: func(*fakePusher, *websocket.Conn) {}})
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		r := newTestService(t).LiveTest(ctx, cfg)
		if r.Code != CodeTimeout || r.Stage != StageConnect {
			t.Fatalf("code=%s stage=%s", r.Code, r.Stage)
		}
	})
	t.Run("canceled while waiting", func(t *testing.T) {
		cfg := startFakePusher(t, &fakePusher{onConnect: func(*fakePusher, *websocket.Conn) {}})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		if r := newTestService(t).LiveTest(ctx, cfg); r.Code != CodeCanceled {
			t.Fatalf("code=%s", r.Code)
		}
	})
	t.Run("subscription refused", func(t *testing.T) {
		cfg := startFakePusher(t, &fakePusher{onSubscribe: func(fp *fakePusher, c *websocket.Conn) {
			fp.write(c, map[string]any{"event": "pusher:error", "data": map[string]any{"message": "Invalid channel", "code": nil}})
		}})
		r := newTestService(t).LiveTest(context.Background(), cfg)
		if r.Code != CodeSubscribeFailed || r.Stage != StageSubscribe || r.ServerMessage != "Invalid channel" {
			t.Fatalf("code=%s stage=%s msg=%q", r.Code, r.Stage, r.ServerMessage)
		}
	})
	t.Run("event never delivered", func(t *testing.T) {
		cfg := startFakePusher(t, &fakePusher{onTrigger: func(*fakePusher, *websocket.Conn, string) {}})
		s := newTestService(t)
		s.EventTimeout = 200 * time.Millisecond
		r := s.LiveTest(context.Background(), cfg)
		if r.Code != CodeEventNotReceived || r.Stage != StageEvent || r.HTTPStatus != 200 {
			t.Fatalf("code=%s stage=%s status=%d", r.Code, r.Stage, r.HTTPStatus)
		}
		if !strings.Contains(r.Message, "PUSHER_APP_ID") {
			t.Errorf("matching keys: the likely cause is the app id, message %q", r.Message)
		}
	})
	t.Run("dropped after the trigger", func(t *testing.T) {
		cfg := startFakePusher(t, &fakePusher{onTrigger: func(fp *fakePusher, c *websocket.Conn, _ string) {
			fp.wmu.Lock()
			_ = c.UnderlyingConn().Close()
			fp.wmu.Unlock()
		}})
		r := newTestService(t).LiveTest(context.Background(), cfg)
		if r.OK || r.Code != CodeConnectionDropped {
			t.Fatalf("code=%s stage=%s", r.Code, r.Stage)
		}
	})
	t.Run("handshake refused", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler()) // a web server, but no Pusher endpoint
		t.Cleanup(srv.Close)
		r := newTestService(t).LiveTest(context.Background(), Config{
			AppID: "1", Key: "k", Secret: "s", PublicKey: "k", Host: strings.TrimPrefix(srv.URL, "http://"), Insecure: true})
		if r.Code != CodeHandshakeFailed || r.HTTPStatus != http.StatusNotFound || r.Stage != StageConnect {
			t.Fatalf("code=%s status=%d stage=%s", r.Code, r.HTTPStatus, r.Stage)
		}
	})
	t.Run("missing config", func(t *testing.T) {
		r := newTestService(t).LiveTest(context.Background(), Config{AppID: "1", Key: "k", Secret: "s", Cluster: "eu"})
		if r.Code != CodeMissingConfig || strings.Join(r.Missing, ",") != "NEXT_PUBLIC_PUSHER_KEY,NEXT_PUBLIC_PUSHER_CLUSTER" {
			t.Fatalf("code=%s missing=%v", r.Code, r.Missing)
		}
	})
}
