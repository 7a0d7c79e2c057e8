//go:build !dev

package main

import (
	"context"

	"siyana/backend/platform"
)

const devBuild = false

func newRuntime(ctx context.Context) platform.Runtime { return wailsRuntime{ctx: ctx} }
