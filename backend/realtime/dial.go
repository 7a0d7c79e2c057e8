package realtime

import (
	"errors"
	"net"
	"syscall"

	"siyana/backend/i18n"
)

// dialParams names a failure that happened on this computer before any Pusher server was reached (the
// name lookup, or the TCP connect), so the card never shows it as the server's answer. nil when err is not
// one: the caller keeps its usual classification.
func dialParams(err error) i18n.Params {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		reason := "dialDNS"
		if dnsErr.IsNotFound {
			reason = "dialNoHost"
		}
		return i18n.Params{"reason": reason, "host": dnsErr.Name}
	}
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" {
		return nil
	}
	host := ""
	if op.Addr != nil {
		host = op.Addr.String()
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return i18n.Params{"reason": "dialRefused", "host": host}
	}
	return i18n.Params{"reason": "dialFailed", "host": host}
}
