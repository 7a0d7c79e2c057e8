package main

import (
	"context"

	"siyana/backend/buildinfo"
	"siyana/backend/platform"
)

// App is the facade bound to the frontend. Each exported method validates its input, calls one backend
// service and returns a result struct; no network, parsing or business rules live here.
type App struct {
	ctx context.Context
	rt  platform.Runtime
}

// NewApp creates the facade; services are built in startup, when the runtime context exists.
func NewApp() *App { return &App{} }

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.rt = newRuntime(ctx)
}

func (a *App) shutdown(context.Context) {}

// BuildInfo returns the version, commit and build date stamped into the binary (shown in the footer).
func (a *App) BuildInfo() buildinfo.Info { return buildinfo.Get() }
