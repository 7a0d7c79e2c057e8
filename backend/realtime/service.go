package realtime

import (
	"context"
	"crypto/tls"
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/check"
	"siyana/backend/redact"
)

// Service runs the network checks. Its dependencies are fields so tests can swap them; New fills them.
type Service struct {
	// Transport carries the REST calls. Each call wraps it to bind the context and capture the response.
	Transport http.RoundTripper
	// Dialer opens the WebSocket of the live test.
	Dialer *websocket.Dialer
	// Now is the local clock compared with the server's Date header.
	Now check.Clock
	// EventTimeout bounds the wait for the triggered event once the REST API accepted it (the context may
	// end earlier). Without it a missing event would use up the whole check budget.
	EventTimeout time.Duration
	// Redact removes secrets from the servers' words before a result keeps them; New gives a private
	// registry, the app its own (which knows every secret read this session).
	Redact *redact.Registry
}

// DefaultEventTimeout is the default Service.EventTimeout. Pusher delivers in well under a second.
const DefaultEventTimeout = 5 * time.Second

// New returns a Service with its own connection pool (so Close frees it without touching other users).
func New() *Service {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	return &Service{
		Transport: tr,
		Dialer: &websocket.Dialer{
			Proxy:            http.ProxyFromEnvironment,
			HandshakeTimeout: check.DefaultTimeout,
			TLSClientConfig:  &tls.Config{MinVersion: tls.VersionTLS12},
		},
		Now:          time.Now,
		EventTimeout: DefaultEventTimeout,
		Redact:       redact.NewRegistry(),
	}
}

// Close drops idle keep-alive connections (call on shutdown; tests call it before a leak check).
func (s *Service) Close() {
	if ci, ok := s.Transport.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

func (s *Service) transport() http.RoundTripper {
	if s.Transport != nil {
		return s.Transport
	}
	return http.DefaultTransport
}

func (s *Service) dialer() *websocket.Dialer {
	if s.Dialer != nil {
		return s.Dialer
	}
	return websocket.DefaultDialer
}

func (s *Service) eventTimeout() time.Duration {
	if s.EventTimeout > 0 {
		return s.EventTimeout
	}
	return DefaultEventTimeout
}

// bounded applies check.DefaultTimeout when the caller gave no deadline.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return check.Bound(ctx, 0)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
