//go:build !windows && !(linux && cgo && (dev || desktop))

package desktop

// WebviewVersion is unknown here: macOS's WKWebView follows the OS version (in the bundle's runtime.os),
// and test builds without the desktop tags link no webview at all.
func WebviewVersion() string { return "" }
