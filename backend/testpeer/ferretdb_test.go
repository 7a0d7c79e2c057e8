package testpeer

import (
	"context"
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

func TestFerretDBStartStop(t *testing.T) {
	f := FerretDBT(t, FerretOptions{User: "u", Password: "p", TLS: true})
	for _, addr := range []string{f.Addr, f.TLSAddr} {
		host, _, _ := net.SplitHostPort(addr)
		if host != "127.0.0.1" {
			t.Fatalf("listens on %s, want loopback only", addr)
		}
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			t.Fatalf("dial %s: %v", addr, err)
		}
		c.Close()
	}
	if f.URI != "mongodb://u:p@"+f.Addr+"/shopdb?authSource=admin" || f.TLSURI == "" || f.CAFile == "" {
		t.Fatalf("URIs: %q %q", f.URI, f.TLSURI)
	}
	f.Stop()
	if !f.Proc.Exited() {
		t.Fatal("process still running after Stop")
	}
	if _, err := os.Stat(f.Dir); !os.IsNotExist(err) {
		t.Fatalf("state dir left behind: %v", err)
	}
	f.Stop() // twice is fine
}

func TestFerretDBMissing(t *testing.T) {
	t.Setenv("SIYANA_TOOLS_DIR", t.TempDir())
	_, err := StartFerretDB(context.Background(), FerretOptions{})
	var m *Missing
	if !errors.As(err, &m) {
		t.Fatalf("want *Missing, got %v", err)
	}
}
