package secrets

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// With no usable session bus the real check refuses before go-keyring runs (which would spawn daemons):
// the provider here fails loudly if it is ever reached.
func TestKeychainRefusesWithoutSessionBus(t *testing.T) {
	reached := errors.New("go-keyring was called")
	keyring.MockInitWithError(reached)
	k := NewKeychain(Options{Service: "siyana-unit"})
	dir := t.TempDir()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(dir, "no-such-bus"))
	if err := k.Status(context.Background()); !errors.Is(err, ErrNoKeychain) {
		t.Fatalf("Status: got %v, want ErrNoKeychain", err)
	}
	if err := k.Set(context.Background(), "p", DatabaseURL, "v"); !errors.Is(err, ErrNoKeychain) {
		t.Fatalf("Set: got %v, want ErrNoKeychain", err)
	}

	sock := filepath.Join(dir, "bus,1")
	l, err := net.Listen("unix", sock)
	must(t, err)
	defer l.Close()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(dir, "bus%2c1")+",guid=0123")
	if err := k.Status(context.Background()); !errors.Is(err, reached) && !strings.Contains(err.Error(), reached.Error()) {
		t.Fatalf("with a live (escaped) socket path the call should reach go-keyring, got %v", err)
	}
}

func TestBusAddressUsable(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", sock)
	must(t, err)
	defer l.Close()
	scenarios := []struct {
		addr string
		want bool
	}{
		{"unix:path=" + sock, true},
		{"unix:path=" + dir + "/missing", false},
		{"unix:path=" + dir + "/missing;unix:path=" + sock, true},
		{"unix:path=" + dir, false}, // a directory is not a socket
		{"unix:abstract=/tmp/dbus-x,guid=1", true},
		{"tcp:host=127.0.0.1,port=1", true},
		{"autolaunch:", false},
		{"garbage", false},
		{"unix:path=%zz", false},
		{"", false},
	}
	for _, sc := range scenarios {
		if got := busAddressUsable(sc.addr); got != sc.want {
			t.Errorf("busAddressUsable(%q) = %v, want %v", sc.addr, got, sc.want)
		}
	}
}
