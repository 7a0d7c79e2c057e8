package realtime

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// Success and every kind of failure must leave no goroutine behind (reader, trigger, HTTP connections).
func TestChecksLeaveNoGoroutines(t *testing.T) {
	sk := soketi(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())

	s := New()
	s.EventTimeout = 300 * time.Millisecond
	wrongSecret := soketiConfig(sk, "101")
	wrongSecret.Secret = "nope"
	otherPublic := soketiConfig(sk, "101")
	otherPublic.PublicKey = sk.App("104").Key
	codes := map[string]string{}
	for name, cfg := range map[string]Config{
		"ok":           soketiConfig(sk, "101"),
		"disabled":     soketiConfig(sk, "102"),
		"wrong secret": wrongSecret,
		"no event":     otherPublic,
	} {
		codes[name] = s.LiveTest(context.Background(), cfg).Code
		_ = s.ValidateCredentials(context.Background(), cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	codes["tiny deadline"] = s.LiveTest(ctx, soketiConfig(sk, "101")).Code
	cancel()
	want := map[string]string{"ok": CodeOK, "disabled": CodeAppDisabled, "wrong secret": CodeInvalidSecret,
		"no event": CodeEventNotReceived, "tiny deadline": CodeTimeout}
	for k, v := range want {
		if codes[k] != v {
			t.Errorf("%s: code %s, want %s", k, codes[k], v)
		}
	}
	s.Close()
}

// A nil service is a wiring mistake; it must still produce a result, not a crash of the app.
func TestNilServiceDoesNotPanic(t *testing.T) {
	var s *Service
	cfg := Config{AppID: "1", Key: "k", Secret: "s", PublicKey: "k", Host: "127.0.0.1:1", Insecure: true}
	if r := s.LiveTest(context.Background(), cfg); r.OK || r.Code == "" {
		t.Fatalf("live: %+v", r)
	}
	if r := s.ValidateCredentials(context.Background(), cfg); r.OK || r.Code == "" {
		t.Fatalf("validate: %+v", r)
	}
}
