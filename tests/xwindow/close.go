package xwindow

/*
#cgo pkg-config: x11
#include <X11/Xlib.h>
#include <stdlib.h>

// closeWindow asks window w to close as a window manager's close button does: a WM_PROTOCOLS client
// message with WM_DELETE_WINDOW (GTK turns it into the window's delete-event). 0 on success.
static int closeWindow(unsigned long w) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 1;
	XEvent ev = {0};
	ev.xclient.type = ClientMessage;
	ev.xclient.window = (Window)w;
	ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = XInternAtom(d, "WM_DELETE_WINDOW", False);
	ev.xclient.data.l[1] = CurrentTime;
	Status ok = XSendEvent(d, (Window)w, False, NoEventMask, &ev);
	XSync(d, False);
	XCloseDisplay(d);
	return ok ? 0 : 2;
}
*/
import "C"

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Close asks the X window id to close the way a window manager's close button does (Xvfb has no window
// manager: xdotool's windowclose would destroy the window instead of asking).
func Close(t *testing.T, id string) {
	t.Helper()
	w, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		t.Fatalf("window id %q: %v", id, err)
	}
	if rc := C.closeWindow(C.ulong(w)); rc != 0 {
		t.Fatalf("WM_DELETE_WINDOW to %s failed (%d)", id, rc)
	}
}

// Visible lists the viewable top-level X windows of process pid that have a name (the app's window; GTK's
// own helper windows are unnamed or unmapped).
func Visible(t *testing.T, pid int) []string {
	t.Helper()
	out, _ := exec.Command("xdotool", "search", "--all", "--onlyvisible", "--pid", strconv.Itoa(pid), "--name", ".").Output() // exit 1: none
	return strings.Fields(string(out))
}

// WaitVisible polls until pid has a visible window (want true) or none (want false), within timeout, and
// returns the windows last seen.
func WaitVisible(t *testing.T, pid int, want bool, timeout time.Duration) ([]string, bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ids := Visible(t, pid)
		if (len(ids) > 0) == want {
			return ids, true
		}
		if time.Now().After(deadline) {
			return ids, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Unmap takes window id off the screen behind the app's back (as minimising to nowhere would: Xvfb has no
// window manager to minimise to).
func Unmap(t *testing.T, id string) {
	t.Helper()
	if out, err := exec.Command("xdotool", "windowunmap", "--sync", id).CombinedOutput(); err != nil {
		t.Fatalf("xdotool windowunmap %s: %v %s", id, err, out)
	}
}
