package secrets

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"

	"siyana/backend/appid"
)

// Service names (appid decides them): dev builds use their own so trying things out never touches the real
// credentials.
const (
	ServiceName    = appid.Production
	DevServiceName = appid.Dev
)

// Timeouts. A user-initiated call may have to wait for an unlock prompt; a background status probe must not
// keep the UI waiting.
const (
	DefaultTimeout = 20 * time.Second
	StatusTimeout  = 3 * time.Second
)

// statusProbeAccount is looked up by Status: a miss (not found) proves the keychain answers.
const statusProbeAccount = "status-probe"

// Options configures NewKeychain.
type Options struct {
	Dev     bool          // use DevServiceName
	Service string        // overrides the service name (integration tests use "siyana-test")
	Timeout time.Duration // per call, on top of the caller's deadline; 0 means DefaultTimeout
}

// Keychain is the Store over the OS keychain.
type Keychain struct {
	service string
	timeout time.Duration
	// sem serialises calls: the Secret Service client shares one bus connection and prompt handling is not
	// safe to interleave. It is a channel, not a mutex, so a caller waiting behind a hung call gives up at its
	// own deadline instead of hanging too.
	sem chan struct{}
	// busCheck runs before every call; on Linux it refuses when no session bus exists, because godbus would
	// otherwise spawn dbus-launch and leave daemons behind. Tests with MockInit replace it.
	busCheck func() error
}

// NewKeychain returns the Store over the OS keychain.
func NewKeychain(o Options) *Keychain {
	k := &Keychain{service: ServiceName, timeout: o.Timeout, sem: make(chan struct{}, 1), busCheck: sessionBusCheck}
	if o.Dev {
		k.service = DevServiceName
	}
	if o.Service != "" {
		k.service = o.Service
	}
	if k.timeout <= 0 {
		k.timeout = DefaultTimeout
	}
	return k
}

// Service is the keychain service name in use (shown on the diagnostics screen).
func (k *Keychain) Service() string { return k.service }

// Set implements Store.
func (k *Keychain) Set(ctx context.Context, profileID, name, value string) error {
	if err := ValidateKey(profileID, name); err != nil {
		return err
	}
	if err := ValidateFor(name, value); err != nil {
		return err
	}
	return k.do(ctx, k.timeout, func() error { return keyring.Set(k.service, account(profileID, name), value) })
}

// Get implements Store.
func (k *Keychain) Get(ctx context.Context, profileID, name string) (string, error) {
	if err := ValidateKey(profileID, name); err != nil {
		return "", err
	}
	var v string
	err := k.do(ctx, k.timeout, func() error {
		var err error
		v, err = keyring.Get(k.service, account(profileID, name))
		return err
	})
	if err != nil {
		return "", err
	}
	return v, nil
}

// Delete implements Store.
func (k *Keychain) Delete(ctx context.Context, profileID, name string) error {
	if err := ValidateKey(profileID, name); err != nil {
		return err
	}
	return k.do(ctx, k.timeout, func() error { return keyring.Delete(k.service, account(profileID, name)) })
}

// DeleteProfile implements Store. It goes name by name (go-keyring cannot list, and DeleteAll would take
// every profile of the service).
func (k *Keychain) DeleteProfile(ctx context.Context, profileID string) ([]string, error) {
	return deleteProfile(ctx, k, profileID)
}

// deleteProfile is shared by Keychain and Memory so both report partial failures the same way.
func deleteProfile(ctx context.Context, s Store, profileID string) ([]string, error) {
	if !validProfileID(profileID) {
		return nil, fmt.Errorf("%w: profile id", ErrInvalidName)
	}
	var removed []string
	var first error
	for _, name := range Known {
		err := s.Delete(ctx, profileID, name)
		switch {
		case err == nil:
			removed = append(removed, name)
		case errors.Is(err, ErrNotFound):
		case first == nil:
			first = fmt.Errorf("%s: %w", name, err)
		}
	}
	return removed, first
}

// Status implements Store.
func (k *Keychain) Status(ctx context.Context) error {
	err := k.do(ctx, StatusTimeout, func() error {
		_, err := keyring.Get(k.service, statusProbeAccount)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// do runs one keychain call serialised and bounded by min(ctx deadline, limit). On timeout the call keeps
// running in its goroutine (go-keyring cannot be interrupted, e.g. while it waits for an unlock prompt) and
// holds the slot until it ends; later calls then time out waiting instead of piling up.
func (k *Keychain) do(ctx context.Context, limit time.Duration, call func() error) error {
	if err := k.busCheck(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	select {
	case k.sem <- struct{}{}:
	case <-ctx.Done():
		return ctxErr(ctx)
	}
	done := make(chan error, 1)
	go func() {
		defer func() { <-k.sem }()
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%w: panic in keychain client: %v", ErrKeychain, r)
			}
		}()
		done <- call()
	}()
	select {
	case err := <-done:
		return mapError(err)
	case <-ctx.Done():
		return ctxErr(ctx)
	}
}

// mapError turns a raw go-keyring error into one of ours; OS-specific cases are in mapPlatformError.
func mapError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return ErrTooBig
	}
	var ours *Error
	if errors.As(err, &ours) {
		return err
	}
	if mapped := mapPlatformError(err); mapped != nil {
		return fmt.Errorf("%w: %v", mapped, err)
	}
	return fmt.Errorf("%w: %v", ErrKeychain, err)
}
