//go:build windows

package desktop

import "github.com/wailsapp/go-webview2/webviewloader"

// WebviewVersion is the installed WebView2 runtime's version ("" when none is found).
func WebviewVersion() string {
	v, err := webviewloader.GetAvailableCoreWebView2BrowserVersionString("")
	if err != nil || v == "" {
		return ""
	}
	return "WebView2 " + v
}
