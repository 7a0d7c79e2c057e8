// Package atomicfile writes a file so a reader sees either the old content or the new, never a torn
// write: a temp file in the same directory, owner-only, synced, then renamed over the target. Every file
// Siyana keeps under its config dir (profiles, last results, the revalidation log, the sandbox state) goes
// through it.
package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
)

// WriteFile replaces path with b, mode 0600. The directory must exist.
func WriteFile(path string, b []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Windows has no POSIX modes; its ACLs come from the (per-user) config dir.
	if err = tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if _, err = tmp.Write(b); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // best effort: makes the rename itself durable where the OS supports it
		d.Close()
	}
	return nil
}
