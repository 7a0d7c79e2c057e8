package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNSISUnderWine installs the NSIS installer silently under Debian's wine64 (a throwaway prefix that
// reports Windows 10), checks the installed exe is the release's, the shortcuts and the uninstall entry
// with the stamped version, then uninstalls silently and checks all of it is gone. `make test-windows`
// runs it (SIYANA_WINE_TEST=1, under Xvfb); the app itself cannot run there (no WebView2 under Wine).
func TestNSISUnderWine(t *testing.T) {
	if os.Getenv("SIYANA_WINE_TEST") == "" {
		t.Skip("set SIYANA_WINE_TEST=1 (make test-windows)")
	}
	wine, err := exec.LookPath("wine64")
	if err != nil {
		wine = "/usr/lib/wine/wine64"
	}
	if _, err := os.Stat(wine); err != nil || os.Getenv("DISPLAY") == "" {
		t.Fatalf("needs Debian's wine64 (%v) and an X display", err)
	}
	dir, installers := windowsInstallers()
	if len(installers) != 1 {
		t.Fatalf("want one Windows installer in %s, found %d: run make dist-windows", dir, len(installers))
	}
	installer, _ := filepath.Abs(installers[0])
	info, err := CheckPE(installer, "0.0.0.0", productName(t))
	if info == nil {
		t.Fatal(err)
	}
	exe := unzipExe(t, strings.TrimSuffix(installer, "-installer.exe")+".zip")

	prefix := t.TempDir()
	env := append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
	server := filepath.Join(filepath.Dir(wine), "wineserver")
	wineRun := func(timeout time.Duration, args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, wine, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() {
		kill := exec.Command(server, "-k")
		kill.Env = env
		_ = kill.Run()
	})

	start := time.Now()
	if out, err := wineRun(2*time.Minute, "wineboot", "--init"); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	// The installer's architecture check wants Windows 10; Wine 8 reports 7 by default. The WebView2 key
	// tells it the runtime is there (its bootstrapper would try the network).
	_, _ = wineRun(time.Minute, "winecfg", "/v", "win10")
	_, _ = wineRun(time.Minute, "reg", "add", `HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}`,
		"/v", "pv", "/t", "REG_SZ", "/d", "120.0.0.0", "/f")
	t.Logf("wine prefix ready in %v", time.Since(start).Round(time.Millisecond))

	product := productName(t)
	installDir := filepath.Join(prefix, "drive_c", "Program Files", "Siyana", product)
	shortcuts := []string{
		filepath.Join(prefix, "drive_c", "users", "Public", "Desktop", product+".lnk"),
		filepath.Join(prefix, "drive_c", "ProgramData", "Microsoft", "Windows", "Start Menu", "Programs", product+".lnk"),
	}
	uninstKey := `HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Siyana` + product

	start = time.Now()
	if out, err := wineRun(3*time.Minute, installer, "/S"); err != nil {
		t.Fatalf("silent install: %v\n%s", err, out)
	}
	t.Logf("silent install in %v", time.Since(start).Round(time.Millisecond))
	installed, err := os.ReadFile(filepath.Join(installDir, "siyana.exe"))
	if err != nil {
		t.Fatalf("no siyana.exe in %s: %v", installDir, err)
	}
	release, _ := os.ReadFile(exe)
	if sha256.Sum256(installed) != sha256.Sum256(release) {
		t.Fatal("the installed siyana.exe is not the one in the portable zip")
	}
	for _, f := range append(shortcuts, filepath.Join(installDir, "uninstall.exe")) {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("not installed: %s", f)
		}
	}
	out, err := wineRun(time.Minute, "reg", "query", uninstKey, "/v", "DisplayVersion")
	if err != nil || !strings.Contains(out, info.FileVersion) {
		t.Errorf("uninstall entry: %v\n%s", err, out)
	}

	start = time.Now()
	if out, err := wineRun(3*time.Minute, filepath.Join(installDir, "uninstall.exe"), "/S"); err != nil {
		t.Fatalf("silent uninstall: %v\n%s", err, out)
	}
	// NSIS runs the uninstaller from a temporary copy and returns at once: wait for the files to go.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(installDir); os.IsNotExist(err) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Logf("silent uninstall in %v", time.Since(start).Round(time.Millisecond))
	for _, f := range append(shortcuts, installDir, filepath.Dir(installDir)) {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("left behind after uninstall: %s", f)
		}
	}
	if out, err := wineRun(time.Minute, "reg", "query", uninstKey); err == nil && bytes.Contains([]byte(out), []byte("DisplayVersion")) {
		t.Errorf("the uninstall entry is still there:\n%s", out)
	}
}
