package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"siyana/backend/atomicfile"
	"siyana/backend/profile"
)

// StateFileName is written into the config dir while a sandbox runs. On a headless machine `make run` starts
// the app inside its own throwaway keyring session, which the sandbox in another terminal cannot reach; so
// the sandbox publishes its peers here and scripts/open.sh runs `siyana-sandbox seed` inside the app's
// session. It holds only loopback addresses and the fixed test credentials of peers this command started
// (never a real secret), still 0600 in the 0700 config dir like every other file there.
const StateFileName = "sandbox.json"

// State is the content of the state file.
type State struct {
	PID   int    `json:"pid"` // the sandbox command; a state whose process is gone is stale
	Peers *Peers `json:"peers"`
}

// errNoSandbox means no running sandbox published its peers (nothing to seed).
var errNoSandbox = errors.New("no sandbox is running (start one with `make sandbox`)")

func statePath(dir string) (string, error) {
	if dir == "" {
		var err error
		if dir, err = profile.DefaultDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, StateFileName), nil
}

// writeState publishes p for `seed`, atomically (temp file + rename) so a reader never sees half of it.
func writeState(dir string, p *Peers) (string, error) {
	path, err := statePath(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(State{PID: os.Getpid(), Peers: p}, "", "  ")
	if err != nil {
		return "", err
	}
	return path, atomicfile.WriteFile(path, b)
}

// readState returns the running sandbox's peers, errNoSandbox when there is none; a stale file (its process
// is gone, e.g. after kill -9) is removed so the next `make run` does not seed dead addresses.
func readState(dir string) (*State, error) {
	path, err := statePath(dir)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoSandbox
	}
	if err != nil {
		return nil, err
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil || st.Peers == nil {
		return nil, fmt.Errorf("%s is unreadable (%v): stop the sandbox and start it again", path, err)
	}
	if !alive(st.PID) {
		_ = os.Remove(path)
		return nil, errNoSandbox
	}
	return &st, nil
}

// removeState deletes the state file if it is still ours (a second sandbox may have replaced it).
func removeState(dir string) {
	path, err := statePath(dir)
	if err != nil {
		return
	}
	if b, err := os.ReadFile(path); err == nil {
		var st State
		if json.Unmarshal(b, &st) == nil && st.PID != os.Getpid() {
			return
		}
	}
	_ = os.Remove(path)
}

func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
