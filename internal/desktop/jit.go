package desktop

import (
	"os"
	"runtime"
)

// JITEnv is the JavaScriptCore option that WebKitGTK's web process reads from the environment it inherits
// from the app.
const JITEnv = "JSC_useJIT"

// TuneWebview is called first thing in main, before Wails starts WebKit. On Linux it runs the page's
// JavaScript in JavaScriptCore's interpreter, without its JIT compilers: the UI runs little script (a
// Svelte form and five cards), so the JIT bought nothing but its code and compiler pages in the web process
// (bench/desktop: about 7 MiB of idle PSS, and first paint no slower), and no JIT is also the smaller attack
// surface for a page that shows text the checked site sent. An admin who set JSC_useJIT keeps that value.
// Elsewhere (WebView2, WKWebView) the variable means nothing, so nothing is set.
func TuneWebview() { tuneWebview(runtime.GOOS) }

func tuneWebview(goos string) {
	if goos != "linux" {
		return
	}
	if _, set := os.LookupEnv(JITEnv); !set {
		_ = os.Setenv(JITEnv, "false")
	}
}
