package realtime

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/check"
	"siyana/backend/i18n"
)

// LiveTestResult is the outcome of LiveTest.
type LiveTestResult struct {
	// OK is true only when the triggered event reached the WebSocket client.
	OK bool `json:"ok"`
	// Code is OK, a settings code (MISSING_CONFIG), a REST code from the trigger (see CredentialsResult), or a
	// WebSocket code: APP_KEY_NOT_FOUND, CLUSTER_MISMATCH, APP_DISABLED, CONNECTION_QUOTA, UNAUTHORIZED,
	// SERVICE_BUSY_RETRY, PROTOCOL_ERROR, HANDSHAKE_FAILED, SUBSCRIBE_FAILED, EVENT_NOT_RECEIVED,
	// CONNECTION_DROPPED; or UNREACHABLE, TIMEOUT, CANCELED, INTERNAL.
	Code string `json:"code"`
	// Message is the English explanation for Code (logs); the UI renders Code and Params from the catalog.
	Message string `json:"message"`
	// Params fill Code's catalog sentence (MISSING_CONFIG: list; EVENT_NOT_RECEIVED: reason; UNREACHABLE
	// before any server answered: reason dialRefused/dialNoHost/dialDNS/dialFailed and host).
	Params map[string]string `json:"params"`
	// Stage is where the test stopped: config, connect, subscribe, trigger, event, or done.
	Stage string `json:"stage"`
	// LatencyMs is the end-to-end delay: event received minus the instant its ts was taken (just before the
	// trigger request was sent). 0 unless OK.
	LatencyMs float64 `json:"latencyMs"`
	// ConnectMs is from dialing to pusher:connection_established.
	ConnectMs float64 `json:"connectMs"`
	// SubscribeMs is from sending pusher:subscribe to pusher_internal:subscription_succeeded.
	SubscribeMs float64 `json:"subscribeMs"`
	// TriggerMs is the REST trigger round trip.
	TriggerMs float64 `json:"triggerMs"`
	// DeliveryMs is from the REST answer to the event's arrival (0 when the event arrived first).
	DeliveryMs float64 `json:"deliveryMs"`
	// SocketID is the id the server gave the connection.
	SocketID string `json:"socketId"`
	// WSCloseCode is the Pusher error or close code that ended the connection; 0 when none.
	WSCloseCode int `json:"wsCloseCode"`
	// HTTPStatus is the status of the trigger (or of a failed WebSocket handshake); 0 when none.
	HTTPStatus int `json:"httpStatus"`
	// ServerMessage is the server's error text, redacted then shortened; empty on success.
	ServerMessage string `json:"serverMessage"`
	// Missing lists the missing settings by environment name when Code is MISSING_CONFIG.
	Missing []string `json:"missing"`
	// CheckedAt is when the test started (RFC 3339, UTC).
	CheckedAt string `json:"checkedAt"`
	// DurationMs is how long the whole test took.
	DurationMs float64 `json:"durationMs"`
}

// Stages of the live test.
const (
	StageConfig    = "config"
	StageConnect   = "connect"
	StageSubscribe = "subscribe"
	StageTrigger   = "trigger"
	StageEvent     = "event"
	StageDone      = "done"
)

// healthPing is the payload of the live test's event; Nonce tells our event from anyone else's.
type healthPing struct {
	TS    int64  `json:"ts"`
	Nonce string `json:"nonce"`
}

// LiveTest connects like the site's browsers do (public key and cluster, or the custom host), subscribes to
// maintenance-health, triggers health-ping with the server credentials and waits for that very event.
// The socket is closed and every goroutine it started has ended when it returns.
func (s *Service) LiveTest(ctx context.Context, cfg Config) (res LiveTestResult) {
	defer s.finish(cfg, time.Now(), &res.OK, &res.Code, &res.Message, &res.ServerMessage, &res.DurationMs)
	res = LiveTestResult{Missing: []string{}, Stage: StageConfig}
	res.CheckedAt = stamp(s.Now.Now())
	if missing := append(cfg.missingServer(), cfg.missingPublic()...); len(missing) > 0 {
		res.fail(CodeMissingConfig)
		res.Params, res.Missing = missingParams(missing), missing
		res.Message = Message(res.Code, res.Params)
		return res
	}
	ctx, cancel := bounded(ctx)
	defer cancel()

	// Connect.
	res.Stage = StageConnect
	t0 := time.Now()
	conn, resp, err := s.dialer().DialContext(ctx, cfg.webSocketURL(), nil)
	if err != nil {
		if resp != nil {
			res.HTTPStatus = resp.StatusCode
		}
		res.fail(dialCode(ctx, err))
		res.local(err)
		return res
	}
	sock := newSocket(conn)
	defer sock.close()
	f, ok := s.await(ctx, sock, &res, func(m wsMessage) bool { return m.Event == "pusher:connection_established" })
	if !ok {
		return res
	}
	var est struct {
		SocketID string `json:"socket_id"`
	}
	_ = decodeData(f.msg.Data, &est)
	res.SocketID = est.SocketID
	res.ConnectMs = check.Ms(f.at.Sub(t0))

	// Subscribe.
	res.Stage = StageSubscribe
	t1 := time.Now()
	if err := sock.send("pusher:subscribe", map[string]string{"channel": HealthChannel}); err != nil {
		res.fail(CodeConnectionDropped)
		return res
	}
	f, ok = s.await(ctx, sock, &res, func(m wsMessage) bool {
		return m.Event == "pusher_internal:subscription_succeeded" && m.Channel == HealthChannel
	})
	if !ok {
		return res
	}
	res.SubscribeMs = check.Ms(f.at.Sub(t1))

	s.triggerAndReceive(ctx, cfg, sock, &res)
	return res
}

// triggerAndReceive runs the REST trigger concurrently with reading, so the event's arrival is stamped by
// the reader even when it beats the REST answer.
func (s *Service) triggerAndReceive(ctx context.Context, cfg Config, sock *socket, res *LiveTestResult) {
	res.Stage = StageTrigger
	nonce := newNonce()
	type triggered struct {
		out restOutcome
		at  time.Time
	}
	done := make(chan triggered, 1)
	sent := time.Now()
	ping := healthPing{TS: sent.UnixMilli(), Nonce: nonce}
	tctx, tcancel := context.WithCancel(ctx)
	go func() { done <- triggered{out: s.trigger(tctx, cfg, ping), at: time.Now()} }()
	// Stop a pending trigger and wait for it, so its goroutine never outlives the test.
	var tr *triggered
	defer func() {
		tcancel()
		if tr == nil {
			<-done
		}
	}()

	ours := func(m wsMessage) bool {
		if m.Event != HealthEvent || m.Channel != HealthChannel {
			return false
		}
		var p healthPing
		return decodeData(m.Data, &p) == nil && p.Nonce == nonce
	}
	var eventAt time.Time
	var eventWait <-chan time.Time // armed once the REST API accepted the event
wait:
	for tr == nil || eventAt.IsZero() {
		select {
		case t := <-done:
			tr = &t
			res.TriggerMs = check.Ms(t.out.request)
			res.HTTPStatus = t.out.httpStatus
			if t.out.code != CodeOK {
				res.ServerMessage = t.out.serverMessage
				res.fail(t.out.code)
				if t.out.params != nil {
					res.Params, res.Message = t.out.params, Message(res.Code, t.out.params)
				}
				return
			}
			res.Stage = StageEvent
			timer := time.NewTimer(s.eventTimeout())
			defer timer.Stop()
			eventWait = timer.C
		case f := <-sock.frames:
			switch {
			case f.err != nil && eventAt.IsZero():
				res.failRead(f.err)
				return
			case f.err != nil:
				// The event is in; a socket closing now does not change the outcome.
			case ours(f.msg):
				eventAt = f.at
			case !s.handleControl(sock, f.msg, res):
				return
			}
		case <-eventWait:
			res.failNoEvent(cfg)
			return
		case <-ctx.Done():
			if !eventAt.IsZero() {
				break wait // the event arrived, so the trigger was accepted; its answer is just late
			}
			if tr != nil {
				res.failNoEvent(cfg) // the REST API accepted it: the wait, not the server, ran out
				return
			}
			res.fail(ctxCode(ctx))
			return
		}
	}
	res.OK, res.Code, res.Stage = true, CodeOK, StageDone
	res.Params = i18n.Params{"reason": "liveOK"}
	res.Message = Message(CodeOK, res.Params)
	res.LatencyMs = check.Ms(eventAt.Sub(sent))
	if tr != nil && eventAt.After(tr.at) {
		d := eventAt.Sub(tr.at)
		res.DeliveryMs = check.Ms(d)
	}
}

// await reads until want matches, answering pings and mapping errors into res. ok is false when res holds
// the failure.
func (s *Service) await(ctx context.Context, sock *socket, res *LiveTestResult, want func(wsMessage) bool) (frame, bool) {
	for {
		select {
		case f := <-sock.frames:
			if f.err != nil {
				res.failRead(f.err)
				return f, false
			}
			if want(f.msg) {
				return f, true
			}
			if !s.handleControl(sock, f.msg, res) {
				return f, false
			}
		case <-ctx.Done():
			res.fail(ctxCode(ctx))
			return frame{}, false
		}
	}
}

// handleControl answers pusher:ping and maps pusher:error; other events are ignored. It returns false when
// the test must stop (res then holds the failure).
func (s *Service) handleControl(sock *socket, m wsMessage, res *LiveTestResult) bool {
	switch m.Event {
	case "pusher:ping":
		_ = sock.send("pusher:pong", map[string]any{})
	case "pusher:error":
		var pe pusherError
		_ = decodeData(m.Data, &pe)
		res.ServerMessage = pe.Message
		res.WSCloseCode = pe.Code
		if pe.Code >= 4000 && pe.Code <= 4999 {
			res.fail(closeCode(pe.Code, pe.Message))
			return false
		}
		// An error without a connection-level code concerns a request, i.e. our subscription.
		res.fail(CodeSubscribeFailed)
		return false
	case "pusher:subscription_error", "pusher_internal:subscription_error":
		res.ServerMessage = string(m.Data)
		res.fail(CodeSubscribeFailed)
		return false
	}
	return true
}

func (r *LiveTestResult) fail(code string) {
	r.OK, r.Code, r.Params, r.Message = false, code, nil, Message(code, nil)
}

// local words an UNREACHABLE dial as this computer's failure (see dialParams).
func (r *LiveTestResult) local(err error) {
	if p := dialParams(err); r.Code == CodeUnreachable && p != nil {
		r.Params, r.Message = p, Message(r.Code, p)
	}
}

func (r *LiveTestResult) failRead(err error) {
	code, wsCode, text := readErrorCode(err)
	if r.WSCloseCode == 0 {
		r.WSCloseCode = wsCode
	}
	if r.ServerMessage == "" {
		r.ServerMessage = text
	}
	r.fail(code)
}

// failNoEvent names the likely cause: the public settings point at another app than the server settings.
func (r *LiveTestResult) failNoEvent(cfg Config) {
	reason := "noEventApp"
	switch {
	case !same(cfg.Key, cfg.PublicKey):
		reason = "noEventKey"
	case cfg.Host == "" && !same(cfg.Cluster, cfg.PublicCluster):
		reason = "noEventCluster"
	}
	r.OK, r.Code, r.Params = false, CodeEventNotReceived, i18n.Params{"reason": reason}
	r.Message = Message(r.Code, r.Params)
}

// dialCode classifies a failed WebSocket dial.
func dialCode(ctx context.Context, err error) string {
	c := check.Transport(ctx, err)
	if c == check.CodeUnreachable && errors.Is(err, websocket.ErrBadHandshake) {
		return CodeHandshakeFailed
	}
	return c
}

func ctxCode(ctx context.Context) string { return check.Transport(ctx, ctx.Err()) }

func newNonce() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}
