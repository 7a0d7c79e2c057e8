package main

import (
	"time"

	"siyana/backend/atomicfile"
	"siyana/backend/check"
	"siyana/backend/diagnostics"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/internal/desktop"
)

// Codes of the diagnostics export, besides check.CodeOK, check.CodeCanceled (save dialog closed) and the
// keychain's codes (KEYCHAIN_LOCKED, KEYCHAIN_UNAVAILABLE, KEYCHAIN_TIMEOUT, ...: the profile's secrets
// could not be read, so the bundle could not be scrubbed of them and nothing was built).
const (
	CodeDiagDialog    = "DIALOG_FAILED"    // the save dialog could not be shown
	CodeDiagWrite     = "WRITE_FAILED"     // the chosen file could not be written
	CodeDiagClipboard = "CLIPBOARD_FAILED" // the clipboard refused the text
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
	CheckedAt  time.Time               `json:"checkedAt" ts_type:"string"`
	DurationMs float64                 `json:"durationMs"`
}

// PreviewDiagnostics builds diagnostics.json for the profile and returns it with the list of redactions,
// so the user sees exactly what would be shared before saving it.
func (a *App) PreviewDiagnostics(profileID string) DiagnosticsResult {
	return a.withDiagnostics(profileID, func(res DiagnosticsResult, _ []byte) DiagnosticsResult { return res })
}

// SaveDiagnostics builds the bundle and writes it where the native save dialog says (default name
// diagnostics.json), owner-only. Closing the dialog returns CANCELED.
func (a *App) SaveDiagnostics(profileID string) DiagnosticsResult {
	return a.withDiagnostics(profileID, func(res DiagnosticsResult, body []byte) DiagnosticsResult {
		path, err := a.rt.SaveFile(a.ctx, a.word("diagnostics.dialogTitle"), diagnostics.FileName,
			[]platform.FileFilter{{DisplayName: "JSON (*.json)", Pattern: "*.json"}})
		switch {
		case err != nil:
			return diagFail(res, CodeDiagDialog, nil)
		case path == "":
			return diagFail(res, check.CodeCanceled, nil)
		}
		// Owner-only, also over an existing file with wider permissions (a fresh file renamed over it).
		if err := atomicfile.WriteFile(path, body); err != nil {
			a.log.Error("diagnostics not saved", "err", err)
			return diagFail(res, CodeDiagWrite, nil)
		}
		a.log.Info("diagnostics saved", "profile", profileID, "path", path, "redactions", len(res.Redactions))
		res.Path = path
		return diagSay(res, i18n.Params{"reason": "saved"})
	})
}

// CopyDiagnostics puts the bundle on the clipboard, for pasting into a support message.
func (a *App) CopyDiagnostics(profileID string) DiagnosticsResult {
	return a.withDiagnostics(profileID, func(res DiagnosticsResult, body []byte) DiagnosticsResult {
		if err := a.rt.SetClipboard(a.ctx, string(body)); err != nil {
			return diagFail(res, CodeDiagClipboard, nil)
		}
		return diagSay(res, i18n.Params{"reason": "copied"})
	})
}

// withDiagnostics builds the bundle and, when it was built, hands it to deliver; the answer is timed.
func (a *App) withDiagnostics(profileID string, deliver func(DiagnosticsResult, []byte) DiagnosticsResult) DiagnosticsResult {
	start := time.Now()
	res, body := a.diagnosticsBundle(profileID)
	if res.OK {
		res = deliver(res, body)
	}
	res.CheckedAt = time.Now()
	res.DurationMs = check.Ms(res.CheckedAt.Sub(start))
	return res
}

// diagnosticsBundle builds the bundle (runner.Diagnostics: fails closed when the keychain cannot give the
// profile's secrets, so nothing can be saved or copied).
func (a *App) diagnosticsBundle(profileID string) (DiagnosticsResult, []byte) {
	b := a.run().Diagnostics(a.ctx, profileID, a.history, desktop.WebviewVersion())
	res := DiagnosticsResult{OK: b.OK, Code: b.Code, Message: b.Message, Params: b.Params, Redactions: b.Redactions}
	if b.Message == "" { // a stop reason of the profile store keeps its own detail
		res = diagSay(res, b.Params)
	}
	if b.OK {
		res.JSON = string(b.Body)
	}
	return res, b.Body
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
