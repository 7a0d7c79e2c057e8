package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"siyana/backend/redact"
)

// pusher401 answers like Pusher does to a wrong secret: it quotes the string it expected to be signed and
// the signature it was sent.
type pusher401 struct{ sent chan string }

func (p pusher401) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.sent <- q.Get("auth_signature")
	w.WriteHeader(http.StatusUnauthorized)
	fmt.Fprintf(w, `Invalid signature: you should have sent HmacSHA256Hex("POST\n%s\nauth_key=%s&auth_timestamp=%s&auth_version=1.0&body_md5=%s", your_secret_key), but you sent "%s"`,
		r.URL.Path, q.Get("auth_key"), q.Get("auth_timestamp"), q.Get("body_md5"), q.Get("auth_signature"))
}

func TestPusher401QuotingTheSignatureIsRedacted(t *testing.T) {
	p := pusher401{sent: make(chan string, 1)}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	cfg := Config{AppID: "1", Key: "k", Secret: "wrong-secret-value-0123", PublicKey: "k", Host: u.Host, Insecure: true}
	r := newTestService(t).ValidateCredentials(context.Background(), cfg)
	sig := <-p.sent
	if r.Code != CodeInvalidSecret {
		t.Fatalf("code %s (%s)", r.Code, r.ServerMessage)
	}
	if len(sig) < 16 || strings.Contains(r.ServerMessage, sig[:16]) || strings.Contains(r.ServerMessage, "body_md5=") {
		t.Fatalf("the quoted signature or signed string survived: %q", r.ServerMessage)
	}
	if !strings.Contains(r.ServerMessage, "Invalid signature") {
		t.Fatalf("the server's words were dropped, not redacted: %q", r.ServerMessage)
	}
}

// A server that echoes a secret — this check's, or another one the app read this session — JSON-escaped,
// past the cut: nothing of it is kept.
func TestServerEchoRedactedBeforeTheCut(t *testing.T) {
	other := `an"other<secret>&-456789`
	mine := "pusher-secret-abcdef-012"
	esc, _ := json.Marshal(other)
	f := &fakeREST{status: 500, body: strings.Repeat("x", maxServerMessage-6) + mine + " " + string(esc)}
	cfg := restServer(t, f)
	cfg.Secret = mine
	s := newTestService(t)
	s.Redact.Add("p2", "DATABASE_URL", "mongodb://u:"+other+"@h/db")
	r := s.ValidateCredentials(context.Background(), cfg)
	// Only the padding is left within the cut; without the cut, the redacted echo.
	if r.ServerMessage != strings.Repeat("x", maxServerMessage-6)+"…" {
		t.Errorf("cut: %q", r.ServerMessage)
	}
	f.body = mine + " " + string(esc)
	r = s.ValidateCredentials(context.Background(), cfg)
	for _, bad := range []string{mine[:redact.MinPrefixLen], "other<", `other\u003c`} {
		if strings.Contains(r.ServerMessage, bad) {
			t.Errorf("%q kept in %q", bad, r.ServerMessage)
		}
	}
	if !strings.Contains(r.ServerMessage, redact.Placeholder) {
		t.Errorf("nothing redacted: %q", r.ServerMessage)
	}
}
