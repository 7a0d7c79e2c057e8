package secrets

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"

	"siyana/backend/i18n"
)

// These tests swap go-keyring's package-global provider with MockInit, so none of them runs in parallel, and
// the real-keychain tests live in another package (keychainit) so they never share this global.

func mockKeychain(t *testing.T) *Keychain {
	t.Helper()
	keyring.MockInit()
	k := NewKeychain(Options{Service: "siyana-unit"})
	k.busCheck = func() error { return nil }
	return k
}

// conformance runs the same behaviour checks against any Store, so Memory stays a faithful fake of Keychain.
func conformance(t *testing.T, s Store) {
	ctx := context.Background()
	big := strings.Repeat("x", MaxValueBytes)
	scenarios := []struct {
		name           string
		profileID, key string
		value          string
		wantErr        error
	}{
		{"ok", "p1", DatabaseURL, "mongodb://u:p@127.0.0.1/db", nil},
		{"arabic value", "p1", PusherSecret, "سر-قيمة", nil},
		{"cap exactly", "p1", AtlasPrivateKey, big, nil},
		{"one byte over cap", "p1", AtlasPublicKey, big + "y", ErrTooBig},
		{"empty value", "p1", RevalidateSecret, "", ErrInvalidValue},
		{"NUL in value", "p1", RevalidateSecret, "a\x00b", ErrInvalidValue},
		{"invalid utf-8", "p1", RevalidateSecret, "a\xffb", ErrInvalidValue},
		{"unknown name", "p1", "HOME", "v", ErrInvalidName},
		{"lower-case name", "p1", "database_url", "v", ErrInvalidName},
		{"empty profile", "", DatabaseURL, "v", ErrInvalidName},
		{"slash in profile", "a/b", DatabaseURL, "v", ErrInvalidName},
		{"long profile", strings.Repeat("a", 65), DatabaseURL, "v", ErrInvalidName},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			err := s.Set(ctx, sc.profileID, sc.key, sc.value)
			if !errors.Is(err, sc.wantErr) {
				t.Fatalf("Set: got %v, want %v", err, sc.wantErr)
			}
			got, gerr := s.Get(ctx, sc.profileID, sc.key)
			if sc.wantErr != nil {
				if gerr == nil {
					t.Fatalf("rejected Set still stored a value")
				}
				return
			}
			if gerr != nil || got != sc.value {
				t.Fatalf("Get: got %d bytes, err %v; want the value back", len(got), gerr)
			}
		})
	}

	t.Run("overwrite, delete, not found", func(t *testing.T) {
		must(t, s.Set(ctx, "p2", DatabaseURL, "one"))
		must(t, s.Set(ctx, "p2", DatabaseURL, "two"))
		if v, err := s.Get(ctx, "p2", DatabaseURL); err != nil || v != "two" {
			t.Fatalf("after overwrite got %q, %v", v, err)
		}
		must(t, s.Delete(ctx, "p2", DatabaseURL))
		if _, err := s.Get(ctx, "p2", DatabaseURL); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get after Delete: %v", err)
		}
		if err := s.Delete(ctx, "p2", DatabaseURL); !errors.Is(err, ErrNotFound) {
			t.Fatalf("second Delete: %v", err)
		}
	})

	t.Run("DeleteProfile takes only that profile", func(t *testing.T) {
		must(t, s.Set(ctx, "p3", DatabaseURL, "a"))
		must(t, s.Set(ctx, "p3", PusherSecret, "b"))
		must(t, s.Set(ctx, "p4", DatabaseURL, "c"))
		removed, err := s.DeleteProfile(ctx, "p3")
		if err != nil || strings.Join(removed, ",") != DatabaseURL+","+PusherSecret {
			t.Fatalf("DeleteProfile: removed %v, err %v", removed, err)
		}
		if _, err := s.Get(ctx, "p3", PusherSecret); !errors.Is(err, ErrNotFound) {
			t.Fatalf("p3 secret survived: %v", err)
		}
		if v, err := s.Get(ctx, "p4", DatabaseURL); err != nil || v != "c" {
			t.Fatalf("p4 secret lost: %q %v", v, err)
		}
		if removed, err := s.DeleteProfile(ctx, "p3"); err != nil || len(removed) != 0 {
			t.Fatalf("second DeleteProfile: %v %v", removed, err)
		}
	})

	t.Run("canceled context", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.Set(cctx, "p5", DatabaseURL, "v"); !errors.Is(err, ErrCanceled) {
			t.Fatalf("Set with canceled ctx: %v", err)
		}
	})

	if err := s.Status(ctx); err != nil {
		t.Fatalf("Status: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestKeychainConformance(t *testing.T) { conformance(t, mockKeychain(t)) }
func TestMemoryConformance(t *testing.T)   { conformance(t, NewMemory()) }

func TestKeychainMapsRawErrors(t *testing.T) {
	scenarios := []struct {
		name string
		raw  error
		want *Error
	}{
		{"not found", keyring.ErrNotFound, ErrNotFound},
		{"too big", keyring.ErrSetDataTooBig, ErrTooBig},
		{"locked collection", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), ErrLocked},
		{"locked item", dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}, ErrLocked},
		{"no provider", dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"not provided"}}, ErrNoKeychain},
		{"no provider (pointer)", &dbus.Error{Name: "org.freedesktop.DBus.Error.NameHasNoOwner"}, ErrNoKeychain},
		{"missing socket", &net.OpError{Op: "dial", Net: "unix", Err: errors.New("no such file")}, ErrNoKeychain},
		{"no dbus-launch", errors.New(`exec: "dbus-launch": executable file not found in $PATH`), ErrNoKeychain},
		{"unknown", errors.New("something odd"), ErrKeychain},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			keyring.MockInitWithError(sc.raw)
			k := NewKeychain(Options{Service: "siyana-unit"})
			k.busCheck = func() error { return nil }
			_, err := k.Get(context.Background(), "p", DatabaseURL)
			if CodeOf(err) != sc.want.Code() || !errors.Is(err, sc.want) {
				t.Fatalf("got %v (code %s), want %s", err, CodeOf(err), sc.want.Code())
			}
			if sc.want == ErrNotFound {
				if err := k.Status(context.Background()); err != nil {
					t.Fatalf("Status should treat a missing probe item as usable, got %v", err)
				}
			}
		})
	}
}

// A call that never returns (go-keyring waiting for an unlock prompt) must not hang the caller, nor the next
// callers queued behind it; once it ends the keychain is usable again.
func TestKeychainBoundsHungCalls(t *testing.T) {
	k := mockKeychain(t)
	release := make(chan struct{})
	started := make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- k.do(context.Background(), 100*time.Millisecond, func() error {
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	if err := <-first; !errors.Is(err, ErrTimeout) {
		t.Fatalf("hung call: got %v, want ErrTimeout", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := k.Set(ctx, "p", DatabaseURL, "v"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("call queued behind the hung one: got %v, want ErrTimeout", err)
	}
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := k.Set(context.Background(), "p", DatabaseURL, "v")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("keychain still blocked after the hung call ended: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestKeychainSerialisesCalls(t *testing.T) {
	k := mockKeychain(t)
	var active, maxActive atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := k.do(context.Background(), 5*time.Second, func() error {
				n := active.Add(1)
				for {
					m := maxActive.Load()
					if n <= m || maxActive.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(5 * time.Millisecond)
				active.Add(-1)
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if maxActive.Load() != 1 {
		t.Fatalf("%d calls ran at once, want 1", maxActive.Load())
	}
}

func TestKeychainRecoversPanics(t *testing.T) {
	k := mockKeychain(t)
	err := k.do(context.Background(), time.Second, func() error { panic("boom") })
	if !errors.Is(err, ErrKeychain) {
		t.Fatalf("got %v", err)
	}
	must(t, k.Set(context.Background(), "p", DatabaseURL, "after panic"))
}

func TestErrorsHaveStableCodesAndArabicMessages(t *testing.T) {
	all := []*Error{ErrNoKeychain, ErrLocked, ErrTimeout, ErrCanceled, ErrNotFound, ErrTooBig, ErrInvalidName, ErrInvalidValue, ErrKeychain}
	seen := map[string]bool{}
	for _, e := range all {
		if e.Code() == "" || seen[e.Code()] {
			t.Errorf("code %q empty or duplicated", e.Code())
		}
		seen[e.Code()] = true
		if strings.ContainsAny(e.Message(), "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") || e.Message() == "" {
			t.Errorf("%s: the Go message is for logs, in English: %q", e.Code(), e.Message())
		}
		for _, lang := range i18n.Languages {
			if !i18n.Has(lang, "code."+e.Code()+".label") || !i18n.Has(lang, "code."+e.Code()+".hint") {
				t.Errorf("%s: %s has no words", lang, e.Code())
			}
		}
		wrapped := errors.Join(errors.New("ctx"), e)
		if CodeOf(wrapped) != e.Code() || MessageOf(wrapped) != e.Message() {
			t.Errorf("%s: CodeOf/MessageOf do not see through wrapping", e.Code())
		}
	}
	if CodeOf(nil) != "" || CodeOf(errors.New("x")) != ErrKeychain.Code() {
		t.Error("CodeOf fallback")
	}
}

// TestDevBuildUsesItsOwnService: a dev build (Options{Dev}) never reads or writes the production service.
func TestDevBuildUsesItsOwnService(t *testing.T) {
	if got := NewKeychain(Options{}).Service(); got != ServiceName {
		t.Fatalf("production service %q", got)
	}
	if got := NewKeychain(Options{Dev: true}).Service(); got != DevServiceName || got == ServiceName {
		t.Fatalf("dev service %q (production %q)", got, ServiceName)
	}
}
