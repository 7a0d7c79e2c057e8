package desktop

import (
	"os"
	"runtime"
)

// WebviewTuning is what TuneWebview sets on Linux, each only when the admin has not set it: environment
// variables that WebKitGTK reads in the app (the UI process) and in the web process, which inherits the
// app's environment. Each one was measured by bench/desktop (idle PSS, first paint) on WebKitGTK 2.50.
var WebviewTuning = []struct{ Name, Value string }{
	// The page's JavaScript runs in JavaScriptCore's interpreter: the UI runs little script (forms and six
	// cards), so the JIT compilers bought nothing but their code and compiler pages, and no JIT is the
	// smaller attack surface for a page that shows text a checked site sent.
	{"JSC_useJIT", "false"},
	// The window shows a page composited in software (options.Linux.WebviewGpuPolicy is Never), so the
	// DMA-BUF renderer's GPU buffer path has nothing to carry; without it the UI process does not set up
	// its GBM/EGL buffers: about 6 MiB less idle PSS, first paint no slower. It is also the documented
	// workaround for blank WebKitGTK windows on some GPU drivers.
	{"WEBKIT_DISABLE_DMABUF_RENDERER", "1"},
}

// TuneWebview is called first thing in main, before Wails starts WebKit. Elsewhere than Linux (WebView2,
// WKWebView) the variables mean nothing, so nothing is set. An admin who set one keeps that value.
func TuneWebview() { tuneWebview(runtime.GOOS) }

func tuneWebview(goos string) {
	if goos != "linux" {
		return
	}
	for _, v := range WebviewTuning {
		if _, set := os.LookupEnv(v.Name); !set {
			_ = os.Setenv(v.Name, v.Value)
		}
	}
}
