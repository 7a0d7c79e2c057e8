package desktop

import (
	"os"
	"testing"
)

func unsetTuning(t *testing.T) {
	for _, v := range WebviewTuning {
		t.Setenv(v.Name, "")
		os.Unsetenv(v.Name)
	}
}

func TestTuneWebviewSetsItsVariablesOnLinuxOnly(t *testing.T) {
	unsetTuning(t)
	tuneWebview("windows")
	for _, v := range WebviewTuning {
		if got, set := os.LookupEnv(v.Name); set {
			t.Fatalf("windows: %s=%q set", v.Name, got)
		}
	}
	tuneWebview("linux")
	for _, v := range WebviewTuning {
		if got := os.Getenv(v.Name); got != v.Value {
			t.Fatalf("linux: %s=%q, want %q", v.Name, got, v.Value)
		}
	}
	if len(WebviewTuning) < 2 {
		t.Fatalf("tuning table shrank: %v", WebviewTuning)
	}
}

// A value the admin set (to turn the JIT or the DMA-BUF renderer back on, say) is kept.
func TestTuneWebviewKeepsTheAdminsValue(t *testing.T) {
	unsetTuning(t)
	t.Setenv("JSC_useJIT", "true")
	t.Setenv("WEBKIT_DISABLE_DMABUF_RENDERER", "0")
	tuneWebview("linux")
	if v := os.Getenv("JSC_useJIT"); v != "true" {
		t.Fatalf("JSC_useJIT=%q, want the admin's true", v)
	}
	if v := os.Getenv("WEBKIT_DISABLE_DMABUF_RENDERER"); v != "0" {
		t.Fatalf("WEBKIT_DISABLE_DMABUF_RENDERER=%q, want the admin's 0", v)
	}
}
