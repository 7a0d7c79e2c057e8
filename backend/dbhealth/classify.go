package dbhealth

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/x/mongo/driver"
	"go.mongodb.org/mongo-driver/x/mongo/driver/auth"
	"go.mongodb.org/mongo-driver/x/mongo/driver/topology"

	"siyana/backend/check"
)

// Server error codes that mean "who you are" or "what you may do" was refused.
var authCodes = map[int32]bool{
	11:   true, // UserNotFound
	13:   true, // Unauthorized (authenticated without the privilege, or not authenticated)
	18:   true, // AuthenticationFailed
	8000: true, // AtlasError "bad auth" on shared tiers
}

// rank orders codes from most to least specific. The driver retries server selection until the deadline, so
// a refused port also ends in "deadline exceeded": the specific cause found in a server's LastError wins.
var rank = map[string]int{
	CodeUnauthorized:      1,
	CodeDNSNotFound:       2,
	CodeDNSError:          3,
	CodeIPNotAllowed:      4,
	CodeTLSError:          5,
	check.CodeUnreachable: 6,
	check.CodeTimeout:     7,
	CodeDBError:           8,
}

// classify turns an error from the driver into a stable code. It never reads mongo.IsTimeout: that is true
// for every server-selection failure, whatever the cause.
func classify(ctx context.Context, err error, t target) string {
	if errors.Is(err, ErrClosed) || errors.Is(err, errPanic) {
		return check.CodeInternal
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return check.CodeCanceled // the caller gave up; our own deadline shows as DeadlineExceeded
	}

	causes := []error{err}
	var sse topology.ServerSelectionError
	var failed *serversFailed
	switch {
	case errors.As(err, &failed):
		causes = append(causes, failed.errs...)
	case errors.As(err, &sse):
		for _, srv := range sse.Desc.Servers {
			if srv.LastError != nil {
				causes = append(causes, srv.LastError)
			}
		}
	}

	best := ""
	for _, c := range causes {
		code := classifyOne(c, t.tls)
		if code != "" && (best == "" || rank[code] < rank[best]) {
			best = code
		}
	}
	// Atlas answers a blocked IP by dropping (or stalling) the connection during TLS: the name resolves and
	// every host fails the same way. Nothing says so explicitly, hence "likely" in the message.
	if (best == CodeTLSError || best == check.CodeTimeout) && isAtlasHost(t.host) && allDroppedOrStalled(causes[1:]) {
		return CodeIPNotAllowed
	}
	if best != "" {
		return best
	}
	if errors.Is(err, ErrInvalidURI) {
		return CodeInvalidURI
	}
	// No server answered in time and none said why: a silent host (or a filtered port) looks like this.
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) ||
		errors.Is(err, topology.ErrServerSelectionTimeout) {
		return check.CodeTimeout
	}
	return CodeDBError
}

// classifyOne maps a single error (the top one or a server's LastError); "" when it says nothing specific.
// overTLS says whether the URI asks for TLS: without it no failure is a TLS one.
func classifyOne(err error, overTLS bool) string {
	if isAuth(err) {
		return CodeUnauthorized
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return CodeDNSNotFound
		}
		return CodeDNSError
	}
	if overTLS && (isTLS(err) || isDropped(err)) {
		// A TLS client talking to a plain port sees the peer hang up: ambiguous, but TLS settings are the
		// usual cause, so the hint points there.
		return CodeTLSError
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return check.CodeTimeout
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return check.CodeTimeout
	}
	if isDropped(err) || isPoolClosed(err) {
		// On a plain URI a hang-up is the server going away: a stopped database under a pooled connection
		// shows as EOF / reset on the next command (the driver labels it a network error), not as TLS.
		return check.CodeUnreachable
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.Is(err, syscall.ECONNREFUSED) {
		return check.CodeUnreachable
	}
	var ce mongo.CommandError
	if errors.As(err, &ce) {
		return CodeDBError
	}
	var de driver.Error
	if errors.As(err, &de) {
		return CodeDBError
	}
	return ""
}

func isAuth(err error) bool {
	var ce mongo.CommandError
	if errors.As(err, &ce) && authCodes[ce.Code] {
		return true
	}
	var de driver.Error
	if errors.As(err, &de) && authCodes[de.Code] {
		return true
	}
	var ae *auth.Error
	if errors.As(err, &ae) {
		return true
	}
	// The typed errors live in the driver's x/ tree and have moved between releases: keep a text fallback.
	msg := err.Error()
	for _, s := range []string{"AuthenticationFailed", "Authentication failed", "bad auth", "auth error", "requires authentication", "not authorized"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func isTLS(err error) bool {
	var (
		cve  *tls.CertificateVerificationError
		rhe  tls.RecordHeaderError
		ae   tls.AlertError
		uae  x509.UnknownAuthorityError
		he   x509.HostnameError
		cie  x509.CertificateInvalidError
		oerr *net.OpError
	)
	switch {
	case errors.As(err, &cve), errors.As(err, &rhe), errors.As(err, &ae),
		errors.As(err, &uae), errors.As(err, &he), errors.As(err, &cie):
		return true
	case errors.As(err, &oerr) && oerr.Op == "remote error": // an alert sent by the server
		return true
	}
	return strings.Contains(err.Error(), "tls: ")
}

// isPoolClosed is the driver refusing a command because the server's pool was cleared after a network error.
func isPoolClosed(err error) bool {
	var le mongo.LabeledError
	if errors.As(err, &le) && le.HasErrorLabel(driver.NetworkError) {
		return true
	}
	var pce topology.PoolError
	return errors.As(err, &pce)
}

// isDropped is the peer closing or resetting the connection mid-handshake.
func isDropped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}

func allDroppedOrStalled(lastErrs []error) bool {
	for _, err := range lastErrs {
		var netErr net.Error
		if !isDropped(err) && !(errors.As(err, &netErr) && netErr.Timeout()) && !errors.Is(err, context.DeadlineExceeded) {
			return false
		}
	}
	return len(lastErrs) > 0
}

// isAtlasHost is true when every host of the seed list is an Atlas name.
func isAtlasHost(hosts string) bool {
	for _, h := range strings.Split(hosts, ",") {
		name := h
		if u, err := url.Parse("x://" + h); err == nil {
			name = u.Hostname()
		}
		if !strings.HasSuffix(strings.ToLower(name), ".mongodb.net") {
			return false
		}
	}
	return hosts != ""
}
