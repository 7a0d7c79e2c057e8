package atlas

import (
	"crypto/tls"
	"net/http/httptrace"
	"sync"
	"time"

	"siyana/backend/check"
)

// tracer records connection phases. Callbacks can run on the dialer's goroutines, hence the lock. With
// Digest, one GET is two requests: the first pays DNS/TCP/TLS, the time to first byte is the last one's.
type tracer struct {
	mu                                          sync.Mutex
	dnsStart, connStart, tlsStart, wrote, first time.Time
	dns, conn, tls                              time.Duration
	reused, gotConn                             bool
}

func (t *tracer) trace() *httptrace.ClientTrace {
	lock := func(f func()) { t.mu.Lock(); f(); t.mu.Unlock() }
	return &httptrace.ClientTrace{
		DNSStart: func(httptrace.DNSStartInfo) { lock(func() { t.dnsStart = time.Now() }) },
		DNSDone: func(httptrace.DNSDoneInfo) {
			lock(func() {
				if t.dns == 0 {
					t.dns = time.Since(t.dnsStart)
				}
			})
		},
		ConnectStart: func(string, string) { lock(func() { t.connStart = time.Now() }) },
		ConnectDone: func(string, string, error) {
			lock(func() {
				if t.conn == 0 {
					t.conn = time.Since(t.connStart)
				}
			})
		},
		TLSHandshakeStart: func() { lock(func() { t.tlsStart = time.Now() }) },
		TLSHandshakeDone: func(tls.ConnectionState, error) {
			lock(func() {
				if t.tls == 0 {
					t.tls = time.Since(t.tlsStart)
				}
			})
		},
		GotConn: func(info httptrace.GotConnInfo) {
			lock(func() {
				if !t.gotConn { // the first request tells whether a kept-alive connection served the lookup
					t.gotConn, t.reused = true, info.Reused
				}
			})
		},
		WroteRequest:         func(httptrace.WroteRequestInfo) { lock(func() { t.wrote = time.Now() }) },
		GotFirstResponseByte: func() { lock(func() { t.first = time.Now() }) },
	}
}

func (t *tracer) phases() Phases {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := Phases{DNSMs: check.Ms(t.dns), ConnectMs: check.Ms(t.conn), TLSMs: check.Ms(t.tls), Reused: t.reused}
	if !t.wrote.IsZero() && t.first.After(t.wrote) {
		p.FirstByteMs = check.Ms(t.first.Sub(t.wrote))
	}
	return p
}
