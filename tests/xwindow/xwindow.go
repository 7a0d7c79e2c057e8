// Package xwindow holds what the window tests under Xvfb share: grabbing the screen or one window, and
// telling a rendered window from a blank one. Used by tests/binary (the built binary) and tests/install
// (the binary installed from the .deb).
package xwindow

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// Screenshot grabs the X window id ("root" for the whole screen) as PNG.
func Screenshot(t *testing.T, id string) []byte {
	t.Helper()
	b, err := exec.Command("import", "-window", id, "png:-").Output()
	if err != nil {
		t.Fatalf("import -window %s: %v", id, err)
	}
	return b
}

// InkStats counts distinct colours and the share of pixels that differ from the most common colour.
func InkStats(t *testing.T, pngBytes []byte) (colours int, ink float64) {
	t.Helper()
	return InkStatsFrom(t, pngBytes, 0)
}

// InkStatsFrom is InkStats over the rows from fromY (a fraction of the image's height) down.
func InkStatsFrom(t *testing.T, pngBytes []byte, fromY float64) (colours int, ink float64) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y + int(fromY*float64(b.Dy())); y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	total, top := 0, 0
	for _, n := range counts {
		total += n
		if n > top {
			top = n
		}
	}
	return len(counts), 1 - float64(top)/float64(total)
}

// Rendered is the bar a shot must pass to show a painted window: text (many colours from anti-aliased
// Arabic glyphs) over more than a sliver of the image.
func Rendered(colours int, ink float64) bool { return colours > 40 && ink > 0.02 }

// WaitRendered grabs window id until it looks rendered or timeout passes, and returns the last shot.
// Poll rather than sleep: first paint takes 0.3-0.9 s here.
func WaitRendered(t *testing.T, id string, timeout time.Duration) (shot []byte, colours int, ink float64) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		shot = Screenshot(t, id)
		colours, ink = InkStats(t, shot)
		if Rendered(colours, ink) {
			break
		}
	}
	return shot, colours, ink
}

// ImageSize returns a PNG's width and height.
func ImageSize(pngBytes []byte) (int, int) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(pngBytes))
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}

// Start launches bin with env added to the test's environment, in its own process group (the app and the
// WebKit helpers it spawns), and stops the whole group when the test ends; its output is logged when the
// test failed.
func Start(t *testing.T, env []string, bin string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		Stop(cmd)
		if t.Failed() {
			t.Logf("%s output:\n%s", bin, out.String())
		}
	})
	return cmd
}

// Stop ends cmd's process group: SIGTERM, then SIGKILL after 5 s. Safe to call twice.
func Stop(cmd *exec.Cmd) {
	if cmd.Process == nil || cmd.ProcessState != nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}
