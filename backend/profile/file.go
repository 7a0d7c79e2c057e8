package profile

// Reading and writing profiles.json: decoding with validation, moving an unusable file aside, atomic writes.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"time"

	"siyana/backend/atomicfile"
	"siyana/backend/i18n"
)

func (s *Store) load() error {
	f, err := os.Open(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("profile: read %s: %w", s.Path(), err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxFileBytes+1)); err != nil {
		return fmt.Errorf("profile: read %s: %w", s.Path(), err)
	}
	data, problem, code := decode(buf.Bytes())
	if problem == "" {
		s.data = data
		return nil
	}
	f.Close() // Windows cannot rename an open file
	s.moveAside(buf.Bytes(), code, problem)
	return nil
}

// decode parses and validates the file; problem is a non-empty English reason when it cannot be used.
func decode(b []byte) (fileData, string, string) {
	if len(b) > maxFileBytes {
		return fileData{}, "file too large", WarnCorrupt
	}
	var probe struct {
		SchemaVersion int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return fileData{}, "not JSON: " + err.Error(), WarnCorrupt
	}
	if probe.SchemaVersion > SchemaVersion {
		return fileData{}, "newer schema", WarnNewerSchema
	}
	if probe.SchemaVersion < 1 {
		return fileData{}, "unknown schema version", WarnCorrupt
	}
	var d fileData
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return fileData{}, "bad structure: " + err.Error(), WarnCorrupt
	}
	if len(d.Profiles) > MaxProfiles {
		return fileData{}, "too many profiles", WarnCorrupt
	}
	seen := map[string]bool{}
	for i := range d.Profiles {
		p := &d.Profiles[i]
		if p.ID == "" || seen[p.ID] {
			return fileData{}, "missing or repeated profile id", WarnCorrupt
		}
		seen[p.ID] = true
		if err := p.ValidateAndSetDefaults(); err != nil {
			return fileData{}, "invalid profile: " + err.Error(), WarnCorrupt
		}
		if probe.SchemaVersion < 2 {
			p.migrateToV2()
		}
	}
	if d.Profiles == nil {
		d.Profiles = []Profile{}
	}
	if !seen[d.SelectedID] {
		d.SelectedID = "" // a dangling selection is harmless to drop: no data is lost
	}
	return d, "", ""
}

// moveAside keeps the unusable file's content under a new name so the store can start empty without losing
// it. If neither a rename nor a copy works, the store turns read-only: saving would overwrite the only copy.
func (s *Store) moveAside(content []byte, code, problem string) {
	target := s.Path() + ".corrupt-" + s.now().UTC().Format("20060102T150405.000000000Z")
	err := os.Rename(s.Path(), target)
	if err != nil {
		err = writeFileAtomic(target, content)
	}
	if err != nil {
		s.readOnly = true
		p := map[string]string{"path": s.Path()}
		s.warning = &LoadWarning{Code: WarnMoveFailed, Params: p, Message: i18n.Detail("settings", WarnMoveFailed, p),
			Detail: problem + "; move aside: " + err.Error()}
		return
	}
	p := map[string]string{"path": target}
	s.warning = &LoadWarning{Code: code, Params: p, Message: i18n.Detail("settings", code, p), MovedTo: target, Detail: problem}
}

// ensurePrivateDir creates dir 0700, and tightens an existing one that others can read (it lists which
// environments the admin manages).
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("profile: create config dir: %w", err)
	}
	if runtime.GOOS == "windows" {
		return nil // ACLs, not mode bits, protect the user profile there
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("profile: config dir: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("profile: restrict config dir: %w", err)
		}
	}
	return nil
}

// writeFileAtomic writes b to path atomically, owner-only (package atomicfile), as ErrWrite on failure.
func writeFileAtomic(path string, b []byte) error {
	if err := atomicfile.WriteFile(path, b); err != nil {
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return nil
}

func randomID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported OSes (Go 1.24 crashes instead); keep a unique fallback anyway.
		return fmt.Sprintf("%032x", time.Now().UnixNano())
	}
	return hex.EncodeToString(b[:])
}
