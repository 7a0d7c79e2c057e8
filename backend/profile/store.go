package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"siyana/backend/appid"
)

// SchemaVersion is the version of profiles.json this build writes and reads. A newer file (from a newer
// Siyana) is moved aside rather than misread; an older one is migrated when it is read (file.go).
//
//	1: first release.
//	2: revalidateSecretOrigins binds REVALIDATE_SECRET to the origins it was saved for; a v1 profile with a
//	   saved secret is bound to the origins it points to when read.
//	3: pages lists the storefront pages the pages card fetches (a v2 file reads as [], the defaults); a v2
//	   build would refuse the new field as corruption, so the bump makes it say "newer schema" instead.
const SchemaVersion = 3

// FileName is the profiles file inside the config dir.
const FileName = "profiles.json"

// ConfigDirEnv overrides the config dir (tests and the E2E harness point it at a temp dir).
const ConfigDirEnv = "SIYANA_CONFIG_DIR"

// maxFileBytes bounds what Open reads: 16 profiles at the field limits stay well below it.
const maxFileBytes = 8 << 20

// Sentinel errors of the store.
var (
	ErrNotFound = errors.New("profile: not found")
	ErrTooMany  = errors.New("profile: too many profiles")
	ErrWrite    = errors.New("profile: cannot write the profiles file")
	ErrReadOnly = errors.New("profile: store is read-only because an unusable profiles file could not be moved aside")
	// ErrUnavailable is every answer of the stand-in store (see Unavailable): the config dir could not be opened.
	ErrUnavailable = errors.New("profile: the config dir could not be opened")
)

// MaxProfiles bounds the list shown in the picker.
const MaxProfiles = 100

// Load warning codes.
const (
	WarnCorrupt     = "PROFILES_CORRUPT"
	WarnNewerSchema = "PROFILES_NEWER_SCHEMA"
	WarnMoveFailed  = "PROFILES_MOVE_FAILED"
)

// LoadWarning tells the UI that profiles.json could not be used and where its content went. The store
// started empty; the user's data is in MovedTo, never deleted.
type LoadWarning struct {
	Code    string `json:"code"`    // WarnCorrupt, WarnNewerSchema or WarnMoveFailed
	Message string `json:"message"` // English, for logs; the UI renders Code + Params (path) from the catalog
	// Params fill the code's catalog sentence: path, where the file was moved (or the file that could not be).
	Params  map[string]string `json:"params"`
	MovedTo string            `json:"movedTo"` // path of the moved-aside file ("" when the move failed)
	Detail  string            `json:"detail"`  // English technical reason, for the diagnostics file (no secrets: the file has none)
}

type fileData struct {
	SchemaVersion int       `json:"schemaVersion"`
	SelectedID    string    `json:"selectedId"`
	Profiles      []Profile `json:"profiles"`
}

// Store keeps the profiles in memory and writes every change to <dir>/profiles.json atomically (temp file
// in the same dir, fsync, rename), so a crash leaves either the old or the new file, never half of one.
// Safe for concurrent use.
type Store struct {
	mu      sync.Mutex
	dir     string
	data    fileData
	warning *LoadWarning
	// readOnly is set when an unusable file could not be moved aside: writing would destroy it.
	readOnly bool
	// down is why the config dir could not be opened (Unavailable); nil for a real store.
	down error
	// memory is set for a store that writes no file (Memory).
	memory bool
	// newID and now are fields so tests can make them deterministic.
	newID func() string
	now   func() time.Time
}

// DefaultDir is the config dir of a production build: $SIYANA_CONFIG_DIR, else <os.UserConfigDir()>/siyana.
func DefaultDir() (string, error) { return DefaultDirFor(false) }

// DefaultDirFor is $SIYANA_CONFIG_DIR, else <os.UserConfigDir()>/<appid.For(dev)>: a dev build keeps its
// profiles, results and logs apart from the production app's (siyana-dev beside siyana).
func DefaultDirFor(dev bool) (string, error) {
	if d := os.Getenv(ConfigDirEnv); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("profile: no user config dir: %w", err)
	}
	return filepath.Join(base, appid.For(dev)), nil
}

// Open loads the store from dir ("" means DefaultDir()), creating the dir (0700) if needed. A missing file
// is an empty store. A corrupt or newer-schema file is moved aside and reported by Warning; Open only fails
// when the dir cannot be created or the file cannot be read at all.
func Open(dir string) (*Store, error) { return open(dir, time.Now) }

// OpenDefault opens the store in DefaultDirFor(dev): the app's own dir, the dev build's when dev is set.
func OpenDefault(dev bool) (*Store, error) {
	dir, err := DefaultDirFor(dev)
	if err != nil {
		return nil, err
	}
	return Open(dir)
}

func open(dir string, now func() time.Time) (*Store, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultDir(); err != nil {
			return nil, err
		}
	}
	if err := ensurePrivateDir(dir); err != nil {
		return nil, err
	}
	s := &Store{dir: dir, data: fileData{SchemaVersion: SchemaVersion}, newID: randomID, now: now}
	if err := s.load(); err != nil {
		return nil, err
	}
	return s, nil
}

// Unavailable is the stand-in store used when the config dir could not be opened (cause says why): it holds
// no profile, and every read of one or write answers ErrUnavailable, so the services built over it need no
// special case and every bound method reports the same code.
func Unavailable(cause error) *Store {
	return &Store{down: fmt.Errorf("%w: %w", ErrUnavailable, cause), newID: randomID, now: time.Now}
}

// Memory is a store that keeps its profiles in memory only and writes no file: siyanactl's env source, whose
// one profile lives for one command (no temp dir to make and remove, no fsync to wait for). It validates
// exactly as a file store does.
func Memory() *Store {
	return &Store{memory: true, data: fileData{SchemaVersion: SchemaVersion}, newID: randomID, now: time.Now}
}

// Down is the error every call of a stand-in store answers (errors.Is ErrUnavailable); nil for a real store.
func (s *Store) Down() error { return s.down }

// Path is the profiles file ("" for the stand-in and the memory store).
func (s *Store) Path() string {
	if s.down != nil || s.memory {
		return ""
	}
	return filepath.Join(s.dir, FileName)
}

// Warning is the problem found when the file was loaded, nil when there was none.
func (s *Store) Warning() *LoadWarning {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warning == nil {
		return nil
	}
	w := *s.warning
	return &w
}

// List returns copies of all profiles in stored order and the selected ID ("" when none).
func (s *Store) List() ([]Profile, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Profile, len(s.data.Profiles))
	for i, p := range s.data.Profiles {
		out[i] = p.clone()
	}
	return out, s.data.SelectedID
}

// Get returns a copy of one profile, or ErrNotFound.
func (s *Store) Get(id string) (Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.find(id)
	if err != nil {
		return Profile{}, err
	}
	return s.data.Profiles[i].clone(), nil
}

// Selected returns the selected profile, false when none is selected.
func (s *Store) Selected() (Profile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.index(s.data.SelectedID)
	if i < 0 {
		return Profile{}, false
	}
	return s.data.Profiles[i].clone(), true
}

// Save validates p and stores it: with an empty ID it is created under a new ID (and selected when it is
// the first profile); otherwise it replaces the profile with that ID (ErrNotFound when there is none).
// It returns the stored form. On any error nothing changes, in memory or on disk.
func (s *Store) Save(p Profile) (Profile, error) {
	if s.down != nil {
		return Profile{}, s.down
	}
	if err := p.ValidateAndSetDefaults(); err != nil {
		return Profile{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.cloneData()
	if p.ID == "" {
		if len(next.Profiles) >= MaxProfiles {
			return Profile{}, ErrTooMany
		}
		p.ID = s.newID()
		next.Profiles = append(next.Profiles, p)
		if next.SelectedID == "" {
			next.SelectedID = p.ID
		}
	} else {
		i, err := s.find(p.ID)
		if err != nil {
			return Profile{}, err
		}
		next.Profiles[i] = p
	}
	if err := s.commit(next); err != nil {
		return Profile{}, err
	}
	return p.clone(), nil
}

// Update applies change to a copy of the profile with that ID, validates and saves it, all under the store's
// lock, so read-modify-write callers (the secrets index, .env import) cannot lose each other's changes.
// When change returns an error nothing is saved and that error is returned.
func (s *Store) Update(id string, change func(*Profile) error) (Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.find(id)
	if err != nil {
		return Profile{}, err
	}
	p := s.data.Profiles[i].clone()
	if err := change(&p); err != nil {
		return Profile{}, err
	}
	p.ID = id
	if err := p.ValidateAndSetDefaults(); err != nil {
		return Profile{}, err
	}
	next := s.cloneData()
	next.Profiles[i] = p
	if err := s.commit(next); err != nil {
		return Profile{}, err
	}
	return p.clone(), nil
}

// Delete removes a profile (ErrNotFound when absent). Deleting the selected one selects the first remaining.
func (s *Store) Delete(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.find(id)
	if err != nil {
		return err
	}
	next := s.cloneData()
	next.Profiles = slices.Delete(next.Profiles, i, i+1)
	if next.SelectedID == id {
		next.SelectedID = ""
		if len(next.Profiles) > 0 {
			next.SelectedID = next.Profiles[0].ID
		}
	}
	return s.commit(next)
}

// Select marks a profile as selected (ErrNotFound when absent).
func (s *Store) Select(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.find(id); err != nil {
		return err
	}
	next := s.cloneData()
	next.SelectedID = id
	return s.commit(next)
}

// find is the index of the profile with that id: ErrUnavailable from the stand-in store, else ErrNotFound
// when there is none. Every method that names a profile asks here, so "not found" has one answer.
func (s *Store) find(id string) (int, error) {
	if s.down != nil {
		return -1, s.down
	}
	if i := s.index(id); i >= 0 {
		return i, nil
	}
	return -1, ErrNotFound
}

func (s *Store) index(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(s.data.Profiles, func(p Profile) bool { return p.ID == id })
}

func (s *Store) cloneData() fileData {
	d := s.data
	d.Profiles = make([]Profile, len(s.data.Profiles))
	for i, p := range s.data.Profiles {
		d.Profiles[i] = p.clone()
	}
	return d
}

// commit writes next to disk and only then makes it the in-memory state.
func (s *Store) commit(next fileData) error {
	if s.down != nil {
		return s.down
	}
	if s.readOnly {
		return ErrReadOnly
	}
	next.SchemaVersion = SchemaVersion
	if next.Profiles == nil {
		next.Profiles = []Profile{}
	}
	if s.memory {
		s.data = next
		return nil
	}
	b, err := json.MarshalIndent(next, "", "  ")
	if err != nil {
		return fmt.Errorf("%w: encode: %w", ErrWrite, err)
	}
	if err := writeFileAtomic(s.Path(), append(b, '\n')); err != nil {
		return err
	}
	s.data = next
	return nil
}
