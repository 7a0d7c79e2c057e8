package main

import (
	"archive/zip"
	"bytes"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

func TestDerive(t *testing.T) {
	scenarios := []struct {
		describe             string
		commits              int
		numeric, deb, semver string
		tagged               bool
	}{
		{"v1.2.3", 40, "1.2.3.0", "1.2.3", "1.2.3", true},
		{"1.2.3", 40, "1.2.3.0", "1.2.3", "1.2.3", true},
		{"v1.2.3-4-gabc1234", 44, "1.2.3.4", "1.2.3+git4.abc1234", "1.2.3", true},
		{"v1.2.3-4-gabc1234-dirty", 44, "1.2.3.4", "1.2.3+git4.abc1234.dirty", "1.2.3", true},
		{"v1.2.3-dirty", 40, "1.2.3.0", "1.2.3+dirty", "1.2.3", true},
		{"v2.0.0-rc.1", 50, "2.0.0.0", "2.0.0~rc.1", "2.0.0-rc.1", true},
		{"v2.0.0-rc.1-3-g0123abcd", 53, "2.0.0.3", "2.0.0~rc.1+git3.0123abcd", "2.0.0-rc.1", true},
		{"b882130", 96, "0.1.0.96", "0.1.0~git96.b882130", "0.1.0-dev", false},
		{"b882130-dirty", 96, "0.1.0.96", "0.1.0~git96.b882130.dirty", "0.1.0-dev", false},
	}
	for _, sc := range scenarios {
		v, err := Derive(sc.describe, sc.commits)
		if err != nil || v.Numeric != sc.numeric || v.Deb != sc.deb || v.Semver != sc.semver || v.Tagged != sc.tagged {
			t.Errorf("%q: %+v %v", sc.describe, v, err)
		}
	}
	for _, bad := range []string{"", "x", "v1.2", "v1.2.3.4", "v70000.0.0", "v1.2.3-70000-gabc1234", "v1.2.3; rm -rf /", "$(id)", "v1.2.3-rc 1"} {
		if v, err := Derive(bad, 1); err == nil {
			t.Errorf("%q accepted: %+v", bad, v)
		}
	}
	if _, err := Derive("b882130", 70000); err == nil {
		t.Error("a commit count past 65535 accepted")
	}
}

// Debian must order the versions as releases go: pre-release < release < commits after it.
func TestDebVersionsSort(t *testing.T) {
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("no dpkg")
	}
	want := []string{"0.1.0~git96.b882130", "0.1.0~rc.1", "0.1.0", "0.1.0+git2.def5678", "1.0.0~rc.1", "1.0.0"}
	var got []string
	for _, d := range []string{"b882130", "v0.1.0-rc.1", "v0.1.0", "v0.1.0-2-gdef5678", "v1.0.0-rc.1", "v1.0.0"} {
		v, err := Derive(d, 96)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.Deb)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("%v", got)
	}
	for i := 1; i < len(got); i++ {
		if err := exec.Command("dpkg", "--compare-versions", got[i-1], "lt", got[i]).Run(); err != nil {
			t.Errorf("dpkg does not sort %s before %s", got[i-1], got[i])
		}
	}
}

func TestWriteIcons(t *testing.T) {
	out := t.TempDir()
	if err := WriteIcons("../../build/appicon.png", out); err != nil {
		t.Fatal(err)
	}
	for _, n := range HicolorSizes {
		f, err := os.Open(filepath.Join(out, strconvI(n)+"x"+strconvI(n), "siyana.png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != n || img.Bounds().Dy() != n {
			t.Fatalf("%d: %v %v", n, err, img.Bounds())
		}
		// Not blank: the centre is opaque and differs from the corner.
		_, _, _, a := img.At(n/2, n/2).RGBA()
		if a == 0 || img.At(n/2, n/2) == img.At(0, 0) {
			t.Errorf("%dx%d icon looks blank", n, n)
		}
	}
	small := filepath.Join(t.TempDir(), "small.png")
	f, _ := os.Create(small)
	_ = png.Encode(f, imageOf(64))
	f.Close()
	if err := WriteIcons(small, t.TempDir()); err == nil {
		t.Error("a 64 px source accepted for a 512 px icon")
	}
}

func TestZip(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "siyana.exe")
	_ = os.WriteFile(exe, []byte("MZ fake"), 0o755)
	out := filepath.Join(dir, "out.zip")
	if err := Zip(out, []string{exe}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "siyana.exe" {
		t.Fatalf("%+v", zr.File)
	}
	if err := Zip(filepath.Join(dir, "bad.zip"), []string{filepath.Join(dir, "missing")}); err == nil {
		t.Fatal("zipped a missing file")
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.zip")); err == nil {
		t.Fatal("left a partial zip")
	}
}

// windowsInstallers returns the dist dir ($SIYANA_DIST_DIR, else the repository's dist) and the Windows
// installers `make dist` left there.
func windowsInstallers() (dir string, installers []string) {
	dir = os.Getenv("SIYANA_DIST_DIR")
	if dir == "" {
		dir = "../../dist"
	}
	installers, _ = filepath.Glob(filepath.Join(dir, "siyana-*-windows-amd64-installer.exe"))
	return dir, installers
}

// TestWindowsArtefacts checks the Windows files `make dist` left in SIYANA_DIST_DIR (skipped when there
// are none: make test builds only the .deb): the installer's and the zipped exe's version resources agree,
// match the version in the file name, name the product and carry the icon. Then it stamps a wrong version
// into a copy of the exe and checks the check fails.
func TestWindowsArtefacts(t *testing.T) {
	dir, installers := windowsInstallers()
	if len(installers) != 1 {
		t.Skipf("no single Windows installer in %s (found %d): run make dist", dir, len(installers))
	}
	installer := installers[0]
	describe := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(installer), "siyana-"), "-windows-amd64-installer.exe")
	zipPath := strings.TrimSuffix(installer, "-installer.exe") + ".zip"
	exe := unzipExe(t, zipPath)

	product := productName(t)
	info, err := CheckPE(installer, "0.0.0.0", product)
	if info == nil {
		t.Fatalf("installer unreadable: %v", err)
	}
	want := info.FileVersion
	v, derr := Derive(describe, int(lastField(want)))
	if derr != nil || v.Numeric != want {
		t.Fatalf("installer version %s does not follow %q (%+v %v)", want, describe, v, derr)
	}
	for _, f := range []string{installer, exe} {
		info, err := CheckPE(f, want, product)
		if err != nil {
			t.Fatalf("%v (%+v)", err, info)
		}
		t.Logf("%s: %s %q, %d icon images %v", filepath.Base(f), info.FileVersion, info.Strings["ProductName"], info.IconImages, info.IconSizes)
	}

	// The check can fail: the same exe with another version stamped in.
	wrong := restamp(t, exe, "9.9.9.9")
	if _, err := CheckPE(wrong, want, product); err == nil || !strings.Contains(err.Error(), "file version 9.9.9.9") {
		t.Fatalf("a restamped exe passed: %v", err)
	}
	if _, err := CheckPE(exe, want, "Not Siyana"); err == nil {
		t.Fatal("a wrong product name passed")
	}
}

func unzipExe(t *testing.T, zipPath string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatalf("portable zip: %v", err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "siyana.exe" {
		t.Fatalf("the zip should hold siyana.exe alone: %v", zr.File)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out := filepath.Join(t.TempDir(), "siyana.exe")
	b, err := io.ReadAll(rc)
	if err != nil || !bytes.HasPrefix(b, []byte("MZ")) {
		t.Fatalf("siyana.exe is no PE file (%v)", err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func restamp(t *testing.T, exe, v string) string {
	t.Helper()
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := winres.LoadFromEXE(f)
	if err != nil {
		t.Fatal(err)
	}
	var vi version.Info
	vi.SetFileVersion(v)
	vi.SetProductVersion(v)
	_ = vi.Set(version.LangDefault, version.ProductName, productName(t))
	rs.SetVersionInfo(vi)
	out := filepath.Join(t.TempDir(), "restamped.exe")
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if err := rs.WriteToEXE(w, f); err != nil {
		t.Fatal(err)
	}
	return out
}

// productName reads wails.json's productName, the one the installers are stamped with.
func productName(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../wails.json")
	if err != nil {
		t.Fatal(err)
	}
	const key = `"productName": "`
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		t.Fatal("no productName in wails.json")
	}
	rest := b[i+len(key):]
	return string(rest[:bytes.IndexByte(rest, '"')])
}
