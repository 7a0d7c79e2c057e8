package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"siyana/backend/applog"
	"siyana/backend/atlas"
	"siyana/backend/buildinfo"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/pages"
	"siyana/backend/platform"
	"siyana/backend/prefs"
	"siyana/backend/profile"
	"siyana/backend/realtime"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/runner"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/theme"
	"siyana/backend/update"
	"siyana/backend/watch"
	"siyana/internal/desktop"
)

// App is the facade bound to the frontend. Each exported method validates its input, calls one backend
// service and returns a result struct; no network, parsing or business rules live here. Secrets only go
// in (SetSecret, ImportEnv); nothing bound returns one. Every service is set by init, also when the config
// dir cannot be opened (then they stand on profile.Unavailable and answer STORE_UNAVAILABLE), so no method
// checks for a missing service.
type App struct {
	ctx context.Context
	rt  platform.Runtime

	configDir string // "" when it could not be opened
	settings  *settings.Service
	history   *history.Store
	log       *slog.Logger // the redacting log file, or the redacting stderr log when there is no file
	logFile   io.Closer
	db        *dbhealth.Service // one cached driver client per profile; closed in shutdown
	atlas     *atlas.Client     // keeps its HTTPS connection alive between lookups
	realtime  *realtime.Service
	reval     *revalidate.Service
	pages     *pages.Service // the storefront pages check (a fresh transport per run)
	// redact knows every secret value read from (or written to) the keychain this session, any profile:
	// the log, history, the operation log, the checks' server texts and diagnostics all scrub with it.
	redact  *redact.Registry
	update  *update.Service // the opt-in release notice
	lang    *i18n.Pref      // the admin's language (language.json); Arabic until changed
	theme   *prefs.Choice   // the admin's colour theme (theme.json); following the OS until changed
	initErr error           // why the config dir could not be opened; tests read it
	// Watching (app_watch.go): the scheduler, its settings (watch.json) and the history database, opened
	// off the first frame's path (see init); read them through w(), which waits until they are.
	watchReady chan struct{} // closed once wp is set
	wp         watchParts

	// The window while watching (app_shell.go): keepAlive (nil = false) says whether closing it only hides
	// it; quitting is set by Quit, after which nothing keeps the app alive. Wails calls in from its own
	// goroutines (a second launch may arrive before OnStartup), so win and keepAlive are read under shellMu.
	shellMu   sync.Mutex
	win       window
	keepAlive func() bool
	quitting  atomic.Bool
	started   chan struct{} // closed when startup has finished; nil until it begins (headless tests never)
}

// NewApp creates the facade; services are built in startup, when the runtime context exists.
func NewApp() *App { return &App{win: noWindow{}} }

func (a *App) startup(ctx context.Context) {
	started := make(chan struct{})
	a.shellMu.Lock()
	a.started = started
	a.shellMu.Unlock()
	defer close(started)
	// First, before anything slow: SIGTERM/SIGINT quit quietly (Wails' own handler prints "Ctrl+C detected"
	// and would shut down while init is still building the services). The quit waits for startup to end.
	desktop.QuitOnSignal(func(sig os.Signal) {
		a.awaitStartup()
		a.log.Info("quitting on a signal", "signal", sig.String())
		a.Quit()
	})
	a.init(ctx, desktop.NewRuntime(ctx), secrets.NewKeychain(secrets.Options{Dev: desktop.Dev}))
	slog.SetDefault(a.log)
	a.startShell(ctx)
}

// startupDone says whether startup has finished (true when it never began: headless tests call init).
func (a *App) startupDone() bool {
	a.shellMu.Lock()
	started := a.started
	a.shellMu.Unlock()
	if started == nil {
		return true
	}
	select {
	case <-started:
		return true
	default:
		return false
	}
}

// awaitStartup returns once startup has finished (at once when it never began: headless tests call init).
func (a *App) awaitStartup() {
	a.shellMu.Lock()
	started := a.started
	a.shellMu.Unlock()
	if started != nil {
		<-started
	}
}

// init builds every service over the given runtime and keychain: tests in this package call it with a
// platform.Recorder and secrets.NewMemory() (and SIYANA_CONFIG_DIR pointing at a temp dir), no Wails.
func (a *App) init(ctx context.Context, rt platform.Runtime, keychain secrets.Store) {
	a.ctx, a.rt = ctx, rt
	a.redact = redact.NewRegistry()
	// Every read of a secret passes this wrapper, so the redactor learns each value as Go first sees it.
	keychain = redact.Recording(keychain, a.redact)
	a.db = dbhealth.New()
	a.atlas = &atlas.Client{}
	a.realtime = realtime.New()
	a.realtime.Redact = a.redact
	store, err := profile.OpenDefault(desktop.Dev) // a dev build has its own dir, never the production profiles
	if err != nil {
		a.initErr = err
		slog.Error("profile store unavailable", "err", err)
		store = profile.Unavailable(err)
	} else {
		a.configDir = filepath.Dir(store.Path())
	}
	a.lang = i18n.OpenPref(a.configDir)
	a.theme = theme.Open(a.configDir)
	a.settings = settings.New(store, keychain)
	a.history = history.Open(a.inConfigDir("last-results.json"))
	a.history.Redact = a.redact
	a.reval = revalidate.New(revalidate.Config{Runtime: a.rt, LogDir: a.configDir, Redact: a.redact})
	a.update = update.New(a.configDir, buildinfo.Version)
	a.pages = &pages.Service{}
	a.openLog()
	// Wails calls OnStartup before the page loads: opening the history database (its quick_check, a new
	// file's schema) and starting the scheduler would delay the first paint, and nothing on the first
	// screen needs them. Every method that does waits for them in w().
	a.watchReady = make(chan struct{})
	go a.openWatch(ctx)
}

// run is the glue shared with cmd/siyanactl (profile + secrets → one service call) over the app's services
// (built per call, so a test that swaps a service is followed).
func (a *App) run() runner.Deps {
	return runner.Deps{Settings: a.settings, DB: a.db, Atlas: a.atlas, Realtime: a.realtime, Reval: a.reval, Storefront: a.pages, Redact: a.redact, Samples: a.w().samples}
}

// inConfigDir is name inside the config dir, "" without one (the service then keeps nothing on disk).
func (a *App) inConfigDir(name string) string {
	if a.configDir == "" {
		return ""
	}
	return filepath.Join(a.configDir, name)
}

func (a *App) shutdown(ctx context.Context) {
	a.awaitStartup() // Wails may shut down while OnStartup still builds the services
	if a.db == nil {
		return // never started: nothing was opened
	}
	a.closeWatch()
	if _, ok := a.window().(desktop.Window); ok {
		desktop.StopNotifications(ctx)
	}
	a.db.Close()
	a.realtime.Close()
	_ = a.logFile.Close()
}

// BuildInfo returns the version, commit and build date stamped into the binary (shown in the footer).
func (a *App) BuildInfo() buildinfo.Info { return buildinfo.Get() }

// openLog starts the structured log under the config dir. It redacts with the app's registry, which learns
// every secret value as the keychain gives it out (any profile, any path), so nothing needs refreshing.
// Without a log file the app still works and logs, redacted, to stderr.
func (a *App) openLog() {
	a.log, a.logFile = slog.New(applog.NewHandler(slog.NewTextHandler(os.Stderr, nil), a.redact)), noFile{}
	if l, err := applog.Open(a.configDir, slog.LevelInfo, a.redact); err != nil {
		a.log.Error("log file unavailable", "err", err)
	} else {
		a.log, a.logFile = l.Logger, l
	}
	// Every check result is logged as it is recorded: the support trail. The history store hands it over
	// scrubbed; the redacting handler is the second line of defence.
	a.history.OnPut = func(profileID, kind string, raw json.RawMessage) {
		a.log.Info("check result", "profile", profileID, "kind", kind, "result", string(raw))
	}
	a.log.Info("started", "configDir", a.configDir)
}

// scrubbed is v as the UI may see it: every string scrubbed with the app's redactor (see redact.Clean). Every
// check result passes it on its way back, as its copy in history does on its way to disk.
func scrubbed[T any](a *App, v T) T { return redact.Clean(a.redact.Scrubber(), v) }

// recorded runs one check of the runner on the profile and hands its answer back: when the check ran (ran
// is false when a stop reason replaced the result), it is kept in history under kind — a failed write only
// costs "last result" — and in the watch history as a manual sample, and scrubbed; otherwise it goes back
// as it is. It waits for a scheduled run of the same check to finish first (never two at once).
func recorded[T any](a *App, profileID, kind string, check func(context.Context, string) (T, bool)) T {
	var res T
	run := func() {
		var ran bool
		if res, ran = check(a.ctx, profileID); !ran {
			return
		}
		_ = a.history.Put(profileID, kind, res)
		res = scrubbed(a, res)
		a.sampled(profileID, kind, res)
	}
	if !a.w().watch.Exclusive(a.ctx, profileID, kind, run) {
		run() // the app is closing (its context ended): the check answers CANCELED at once
	}
	return res
}

// sampled records a manual run's scrubbed result as a watch sample (kinds that cannot be watched are not).
func (a *App) sampled(profileID, kind string, scrubbedResult any) {
	if _, ok := watch.SpecOf(kind); ok {
		a.w().watch.Record(profileID, kind, watch.OutcomeOf(scrubbedResult), time.Now())
	}
}

// noFile is the log file's Close when there is no log file.
type noFile struct{}

func (noFile) Close() error { return nil }
