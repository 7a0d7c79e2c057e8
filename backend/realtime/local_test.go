package realtime

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
)

// soketi stopped under a working profile: both checks say UNREACHABLE in this computer's words (reason
// dialRefused, the host:port), and nothing is presented as the server's answer (issue 12).
func TestStoppedSoketiIsALocalDialFailure(t *testing.T) {
	sk := soketi(t)
	s := newTestService(t)
	cfg := soketiConfig(sk, "101")
	if r := s.ValidateCredentials(context.Background(), cfg); !r.OK {
		t.Fatalf("before the stop: %s %q", r.Code, r.ServerMessage)
	}
	sk.Proc.Stop()
	cr := s.ValidateCredentials(context.Background(), cfg)
	lt := s.LiveTest(context.Background(), cfg)
	for name, r := range map[string]struct {
		code, server, message string
		params                map[string]string
	}{
		"credentials": {cr.Code, cr.ServerMessage, cr.Message, cr.Params},
		"live test":   {lt.Code, lt.ServerMessage, lt.Message, lt.Params},
	} {
		if r.code != CodeUnreachable || r.server != "" || r.params["reason"] != "dialRefused" || r.params["host"] != sk.Host {
			t.Errorf("%s: code=%s params=%v server=%q", name, r.code, r.params, r.server)
		}
		if strings.Contains(r.message, "server replied") || !strings.Contains(r.message, "This computer") {
			t.Errorf("%s: message %q", name, r.message)
		}
	}
	if lt.Stage != StageConnect {
		t.Errorf("live test stage %s, want %s", lt.Stage, StageConnect)
	}
}

// The shapes dialParams tells apart; anything else is left to the usual classification.
func TestDialParams(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}
	for name, sc := range map[string]struct {
		err    error
		reason string
	}{
		"name not found": {&net.OpError{Op: "dial", Err: &net.DNSError{Name: "api-xx.pusher.com", IsNotFound: true}}, "dialNoHost"},
		"dns failing":    {&net.OpError{Op: "dial", Err: &net.DNSError{Name: "api-xx.pusher.com", IsTemporary: true}}, "dialDNS"},
		"dial, no errno": {&net.OpError{Op: "dial", Addr: addr, Err: errors.New("no route")}, "dialFailed"},
		"read reset":     {&net.OpError{Op: "read", Addr: addr, Err: errors.New("reset")}, ""},
		"other":          {errors.New("EOF"), ""},
	} {
		p := dialParams(sc.err)
		if p["reason"] != sc.reason {
			t.Errorf("%s: %v, want reason %q", name, p, sc.reason)
		}
	}
}
