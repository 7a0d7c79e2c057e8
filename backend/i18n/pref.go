package i18n

import "siyana/backend/prefs"

// PrefFile is the name of the language setting under the config dir.
const PrefFile = "language.json"

// Codes of SetLanguage, besides OK.
const (
	CodeOK           = "OK"
	CodeInvalidInput = "INVALID_INPUT"       // not a language with a catalog; nothing changed
	CodeStoreFailed  = "SETTINGS_UNWRITABLE" // the setting could not be written; the language still changed for this session
)

// ErrUnknownLanguage refuses a language without a catalog.
var ErrUnknownLanguage = prefs.ErrUnknown

// Pref is the admin's language, kept in dir/language.json (backend/prefs: atomic, owner-only). A nil *Pref
// (or one opened without a config dir) answers Default and refuses to save. Safe for concurrent use.
type Pref struct{ c *prefs.Choice }

// OpenPref reads the setting; a missing, unreadable or unknown value means Default.
func OpenPref(dir string) *Pref { return &Pref{prefs.Open(dir, PrefFile, "language", Default, Known)} }

// Language is the current language.
func (p *Pref) Language() string {
	if p == nil {
		return Default
	}
	return p.c.Get()
}

// Set changes the language and writes it. An unknown language changes nothing (ErrUnknownLanguage).
func (p *Pref) Set(lang string) error {
	if p == nil {
		if !Known(lang) {
			return ErrUnknownLanguage
		}
		return prefs.ErrNoDir
	}
	return p.c.Set(lang)
}
