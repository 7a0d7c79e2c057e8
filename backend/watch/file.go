package watch

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"siyana/backend/atomicfile"
)

// FileName is the settings file under the config dir. Watch settings live apart from profiles.json so the
// profile schema does not change with them.
const FileName = "watch.json"

// SchemaVersion of watch.json; an older one is migrated on load, a newer one is moved aside.
const SchemaVersion = 1

// Load warning codes: watch.json could not be used, it was moved aside and watching starts off.
const (
	WarnCorrupt     = "WATCH_SETTINGS_CORRUPT"
	WarnNewerSchema = "WATCH_SETTINGS_NEWER_SCHEMA"
)

const maxFileBytes = 1 << 20

// ErrUnsaved: the file could not be written (or there is no config dir); the settings still apply to this
// session.
var ErrUnsaved = errors.New("watch: settings not saved")

// Warning says watch.json could not be used and where its content went (never deleted).
type Warning struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params"` // path: where the content went
	MovedTo string            `json:"movedTo"`
	Detail  string            `json:"detail"` // English technical reason (the file holds no secret)
}

type fileData struct {
	SchemaVersion int                 `json:"schemaVersion"`
	Profiles      map[string]Settings `json:"profiles"`
}

// File is watch.json: each profile's Settings. Safe for concurrent use; "" keeps them in memory.
type File struct {
	mu      sync.Mutex
	path    string
	data    map[string]Settings
	warning *Warning
}

// OpenFile loads path. A missing file is empty; an unusable one (not JSON, a newer schema, invalid
// settings) is moved aside next to it, reported by Warning, and the file starts empty.
func OpenFile(path string, now func() time.Time) *File {
	f := &File{path: path, data: map[string]Settings{}}
	if path == "" {
		return f
	}
	b, err := readLimited(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f
	}
	data, problem, code := decodeFile(b, err)
	if problem == "" {
		f.data = data
		return f
	}
	target := path + ".corrupt-" + now().UTC().Format("20060102T150405.000000000Z")
	if err := os.Rename(path, target); err != nil {
		target = ""
		problem += "; move aside: " + err.Error()
	}
	f.warning = &Warning{Code: code, Params: map[string]string{"path": target}, MovedTo: target, Detail: problem}
	return f
}

func readLimited(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, maxFileBytes+1))
}

func decodeFile(b []byte, readErr error) (map[string]Settings, string, string) {
	if readErr != nil {
		return nil, "read: " + readErr.Error(), WarnCorrupt
	}
	if len(b) > maxFileBytes {
		return nil, "file too large", WarnCorrupt
	}
	var d fileData
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, "bad structure: " + err.Error(), WarnCorrupt
	}
	switch {
	case d.SchemaVersion > SchemaVersion:
		return nil, "newer schema", WarnNewerSchema
	case d.SchemaVersion < 1:
		return nil, "unknown schema version", WarnCorrupt
	}
	out := make(map[string]Settings, len(d.Profiles))
	for id, st := range d.Profiles {
		n, bad := Normalize(st)
		if bad != nil || id == "" {
			return nil, "invalid settings of a profile", WarnCorrupt
		}
		out[id] = n
	}
	return out, "", ""
}

// Warning is the problem found at load, nil when none.
func (f *File) Warning() *Warning { return f.warning }

// Path is where the settings are kept ("" in memory).
func (f *File) Path() string { return f.path }

// All returns every profile's settings.
func (f *File) All() map[string]Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]Settings, len(f.data))
	for id, st := range f.data {
		out[id] = st
	}
	return out
}

// Get returns profileID's settings, Defaults when none were saved.
func (f *File) Get(profileID string) Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	if st, ok := f.data[profileID]; ok {
		return st
	}
	return Defaults()
}

// Put saves profileID's settings (already normalized by the caller). The new settings are kept in memory
// also when the write fails (ErrUnsaved wraps why).
func (f *File) Put(profileID string, st Settings) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.data[profileID] = st
	return f.saveLocked()
}

// Forget drops profileID's settings (the profile was deleted).
func (f *File) Forget(profileID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.data[profileID]; !ok {
		return nil
	}
	delete(f.data, profileID)
	return f.saveLocked()
}

func (f *File) saveLocked() error {
	if f.path == "" {
		return nil
	}
	b, err := json.MarshalIndent(fileData{SchemaVersion: SchemaVersion, Profiles: f.data}, "", "  ")
	if err == nil {
		if err = os.MkdirAll(filepath.Dir(f.path), 0o700); err == nil {
			err = atomicfile.WriteFile(f.path, b)
		}
	}
	if err != nil {
		return errors.Join(ErrUnsaved, err)
	}
	return nil
}
