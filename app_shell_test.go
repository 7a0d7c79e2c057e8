package main

import (
	"context"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/secrets"
)

// windowRecorder is a window for tests: it records what the app asked of it.
type windowRecorder struct{ calls []string }

func (w *windowRecorder) Hide()   { w.calls = append(w.calls, "hide") }
func (w *windowRecorder) Reveal() { w.calls = append(w.calls, "reveal") }
func (w *windowRecorder) Quit()   { w.calls = append(w.calls, "quit") }

func (w *windowRecorder) SetTitle(t string) { w.calls = append(w.calls, "title "+t) }

func newShellApp(t *testing.T) (*App, *windowRecorder) {
	t.Helper()
	t.Setenv("SIYANA_CONFIG_DIR", t.TempDir())
	a := NewApp()
	a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	t.Cleanup(a.closeWatch) // the history opens in its own goroutine: closed before the temp dir goes
	w := &windowRecorder{}
	a.win = w
	return a, w
}

// Closing the window quits unless something keeps the app alive; then it only hides the window. After
// Quit nothing holds the app back, so the close that Wails' runtime.Quit asks about goes through.
func TestCloseHidesOnlyWhileKeptAlive(t *testing.T) {
	a, w := newShellApp(t)
	if a.beforeClose(context.Background()) {
		t.Fatal("without keepAlive the close was prevented")
	}
	watching := false
	a.keepAlive = func() bool { return watching }
	if a.beforeClose(context.Background()) {
		t.Fatal("keepAlive false: the close was prevented")
	}
	watching = true
	if !a.beforeClose(context.Background()) {
		t.Fatal("keepAlive true: the window closed")
	}
	a.Quit()
	if a.beforeClose(context.Background()) {
		t.Fatal("after Quit the close was still prevented")
	}
	if want := []string{"hide", "quit"}; !reflect.DeepEqual(w.calls, want) {
		t.Fatalf("window calls %v, want %v", w.calls, want)
	}
}

func TestSecondInstanceRevealsTheWindow(t *testing.T) {
	a, w := newShellApp(t)
	a.secondInstance()
	if !reflect.DeepEqual(w.calls, []string{"reveal"}) {
		t.Fatalf("window calls %v", w.calls)
	}
}

// Before Wails starts (and in headless tests) the window is there but does nothing: no nil to trip on.
func TestQuitBeforeTheWindowExists(t *testing.T) {
	NewApp().secondInstance() // a second launch that arrives before OnStartup
	t.Setenv("SIYANA_CONFIG_DIR", t.TempDir())
	a := NewApp()
	a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	t.Cleanup(a.closeWatch)
	a.Quit()
	a.secondInstance()
	a.keepAlive = func() bool { return true }
	if a.beforeClose(context.Background()) {
		t.Fatal("after Quit the close was prevented")
	}
}

// The store that opens a clicked notification's card listens to Go's event name and maps every check
// kind history keeps to a card.
func TestOpenCardStoreFollowsGo(t *testing.T) {
	b, err := os.ReadFile("frontend/src/stores/shell.svelte.ts")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	if !strings.Contains(src, "openCardEvent = '"+platform.EventOpenCard+"'") {
		t.Errorf("shell.svelte.ts does not listen to %q", platform.EventOpenCard)
	}
	m := regexp.MustCompile(`(?s)const cardOf[^{]*\{(.*?)\n\}`).FindStringSubmatch(src)
	if m == nil {
		t.Fatal("cardOf not found in shell.svelte.ts")
	}
	for _, kind := range []string{history.KindDatabase, history.KindAtlas, history.KindPusherCreds, history.KindPusherLive,
		history.KindSite, history.KindRevalidation} {
		if !regexp.MustCompile(`\b` + kind + `:`).MatchString(m[1]) {
			t.Errorf("check %q has no card in shell.svelte.ts's cardOf", kind)
		}
	}
}

// Wails can shut down an app whose OnStartup never ran or has not finished (a SIGTERM right after launch):
// shutdown waits for startup and closes only what was opened.
func TestShutdownBeforeStartup(t *testing.T) {
	a := NewApp()
	a.shutdown(context.Background()) // never started: must not touch nil services
	a.started = make(chan struct{})
	done := make(chan struct{})
	go func() { a.shutdown(context.Background()); close(done) }()
	select {
	case <-done:
		t.Fatal("shutdown did not wait for a startup in progress")
	case <-time.After(50 * time.Millisecond):
	}
	close(a.started)
	<-done
}

// A close that arrives while OnStartup is still running (the window shows first) is decided once startup
// has set keepAlive: hidden while something is watched, else the app quits.
func TestCloseDuringStartupWaitsForIt(t *testing.T) {
	for _, kept := range []bool{true, false} {
		a, _ := newShellApp(t)
		calls := make(chan string, 1)
		a.win = chanWindow(calls)
		a.started = make(chan struct{})
		if !a.beforeClose(context.Background()) {
			t.Fatal("a close during startup went through before keepAlive was known")
		}
		a.keepAlive = func() bool { return kept }
		select {
		case c := <-calls:
			t.Fatalf("decided %q before startup ended", c)
		case <-time.After(30 * time.Millisecond):
		}
		close(a.started)
		want := map[bool]string{true: "hide", false: "quit"}[kept]
		if got := <-calls; got != want {
			t.Fatalf("kept=%v: %s, want %s", kept, got, want)
		}
	}
}

type chanWindow chan string

func (c chanWindow) Hide()   { c <- "hide" }
func (c chanWindow) Reveal() { c <- "reveal" }
func (c chanWindow) Quit()   { c <- "quit" }

func (c chanWindow) SetTitle(t string) { c <- "title " + t }

// The window's title follows the language: opened in the saved one (WindowTitle), renamed on a switch.
func TestWindowTitleFollowsTheLanguage(t *testing.T) {
	a, w := newShellApp(t)
	if got := WindowTitle(a.configDir); got != i18n.T("ar", "common.windowTitle", nil) {
		t.Fatalf("first title %q", got)
	}
	if res := a.SetLanguage("en"); !res.OK {
		t.Fatal(res.Code)
	}
	en := i18n.T("en", "common.windowTitle", nil)
	if en == i18n.T("ar", "common.windowTitle", nil) {
		t.Fatal("the catalogs give one title for both languages: the test proves nothing")
	}
	if !slices.Contains(w.calls, "title "+en) {
		t.Fatalf("calls %v, want the English title", w.calls)
	}
	if got := WindowTitle(a.configDir); got != en {
		t.Fatalf("a restart would open with %q, want %q", got, en)
	}
}
