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
	"sync"
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

// Start launches bin as Launch does and returns its command (Stop ends it).
func Start(t *testing.T, env []string, bin string, args ...string) *exec.Cmd {
	t.Helper()
	return Launch(t, env, bin, args...).Cmd
}

// Stop ends the process group of a command Start returned: SIGTERM, then SIGKILL after 5 s. Safe to call
// twice.
func Stop(cmd *exec.Cmd) {
	if r, ok := runs.Load(cmd); ok {
		r.(*Run).Stop()
	}
}

// runs maps each command Start returned to its Run, for Stop.
var runs sync.Map

// Run is one launch of a binary: its process group, its output and how it ended.
type Run struct {
	Cmd  *exec.Cmd
	out  syncBuffer
	done chan struct{}
	once sync.Once
}

// Launch starts bin with env added to the test's environment, in its own process group (the app and the
// WebKit helpers it spawns), and stops the whole group when the test ends; its output is logged when the
// test failed.
func Launch(t *testing.T, env []string, bin string, args ...string) *Run {
	t.Helper()
	r := &Run{Cmd: exec.Command(bin, args...), done: make(chan struct{})}
	r.Cmd.Env = append(os.Environ(), env...)
	r.Cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	r.Cmd.Stdout, r.Cmd.Stderr = &r.out, &r.out
	if err := r.Cmd.Start(); err != nil {
		t.Fatal(err)
	}
	runs.Store(r.Cmd, r)
	go func() { _ = r.Cmd.Wait(); close(r.done) }()
	t.Cleanup(func() {
		r.Stop()
		runs.Delete(r.Cmd)
		if t.Failed() {
			t.Logf("%s %v output:\n%s", bin, args, r.Output())
		}
	})
	return r
}

// PID is the process id (and process group) of the launched binary.
func (r *Run) PID() int { return r.Cmd.Process.Pid }

// Output is what the binary printed so far (stdout and stderr).
func (r *Run) Output() string { return r.out.String() }

// ExitedWithin reports whether the binary ended within d.
func (r *Run) ExitedWithin(d time.Duration) bool {
	select {
	case <-r.done:
		return true
	case <-time.After(d):
		return false
	}
}

// ExitCode is the binary's exit status once it has ended (-1 when a signal ended it).
func (r *Run) ExitCode() int { return r.Cmd.ProcessState.ExitCode() }

// Stop ends the process group: SIGTERM, then SIGKILL after 5 s, and the helpers an app that already
// exited left behind. Safe to call twice.
func (r *Run) Stop() {
	r.once.Do(func() {
		pgid := r.PID()
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-r.done:
		case <-time.After(5 * time.Second):
		}
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-r.done
	})
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
