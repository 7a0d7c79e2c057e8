package secrets

import (
	"context"
	"sync"
)

// Memory is an in-memory Store for unit tests of other packages. It applies the same validation and size cap
// as Keychain and honours ctx, so code tested against it behaves the same on the real keychain.
type Memory struct {
	mu     sync.Mutex
	values map[string]string
	fail   func(op, profileID, name string) error
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{values: map[string]string{}} }

// FailWith makes every later call for which fn returns non-nil fail with that error (op is "set", "get",
// "delete" or "status"; profileID and name are empty for status). nil restores normal behaviour.
func (m *Memory) FailWith(fn func(op, profileID, name string) error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = fn
}

// Len returns how many secrets are stored (for tests asserting that nothing was written).
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.values)
}

func (m *Memory) check(ctx context.Context, op, profileID, name string) error {
	if ctx.Err() != nil {
		return ctxErr(ctx)
	}
	if m.fail != nil {
		return m.fail(op, profileID, name)
	}
	return nil
}

// Set implements Store.
func (m *Memory) Set(ctx context.Context, profileID, name, value string) error {
	if err := ValidateKey(profileID, name); err != nil {
		return err
	}
	if err := ValidateFor(name, value); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(ctx, "set", profileID, name); err != nil {
		return err
	}
	m.values[account(profileID, name)] = value
	return nil
}

// Get implements Store.
func (m *Memory) Get(ctx context.Context, profileID, name string) (string, error) {
	if err := ValidateKey(profileID, name); err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(ctx, "get", profileID, name); err != nil {
		return "", err
	}
	v, ok := m.values[account(profileID, name)]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Delete implements Store.
func (m *Memory) Delete(ctx context.Context, profileID, name string) error {
	if err := ValidateKey(profileID, name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(ctx, "delete", profileID, name); err != nil {
		return err
	}
	key := account(profileID, name)
	if _, ok := m.values[key]; !ok {
		return ErrNotFound
	}
	delete(m.values, key)
	return nil
}

// DeleteProfile implements Store.
func (m *Memory) DeleteProfile(ctx context.Context, profileID string) ([]string, error) {
	return deleteProfile(ctx, m, profileID)
}

// Status implements Store.
func (m *Memory) Status(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.check(ctx, "status", "", "")
}
