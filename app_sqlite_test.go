package main

import (
	"database/sql"
	"slices"
	"testing"
)

// The watch history needs the "sqlite" driver, which backend/samples leaves to the binary (app_watch.go
// imports it): without it every history read would answer CodeUnavailable.
func TestSQLiteDriverIsRegistered(t *testing.T) {
	if !slices.Contains(sql.Drivers(), "sqlite") {
		t.Fatalf("no sqlite driver among %v", sql.Drivers())
	}
}
