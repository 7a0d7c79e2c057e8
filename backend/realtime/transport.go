package realtime

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"
)

// maxBody bounds what is kept of a REST response: Pusher's error texts are short, and a misconfigured host
// may answer with a whole HTML page.
const maxBody = 16 << 10

// capture is what one REST exchange looked like on the wire.
type capture struct {
	called     bool      // the library reached the transport (false: it failed before sending)
	responded  bool      // a response arrived
	status     int       // HTTP status
	body       []byte    // at most maxBody bytes
	date       string    // the Date header
	receivedAt time.Time // local clock when the response headers arrived
	connect    time.Duration
	tls        time.Duration
	firstByte  time.Duration
}

// captureTransport is needed because pusher-http-go builds its requests without a context and returns
// only "Status Code: NNN - body" strings: it binds each request to the check's context and records the
// status, body and Date header so the outcome can be classified from data rather than from error text.
type captureTransport struct {
	ctx  context.Context
	base http.RoundTripper
	now  func() time.Time

	mu  sync.Mutex
	got capture
}

func (t *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var c capture
	c.called = true
	start := time.Now()
	// The trace callbacks may run on the transport's dial and read goroutines.
	var tmu sync.Mutex
	var connStart, tlsStart time.Time
	var connect, tlsDur, firstByte time.Duration
	locked := func(f func()) { tmu.Lock(); f(); tmu.Unlock() }
	trace := &httptrace.ClientTrace{
		ConnectStart:         func(string, string) { locked(func() { connStart = time.Now() }) },
		ConnectDone:          func(string, string, error) { locked(func() { connect = time.Since(connStart) }) },
		TLSHandshakeStart:    func() { locked(func() { tlsStart = time.Now() }) },
		TLSHandshakeDone:     func(tls.ConnectionState, error) { locked(func() { tlsDur = time.Since(tlsStart) }) },
		GotFirstResponseByte: func() { locked(func() { firstByte = time.Since(start) }) },
	}
	timings := func() {
		tmu.Lock()
		c.connect, c.tls, c.firstByte = connect, tlsDur, firstByte
		tmu.Unlock()
	}
	req = req.WithContext(httptrace.WithClientTrace(t.ctx, trace))
	resp, err := t.base.RoundTrip(req)
	timings()
	if err != nil {
		t.store(c)
		return nil, err
	}
	c.responded = true
	c.receivedAt = t.now()
	c.status = resp.StatusCode
	c.date = resp.Header.Get("Date")
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	_ = resp.Body.Close()
	c.body = body
	t.store(c)
	if rerr != nil {
		return nil, rerr
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

func (t *captureTransport) store(c capture) {
	t.mu.Lock()
	t.got = c
	t.mu.Unlock()
}

func (t *captureTransport) captured() capture {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.got
}
