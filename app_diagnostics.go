package main

import (
	"context"
	"errors"
	"os"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/check"
	"siyana/backend/diagnostics"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
)

// Codes of the diagnostics export, besides check.CodeOK, check.CodeCanceled (save dialog closed) and the
// keychain's codes (KEYCHAIN_LOCKED, KEYCHAIN_UNAVAILABLE, KEYCHAIN_TIMEOUT, ...: the profile's secrets
// could not be read, so the bundle could not be scrubbed of them and nothing was built).
const (
	CodeDiagProfile   = "PROFILE_NOT_FOUND" // as settings.CodeProfileNotFound
	CodeDiagDialog    = "DIALOG_FAILED"     // the save dialog could not be shown
	CodeDiagWrite     = "WRITE_FAILED"      // the chosen file could not be written
	CodeDiagClipboard = "CLIPBOARD_FAILED"  // the clipboard refused the text
)

// DiagnosticsResult is the answer of PreviewDiagnostics, SaveDiagnostics and CopyDiagnostics.
type DiagnosticsResult struct {
	OK         bool                    `json:"ok"`         // the bundle was built (and saved / copied)
	Code       string                  `json:"code"`       // OK, one of the CodeDiag* / CANCELED / KEYCHAIN_* codes
	Message    string                  `json:"message"`    // English detail for logs; the UI renders Code + Params
	Params     map[string]string       `json:"params"`     // reason (which sentence), when the code alone does not say it
	JSON       string                  `json:"json"`       // the bundle exactly as saved (scrubbed; never a secret)
	Redactions []diagnostics.Redaction `json:"redactions"` // what the scrubber removed and where, never the value
	Path       string                  `json:"path"`       // SaveDiagnostics: the file written
	CheckedAt  time.Time               `json:"checkedAt"`
	DurationMs float64                 `json:"durationMs"`
}

// PreviewDiagnostics builds diagnostics.json for the profile and returns it with the list of redactions,
// so the user sees exactly what would be shared before saving it.
func (a *App) PreviewDiagnostics(profileID string) DiagnosticsResult {
	start := time.Now()
	res, _ := a.diagnosticsBundle(profileID)
	return diagDone(res, start)
}

// SaveDiagnostics builds the bundle and writes it where the native save dialog says (default name
// diagnostics.json), owner-only. Closing the dialog returns CANCELED.
func (a *App) SaveDiagnostics(profileID string) DiagnosticsResult {
	start := time.Now()
	res, body := a.diagnosticsBundle(profileID)
	if !res.OK {
		return diagDone(res, start)
	}
	path, err := a.rt.SaveFile(a.ctx, a.word("diagnostics.dialogTitle"), diagnostics.FileName,
		[]platform.FileFilter{{DisplayName: "JSON (*.json)", Pattern: "*.json"}})
	switch {
	case err != nil:
		return diagDone(diagFail(res, CodeDiagDialog, nil), start)
	case path == "":
		return diagDone(diagFail(res, check.CodeCanceled, nil), start)
	}
	if err := writePrivate(path, body); err != nil {
		a.logger().Error("diagnostics not saved", "err", err)
		return diagDone(diagFail(res, CodeDiagWrite, nil), start)
	}
	a.logger().Info("diagnostics saved", "profile", profileID, "path", path, "redactions", len(res.Redactions))
	res.Path = path
	res = diagSay(res, i18n.Params{"reason": "saved"})
	return diagDone(res, start)
}

// CopyDiagnostics puts the bundle on the clipboard, for pasting into a support message.
func (a *App) CopyDiagnostics(profileID string) DiagnosticsResult {
	start := time.Now()
	res, body := a.diagnosticsBundle(profileID)
	if !res.OK {
		return diagDone(res, start)
	}
	if err := a.rt.SetClipboard(a.ctx, string(body)); err != nil {
		return diagDone(diagFail(res, CodeDiagClipboard, nil), start)
	}
	res = diagSay(res, i18n.Params{"reason": "copied"})
	return diagDone(res, start)
}

// diagnosticsBundle collects the inputs (profile, keychain status, history, revalidation log) and builds the
// bundle. It fails closed: the profile's secrets are read first (which teaches the redactor every one of
// them), and when the keychain cannot give them nothing is built, so nothing can be saved or copied.
func (a *App) diagnosticsBundle(profileID string) (DiagnosticsResult, []byte) {
	res := DiagnosticsResult{Redactions: []diagnostics.Redaction{}}
	if a.settings == nil {
		o := a.unavailable()
		res.Code, res.Message = o.Code, o.Message
		return res, nil
	}
	p, err := a.profiles.Get(profileID)
	if err != nil {
		res.Code = CodeDiagProfile
		res = diagSay(res, nil)
		return res, nil
	}
	ctx, cancel := context.WithTimeout(a.ctx, check.DefaultTimeout)
	defer cancel()
	if err := a.settings.ReadSecrets(ctx, profileID); err != nil {
		res.Code = secrets.CodeOf(err)
		res = diagSay(res, i18n.Params{"reason": "secretsUnreadable"})
		return res, nil
	}
	st := a.settings.SecretStatus(ctx, profileID)
	kc := diagnostics.Keychain{OK: st.OK, Code: st.Code, Source: st.Source}
	if !st.OK {
		kc.Message = st.Message
	}
	runs, next := a.revalidationHistory(profileID)
	b := diagnostics.Build(diagnostics.Input{
		Now:   time.Now(),
		Build: buildinfo.Get(),
		Wails: diagnostics.ModuleVersion("github.com/wailsapp/wails/v2"), Webview: webviewVersion(),
		Profile: p, Saved: st.Saved, Keychain: kc,
		Checks: a.history.All(profileID), Runs: runs, NextVersion: next,
		Scrubber: a.redact.Scrubber(),
	})
	body, err := diagnostics.Encode(b)
	if err != nil {
		res.Code = check.CodeInternal
		res = diagSay(res, nil)
		return res, nil
	}
	res.OK, res.Code = true, check.CodeOK
	res = diagSay(res, i18n.Params{"reason": "ready"})
	res.JSON, res.Redactions = string(body), b.Redactions
	return res, body
}

func diagFail(res DiagnosticsResult, code string, p i18n.Params) DiagnosticsResult {
	res.OK, res.Code = false, code
	return diagSay(res, p)
}

// diagSay sets the params and the English detail of res (diagnostics.msg.<code> / diagnostics.why.<reason>).
func diagSay(res DiagnosticsResult, p i18n.Params) DiagnosticsResult {
	res.Params, res.Message = p, i18n.Detail("diagnostics", res.Code, p)
	return res
}

func diagDone(res DiagnosticsResult, start time.Time) DiagnosticsResult {
	res.CheckedAt = time.Now()
	res.DurationMs = check.Ms(res.CheckedAt.Sub(start))
	return res
}

// writePrivate writes body to path readable by the owner only, also when the file already existed with
// wider permissions (WriteFile alone would keep them).
func writePrivate(path string, body []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(body)
	return errors.Join(werr, f.Chmod(0o600), f.Close())
}

// revalidationHistory is the last runs (newest first) and the last Next.js version the route reported.
func (a *App) revalidationHistory(profileID string) ([]revalidate.LogEntry, string) {
	if a.reval == nil {
		return nil, ""
	}
	return a.reval.Last(profileID, diagnostics.MaxRuns).Entries, a.reval.LastNextVersion(profileID)
}
