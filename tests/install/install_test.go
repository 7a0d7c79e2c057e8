// Package install tests the .deb as an admin meets it: `apt-get install ./siyana_….deb` on this machine,
// /usr/bin/siyana opening its window under Xvfb, the desktop file and the AppStream metainfo valid, and
// `apt-get remove --purge` leaving nothing of the package behind but the user's own config.
//
// scripts/test.sh builds the package (make dist-linux) and runs this with SIYANA_DEB set; it needs root
// (or password-less sudo), an X display and a session bus.
package install

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"siyana/tests/xwindow"
)

const (
	pkg         = "siyana"
	desktopFile = "/usr/share/applications/app.siyana.Siyana.desktop"
	metainfo    = "/usr/share/metainfo/app.siyana.Siyana.metainfo.xml"
	windowTitle = "صيانة — Siyana" // main.go's Title
	wmClass     = "siyana"         // main.go's Linux ProgramName, the desktop file's StartupWMClass
)

// sudo is "" as root, "sudo" with password-less sudo; ok is false when neither.
func sudo() (prefix []string, ok bool) {
	if os.Geteuid() == 0 {
		return nil, true
	}
	if exec.Command("sudo", "-n", "true").Run() == nil {
		return []string{"sudo", "-n", "DEBIAN_FRONTEND=noninteractive"}, true
	}
	return nil, false
}

func requireDeb(t *testing.T) (deb string, asRoot []string) {
	t.Helper()
	deb = os.Getenv("SIYANA_DEB")
	prefix, root := sudo()
	missing := ""
	switch {
	case deb == "":
		missing = "SIYANA_DEB (the .deb from make dist-linux)"
	case os.Getenv("DISPLAY") == "":
		missing = "an X display"
	case !root:
		missing = "root or password-less sudo"
	}
	if missing != "" {
		if os.Getenv("SIYANA_REQUIRE_INSTALL") != "" {
			t.Fatalf("the install test needs %s", missing)
		}
		t.Skipf("needs %s; scripts/test.sh runs it", missing)
	}
	abs, err := filepath.Abs(deb)
	if err != nil {
		t.Fatal(err)
	}
	return abs, prefix
}

func run(t *testing.T, prefix []string, name string, args ...string) string {
	t.Helper()
	argv := append(append([]string{}, prefix...), append([]string{name}, args...)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
	return string(out)
}

func installed() bool {
	out, err := exec.Command("dpkg-query", "-W", "-f=${db:Status-Status}", pkg).Output()
	return err == nil && strings.TrimSpace(string(out)) == "installed"
}

func TestDebInstallRunRemove(t *testing.T) {
	deb, root := requireDeb(t)
	if installed() {
		t.Fatalf("%s is already installed on this machine: the test would remove it; remove it first", pkg)
	}
	t.Cleanup(func() {
		if installed() { // a failure midway must not leave the package on the machine
			argv := append(append([]string{}, root...), "apt-get", "remove", "--purge", "-y", "-qq", pkg)
			_ = exec.Command(argv[0], argv[1:]...).Run()
		}
	})

	start := time.Now()
	run(t, root, "apt-get", "install", "-y", "-qq", "--no-install-recommends", deb)
	t.Logf("apt-get install: %v", time.Since(start).Round(time.Millisecond))
	if !installed() {
		t.Fatal("apt-get install succeeded but the package is not installed")
	}

	// What dpkg put on disk, to check after the purge.
	var files, dirs []string
	for _, p := range strings.Split(strings.TrimSpace(run(t, nil, "dpkg", "-L", pkg)), "\n") {
		if p == "/." || p == "" {
			continue
		}
		if st, err := os.Lstat(p); err == nil && st.IsDir() {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
	}
	want := []string{"/usr/bin/siyana", desktopFile, metainfo, "/usr/share/doc/siyana/copyright"}
	for _, n := range []int{16, 24, 32, 48, 64, 128, 256, 512} {
		want = append(want, "/usr/share/icons/hicolor/"+strconv.Itoa(n)+"x"+strconv.Itoa(n)+"/apps/siyana.png")
	}
	for _, w := range want {
		if !contains(files, w) {
			t.Errorf("the package does not install %s", w)
		}
	}
	if st, err := os.Stat("/usr/bin/siyana"); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("/usr/bin/siyana: %v %v", st, err)
	}
	depends := run(t, nil, "dpkg-query", "-W", "-f=${Depends}", pkg)
	for _, d := range []string{"libwebkit2gtk-4.1-0", "libgtk-3-0"} {
		if !strings.Contains(depends, d) {
			t.Errorf("Depends %q lacks %s", depends, d)
		}
	}
	if v := run(t, nil, "dpkg-query", "-W", "-f=${Version}", pkg); !strings.Contains(filepath.Base(deb), "_"+v+"_") {
		t.Errorf("installed version %q is not the one in the file name %s", v, filepath.Base(deb))
	}

	t.Run("desktop file and metainfo validate", func(t *testing.T) {
		if out, err := exec.Command("desktop-file-validate", desktopFile).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("desktop-file-validate: %v\n%s", err, out)
		}
		if out, err := exec.Command("appstreamcli", "validate", "--no-net", "--explain", metainfo).CombinedOutput(); err != nil {
			t.Errorf("appstreamcli validate: %v\n%s", err, out)
		} else {
			t.Logf("appstreamcli: %s", strings.TrimSpace(lastLine(string(out))))
		}
		desktop, _ := os.ReadFile(desktopFile)
		for _, line := range []string{"Exec=siyana", "Icon=siyana", "StartupWMClass=" + wmClass} {
			if !bytes.Contains(desktop, []byte("\n"+line+"\n")) {
				t.Errorf("%s lacks %s", desktopFile, line)
			}
		}
	})

	home := t.TempDir()
	config := filepath.Join(home, "config")
	t.Run("the installed binary opens its window", func(t *testing.T) {
		cmd := xwindow.Start(t, []string{"HOME=" + home, "SIYANA_CONFIG_DIR=" + config,
			"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
			"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share")}, "/usr/bin/siyana")
		id := waitWindow(t, cmd.Process.Pid, 30*time.Second)
		shot, colours, ink := xwindow.WaitRendered(t, id, 30*time.Second)
		out := os.Getenv("SIYANA_INSTALL_SCREENSHOT_OUT")
		if out == "" {
			out = filepath.Join(t.TempDir(), "installed.png")
		}
		_ = os.WriteFile(out, shot, 0o644)
		w, h := xwindow.ImageSize(shot)
		t.Logf("window %s %dx%d: %d colours, %.1f%% ink (%s)", id, w, h, colours, ink*100, out)
		if !xwindow.Rendered(colours, ink) || w < 700 || h < 500 {
			t.Fatalf("the window of /usr/bin/siyana looks blank or small: %dx%d, %d colours, %.2f%% ink", w, h, colours, ink*100)
		}
		xwindow.Stop(cmd)
		if entries, err := os.ReadDir(config); err != nil || len(entries) == 0 {
			t.Fatalf("the app wrote nothing into its config dir %s (%v): the check below would prove nothing", config, err)
		}
	})

	start = time.Now()
	run(t, root, "apt-get", "remove", "--purge", "-y", "-qq", pkg)
	t.Logf("apt-get remove --purge: %v", time.Since(start).Round(time.Millisecond))
	if installed() {
		t.Fatal("still installed after apt-get remove --purge")
	}
	if out, _ := exec.Command("dpkg-query", "-W", "-f=${db:Status-Abbrev}", pkg).Output(); len(bytes.TrimSpace(out)) > 0 &&
		!strings.HasPrefix(string(out), "un") {
		t.Errorf("dpkg still knows the package: %q", out)
	}
	for _, f := range files {
		if _, err := os.Lstat(f); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("left behind: %s (%v)", f, err)
		}
	}
	for _, d := range dirs {
		// Shared directories (/usr/share/icons/hicolor/…) stay when other packages use them; the
		// package's own are gone.
		if strings.Contains(d, "siyana") {
			if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("left behind: %s/", d)
			}
		}
	}
	if entries, err := os.ReadDir(config); err != nil || len(entries) == 0 {
		t.Errorf("the purge touched the user's config %s: %v", config, err)
	}
}

// waitWindow finds the visible top-level window of process pid titled windowTitle whose WM_CLASS name is
// the desktop file's StartupWMClass (so the menu entry and the window are one app to the desktop).
func waitWindow(t *testing.T, pid int, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		// One pattern, matched against the WM_CLASS name (xdotool: case-insensitive), and the pid.
		out, _ := exec.Command("xdotool", "search", "--all", "--onlyvisible", "--pid", strconv.Itoa(pid),
			"--classname", "^"+wmClass+"$").Output()
		for _, id := range strings.Fields(string(out)) {
			name, err := exec.Command("xdotool", "getwindowname", id).Output()
			if err == nil && strings.TrimSpace(string(name)) == windowTitle {
				return id
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no visible window %q (class name %q) of pid %d after %v", windowTitle, wmClass, pid, timeout)
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
