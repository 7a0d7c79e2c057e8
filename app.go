package main

import (
	"context"
	"log/slog"
	"path/filepath"

	"siyana/backend/applog"
	"siyana/backend/atlas"
	"siyana/backend/buildinfo"
	"siyana/backend/dbhealth"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/realtime"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/update"
)

// App is the facade bound to the frontend. Each exported method validates its input, calls one backend
// service and returns a result struct; no network, parsing or business rules live here. Secrets only go
// in (SetSecret, ImportEnv); nothing bound returns one.
type App struct {
	ctx context.Context
	rt  platform.Runtime

	configDir string
	profiles  *profile.Store
	settings  *settings.Service
	history   *history.Store
	log       *applog.Log       // nil when the log file could not be opened; logger() then falls back to slog's
	db        *dbhealth.Service // one cached driver client per profile; closed in shutdown
	atlas     *atlas.Client     // keeps its HTTPS connection alive between lookups
	realtime  *realtime.Service
	reval     *revalidate.Service
	// redact knows every secret value read from (or written to) the keychain this session, any profile:
	// the log, history, the operation log, the checks' server texts and diagnostics all scrub with it.
	redact  *redact.Registry
	update  *update.Service // the opt-in release notice; nil without a config dir
	lang    *i18n.Pref      // the admin's language (language.json); nil without a config dir answers Arabic
	initErr error           // the config dir could not be opened; every method reports it
}

// NewApp creates the facade; services are built in startup, when the runtime context exists.
func NewApp() *App { return &App{} }

func (a *App) startup(ctx context.Context) {
	a.init(ctx, newRuntime(ctx), secrets.NewKeychain(secrets.Options{Dev: devBuild}))
	if a.log != nil {
		slog.SetDefault(a.log.Logger)
	}
}

// init builds the services over the given runtime and keychain: tests in this package call it with a
// platform.Recorder and secrets.NewMemory() (and SIYANA_CONFIG_DIR pointing at a temp dir), no Wails.
func (a *App) init(ctx context.Context, rt platform.Runtime, keychain secrets.Store) {
	a.ctx = ctx
	a.rt = rt
	a.redact = redact.NewRegistry()
	// Every read of a secret passes this wrapper, so the redactor learns each value as Go first sees it.
	keychain = redact.Recording(keychain, a.redact)
	// The checks need no config dir: created first so they answer (NOT_CONFIGURED) even without one.
	a.db = dbhealth.New()
	a.atlas = &atlas.Client{}
	a.realtime = realtime.New()
	a.realtime.Redact = a.redact
	store, err := profile.OpenDefault(devBuild) // a dev build has its own dir, never the production profiles
	if err != nil {
		a.initErr = err
		slog.Error("profile store unavailable", "err", err)
		return
	}
	a.profiles = store
	a.configDir = filepath.Dir(store.Path())
	a.lang = i18n.OpenPref(a.configDir)
	a.settings = settings.New(store, keychain)
	a.history = history.Open(filepath.Join(a.configDir, "last-results.json"))
	a.history.Redact = a.redact
	a.reval = revalidate.New(revalidate.Config{Runtime: a.rt, LogDir: a.configDir, Redact: a.redact})
	a.update = update.New(a.configDir, buildinfo.Version)
	a.openLog()
}

func (a *App) shutdown(context.Context) {
	if a.db != nil {
		a.db.Close()
	}
	if a.realtime != nil {
		a.realtime.Close()
	}
	if a.log != nil {
		_ = a.log.Close()
	}
}

// BuildInfo returns the version, commit and build date stamped into the binary (shown in the footer).
func (a *App) BuildInfo() buildinfo.Info { return buildinfo.Get() }
