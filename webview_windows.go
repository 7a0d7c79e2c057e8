//go:build windows

package main

import "github.com/wailsapp/go-webview2/webviewloader"

// webviewVersion is the installed WebView2 runtime's version ("" when none is found).
func webviewVersion() string {
	v, err := webviewloader.GetAvailableCoreWebView2BrowserVersionString("")
	if err != nil || v == "" {
		return ""
	}
	return "WebView2 " + v
}
