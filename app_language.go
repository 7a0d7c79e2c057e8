package main

import (
	"errors"

	"siyana/backend/i18n"
	"siyana/backend/prefs"
)

// LanguageResult is the answer of Language and SetLanguage.
type LanguageResult struct {
	OK        bool     `json:"ok"`
	Code      string   `json:"code"`      // OK, INVALID_INPUT (no such catalog) or SETTINGS_UNWRITABLE (not saved)
	Language  string   `json:"language"`  // the language in use now ("ar" or "en")
	Languages []string `json:"languages"` // every language with a catalog, the default first
	Message   string   `json:"message"`   // English detail for logs
}

// Language returns the admin's language (saved in the config dir; Arabic until changed).
func (a *App) Language() LanguageResult {
	return LanguageResult{OK: true, Code: i18n.CodeOK, Language: a.lang.Language(), Languages: i18n.Languages}
}

// SetLanguage switches the UI's (and the native dialogs') language and saves the choice.
func (a *App) SetLanguage(lang string) LanguageResult {
	code := prefCode(a.lang.Set(lang))
	a.window().SetTitle(a.word("common.windowTitle"))
	return audited(a, "language set", "", LanguageResult{OK: code == i18n.CodeOK, Code: code, Language: a.lang.Language(), Languages: i18n.Languages,
		Message: i18n.Detail("settings", code, nil)}, "language", a.lang.Language())
}

// WindowTitle is the window's title in the language saved under dir (the title Wails opens the window with).
func WindowTitle(dir string) string {
	return i18n.T(i18n.OpenPref(dir).Language(), "common.windowTitle", nil)
}

// word is a catalog text in the admin's language, for what Go hands to the OS itself (native dialogs).
func (a *App) word(key string) string { return i18n.T(a.lang.Language(), key, nil) }

// prefCode is the code of a preference's Set (the language, the theme): a refused value changed nothing, a
// failed write changed it for this session only.
func prefCode(err error) string {
	switch {
	case err == nil:
		return i18n.CodeOK
	case errors.Is(err, prefs.ErrUnknown):
		return i18n.CodeInvalidInput
	default:
		return i18n.CodeStoreFailed
	}
}
