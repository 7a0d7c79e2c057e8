package redact

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"siyana/backend/secrets"
)

// Registry is the set of secret values seen this session, for every profile. Safe for concurrent use:
// values are added rarely (a keychain read or write), scrubbers are read on every log record. A value is
// never forgotten — not when it is replaced, cleared or its profile deleted: a check started with it may
// still be writing, and a stale value costs nothing to keep removing.
type Registry struct {
	mu     sync.Mutex
	byProf map[string]map[string][]string // profile → secret name → distinct values
	sc     atomic.Pointer[Scrubber]
}

// NewRegistry returns a registry that knows no value yet (its scrubber still removes credential shapes).
func NewRegistry() *Registry {
	r := &Registry{byProf: map[string]map[string][]string{}}
	r.sc.Store(newScrubber(nil))
	return r
}

// Add registers value as secret name of profileID (profileID may be "" when the caller does not know it).
func (r *Registry) Add(profileID, name, value string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.add(profileID, name, value) {
		r.rebuild()
	}
}

// AddAll is Add for several values of profileID (their Name and Value; User is not read), with one rebuild
// of the scrubber: Add rebuilds it for every value, which a source read all at once pays once.
func (r *Registry) AddAll(profileID string, values []Value) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	added := false
	for _, v := range values {
		added = r.add(profileID, v.Name, v.Value) || added
	}
	if added {
		r.rebuild()
	}
}

// rebuild makes the scrubber of every value registered (r.mu held).
func (r *Registry) rebuild() {
	var all []Value
	for _, names := range r.byProf {
		for name, vs := range names {
			for _, v := range vs {
				all = append(all, Value{Name: name, Value: v})
				if name == secrets.AtlasPrivateKey { // Atlas's key pair, as HTTP Basic would carry it
					for _, pub := range names[secrets.AtlasPublicKey] {
						all = append(all, Value{Name: name, Value: v, User: pub})
					}
				}
			}
		}
	}
	r.sc.Store(newScrubber(all))
}

// add records one value (r.mu held) and says whether it is new.
func (r *Registry) add(profileID, name, value string) bool {
	// A value the keychain would refuse is never stored, so never echoed; registering it (a stray "a" typed
	// by mistake) would only blank ordinary text for the session.
	if secrets.ValidateValue(value) != nil {
		return false
	}
	names := r.byProf[profileID]
	if names == nil {
		names = map[string][]string{}
		r.byProf[profileID] = names
	}
	if slices.Contains(names[name], value) {
		return false
	}
	names[name] = append(names[name], value)
	return true
}

// Scrubber returns the scrubber for every value registered so far. A nil registry gives one that removes
// credential shapes only.
func (r *Registry) Scrubber() *Scrubber {
	if r == nil {
		return nil
	}
	return r.sc.Load()
}

// Scrub is r.Scrubber().Scrub(s).
func (r *Registry) Scrub(s string) string { return r.Scrubber().Scrub(s) }

// Truncate is r.Scrubber().Truncate(s, n): redact, then cut to n runes.
func (r *Registry) Truncate(s string, n int) string { return r.Scrubber().Truncate(s, n) }

// Recording wraps a keychain so that every value read from it (and every value written to it) is registered
// with r before the caller sees it: the one door every secret passes through, whichever profile and path.
func Recording(store secrets.Store, r *Registry) secrets.Store {
	return &recording{Store: store, r: r}
}

type recording struct {
	secrets.Store
	r *Registry
}

func (k *recording) Get(ctx context.Context, profileID, name string) (string, error) {
	v, err := k.Store.Get(ctx, profileID, name)
	if err == nil {
		k.r.Add(profileID, name, v)
	}
	return v, err
}

func (k *recording) Set(ctx context.Context, profileID, name, value string) error {
	k.r.Add(profileID, name, value) // before: an error text about the write must not carry it either
	return k.Store.Set(ctx, profileID, name, value)
}
