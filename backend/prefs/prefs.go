// Package prefs keeps one small choice of the admin's (the language, the theme) in a JSON file under the
// config dir: one value of a known set, a default otherwise. Written atomically and owner-only; a missing,
// unreadable or unknown value reads as the default. The UI's preferences all go through it, so each is
// stored, read back and refused the same way.
package prefs

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"siyana/backend/atomicfile"
)

// ErrUnknown refuses a value outside the known set; nothing changes.
var ErrUnknown = errors.New("prefs: not a known value")

// ErrNoDir refuses a change without a config dir (nothing could be kept).
var ErrNoDir = errors.New("prefs: no config dir")

// Choice is one preference: {"<key>": "<value>"} in dir/<file>. Safe for concurrent use.
type Choice struct {
	path  string
	key   string
	known func(string) bool
	mu    sync.Mutex
	value string
}

// Open reads the preference from dir/file ("" dir: nothing is read or saved). def is the value until a known
// one is saved; known says which values are allowed.
func Open(dir, file, key, def string, known func(string) bool) *Choice {
	c := &Choice{key: key, known: known, value: def}
	if dir == "" {
		return c
	}
	c.path = filepath.Join(dir, file)
	if b, err := os.ReadFile(c.path); err == nil {
		var f map[string]any
		if json.Unmarshal(b, &f) == nil {
			if v, ok := f[key].(string); ok && known(v) {
				c.value = v
			}
		}
	}
	return c
}

// Get is the current value.
func (c *Choice) Get() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value
}

// Set changes the value and writes it. ErrUnknown and ErrNoDir change nothing; after a failed write the value
// holds for this session only.
func (c *Choice) Set(v string) error {
	if !c.known(v) {
		return ErrUnknown
	}
	if c.path == "" {
		return ErrNoDir
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.value = v
	b, _ := json.Marshal(map[string]string{c.key: v})
	return atomicfile.WriteFile(c.path, append(b, '\n'))
}
