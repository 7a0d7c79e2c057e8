// Package history keeps the last result of every check per profile, so the cards can show "last checked"
// after a view change and diagnostics can export them. Results are stored as JSON as the check returned
// them, scrubbed first (redact: results carry no secret by construction, but error text from outside can
// echo one), and persisted to one file, written atomically. They are scrubbed again when read, so a file
// written before a value was known still gives nothing away.
package history

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"

	"siyana/backend/atomicfile"
	"siyana/backend/redact"
)

// Kinds of results kept. One entry per kind per profile; a newer result replaces the older one.
const (
	KindDatabase     = "database"
	KindAtlas        = "atlas"
	KindPusherCreds  = "pusherCredentials"
	KindPusherLive   = "pusherLive"
	KindSite         = "site"
	KindRevalidation = "revalidation"
	KindPages        = "pages"
)

// Entry is one stored result.
type Entry struct {
	Kind    string          `json:"kind"`
	SavedAt time.Time       `json:"savedAt"`
	Result  json.RawMessage `json:"result"`
}

// Store is safe for concurrent use. A zero path keeps results in memory only.
type Store struct {
	mu   sync.Mutex
	path string
	data map[string]map[string]Entry // profileID → kind → entry
	now  func() time.Time
	// OnPut, when set before use, sees every recorded result, scrubbed (the app logs them). Called after
	// the store's lock is released, so it may be slow without holding up readers.
	OnPut func(profileID, kind string, result json.RawMessage)
	// Redact, when set before use, is the registry whose values are removed; nil removes credential shapes only.
	Redact *redact.Registry
}

// Open loads path (a missing or unreadable file starts empty: these are caches, not records).
func Open(path string) *Store {
	s := &Store{path: path, data: map[string]map[string]Entry{}, now: time.Now}
	if path == "" {
		return s
	}
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &s.data)
		if s.data == nil {
			s.data = map[string]map[string]Entry{}
		}
	}
	return s
}

// Put records result as the last one of kind for profileID.
func (s *Store) Put(profileID, kind string, result any) error {
	raw, err := json.Marshal(result)
	if err != nil {
		return err
	}
	raw = s.Redact.Scrubber().JSON(raw)
	s.mu.Lock()
	if s.data[profileID] == nil {
		s.data[profileID] = map[string]Entry{}
	}
	s.data[profileID][kind] = Entry{Kind: kind, SavedAt: s.now().UTC(), Result: raw}
	err = s.saveLocked()
	s.mu.Unlock()
	if s.OnPut != nil {
		s.OnPut(profileID, kind, raw)
	}
	return err
}

// Get returns the last result of kind for profileID decoded into out; ok is false when there is none.
func (s *Store) Get(profileID, kind string, out any) (ok bool, err error) {
	s.mu.Lock()
	e, found := s.data[profileID][kind]
	s.mu.Unlock()
	if !found {
		return false, nil
	}
	return true, json.Unmarshal(s.Redact.Scrubber().JSON(e.Result), out)
}

// All returns a copy of the entries of profileID, by kind.
func (s *Store) All(profileID string) map[string]Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := s.Redact.Scrubber()
	out := make(map[string]Entry, len(s.data[profileID]))
	for k, v := range s.data[profileID] {
		v.Result = sc.JSON(v.Result)
		out[k] = v
	}
	return out
}

// Forget drops everything kept for profileID (the profile was deleted).
func (s *Store) Forget(profileID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.data, profileID)
	return s.saveLocked()
}

func (s *Store) saveLocked() error {
	if s.path == "" {
		return nil
	}
	b, err := json.Marshal(s.data)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(s.path, b)
}
