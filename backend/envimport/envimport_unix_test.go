//go:build unix

package envimport

import (
	"errors"
	"net"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadFileRefusesFIFOAndSocket(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.env")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(fifo); !errors.Is(err, ErrNotRegular) { // must not block on open
		t.Fatalf("fifo: %v", err)
	}
	sock := filepath.Join(dir, "s.env")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := ReadFile(sock); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("socket: %v", err)
	}
}
