package desktop

import (
	"os"
	"testing"
)

func TestTuneWebviewTurnsTheJITOffOnLinuxOnly(t *testing.T) {
	t.Setenv(JITEnv, "")
	os.Unsetenv(JITEnv)
	tuneWebview("windows")
	if v, set := os.LookupEnv(JITEnv); set {
		t.Fatalf("windows: %s=%q set", JITEnv, v)
	}
	tuneWebview("linux")
	if v := os.Getenv(JITEnv); v != "false" {
		t.Fatalf("linux: %s=%q, want false", JITEnv, v)
	}
}

// A value the admin set (to turn the JIT back on, say) is kept.
func TestTuneWebviewKeepsTheAdminsValue(t *testing.T) {
	t.Setenv(JITEnv, "true")
	tuneWebview("linux")
	if v := os.Getenv(JITEnv); v != "true" {
		t.Fatalf("%s=%q, want the admin's true", JITEnv, v)
	}
}
