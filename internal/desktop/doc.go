// Package desktop is the glue between the app and its window: the Wails implementation of the runtime seam
// (backend/platform), the dev build's guarded bridge and file-backed dialogs, the webview's
// Content-Security-Policy header and the webview version for diagnostics. It is the only package besides
// main that imports Wails; every backend package stays free of it, so cmd/siyanactl can reuse them all.
package desktop
