//go:build !dev

package main

import (
	"context"

	"siyana/backend/platform"
)

const devBuild = false

func newRuntime(ctx context.Context) platform.Runtime { return wailsRuntime{ctx: ctx} }

// heldBridge is the dev build's guarded dev server (bridge_dev.go); production builds have none.
type heldBridge struct{}

func holdDevBridge() (*heldBridge, error) { return nil, nil }

func (*heldBridge) serve(context.Context) {}
