package pages

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"siyana/backend/profile"
)

// testCA is a certificate authority the tests trust through Service.RootCAs only.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Siyana test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert: cert, key: key, pool: pool}
}

// leaf issues a server certificate valid from notBefore to notAfter for the given names (IPs or DNS names).
func (ca *testCA) leaf(t *testing.T, notBefore, notAfter time.Time, names ...string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: names[0]},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tlsSite serves a small page over TLS on loopback with the given certificate.
func tlsSite(t *testing.T, cert tls.Certificate) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>متجر</body></html>")
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestCertificates(t *testing.T) {
	ca := newCA(t)
	now := time.Now()
	day := 24 * time.Hour
	for _, c := range []struct {
		name      string
		cert      tls.Certificate
		untrusted bool
		code      string
		level     string
		params    map[string]string
	}{
		{"valid for 90 days", ca.leaf(t, now.Add(-day), now.Add(90*day), "127.0.0.1"), false, "OK", LevelOK, nil},
		{"expires in 5 days", ca.leaf(t, now.Add(-day), now.Add(5*day), "127.0.0.1"), false, CodeCertExpiring, LevelWarn,
			map[string]string{"days": "4", "notAfter": now.Add(5 * day).UTC().Format(time.DateOnly)}},
		{"expired", ca.leaf(t, now.Add(-30*day), now.Add(-day), "127.0.0.1"), false, CodeCertExpired, LevelDown,
			map[string]string{"notAfter": now.Add(-day).UTC().Format(time.DateOnly)}},
		{"wrong host", ca.leaf(t, now.Add(-day), now.Add(90*day), "shop.example"), false, CodeCertWrongHost, LevelDown,
			map[string]string{"host": "127.0.0.1"}},
		{"untrusted authority", ca.leaf(t, now.Add(-day), now.Add(90*day), "127.0.0.1"), true, CodeCertUntrusted, LevelDown, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := tlsSite(t, c.cert)
			s := &Service{RootCAs: ca.pool}
			if c.untrusted {
				s.RootCAs = nil // the system's authorities do not know the test CA
			}
			res := s.Check(context.Background(), Request{SiteURL: srv.URL, Pages: []profile.Page{{Path: "/"}}})
			p := res.Pages[0]
			if p.Code != c.code || p.Level != c.level || res.Level != c.level {
				t.Fatalf("page %s/%s (run %s/%s), want %s/%s: %s", p.Code, p.Level, res.Code, res.Level, c.code, c.level, p.Message)
			}
			for k, v := range c.params {
				// days: 5 days minus the time the test took is 4 whole days.
				if p.Params[k] != v {
					t.Fatalf("param %s = %q, want %q (%v)", k, p.Params[k], v, p.Params)
				}
			}
			if p.Cert == nil {
				t.Fatalf("no certificate reported: %+v", p)
			}
			if c.code == "OK" && (p.Status != 200 || p.Timings.TLSMs <= 0 || p.Timings.ConnectMs <= 0 || p.Timings.TotalMs <= 0 || p.Cert.DaysLeft < 88) {
				t.Fatalf("figures of a good TLS page: %+v", p)
			}
			if c.code == CodeCertExpiring && res.Code != CodePagesWarn {
				t.Fatalf("run code %s, want %s", res.Code, CodePagesWarn)
			}
			if c.level == LevelDown && (res.Code != CodePagesDown || res.Params["code"] != c.code || res.OK) {
				t.Fatalf("run %+v", res)
			}
		})
	}
}

// A plain http page that redirects to https: the certificate of the TLS hop is the one judged.
func TestCertificateOfARedirectHop(t *testing.T) {
	ca := newCA(t)
	secure := tlsSite(t, ca.leaf(t, time.Now().Add(-time.Hour), time.Now().Add(3*24*time.Hour), "127.0.0.1"))
	plain := site(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, secure.URL+"/", http.StatusMovedPermanently)
	})
	p := one(t, &Service{RootCAs: ca.pool}, plain.URL, profile.Page{Path: "/old"})
	if p.Code != CodeCertExpiring || p.Cert == nil || len(p.Redirects) != 1 || p.Redirects[0].Location != secure.URL+"/" || p.Timings.TLSMs <= 0 {
		t.Fatalf("%+v", p)
	}
}

// Verification is never turned off in the check's code: the only seam is the trusted authorities.
func TestNoVerificationBypass(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"InsecureSkipVerify", "VerifyPeerCertificate", "VerifyConnection"} {
			if strings.Contains(string(src), bad) {
				t.Errorf("%s uses %s", f, bad)
			}
		}
	}
}
