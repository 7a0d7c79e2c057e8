package i18n

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"siyana/backend/atomicfile"
)

// PrefFile is the name of the language setting under the config dir.
const PrefFile = "language.json"

// Codes of SetLanguage, besides OK.
const (
	CodeOK           = "OK"
	CodeInvalidInput = "INVALID_INPUT"       // not a language with a catalog; nothing changed
	CodeStoreFailed  = "SETTINGS_UNWRITABLE" // the setting could not be written; the language still changed for this session
)

// ErrUnknownLanguage refuses a language without a catalog.
var ErrUnknownLanguage = errors.New("i18n: unknown language")

// Pref is the admin's language, kept in dir/language.json (atomic, owner-only). A nil *Pref (no config dir)
// answers Default and refuses to save. Safe for concurrent use.
type Pref struct {
	path string
	mu   sync.Mutex
	lang string
}

type prefFile struct {
	Language string `json:"language"`
}

// OpenPref reads the setting; a missing, unreadable or unknown value means Default.
func OpenPref(dir string) *Pref {
	p := &Pref{lang: Default}
	if dir == "" { // no config dir: Arabic, and nothing is saved
		return p
	}
	p.path = filepath.Join(dir, PrefFile)
	if b, err := os.ReadFile(p.path); err == nil {
		var f prefFile
		if json.Unmarshal(b, &f) == nil && Known(f.Language) {
			p.lang = f.Language
		}
	}
	return p
}

// Language is the current language.
func (p *Pref) Language() string {
	if p == nil {
		return Default
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lang
}

// Set changes the language and writes it. An unknown language changes nothing (ErrUnknownLanguage).
func (p *Pref) Set(lang string) error {
	if !Known(lang) {
		return ErrUnknownLanguage
	}
	if p == nil || p.path == "" {
		return errors.New("i18n: no config dir")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lang = lang
	b, _ := json.Marshal(prefFile{Language: lang})
	return atomicfile.WriteFile(p.path, append(b, '\n'))
}
